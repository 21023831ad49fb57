"""Source formats: each module turns one kind of source text into a Deck.

This package owns the step from bytes on disk to text (encodings, binary
data) so that every format gets the same careful decoding and messages.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ankigen.config import SourceSpec
from ankigen.errors import SourceError
from ankigen.model import Deck
from ankigen.sources import flashcard_page, table, yaml_deck
from ankigen.sources.common import paused_gc

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".tsv")
SUFFIXES = (".txt", *YAML_SUFFIXES, *TABLE_SUFFIXES)


def parse_text(text: str, source: str = "<text>") -> Deck:
    """Parse flashcard page text; ``source`` names it in messages."""
    with paused_gc():
        return flashcard_page.parse(text, source)


def parse_file(path: str | Path, encoding: str | None = None) -> Deck:
    """Read and parse a source file of any format, chosen by its suffix.

    ``.yaml``/``.yml`` are YAML decks, ``.csv``/``.tsv`` two-column tables,
    anything else flashcard page text. ``encoding`` decodes a legacy file
    (``cp1252``, ``latin-1``...); by default the file must be UTF-8 (a BOM,
    UTF-8 or UTF-16, is honoured).
    """
    return read_source(SourceSpec(Path(path), encoding=encoding))


def read_source(spec: SourceSpec) -> Deck:
    """Read one configured source into a Deck."""
    source = str(spec.path)
    text = decode(read_bytes(source), source, spec.encoding)
    with paused_gc():
        return _parse(text, spec)


def _parse(text: str, spec: SourceSpec) -> Deck:
    source = str(spec.path)
    suffix = spec.path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return yaml_deck.parse(text, source)
    if suffix in TABLE_SUFFIXES:
        separator = spec.separator or ("\t" if suffix == ".tsv" else None)
        return table.parse(text, source, spec.format, separator)
    return flashcard_page.parse(text, source)


def read_bytes(source: str) -> bytes:
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise SourceError(source, 1, f"cannot read the file: {error.strerror or error}") from None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text, or a SourceError that says which byte on which line is wrong."""
    if encoding is None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8"
            nul = data.find(b"\0")
            if nul >= 0:
                raise SourceError(
                    source,
                    data.count(b"\n", 0, nul) + 1,
                    "binary data (a NUL byte), not text: is this the right file?",
                )
    try:
        return data.decode(encoding)
    except LookupError:
        raise SourceError(source, 1, f"unknown encoding '{encoding}'") from None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            source,
            line,
            f"not valid {encoding}: byte 0x{data[error.start]:02x} at column {column}; "
            "if the file uses a legacy encoding, name it (--encoding cp1252, for example)",
        ) from None
