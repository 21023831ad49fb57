"""The benchmark's reference pipeline builds the deck ankigen builds, so timing them
side by side compares like with like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ankigen.anki.read import read_package
from benchmarks.corpus import write_corpus
from tests.conftest import ROOT, build


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
