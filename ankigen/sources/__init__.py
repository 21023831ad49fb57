"""Source formats: bytes → text (``decode``) → a Deck of Cards, one module per format.

Every format is read into the same card model, so every later stage treats
them alike. Which module reads a file is decided by its suffix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ankigen.model import Deck
from ankigen.sources import flashcard_page, table, yaml_deck
from ankigen.sources.decode import decode, read_bytes

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".tsv")
SUFFIXES = (".txt", *YAML_SUFFIXES, *TABLE_SUFFIXES)
FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class SourceSpec:
    """A source file and how to read it.

    ``format`` and ``separator`` apply to CSV/TSV sources: what the cells hold
    (``text``, the default, ``markdown`` or ``html``) and the column separator
    (detected when not given). ``encoding`` decodes a legacy file.
    """

    path: Path
    format: str | None = None
    separator: str | None = None
    encoding: str | None = None


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
        separator = spec.separator or ("\t" if suffix == ".tsv" else None)
        return table.parse(text, source, spec.format, separator)
    return flashcard_page.parse(text, source)
