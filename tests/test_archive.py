"""Zip archives deflated in parallel chunks: any zip reader's view, and reproducibility."""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from pathlib import Path

import pytest

from ankigen.archive import CHUNK, LEVEL, write_zip


def _text_like(size: int) -> bytes:
    """Compressible bytes that still differ throughout, like a collection's pages."""
    words = [f"word{i}".encode() for i in range(500)]
    rng = random.Random(14)
    data = b" ".join(rng.choice(words) for _ in range(size // 5))
    return data[:size]


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "collection.anki2"
    path.write_bytes(_text_like(3 * CHUNK + 12345))  # several chunks, the last one short
    return path


def _zip(entries: list[tuple[str, Path | bytes]], threads: int | None = None) -> bytes:
    out = io.BytesIO()
    write_zip(out, entries, threads)
    return out.getvalue()


def test_any_zip_reader_reads_back_every_entry(big_file: Path) -> None:
    entries: list[tuple[str, Path | bytes]] = [
        ("collection.anki2", big_file),
        ("media", b'{"0": "caf\xc3\xa9.png"}'),
        ("0", b""),
        ("caf\u00e9.txt", b"x" * 100),
    ]
    with zipfile.ZipFile(io.BytesIO(_zip(entries))) as archive:
        assert archive.testzip() is None  # every CRC checks out
        assert archive.namelist() == [name for name, _ in entries]
        for (name, content), info in zip(entries, archive.infolist(), strict=True):
            expected = content.read_bytes() if isinstance(content, Path) else content
            assert archive.read(name) == expected
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr == 0o644 << 16
        assert archive.getinfo("caf\u00e9.txt").flag_bits & 0x800  # a UTF-8 name, marked so


def test_the_bytes_do_not_depend_on_the_number_of_threads(big_file: Path) -> None:
    entries: list[tuple[str, Path | bytes]] = [("collection.anki2", big_file), ("media", b"{}")]
    assert _zip(entries, threads=1) == _zip(entries, threads=2) == _zip(entries, threads=3)


def test_chunks_deflate_as_well_as_one_stream(big_file: Path) -> None:
    data = big_file.read_bytes()
    one_stream = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    single = len(one_stream.compress(data) + one_stream.flush())
    with zipfile.ZipFile(io.BytesIO(_zip([("c", big_file)]))) as archive:
        assert archive.getinfo("c").compress_size <= single * 1.01
