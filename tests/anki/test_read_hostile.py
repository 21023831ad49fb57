"""Hostile .apkg files, as a pull request can supply one to CI's diff: each ends in one
clear error (inspect exits 1, diff 2), never a traceback, a hang or raw terminal codes."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import APKG, ROOT, run

PUBLISHED = ROOT / "build" / APKG


def rewritten(tmp_path: Path, change: Callable[[sqlite3.Connection], object]) -> Path:
    """The published deck with its collection changed by ``change``."""
    with zipfile.ZipFile(PUBLISHED) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
        media = archive.read("media")
    with sqlite3.connect(tmp_path / "c.anki2") as db:
        change(db)
    path = tmp_path / "hostile.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(tmp_path / "c.anki2", "collection.anki2")
        archive.writestr("media", media)
    return path


def zipped(tmp_path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> Path:
    path = tmp_path / "hostile.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            archive.writestr(info, data)
    return path


def collection_bytes() -> bytes:
    with zipfile.ZipFile(PUBLISHED) as archive:
        return archive.read("collection.anki2")


def patched_method(path: Path, method: int) -> Path:
    """A zip whose members claim a compression method nobody implements."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset : start + offset + 2] = method.to_bytes(2, "little")
            start += 4
    path.write_bytes(bytes(data))
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "models is a list": lambda t: rewritten(
        t, lambda db: db.execute("UPDATE col SET models = '[]'")
    ),
    "models is not JSON": lambda t: rewritten(
        t, lambda db: db.execute("UPDATE col SET models = '{'")
    ),
    "NULL fields": lambda t: rewritten(t, lambda db: _untyped(db, "flds = NULL")),
    "integer fields and tags": lambda t: rewritten(
        t, lambda db: _untyped(db, "flds = 7, tags = 8")
    ),
    "a recursive view named notes": lambda t: rewritten(
        t,
        lambda db: db.executescript(
            "DROP TABLE notes; CREATE VIEW notes AS WITH RECURSIVE r(id, guid, mid, mod, tags, flds) "
            "AS (SELECT 1, 'g', 1, 1, '', 'x' UNION ALL SELECT id + 1, guid, mid, mod, tags, flds "
            "FROM r) SELECT * FROM r;"
        ),
    ),
    "the encrypted flag": lambda t: _encrypted(zipped(t, {"collection.anki2": collection_bytes()})),
    "compression method 9": lambda t: patched_method(
        zipped(t, {"collection.anki2": b"x" * 100}), 9
    ),
    "compression method 93": lambda t: patched_method(
        zipped(t, {"collection.anki2": b"x" * 100}), 93
    ),
    "compression method 99": lambda t: patched_method(
        zipped(t, {"collection.anki2": b"x" * 100}), 99
    ),
    "anki21b that is not zstd": lambda t: zipped(t, {"collection.anki21b": collection_bytes()}),
    "media: zstd magic, then garbage": lambda t: zipped(
        t, {"collection.anki2": collection_bytes(), "media": b"\x28\xb5\x2f\xfd" + b"junk" * 10}
    ),
    "media: a JSON list": lambda t: zipped(
        t, {"collection.anki2": collection_bytes(), "media": b"[1,2]"}
    ),
    "media: 100,000 [": lambda t: zipped(
        t, {"collection.anki2": collection_bytes(), "media": b"[" * 100_000}
    ),
    "media: a bad protobuf": lambda t: zipped(
        t, {"collection.anki2": collection_bytes(), "media": _zstd(b"\x0a\xff\xff\xff\xff\x0f")}
    ),
    "a collection that is not a database": lambda t: zipped(t, {"collection.anki2": b"SQLite? no"}),
}


def _untyped(db: sqlite3.Connection, change: str) -> None:
    """The notes in a table of no column types and no constraints, then ``change``d."""
    db.executescript(
        "CREATE TABLE plain(id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data); "
        "INSERT INTO plain SELECT * FROM notes; DROP TABLE notes; "
        f"ALTER TABLE plain RENAME TO notes; UPDATE notes SET {change};"
    )


def _encrypted(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 1
            start += 4
    path.write_bytes(bytes(data))
    return path


def _zstd(data: bytes) -> bytes:
    import zstandard

    return bytes(zstandard.ZstdCompressor().compress(data))


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_package_is_one_clear_error(tmp_path: Path, case: str) -> None:
    path = CASES[case](tmp_path)
    inspect = run("inspect", str(path))
    assert inspect.returncode == 1, inspect.stdout
    assert inspect.stderr.startswith(f"{path}: error: ") and inspect.stderr.count("\n") == 1
    diff = run("diff", str(PUBLISHED), str(path))
    assert diff.returncode == 2
    assert diff.stderr.startswith(f"{path}: error: ") and diff.stderr.count("\n") == 1


def test_terminal_codes_inside_a_package_are_shown_escaped(tmp_path: Path) -> None:
    def change(db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE notes SET flds = ? , tags = ?",
            ("\x1b[2J\x1b]0;pwned\x07Q\x1fA", " \x1b[31mred "),
        )
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        for model in models.values():
            model["name"] = "evil\x1b[8m"
        db.execute("UPDATE col SET models = ?", (json.dumps(models),))

    path = rewritten(tmp_path, change)
    for args in (("inspect", str(path)), ("diff", str(PUBLISHED), str(path))):
        result = run(*args)
        assert "\x1b" not in result.stdout + result.stderr, args
        assert "\\x1b" in result.stdout, args
