"""Reading any .apkg (ankigen's or not) for ``inspect`` and ``diff``, safely.

An .apkg is a zip holding an SQLite collection: ``collection.anki21b`` (zstd,
Anki 2.1.50+ exports), ``collection.anki21`` or ``collection.anki2`` (older),
and a media map. Nothing is extracted by the names inside the archive: the one
database member is copied, with a size limit, to a file of our own naming in a
temporary folder and opened read-only. A broken or hostile archive ends in a
SourceError, never in a traceback or a file written elsewhere.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from ankigen import scratch
from ankigen.errors import SourceError

MAX_DATABASE = 2 << 30  # bytes, uncompressed
MAX_MEDIA_MAP = 64 << 20
MAX_RATIO = 1000  # uncompressed / compressed, beyond which a member is a zip bomb
MAX_SECONDS = 60  # reading the collection
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")


class NoteType(NamedTuple):
    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # name, question format, answer format
    css: str


class PackagedNote(NamedTuple):
    guid: str
    note_type: int
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    mod: int


class Package(NamedTuple):
    path: str
    collection: str
    decks: tuple[tuple[int, str], ...]
    note_types: tuple[NoteType, ...]
    notes: tuple[PackagedNote, ...]
    media: tuple[str, ...]


def read_package(path: Path) -> Package:
    """Everything inspect and diff need from an .apkg."""
    with _collection(path, with_media=True) as (connection, member, media):
        return _read(connection, str(path), member, media)


def read_fields(path: Path) -> list[str]:
    """Each note's fields as Anki stores them (joined by ``\x1f``), in the order the
    notes were added: all a rebuild needs to reuse the last build's work."""
    with _collection(path, with_media=False) as (connection, _, _):
        return [fields for (fields,) in connection.execute("SELECT flds FROM notes ORDER BY id")]


@contextlib.contextmanager
def _collection(
    path: Path, with_media: bool
) -> Iterator[tuple[sqlite3.Connection, str, tuple[str, ...]]]:
    """The package's collection, copied out safely and opened read-only, with the name
    of the member it came from and (if asked) the media names."""
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise SourceError(source, None, "no such file") from None
    except IsADirectoryError:
        raise SourceError(source, None, "is a folder; give an .apkg file") from None
    except OSError as error:
        raise SourceError(source, None, f"cannot read: {error.strerror or error}") from None
    except zipfile.BadZipFile:
        raise SourceError(source, None, "not an Anki package (.apkg is a zip file)") from None
    with archive, scratch.folder() as work:
        names = set(archive.namelist())
        member = next((name for name in COLLECTIONS if name in names), None)
        if member is None:
            raise SourceError(source, None, "not an Anki package: no collection inside")
        database = work / "collection.db"
        try:
            with database.open("wb") as out:
                _copy(archive, member, out, source, MAX_DATABASE, zstd=member.endswith("b"))
            media = _media(archive, source) if with_media and "media" in names else ()
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as error:
            # A broken member, an encrypted one, or a compression method zipfile lacks.
            raise SourceError(source, None, f"broken archive: {error}") from None
        except Exception as error:
            if type(error).__name__ == "ZstdError":  # zstandard is imported only when needed
                raise SourceError(source, None, f"broken zstd data: {error}") from None
            raise
        try:
            connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        except sqlite3.Error as error:
            raise SourceError(source, None, f"cannot open the collection: {error}") from None
        started = time.monotonic()
        # A hostile collection may hold views that never end: give up after a while.
        connection.set_progress_handler(lambda: time.monotonic() - started > MAX_SECONDS, 100_000)
        try:
            views = connection.execute(
                "SELECT count() FROM sqlite_master WHERE type IN ('view', 'trigger')"
            ).fetchone()[0]
            if views:
                raise SourceError(
                    source, None, "not an Anki collection: it holds views or triggers"
                )
            yield connection, member, media
        except (
            sqlite3.Error,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
        ) as error:
            if isinstance(error, sqlite3.OperationalError) and "interrupted" in str(error):
                error = ValueError(f"reading it took over {MAX_SECONDS} s")
            raise SourceError(source, None, f"not a readable Anki collection: {error}") from None
        finally:
            connection.close()


def _copy(
    archive: zipfile.ZipFile, member: str, out: IO[bytes], source: str, limit: int, zstd: bool
) -> None:
    """Copy one member out, refusing more than ``limit`` bytes or a bomb's ratio."""
    info = archive.getinfo(member)
    if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise SourceError(source, None, f"{member} is too large or too compressed to be safe")
    written = 0
    for chunk in _chunks(archive, member, zstd):
        written += len(chunk)
        if written > limit:
            raise SourceError(source, None, f"{member} unpacks to more than {limit} bytes")
        out.write(chunk)


def _chunks(archive: zipfile.ZipFile, member: str, zstd: bool) -> Iterator[bytes]:
    with archive.open(member) as raw:
        if zstd:
            import zstandard

            reader: Any = zstandard.ZstdDecompressor().stream_reader(raw)
        else:
            reader = raw
        while chunk := reader.read(1 << 20):
            yield chunk


def _media(archive: zipfile.ZipFile, source: str) -> tuple[str, ...]:
    """Names of the media files: a JSON map, or (newer packages) zstd-compressed protobuf."""
    with archive.open("media") as head:
        zstd = head.read(4) == b"\x28\xb5\x2f\xfd"
    with tempfile.SpooledTemporaryFile() as buffer:
        _copy(archive, "media", buffer, source, MAX_MEDIA_MAP, zstd=zstd)
        buffer.seek(0)
        data = buffer.read()
    try:
        if not zstd:
            mapping = json.loads(data or b"{}")
            return tuple(sorted(str(name) for name in mapping.values()))
        # MediaEntries { repeated MediaEntry entries = 1 } / MediaEntry { string name = 1 }
        return tuple(
            sorted(_text(_fields(entry).get(1, [b""])[0]) for entry in _fields(data).get(1, []))
        )
    except (ValueError, AttributeError, RecursionError, IndexError):
        raise SourceError(source, None, "broken media map") from None


def _read(
    connection: sqlite3.Connection, source: str, member: str, media: tuple[str, ...]
) -> Package:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "notetypes" in tables:
        note_types, decks = _schema18(connection)
    else:
        models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
        note_types = tuple(
            NoteType(
                id=int(model["id"]),
                name=model["name"],
                fields=tuple(field["name"] for field in model["flds"]),
                templates=tuple((t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"]),
                css=model.get("css", ""),
            )
            for model in _object(models_json, "the note types").values()
        )
        decks = {int(d["id"]): d["name"] for d in _object(decks_json, "the decks").values()}
    card_decks = {
        nid: did
        for nid, did, _ in connection.execute("SELECT nid, did, MIN(ord) FROM cards GROUP BY nid")
    }
    notes = []
    for nid, guid, mid, mod, tags, fields in connection.execute(
        "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id"
    ):
        if not all(isinstance(text, str) for text in (guid, tags, fields)):
            raise ValueError(f"note {nid} has a GUID, fields or tags that are not text")
        notes.append(
            PackagedNote(
                guid=guid,
                note_type=int(mid),
                deck=decks.get(card_decks.get(nid, 0), ""),
                fields=tuple(fields.split("\x1f")),
                tags=tuple(tags.split()),
                mod=int(mod),
            )
        )
    used = set(card_decks.values())
    return Package(
        path=source,
        collection=member,
        # Anki's "Default" deck (id 1) is in every collection: list it only when used.
        decks=tuple(sorted((i, n) for i, n in decks.items() if i != 1 or i in used)),
        note_types=tuple(sorted(note_types, key=lambda t: t.id)),
        notes=tuple(notes),
        media=media,
    )


def _object(text: str, what: str) -> dict[str, Any]:
    """A JSON object from the collection, or ValueError naming ``what`` it should be."""
    value = json.loads(text)
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError(f"{what} are not a JSON object of objects")
    return value


def _schema18(connection: sqlite3.Connection) -> tuple[tuple[NoteType, ...], dict[int, str]]:
    """Note types and decks of a current-format collection (tables and protobuf configs)."""
    fields: dict[int, list[str]] = {}
    for ntid, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[tuple[str, str, str]]] = {}
    for ntid, name, config in connection.execute(
        "SELECT ntid, name, config FROM templates ORDER BY ntid, ord"
    ):
        parsed = _fields(config)  # Template.Config: q_format = 1, a_format = 2
        qfmt, afmt = (_text(parsed.get(n, [b""])[0]) for n in (1, 2))
        templates.setdefault(ntid, []).append((name, qfmt, afmt))
    note_types = tuple(
        NoteType(
            id=ntid,
            name=name,
            fields=tuple(fields.get(ntid, [])),
            templates=tuple(templates.get(ntid, [])),
            css=_text(_fields(config).get(3, [b""])[0]),  # Notetype.Config: css = 3
        )
        for ntid, name, config in connection.execute("SELECT id, name, config FROM notetypes")
    )
    decks = {
        did: name.replace("\x1f", "::")
        for did, name in connection.execute("SELECT id, name FROM decks")
    }
    return note_types, decks


def _fields(data: bytes) -> dict[int, list[bytes]]:
    """The length-delimited fields of a protobuf message, by field number (others skipped)."""
    found: dict[int, list[bytes]] = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, kind = key >> 3, key & 7
        if kind == 0:
            _, pos = _varint(data, pos)
        elif kind == 1:
            pos += 8
        elif kind == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ValueError("truncated protobuf")
            found.setdefault(number, []).append(data[pos : pos + size])
            pos += size
        elif kind == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported protobuf wire type {kind}")
    return found


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated protobuf")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")
