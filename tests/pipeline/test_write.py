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
