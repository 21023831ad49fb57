"""The .apkg file itself: contents, permissions and atomic replacement."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ankigen import notetype, package
from ankigen.model import BuiltDeck, Note
from ankigen.notetype import MODEL_ID

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
    digest = package.write_package(DECK, path)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert read_notes(path, tmp_path) == [
        ("guid-1", 1_700_000_100, "<p>q1</p>\x1f<p>a1</p>", "K8S"),
        ("guid-2", 1_700_000_200, "<p>q2</p>\x1f<p>a2</p>", ""),
    ]


def test_the_collection_has_genankis_schema_indexes_and_all(tmp_path: Path) -> None:
    """Notes and cards are indexed after they are inserted; the schema ends up the same."""
    from genanki.apkg_schema import APKG_SCHEMA

    package.write_package(DECK, tmp_path / "deck.apkg")
    read_notes(tmp_path / "deck.apkg", tmp_path)
    with sqlite3.connect(tmp_path / "col.anki2") as built, sqlite3.connect(":memory:") as plain:
        plain.executescript(APKG_SCHEMA)
        query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        assert built.execute(query).fetchall() == plain.execute(query).fetchall()
        assert built.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_genanki_is_imported_without_asyncio_and_writes_the_same_note_type() -> None:
    """The stand-in for genanki's ``cached_property`` dependency keeps asyncio out of a
    build (start-up time) and changes nothing genanki writes."""
    show = "import json, sys; print(json.dumps([{}, 'asyncio' in sys.modules], sort_keys=True))"
    note_type = "package.note_type().to_json(1, 2)"
    runs = [
        subprocess.run(
            [sys.executable, "-c", f"{setup}; {show.format(note_type)}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for setup in (
            "from ankigen import package",
            "import genanki; from ankigen import package",  # genanki imported as it is
        )
    ]
    (ours, ours_asyncio), (plain, plain_asyncio) = (json.loads(run) for run in runs)
    assert ours == plain
    assert ours["req"] == [[0, "all", [0]]]  # the card needs its Question field
    assert not ours_asyncio and plain_asyncio


def test_note_type_comes_from_the_template_files() -> None:
    model = package.note_type()
    assert model.model_id == MODEL_ID
    assert [field["name"] for field in model.fields] == ["Question", "Answer"]
    assert "{{Question}}" in model.templates[0]["qfmt"]
    assert "{{Answer}}" in model.templates[0]["afmt"]
    assert ".card.nightMode" in model.css


def test_equal_decks_give_equal_bytes(tmp_path: Path) -> None:
    later = BuiltDeck(DECK.name, DECK.deck_id, DECK.description, DECK.notes, DECK.note_type_mod + 1)
    one, two, three = (
        package.write_package(d, tmp_path / f"{i}.apkg") for i, d in enumerate((DECK, DECK, later))
    )
    assert one == two != three
    assert (tmp_path / "0.apkg").read_bytes() == (tmp_path / "1.apkg").read_bytes()


def test_note_type_hash_follows_the_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    before = notetype.note_type_hash()
    original = notetype.template
    monkeypatch.setattr(notetype, "template", lambda name: original(name) + " ")
    assert notetype.note_type_hash() != before
