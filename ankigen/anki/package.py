"""The .apkg: an Anki collection with the deck's notes and cards, zipped with its media.

genanki writes the collection's schema, the note types and the deck. Notes and
cards go in with one bulk insert each, with the values genanki itself writes (its
per-note objects cost more than everything else in a large build), and the zip
has fixed entry times and order, so equal inputs give equal bytes.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ankigen import scratch
from ankigen.anki import notetype
from ankigen.anki.genanki_import import genanki
from ankigen.errors import SourceError
from ankigen.model import BuiltDeck

# Deflate level 1: four times faster than zlib's default, for a package 15 % larger.
ZIP_LEVEL = 1
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes

_NOTES = (
    "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)"
    " VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')"
)
_CARDS = (
    "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,"
    " lapses, left, odue, odid, flags, data)"
    " VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')"
)


def note_type(kind: notetype.NoteType = notetype.QA) -> genanki.Model:
    """One of the project's note types as genanki writes it."""
    return genanki.Model(
        kind.id,
        kind.name,
        fields=[{"name": name} for name in kind.fields],
        templates=[{"name": n, "qfmt": q, "afmt": a} for n, q, a in kind.formats()],
        css=notetype.template(notetype.STYLE),
        model_type=genanki.Model.CLOZE if kind.cloze else genanki.Model.FRONT_BACK,
    )


def write_package(
    deck: BuiltDeck,
    mods: Sequence[int],
    note_type_mod: int,
    positions: Sequence[int],
    path: Path,
) -> None:
    """Write the .apkg for ``deck`` to ``path``.

    ``mods`` are the notes' modification times and ``positions`` their places
    in the order new cards are shown (``pipeline.order``), both in note order;
    ``note_type_mod`` is the note types' time. Anki's package layout: the
    collection database, media files stored as ``0``, ``1``, ... and a ``media``
    entry mapping those numbers to the names the fields use.
    """
    media_map = {str(i): file.name for i, file in enumerate(deck.media)}
    with scratch.folder() as work:
        database = work / "collection.anki2"
        try:
            _write_collection(deck, mods, note_type_mod, positions, database)
        except (sqlite3.Error, OSError) as error:  # a full temporary folder, most likely
            raise SourceError(
                str(path), None, f"cannot write the deck's collection in {work.parent}: {error}"
            ) from None
        with zipfile.ZipFile(path, "w") as archive:
            _add(archive, "collection.anki2", database)
            _add(archive, "media", json.dumps(media_map, ensure_ascii=False).encode())
            for i, file in enumerate(deck.media):
                _add(archive, str(i), file.path)


def _add(archive: zipfile.ZipFile, name: str, content: Path | bytes) -> None:
    """One entry, deflated, with a fixed date and ordinary permissions."""
    info = zipfile.ZipInfo(name, _ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]  # public as compress_level from 3.13
    info.external_attr = 0o644 << 16
    if isinstance(content, bytes):
        archive.writestr(info, content)
        return
    with archive.open(info, "w") as out, content.open("rb") as source:
        shutil.copyfileobj(source, out, 1 << 20)


def _write_collection(
    deck: BuiltDeck,
    mods: Sequence[int],
    note_type_mod: int,
    positions: Sequence[int],
    database: Path,
) -> None:
    anki_deck = genanki.Deck(deck.deck_id, deck.name, description=deck.description)
    for type_id in sorted({note.note_type for note in deck.notes} or {notetype.QA.id}):
        anki_deck.add_model(note_type(notetype.BY_ID[type_id]))
    # genanki stamps the note types, cards and ids with one time; the note
    # types' own time keeps all of them stable while the note types are.
    first_id = note_type_mod * 1000
    # A note's id, then its cards' ids, one after another.
    kinds = [notetype.BY_ID[note.note_type] for note in deck.notes]
    ords = [kind.ords(note.fields) for kind, note in zip(kinds, deck.notes, strict=True)]
    note_ids, next_id = [], first_id
    for note_ords in ords:
        note_ids.append(next_id)
        next_id += 1 + len(note_ords)
    connection = sqlite3.connect(database)
    # Pages of 8 KiB rather than 4: a fifth faster to fill with notes of a few
    # hundred bytes each, and no larger (Anki reads any page size).
    connection.execute("PRAGMA page_size = 8192")
    # A scratch file, zipped right after: no journal, no waiting for the disk.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    try:
        genanki.Package(anki_deck).write_to_db(
            connection.cursor(), note_type_mod, itertools.count(first_id)
        )
        # Filling the notes and cards tables first and indexing them after is a
        # third faster than keeping genanki's indexes up to date row by row.
        indexes = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name IN ('notes', 'cards') ORDER BY rowid"
        ).fetchall()
        for name, _ in indexes:
            connection.execute(f"DROP INDEX {name}")
        connection.executemany(
            _NOTES,
            (
                (
                    nid,
                    n.guid,
                    n.note_type,
                    mod,
                    f" {' '.join(n.tags)} ",
                    "\x1f".join(n.fields),
                    n.fields[0],
                )
                for nid, n, mod in zip(note_ids, deck.notes, mods, strict=True)
            ),
        )
        connection.executemany(
            _CARDS,
            (
                (nid + 1 + i, nid, deck.deck_id, ord, note_type_mod, position)
                for nid, note_ords, position in zip(note_ids, ords, positions, strict=True)
                for i, ord in enumerate(note_ords)
            ),
        )
        for _, sql in indexes:
            connection.execute(sql)
        connection.commit()
    finally:
        connection.close()
