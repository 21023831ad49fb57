"""The .apkg file itself: contents, permissions and atomic replacement."""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from ankigen import package
from ankigen.identity import MODEL_ID
from ankigen.model import BuiltDeck, Note

DECK = BuiltDeck(
    name="Parent::Child",
    deck_id=1 << 41,
    description="",
    notes=(
        Note("guid-1", "<p>q1</p>", "<p>a1</p>", ("K8S",), mod=1_700_000_100),
        Note("guid-2", "<p>q2</p>", "<p>a2</p>", (), mod=1_700_000_200),
    ),
    note_type_mod=1_700_000_300,
)


def read_notes(path: Path, tmp_path: Path) -> list[tuple[str, int, str, str]]:
    with zipfile.ZipFile(path) as archive:
        (tmp_path / "col.anki2").write_bytes(archive.read("collection.anki2"))
        assert archive.read("media") == b"{}"
    with sqlite3.connect(tmp_path / "col.anki2") as db:
        rows = db.execute("SELECT guid, mod, flds, tags FROM notes ORDER BY id").fetchall()
    return [(guid, mod, fields, tags.strip()) for guid, mod, fields, tags in rows]


def test_notes_keep_their_own_modification_times(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    package.write_package(DECK, path)
    assert read_notes(path, tmp_path) == [
        ("guid-1", 1_700_000_100, "<p>q1</p>\x1f<p>a1</p>", "K8S"),
        ("guid-2", 1_700_000_200, "<p>q2</p>\x1f<p>a2</p>", ""),
    ]


def test_note_type_comes_from_the_template_files() -> None:
    model = package.note_type()
    assert model.model_id == MODEL_ID
    assert [field["name"] for field in model.fields] == ["Question", "Answer"]
    assert "{{Question}}" in model.templates[0]["qfmt"]
    assert "{{Answer}}" in model.templates[0]["afmt"]
    assert ".card.nightMode" in model.css


def test_the_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    old = os.umask(0o022)
    try:
        package.write_package(DECK, path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_deck_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deck.apkg"
    path.write_bytes(b"the good deck")

    def disk_full(path: Path, collection: bytes) -> None:
        path.write_bytes(collection[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package, "_write_zip", disk_full)
    with pytest.raises(OSError, match="No space left"):
        package.write_package(DECK, path)
    assert path.read_bytes() == b"the good deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]
