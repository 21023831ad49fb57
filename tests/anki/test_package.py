"""The .apkg itself: its collection is what genanki writes, and equal decks give equal bytes."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path

import genanki

from ankigen.anki import package
from ankigen.model import QA_ID as MODEL_ID
from ankigen.model import BuiltDeck, Note

DECK = BuiltDeck(
    name="Parent::Child",
    deck_id=1 << 41,
    description="",
    notes=(
        Note("guid-1", ("<p>q1</p>", "<p>a1</p>"), ("K8S",), "h1"),
        Note("guid-2", ("<p>q2</p>", "<p>a2</p>"), (), "h2"),
    ),
)
MODS = (1_700_000_100, 1_700_000_200)
TYPE_MOD = 1_700_000_300


def collection_of(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as archive:
        (tmp_path / "col.anki2").write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(tmp_path / "col.anki2")


def test_notes_keep_their_own_modification_times(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    package.write_package(DECK, MODS, TYPE_MOD, (1000, 2000), path)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("media") == b"{}"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    with collection_of(path, tmp_path) as db:
        rows = db.execute("SELECT guid, mod, flds, tags FROM notes ORDER BY id").fetchall()
    assert rows == [
        ("guid-1", 1_700_000_100, "<p>q1</p>\x1f<p>a1</p>", " K8S "),
        ("guid-2", 1_700_000_200, "<p>q2</p>\x1f<p>a2</p>", "  "),
    ]


def test_the_bulk_inserts_write_what_genanki_writes(tmp_path: Path) -> None:
    """The collection's schema, indexes and rows are genanki's own (but for each
    note's time, and the position of each new card, which genanki leaves at 0)."""
    package.write_package(DECK, MODS, TYPE_MOD, (1000, 2000), tmp_path / "ours.apkg")
    theirs = genanki.Deck(DECK.deck_id, DECK.name)
    for note in DECK.notes:
        fields = list(note.fields)
        theirs.add_note(
            genanki.Note(package.note_type(), fields, tags=list(note.tags), guid=note.guid)
        )
    genanki.Package(theirs).write_to_file(tmp_path / "theirs.apkg", timestamp=TYPE_MOD)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        collection_of(tmp_path / "ours.apkg", tmp_path / "a") as ours,
        collection_of(tmp_path / "theirs.apkg", tmp_path / "b") as plain,
    ):
        schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        assert ours.execute(schema).fetchall() == plain.execute(schema).fetchall()
        notes = "SELECT guid, mid, usn, tags, flds, sfld, csum, flags, data FROM notes ORDER BY id"
        assert ours.execute(notes).fetchall() == plain.execute(notes).fetchall()
        cards = (
            "SELECT did, ord, usn, type, queue, ivl, factor, reps, lapses, left, odue, odid,"
            " flags, data FROM cards ORDER BY id"
        )
        assert ours.execute(cards).fetchall() == plain.execute(cards).fetchall()
        assert ours.execute("SELECT due FROM cards ORDER BY id").fetchall() == [(1000,), (2000,)]
        assert ours.execute("SELECT DISTINCT mid FROM notes").fetchall() == [(MODEL_ID,)]
        assert ours.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_equal_decks_give_equal_bytes(tmp_path: Path) -> None:
    for name, type_mod in (("one", TYPE_MOD), ("two", TYPE_MOD), ("later", TYPE_MOD + 1)):
        package.write_package(DECK, MODS, type_mod, (1000, 2000), tmp_path / f"{name}.apkg")
    one, two, later = (
        hashlib.sha256((tmp_path / f"{n}.apkg").read_bytes()).digest()
        for n in ("one", "two", "later")
    )
    assert one == two != later


def test_the_note_type_comes_from_the_template_files() -> None:
    model = package.note_type()
    assert model.model_id == MODEL_ID
    assert [field["name"] for field in model.fields] == ["Question", "Answer"]
    assert "{{Question}}" in model.templates[0]["qfmt"]
    assert "{{Answer}}" in model.templates[0]["afmt"]
    assert ".card.nightMode" in model.css
