"""Reusing the last build: a rebuild that reuses it is the build from scratch, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ankigen.anki.read import read_package
from ankigen.anki.state import load
from ankigen.config.deck import load_config
from ankigen.pipeline.outdated import config_digest
from ankigen.pipeline.reuse import source_key, split
from ankigen.pipeline.write import digest_of
from ankigen.sources import parse_file
from benchmarks.corpus import write_corpus
from tests.conftest import build


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
    if config_changes:  # then nothing may be reused
        config = source.parent / "benchmark.deck.yaml"
        config.write_text(
            config.read_text().replace("key: benchmark", "key: benchmark\ntags: [bench]")
        )
    shutil.copytree(tmp_path / "out", tmp_path / "scratch")
    (tmp_path / "scratch" / "benchmark.apkg").unlink()  # nothing to reuse: everything is made anew

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    build([source.parent], tmp_path / "out")
    build([source.parent], tmp_path / "scratch")
    for name in ("benchmark.apkg", "benchmark.state.jsonl"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes()
    notes = read_package(tmp_path / "out" / "benchmark.apkg").notes
    assert all(("bench" in note.tags) == config_changes for note in notes)
    assert sum("Edited." in note.fields[1] for note in notes) == 1
    assert sum(note.fields[0].startswith("<p>How does") for note in notes) == 1


def test_only_changed_cards_are_made_anew(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "src", 50)
    build([source.parent], tmp_path / "out")
    source.write_text(source.read_text().replace("\nA\n\n", "\nA\n\nEdited. ", 2))
    config = load_config(source.parent / "benchmark.deck.yaml")
    cards = parse_file(source).cards
    apkg = tmp_path / "out" / "benchmark.apkg"
    previous = load(tmp_path / "out" / "benchmark.state.jsonl")
    reused = split(cards, previous, apkg, digest_of(apkg), config_digest(config))
    assert [card.number for card in reused.fresh] == [1, 2]
    assert sorted(reused.reused) == list(range(2, 50))

    # A package that is not the one the state describes is never trusted.
    assert len(split(cards, previous, apkg, "another digest", config_digest(config)).fresh) == 50
    assert len(split(cards, previous, apkg, digest_of(apkg), "another config").fresh) == 50


def test_cards_with_images_or_html_are_never_reused(tmp_path: Path) -> None:
    from ankigen.model import Card

    assert source_key(Card(1, 1, "q", "a")) != ""
    assert source_key(Card(1, 1, "q", "![x](x.png)")) == ""
    assert source_key(Card(1, 1, "q", "a", markup="html")) == ""
    assert source_key(Card(1, 1, "q", "[sound:a.mp3]")) == ""
    assert source_key(Card(1, 1, "q", "a", id="x")) != source_key(Card(1, 1, "q", "a"))
