"""Source formats: bytes → text (``decode``) → a Deck of Cards, one module per format.

Every format is read into the same card model, so every later stage treats
them alike. Which module reads a file is decided by its suffix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ankigen.model import MARKUPS, Deck
from ankigen.sources import flashcard_page, table, yaml_deck
from ankigen.sources.decode import decode, read_bytes
from ankigen.sources.table import TableOptions

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".tsv")
SUFFIXES = (".txt", *YAML_SUFFIXES, *TABLE_SUFFIXES)
FORMATS = MARKUPS


@dataclass(frozen=True)
class SourceSpec:
    """A source file and how to read it.

    ``encoding`` decodes a legacy file; ``media`` is a folder where the source's
    images and sounds are, besides its own folder; ``table`` says how to read a
    table (separators, header, columns, markup).
    """

    path: Path
    encoding: str | None = None
    media: Path | None = None
    table: TableOptions = field(default_factory=TableOptions)


def parse_text(text: str, source: str = "<text>") -> Deck:
    """Parse flashcard page text; ``source`` names it in messages."""
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
    suffix = spec.path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return yaml_deck.parse(text, source)
    if suffix in TABLE_SUFFIXES:
        return table.parse(text, source, spec.table)
    return flashcard_page.parse(text, source)
