"""The .apkg: genanki's note type, deck and notes, written reproducibly and atomically.

genanki's own ``write_to_file`` stamps everything with the current time and
writes in place. Here the collection is written through genanki's database
code, every note gets its own modification time, and the zip is assembled with
fixed entry times and order, so equal inputs give equal bytes. The file appears
under its name only when complete: a failed build never leaves half a deck.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import genanki

from ankigen.identity import MODEL_ID
from ankigen.model import BuiltDeck

NOTE_TYPE_NAME = "ankigen Question/Answer"
FIELDS = ("Question", "Answer")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def template(name: str) -> str:
    """A template shipped in the package (front.html, back.html, style.css)."""
    return resources.files("ankigen").joinpath("templates", name).read_text(encoding="utf-8")


def note_type() -> genanki.Model:
    """The project's one note type. Its id and field names must never change."""
    return genanki.Model(
        MODEL_ID,
        NOTE_TYPE_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": "Card 1", "qfmt": template("front.html"), "afmt": template("back.html")}
        ],
        css=template("style.css"),
    )


def write_package(deck: BuiltDeck, path: Path) -> None:
    """Write ``deck`` to ``path`` as an .apkg, replacing any old file only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            database = Path(scratch) / "collection.anki2"
            _write_collection(deck, database)
            _write_zip(Path(partial), database.read_bytes())
        os.chmod(partial, 0o666 & ~_umask())
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def _umask() -> int:
    """The process umask (readable only by setting it), so the deck gets normal permissions."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_collection(deck: BuiltDeck, database: Path) -> None:
    model = note_type()
    anki_deck = genanki.Deck(deck.deck_id, deck.name, description=deck.description)
    for position, note in enumerate(deck.notes):
        anki_deck.add_note(
            genanki.Note(
                model=model,
                fields=[note.question, note.answer],
                tags=list(note.tags),
                guid=note.guid,
                due=position,
            )
        )
    timestamp = deck.note_type_mod
    # Note and card ids only need to be unique; deriving them from the deck id
    # and the note type's time keeps them stable and apart from other decks'.
    ids = itertools.count(timestamp * 1000)
    connection = sqlite3.connect(database)
    try:
        genanki.Package(anki_deck).write_to_db(connection.cursor(), timestamp, ids)
        connection.executemany(
            "UPDATE notes SET mod = ? WHERE guid = ?", [(n.mod, n.guid) for n in deck.notes]
        )
        connection.commit()
    finally:
        connection.close()


def _write_zip(path: Path, collection: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
