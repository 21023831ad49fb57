"""The .apkg: genanki's note type, deck and notes, as reproducible bytes.

genanki's own ``write_to_file`` stamps everything with the current time and
writes in place. Here the collection is written through genanki's database
code into memory, every note gets its own modification time, and the zip has
fixed entry times and order, so equal inputs give equal bytes.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import sqlite3
import zipfile
from importlib import resources

import genanki

from ankigen.identity import MODEL_ID
from ankigen.model import BuiltDeck

NOTE_TYPE_NAME = "ankigen Question/Answer"
FIELDS = ("Question", "Answer")
TEMPLATES = ("front.html", "back.html", "style.css")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def template(name: str) -> str:
    """A template shipped in the package (front.html, back.html, style.css)."""
    return resources.files("ankigen").joinpath("templates", name).read_text(encoding="utf-8")


def note_type() -> genanki.Model:
    """The project's one note type. Its id and field names must never change."""
    front, back, css = map(template, TEMPLATES)
    return genanki.Model(
        MODEL_ID,
        NOTE_TYPE_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=css,
    )


def note_type_hash() -> str:
    """A hash of the note type's look and shape: when it changes, its time moves on."""
    parts = [NOTE_TYPE_NAME, *FIELDS, *map(template, TEMPLATES)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def package_bytes(deck: BuiltDeck) -> bytes:
    """The .apkg for ``deck``: the collection database, the media map, the media files.

    Anki's package layout: media files are stored as ``0``, ``1``, ... and the
    ``media`` entry maps those numbers to the names the fields use.
    """
    media_map = {str(i): file.name for i, file in enumerate(deck.media)}
    entries = [
        ("collection.anki2", _collection(deck)),
        ("media", json.dumps(media_map, ensure_ascii=False).encode()),
        *((str(i), file.path.read_bytes()) for i, file in enumerate(deck.media)),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()


def _collection(deck: BuiltDeck) -> bytes:
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
    # genanki stamps the note type, cards and ids with one time; the note
    # type's own time keeps all of them stable while the note type is.
    timestamp = deck.note_type_mod
    connection = sqlite3.connect(":memory:")
    try:
        genanki.Package(anki_deck).write_to_db(
            connection.cursor(), timestamp, itertools.count(timestamp * 1000)
        )
        connection.executemany(
            "UPDATE notes SET mod = ? WHERE guid = ?", [(n.mod, n.guid) for n in deck.notes]
        )
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
