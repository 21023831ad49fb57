"""Source formats: bytes → text (``decode``) → a Deck of Cards, one module per format.

Every format is read into the same card model, so every later stage treats
them alike. Which module reads a file is decided by its suffix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ankigen.model import MARKUPS, Deck
from ankigen.sources import table, yaml_deck
from ankigen.sources.decode import decode, read_bytes
from ankigen.sources.table import TableOptions

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".tsv")
MARKDOWN_SUFFIXES = (".md", ".markdown")
JSON_SUFFIXES = (".json",)
SUFFIXES = (".txt", *YAML_SUFFIXES, *TABLE_SUFFIXES, *MARKDOWN_SUFFIXES, *JSON_SUFFIXES)
FORMATS = MARKUPS


class SourceSpec(NamedTuple):
    """A source file and how to read it.

    ``encoding`` decodes a legacy file; ``media`` is a folder where the source's
    images and sounds are, besides its own folder; ``table`` says how to read a
    table (separators, header, columns, markup). ``reverse`` and ``furigana``,
    when set, override the deck's own (``pipeline.kind``).
    """

    path: Path
    encoding: str | None = None
    media: Path | None = None
    table: TableOptions = TableOptions()
    reverse: bool | None = None
    furigana: bool | None = None


def parse_text(text: str, source: str = "<text>") -> Deck:
    """Parse flashcard page text; ``source`` names it in messages."""
    from ankigen.sources import flashcard_page

    return flashcard_page.parse(text, source)


def parse_file(path: str | Path, encoding: str | None = None) -> Deck:
    """Read and parse a source file of any format.

    ``.yaml``/``.yml`` are YAML decks, ``.csv``/``.tsv`` tables, ``.md`` Markdown
    decks, ``.json`` CrowdAnki decks; any other file is told by its content
    (``kind_of``): an Anki text export or a table, flashcard page text, labelled
    cards, or a term and definition page copy.
    ``encoding`` decodes a legacy file (``cp1252``, ``latin-1``...); by default
    the file must be UTF-8 (a BOM, UTF-8 or UTF-16, is honoured).
    """
    return read_source(SourceSpec(Path(path), encoding=encoding))


def read_source(spec: SourceSpec) -> Deck:
    """Read one configured source into a Deck.

    Each reader is imported when a source of its format is first read: a build with
    nothing to read (its decks up to date) never compiles the readers' patterns.
    """
    source = str(spec.path)
    text = decode(read_bytes(source), source, spec.encoding)
    suffix = spec.path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return yaml_deck.parse(text, source)
    if suffix in MARKDOWN_SUFFIXES:
        from ankigen.sources import markdown_deck

        return markdown_deck.parse(text, source)
    if suffix in JSON_SUFFIXES:
        from ankigen.sources import crowdanki

        return crowdanki.parse(text, source)
    kind = "table" if suffix in TABLE_SUFFIXES or spec.table != TableOptions() else kind_of(text)
    if kind == "table":
        return table.parse(text, source, spec.table)
    if kind == "page copy":
        from ankigen.sources import page_copy

        return page_copy.parse(text, source)
    if kind == "labelled":
        from ankigen.sources import labelled

        return labelled.parse(text, source, markup="text")
    return parse_text(text, source)


_ANKI_HEADER = re.compile(
    r"(?:tags:|#(?:separator|html|tags|columns|deck|notetype|guid column|tags column|deck column|"
    r"notetype column):)",
    re.IGNORECASE,
)
_CARD_START = re.compile(r"^[^\S\n]*[0-9]+[^\S\n]*\n(?:[^\S\n]*\n)*[^\S\n]*Q[^\S\n]*$", re.M)


def kind_of(text: str) -> str:
    """What a text file of no telling suffix holds, by its content: ``table`` (an Anki
    text export, or rows that split alike into cells), ``page`` (flashcard page
    text: numbered ``Q``/``A`` cards), ``labelled`` (``Q:`` and ``A:`` lines) or
    ``page copy`` (terms and definitions)."""
    head = text.removeprefix("\ufeff")
    if _ANKI_HEADER.match(head):
        return "table"
    sample = head[: 64 * 1024].replace("\r\n", "\n")
    if _CARD_START.search(sample):
        return "page"
    lines = [line for line in sample.split("\n") if line.strip()]
    from ankigen.sources import labelled

    if labelled.looks_labelled(lines):
        return "labelled"
    if lines and sum("\t" in line for line in lines) >= 0.8 * len(lines):
        return "table"
    return "table" if table.looks_like_table(sample) else "page copy"
