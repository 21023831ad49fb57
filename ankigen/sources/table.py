"""Two-column tables (CSV/TSV) as the big flashcard sites export them: question, answer.

With a comma, cells follow standard CSV quoting (a quoted cell may hold commas,
quotes and line breaks). With a tab or another separator there is no quoting:
each line is one card. The separator is the configured one, else a tab when the
first row has one, else a comma. A first row ``question, answer`` (or
``front, back``, ``term, definition``) is a header and skipped.

Cells are plain text by default and shown exactly as written; a source
configured as ``markdown`` keeps them as Markdown, one configured as ``html``
passes them on as HTML for the render stage to sanitise.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources.common import check_unique, trim

HEADERS = {("question", "answer"), ("front", "back"), ("term", "definition")}
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&=:\"'$%^@])")


def parse(text: str, source: str, format: str | None = None, separator: str | None = None) -> Deck:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(source, 1, "file is empty: expected rows of question and answer")
    separator = separator or _detect(text)
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    for line, row in _rows(text, separator, source):
        if len(row) != 2:
            raise SourceError(
                source,
                line,
                f"this row has {len(row)} cells; expected 2 (question, answer) "
                f"separated by {_name(separator)}",
            )
        question, answer = (trim(cell) for cell in row)
        if not cards and (question.casefold(), answer.casefold()) in HEADERS:
            continue
        if not question:
            raise SourceError(source, line, "this row has an empty question")
        number = len(cards) + 1
        if not answer:
            warnings.append(SourceWarning(source, line, f"card {number} has an empty answer"))
        if format in (None, "text"):
            question, answer = escape_markdown(question), escape_markdown(answer)
        cards.append(
            Card(
                number=number,
                line=line,
                question=question,
                answer=answer,
                source=source,
                html=format == "html",
            )
        )
    if not cards:
        raise SourceError(source, 1, "no cards found: expected rows of question and answer")
    check_unique(cards, source)
    return Deck(
        title=Path(source).stem, source=source, cards=tuple(cards), warnings=tuple(warnings)
    )


def escape_markdown(text: str) -> str:
    """Markdown that renders as exactly ``text``: punctuation escaped, indentation kept.

    Leading spaces become non-breaking spaces, so indentation shows and never
    turns a line into a code block.
    """
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)].replace("\t", "    ").replace(" ", "\u00a0")
        lines.append(indent + _MARKDOWN_PUNCTUATION.sub(r"\\\1", body))
    return "\n".join(lines)


def _detect(text: str) -> str:
    first = next(line for line in text.split("\n") if line.strip())
    return "\t" if "\t" in first else ","


def _name(separator: str) -> str:
    return {"\t": "a tab", ",": "a comma"}.get(separator, repr(separator))


def _rows(text: str, separator: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row with the line it starts on."""
    if separator != ",":
        for index, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield index, line.split(separator)
        return
    reader = csv.reader(io.StringIO(text), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceError(source, reader.line_num, f"bad CSV: {error}") from None
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1
