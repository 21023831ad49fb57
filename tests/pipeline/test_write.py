"""Atomic writes: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ankigen.errors import SourceError
from ankigen.pipeline.write import write_atomic


def test_writes_create_folders_and_get_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deck.apkg"
    old = os.umask(0o022)
    try:
        write_atomic(path, b"deck")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"deck"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deck.apkg"
    path.write_bytes(b"the good deck")

    def disk_full(source: str, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(SourceError) as raised:
        write_atomic(path, b"the new deck")
    assert str(raised.value) == f"{path}: error: cannot write: No space left on device"
    assert path.read_bytes() == b"the good deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_builds_killed_at_any_moment_leave_nothing_the_next_build_does_not_mend(
    tmp_path: Path,
) -> None:
    """Seven of thirty SIGKILLs once left temporary files behind, which fail CI's
    clean-tree check; one between the two renames left a package beside an old state."""
    import signal
    import subprocess
    import sys
    import time

    from ankigen.anki import state
    from ankigen.pipeline.write import file_digest
    from tests.conftest import page

    (tmp_path / "source_cards").mkdir()
    source = tmp_path / "source_cards" / "big.txt"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {
        "TMPDIR": str(scratch)
    }
    command = [sys.executable, "-m", "ankigen", "build", "-q"]
    for round, delay in enumerate((0.3, 0.6, 0.9, 1.2, 1.5)):
        cards = [(f"Q{i} of round {round}?", f"* answer {i}\n* `code`") for i in range(1500)]
        source.write_text(page(cards))
        killed = subprocess.Popen(command, cwd=tmp_path, env=env)
        time.sleep(delay)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        mended = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert mended.returncode == 0, mended.stderr
        leftovers = [p.name for p in (tmp_path / "build").iterdir() if p.name.endswith(".tmp")]
        assert leftovers == [] and list(scratch.iterdir()) == [], round
        record = state.load(tmp_path / "build" / "big.state.jsonl")
        assert record is not None
        assert record.package == file_digest(tmp_path / "build" / "big.apkg")  # the pair agrees
        assert len(record.notes) == 1500 and record.notes[0].question == f"Q0 of round {round}?"


def test_temporary_files_of_a_running_build_are_left_alone(tmp_path: Path) -> None:
    from ankigen import scratch

    mine = tmp_path / f".deck.apkg.{os.getpid()}.x1.tmp"
    dead = tmp_path / ".deck.apkg.999999999.x2.tmp"
    other = tmp_path / ".notes.txt.swp"
    for path in (mine, dead, other):
        path.write_text("")
    (tmp_path / "ankigen-999999999-abc").mkdir()
    scratch.remove_stale(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])


def test_a_full_temporary_folder_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from tests.conftest import SEED, run

    def full(*args: object, **kwargs: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", full)
    result = run("build", str(SEED), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    apkg = tmp_path / "out" / "unit14-orchestration-mlops-job-scheduling.apkg"
    assert result.stderr.startswith(f"{apkg}: error: cannot write the deck's collection in ")
    assert result.stderr.endswith(": database or disk is full\n")
    assert not apkg.exists()
