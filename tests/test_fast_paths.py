"""The fast paths give the same deck as the plain ones (speed is measured in benchmarks/)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ankigen import render
from ankigen.apkg import read_package
from ankigen.builder import build
from ankigen.sources import parse_text
from benchmarks.corpus import corpus, write_corpus
from tests.conftest import ROOT
from tests.test_render import REFERENCE


def test_fast_rendering_equals_markdown_it_on_the_benchmark_corpus() -> None:
    renderer = render.Renderer()
    cards = parse_text(corpus(2000)).cards
    texts = [text for card in cards for text in (card.question, card.answer)]
    fast = sum(
        1
        for t in texts
        if render.plain_paragraph(t) is not None or render.plain_list(t) is not None
    )
    assert fast > len(texts) / 2  # the fast paths do carry most of the corpus
    for text in texts:
        assert renderer(text) == REFERENCE.render(text).strip()


def test_parallel_rendering_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    cards = parse_text(corpus(600)).cards
    serial = render.Renderer().cards(cards)
    monkeypatch.setattr(render, "PARALLEL_MIN", 10)
    monkeypatch.setattr(render, "_CHUNK", 37)
    assert render.Renderer().cards(cards) == serial


@pytest.mark.parametrize("config_changes", [False, True], ids=["same-config", "new-config"])
def test_a_rebuild_reusing_the_last_build_equals_a_build_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config_changes: bool
) -> None:
    source = write_corpus(tmp_path / "src", 300)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([source.parent], tmp_path / "out")
    text = source.read_text()
    source.write_text(
        text.replace("\nA\n\n", "\nA\n\nEdited. ", 1).replace("What does", "How does", 1)
    )
    if config_changes:  # then tags, GUIDs and hashes must not be reused
        config = source.parent / "benchmark.deck.yaml"
        config.write_text(
            config.read_text().replace("key: benchmark", "key: benchmark\ntags: [bench]")
        )
    shutil.copytree(tmp_path / "out", tmp_path / "scratch")
    (tmp_path / "scratch" / "benchmark.apkg").unlink()  # nothing to reuse: everything is made anew

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    build([source.parent], tmp_path / "out")
    build([source.parent], tmp_path / "scratch")
    for name in ("benchmark.apkg", "benchmark.state.json"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes()
    notes = read_package(tmp_path / "out" / "benchmark.apkg").notes
    assert all(("bench" in note.tags) == config_changes for note in notes)
    assert sum("Edited." in note.fields[1] for note in notes) == 1
    assert sum(note.fields[0].startswith("<p>How does") for note in notes) == 1


def test_the_lean_reference_builds_the_same_deck(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "src", 400)
    build([source.parent], tmp_path / "out")
    subprocess.run(
        [sys.executable, "-m", "benchmarks.lean", str(source), str(tmp_path / "lean.apkg")],
        cwd=ROOT,
        check=True,
    )

    def content(path: Path) -> dict[str, object]:
        return {n.guid: (n.fields, n.tags) for n in read_package(path).notes}

    assert content(tmp_path / "lean.apkg") == content(tmp_path / "out" / "benchmark.apkg")
