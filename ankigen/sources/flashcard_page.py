"""Text copied from a flashcard web page: numbered ``Q``/``A`` blocks.

A page copy looks like this::

    Unit 14 ... Flashcards          <- title
    Objectives: >one >two            <- optional
    1                                <- card number
    Q
    question lines
    A
    answer lines
    How well did you know this?      <- rating scaffold: page furniture
    1 / Not at all / 2 / 3 / 4 / 5 / Perfectly

Copies vary (line ends, missing scaffolds, stray page text), and questions and
answers may themselves hold lines that look like structure, so a card starts
only where the *next expected* number stands alone and is followed by a lone
``Q``. Everything here is a pure function of the text.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources.common import stem

# The rating scaffold as pages print it, and as structure compares it (case folded).
SCAFFOLD_LINES = (
    "How well did you know this?",
    "1",
    "Not at all",
    "2",
    "3",
    "4",
    "5",
    "Perfectly",
)
SCAFFOLD_HEAD = SCAFFOLD_LINES[0].casefold()
RATING_LINES = tuple(line.casefold() for line in SCAFFOLD_LINES[1:])
# A line holding only Q (and white space), after the first line. Q lines are rare,
# and a pattern that starts with a line end is scanned for fast.
_Q_LINE = re.compile(r"\n[^\S\n]*Q[^\S\n]*(?=\n|\Z)")
_FIRST_Q_LINE = re.compile(r"[^\S\n]*Q[^\S\n]*(?:\n|\Z)")
FORMAT_HINT = (
    "expected numbered cards: a line '1', a line 'Q', the question, a line 'A', the answer"
)

_CARD_COUNT = re.compile(r"\(\s*([\d,]+)\s+cards?\s*\)", re.IGNORECASE)
_TITLE = re.compile(r"\bflash\s?cards\b", re.IGNORECASE)
_OBJECTIVES = re.compile(r"objectives\s*:", re.IGNORECASE)
_PAGE_FURNITURE = re.compile(r"you may prefer\b", re.IGNORECASE)


class _Start(NamedTuple):
    """Where a card begins: the offset and 0-based line of its number line, and how
    many lines further down its ``Q`` line is."""

    pos: int
    line: int
    number: int
    q_offset: int


def parse(text: str, source: str) -> Deck:
    """Read a flashcard page copy into a Deck; raise SourceError on bad input.

    The text is never split into lines as a whole (a large deck has millions):
    card starts are found in the text, and each card is split on its own.
    """
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isspace() or not text:  # (no stripped copy of a large text)
        raise NoCards(source, 1, "file is empty: " + FORMAT_HINT)
    warnings: list[SourceWarning] = []
    first, cards = _read(text, source, warnings)
    title, objectives, description, page_count = _preamble(_lines(text[:first]), source)
    if page_count is not None and page_count[0] != len(cards):
        warnings.append(
            SourceWarning(
                source,
                page_count[1],
                f"the page says {page_count[0]} cards but {len(cards)} were found",
            )
        )
    return Deck(
        title=title,
        source=source,
        cards=tuple(cards),
        objectives=objectives,
        description=description,
        warnings=tuple(sorted(warnings, key=lambda w: w.line or 0)),
    )


def _read(text: str, source: str, warnings: list[SourceWarning]) -> tuple[int, list[Card]]:
    """Where the cards begin, and the cards: in one pass when the page is laid out
    exactly as pages print it (``flashcard_page_fast``, which imports this module for
    the layout it checks), else by the general reading."""
    from ankigen.sources.flashcard_page_fast import read_usual_page

    return read_usual_page(text, source) or read_cards(text, source, warnings)


def read_cards(text: str, source: str, warnings: list[SourceWarning]) -> tuple[int, list[Card]]:
    """Where the cards begin, and the cards, by the general reading of any page.

    ``text`` has LF line ends; problems that do not stop the reading are added
    to ``warnings``.
    """
    starts = _card_starts(text, source, warnings)
    if not starts:
        raise NoCards(source, 1, "no cards found: " + FORMAT_HINT)
    ends = [s.pos - 1 for s in starts[1:]] + [len(text)]
    cards = [
        _card(_lines(text[start.pos : end]), start, source, warnings)
        for start, end in zip(starts, ends, strict=True)
    ]
    return starts[0].pos, cards


def q_lines(text: str) -> Iterator[int]:
    """The offsets of the lines that hold only ``Q`` (and white space)."""
    if _FIRST_Q_LINE.match(text):
        yield 0
    yield from (match.start() + 1 for match in _Q_LINE.finditer(text))


def count_q_lines(text: str) -> int:
    """How many lines hold only ``Q`` (and white space), counted without a loop in Python."""
    return len(_Q_LINE.findall(text)) + bool(_FIRST_Q_LINE.match(text))


def _lines(text: str) -> list[str]:
    """Lines without trailing white space (``parse`` has made every line end LF).

    Trailing spaces carry no meaning on a copied page (but would become hard
    breaks in Markdown), and ``str.rstrip`` also removes non-breaking spaces.
    """
    return [line.rstrip() for line in text.split("\n")]


def _bare(line: str) -> str:
    """A line as structure sees it: no surrounding white space.

    ``Q`` and ``A`` markers are upper case on every page, so case matters (a
    question may well be the letter ``a``); the rating words are compared
    case-folded where they are checked.
    """
    return line.strip()


def _next_text(lines: Sequence[str], index: int) -> int:
    """Index of the first non-blank line at or after ``index`` (len if none)."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _card_starts(text: str, source: str, warnings: list[SourceWarning]) -> list[_Start]:
    """Every card start: a line holding only the next number, then a line ``Q``.

    ``Q`` lines are rare, so they are found first (by scans in C) and the number
    looked for above each.
    """
    starts: list[_Start] = []
    expected: int | None = None
    line, counted = 0, 0
    for q_pos in q_lines(text):
        above = _line_above(text, q_pos)
        if above is None:
            continue
        word = text[above[0] : above[1]].strip()
        if not (word.isdigit() and word.isascii()):
            continue
        number = int(word)
        line += text.count("\n", counted, above[0])
        counted = above[0]
        if expected is None or number == expected:
            starts.append(_Start(above[0], line, number, text.count("\n", above[0], q_pos)))
            expected = number + 1
        else:
            warnings.append(
                SourceWarning(
                    source,
                    line + 1,
                    f"'{number}' followed by 'Q' looks like a card, but card {expected} was "
                    f"expected next; kept as text of card {expected - 1}",
                )
            )
    return starts


def _line_above(text: str, pos: int) -> tuple[int, int] | None:
    """Start and end of the last non-blank line before the line starting at ``pos``."""
    end = pos - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None


def _card(lines: list[str], start: _Start, source: str, warnings: list[SourceWarning]) -> Card:
    """One card from its own lines (number line first, right-stripped)."""
    body_start = start.q_offset + 1
    end = _scaffold_start(lines, body_start, len(lines), start, source, warnings)
    separator = _answer_separator(lines, body_start, end)
    if separator is None:
        raise SourceError(
            source,
            start.line + 1,
            f"card {start.number} has no line 'A' between its question and its answer",
        )
    question = _join(lines[body_start:separator])
    answer = _join(lines[separator + 1 : end])
    if not question:
        raise SourceError(
            source, start.line + start.q_offset + 1, f"card {start.number} has an empty question"
        )
    if not answer:
        warnings.append(
            SourceWarning(
                source,
                start.line + separator + 1,
                f"card {start.number} has an empty answer (an image on the page?); "
                "kept with an empty answer",
            )
        )
    return Card(
        number=start.number,
        line=start.line + 1,
        question=question,
        answer=answer,
        source=source,
    )


def _scaffold_start(
    lines: list[str],
    begin: int,
    end: int,
    start: _Start,
    source: str,
    warnings: list[SourceWarning],
) -> int:
    """Where the card's rating scaffold begins (``end`` if it has none).

    The scaffold is the "How well did you know this?" line and the rating
    words after it, in order; any other text between it and the next card is
    page text, dropped with a warning so it is never silently lost.
    """
    if tuple(lines[end - 8 : end]) == SCAFFOLD_LINES:  # the usual case, as pages print it
        return end - 8
    head = next(
        (i for i in range(end - 1, begin - 1, -1) if lines[i].strip().casefold() == SCAFFOLD_HEAD),
        None,
    )
    if head is None:
        return end
    index = head + 1
    for rating in RATING_LINES:
        index = _next_text(lines, index)
        if index >= end or _bare(lines[index]).casefold() != rating:
            break
        index += 1
    rest = _next_text(lines, index)
    if rest < end:
        warnings.append(
            SourceWarning(
                source,
                start.line + rest + 1,
                f"text after the rating scale of card {start.number} is not part of any card; "
                "ignored",
            )
        )
    return head


def _answer_separator(lines: list[str], begin: int, end: int) -> int | None:
    """The index of the ``A`` line that separates question from answer.

    A question or answer may itself hold a lone ``A`` (a multiple-choice
    option, say). Pages set the real separator off with blank lines, so the
    first such ``A`` wins; without one, the first ``A`` at all.
    """
    with contextlib.suppress(ValueError):  # the usual layout, found by a scan in C
        i = lines.index("A", begin, end)
        blank_around = (i == begin or not lines[i - 1]) and (i + 1 == end or not lines[i + 1])
        if blank_around and not any(_bare(line) == "A" for line in lines[begin:i]):
            return i
    candidates = [i for i in range(begin, end) if lines[i][-1:] == "A" and _bare(lines[i]) == "A"]
    for i in candidates:
        if (i == begin or not lines[i - 1]) and (i + 1 == end or not lines[i + 1]):
            return i
    return candidates[0] if candidates else None


def _join(lines: Sequence[str]) -> str:
    """Lines as one text, outer blank lines trimmed, inner line breaks kept.

    Lines are right-stripped already, so a blank line is an empty one.
    """
    return "\n".join(lines).strip("\n")


def _preamble(
    lines: list[str], source: str
) -> tuple[str, tuple[str, ...], str, tuple[int, int] | None]:
    """Title, objectives, description and the page's own card count (with its line).

    Page furniture (a card count, JSON-LD, "You may prefer...") is dropped; what
    is left after the title and objectives is the description, never a card.
    """
    title = ""
    objectives: list[str] = []
    description: list[str] = []
    page_count: tuple[int, int] | None = None
    in_objectives = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            in_objectives = False
            continue
        if in_objectives and text.startswith(">"):
            objectives.extend(_objective_items(text))
            continue
        in_objectives = False
        count = _CARD_COUNT.fullmatch(text)
        if count:
            page_count = (int(count.group(1).replace(",", "")), index + 1)
        elif _OBJECTIVES.match(text):
            objectives.extend(_objective_items(text[text.index(":") + 1 :]))
            in_objectives = True
        elif _is_json(text) or _PAGE_FURNITURE.match(text):
            continue
        elif not title and _TITLE.search(text):
            title = text
        else:
            description.append(text)
    if not title and description:
        title = description.pop(0)
    return title or stem(source), tuple(objectives), "\n".join(description), page_count


def _objective_items(text: str) -> list[str]:
    return [item.strip() for item in text.split(">") if item.strip()]


def _is_json(text: str) -> bool:
    """A line of structured data (JSON-LD) copied along with the page."""
    if not text.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return "@context" in text
    return True
