"""The .apkg: genanki's note type and deck with our notes, written reproducibly.

genanki's own ``write_to_file`` stamps everything with the current time. Here
every note gets its own modification time, and the zip has fixed entry times
and order, so equal inputs give equal bytes.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import json
import sqlite3
import sys
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen import files, notetype
from ankigen.archive import write_zip
from ankigen.model import BuiltDeck


def _import_genanki() -> types.ModuleType:
    """genanki, with ``functools.cached_property`` for the ``cached_property`` package.

    That package, a backport of the standard library's decorator, imports asyncio
    to support cached coroutines, which genanki has none of: half of genanki's
    import time, 40 ms and more on every build. The stand-in is in place only while
    genanki is imported (genanki's classes keep the decorator), and only when
    nothing has imported the package already.
    """
    if "genanki" in sys.modules or "cached_property" in sys.modules:
        return importlib.import_module("genanki")
    stand_in = types.ModuleType("cached_property")
    stand_in.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules["cached_property"] = stand_in
    try:
        return importlib.import_module("genanki")
    finally:
        del sys.modules["cached_property"]


if TYPE_CHECKING:
    import genanki
else:
    genanki = _import_genanki()


def note_type() -> genanki.Model:
    """The project's one note type as genanki writes it."""
    front, back, css = map(notetype.template, notetype.TEMPLATE_FILES)
    return genanki.Model(
        notetype.MODEL_ID,
        notetype.NAME,
        fields=[{"name": name} for name in notetype.FIELDS],
        templates=[{"name": "Card 1", "qfmt": front, "afmt": back}],
        css=css,
    )


def write_package(deck: BuiltDeck, path: Path) -> str:
    """Write the .apkg for ``deck`` to ``path``; return its SHA-256.

    Anki's package layout: the collection database, media files stored as
    ``0``, ``1``, ... and a ``media`` entry mapping those numbers to the names
    the fields use. Everything is streamed through files, not held in memory.
    """
    media_map = {str(i): file.name for i, file in enumerate(deck.media)}
    with tempfile.TemporaryDirectory(prefix="ankigen-") as scratch:
        database = Path(scratch) / "collection.anki2"
        _write_collection(deck, database)
        entries: list[tuple[str, Path | bytes]] = [
            ("collection.anki2", database),
            ("media", json.dumps(media_map, ensure_ascii=False).encode()),
            *((str(i), file.path) for i, file in enumerate(deck.media)),
        ]
        with path.open("wb") as out:
            write_zip(out, entries)
    return files.file_digest(path)


def _write_collection(deck: BuiltDeck, database: Path) -> None:
    """The collection: genanki writes the schema, note type and deck; the notes and
    cards go in with one bulk insert each, with the values genanki itself writes
    (its per-note objects cost more than everything else in a large build)."""
    model = note_type()
    anki_deck = genanki.Deck(deck.deck_id, deck.name, description=deck.description)
    anki_deck.add_model(model)
    # genanki stamps the note type, cards and ids with one time; the note
    # type's own time keeps all of them stable while the note type is.
    timestamp = deck.note_type_mod
    first_id = timestamp * 1000
    connection = sqlite3.connect(database)
    # A scratch file, zipped right after: no journal, no waiting for the disk.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    try:
        genanki.Package(anki_deck).write_to_db(
            connection.cursor(), timestamp, itertools.count(first_id)
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
            "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')",
            (
                (
                    first_id + 2 * i,
                    n.guid,
                    notetype.MODEL_ID,
                    n.mod,
                    f" {' '.join(n.tags)} ",
                    f"{n.question}\x1f{n.answer}",
                    n.question,
                )
                for i, n in enumerate(deck.notes)
            ),
        )
        connection.executemany(
            "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            (
                (first_id + 2 * i + 1, first_id + 2 * i, deck.deck_id, timestamp, i)
                for i in range(len(deck.notes))
            ),
        )
        for _, sql in indexes:
            connection.execute(sql)
        connection.commit()
    finally:
        connection.close()
