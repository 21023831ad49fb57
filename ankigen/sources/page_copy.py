"""Term and definition pages copied from flashcard sites: Brainscape's plain layout,
Quizlet and Knowt set pages.

Copied as text, such a page is its furniture (the site's menus, "Terms in this
set (20)", "Students also viewed", sign-up prompts) around its cards: a term,
then its definition. The copy sets them off in one of three ways, told apart by
the blocks of lines between blank lines: a card a block (a term line, then its
definition), a term or definition a block (Brainscape's plain layout: question,
blank line, answer), or none at all (a term or definition a line). The
furniture is dropped, and a page's own count of its terms is checked against
the cards found.
"""

from __future__ import annotations

import re
from pathlib import Path

from ankigen.errors import NoCards, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources.flashcard_page import RATING_LINES, SCAFFOLD_HEAD

_COUNT = re.compile(r"(?:terms in this set|cards?|terms?)\s*\(?\s*([\d,]+)\s*\)?", re.IGNORECASE)
_COUNT_LINE = re.compile(
    r"^(?:terms in this set\s*\(\s*([\d,]+)\s*\)|\(?\s*([\d,]+)\s+(?:terms|cards)\s*\)?)$",
    re.IGNORECASE,
)
# Lines that are the site, not the cards (compared case-folded, without trailing marks).
_FURNITURE = {
    "flashcards", "learn", "test", "match", "q-chat", "spell", "write", "gravity", "live",
    "blast", "blocks", "save", "share", "study", "print", "embed", "combine", "copy", "edit",
    "preview", "practice", "review", "log in", "sign up", "upgrade", "get started",
    "show more", "see more", "see all", "original", "alphabetical", "your stats",
    "created by", "teacher", "terms in this set", "flip", "shuffle", "next", "previous",
    "study these flashcards", "study with learn", "add to folder", "rate this set",
    "try it free", "upgrade to remove ads", "only $35.99/year", "knowt", "brainscape",
    "decks in this class", "cards in this deck", "how well did you know this?",
}  # fmt: skip
_FURNITURE_PREFIX = re.compile(
    r"^(?:created by|study online at|last updated|share this|save this|upgrade to|try it free|"
    r"log in|sign up|\d+ studiers?|\d+ people|rated \d|get a hint|click to flip|"
    r"you may prefer|learn faster with)\b",
    re.IGNORECASE,
)
# Where the cards end and the site's other suggestions begin.
_TRAILER = re.compile(
    r"^(?:students also viewed|other sets by this creator|recommended textbook solutions|"
    r"sets found in the same folder|related questions|verified questions|flashcard sets|"
    r"more about|about us|terms of service|privacy policy|sets with similar terms|"
    r"people also studied|explore more|similar decks)\b",
    re.IGNORECASE,
)
HINT = (
    "expected numbered cards (a line '1', a line 'Q', the question, a line 'A', the answer), "
    "an Anki text export, tab-separated rows, or terms and definitions set off by blank lines"
)


def parse(text: str, source: str) -> Deck:
    """Read a term and definition page copy into a Deck; raise SourceError on bad input."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    warnings: list[SourceWarning] = []
    title, count, start = _head(lines)
    end = next(
        (i for i in range(start, len(lines)) if _TRAILER.match(lines[i].strip())), len(lines)
    )
    pairs = _pairs(lines, start, end, source, warnings)
    if count is None and title:
        # With no count line to go by, the first line may be a term (a copy of the
        # cards alone): it is, when reading it as one leaves fewer lines unpaired.
        untitled: list[SourceWarning] = []
        as_term = _pairs(lines, start - 1, end, source, untitled)
        if len(untitled) < len(warnings):
            title, pairs, warnings = Path(source).stem, as_term, untitled
    cards = [
        Card(number, line, term, definition, source=source, markup="text")
        for number, (line, term, definition) in enumerate(pairs, 1)
    ]
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    if count is not None and count[0] != len(cards):
        warnings.append(
            SourceWarning(
                source, count[1], f"the page says {count[0]} terms but {len(cards)} were found"
            )
        )
    return Deck(title, source, tuple(cards), warnings=tuple(warnings))


def _head(lines: list[str]) -> tuple[str, tuple[int, int] | None, int]:
    """The page's title, its count of terms (with its line), and where the terms begin:
    after the count line when there is one, else after the title."""
    title = ""
    for index, line in enumerate(lines):
        match = _COUNT_LINE.match(line.strip())
        if match:
            number = int((match.group(1) or match.group(2)).replace(",", ""))
            return title or "Flashcards", (number, index + 1), index + 1
        if line.strip() and not _is_furniture(line) and not title:
            title = re.sub(
                r"\s*(?:\|\s*(?:quizlet|knowt|brainscape).*)$", "", line.strip(), flags=re.I
            )
    first = next(
        (i for i, line in enumerate(lines) if line.strip() and not _is_furniture(line)), None
    )
    return title, None, len(lines) if first is None else first + 1


def _is_furniture(line: str) -> bool:
    bare = line.strip().rstrip(":.").casefold()
    return (
        bare in _FURNITURE
        or bare == SCAFFOLD_HEAD.rstrip("?")
        or bare in RATING_LINES
        or bool(_FURNITURE_PREFIX.match(line.strip()))
    )


def _pairs(
    lines: list[str], start: int, end: int, source: str, warnings: list[SourceWarning]
) -> list[tuple[int, str, str]]:
    """Each card's line, term and definition."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for index in range(start, end):
        line = lines[index]
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        elif not _is_furniture(line):
            blocks[-1].append((index + 1, line.strip()))
    blocks = [block for block in blocks if block]
    if len(blocks) >= 2 and sum(len(block) >= 2 for block in blocks) >= 0.8 * len(blocks):
        items = []
        for block in blocks:  # a card a block
            if len(block) < 2:
                warnings.append(_unpaired(source, block[0]))
                continue
            items.append((block[0][0], block[0][1], "\n".join(text for _, text in block[1:])))
        return items
    if len(blocks) >= 2:  # a term or definition a block
        entries = [(block[0][0], "\n".join(text for _, text in block)) for block in blocks]
    else:  # a term or definition a line
        entries = blocks[0] if blocks else []
    if len(entries) % 2:
        warnings.append(_unpaired(source, entries[-1]))
    return [
        (line, term, definition)
        for (line, term), (_, definition) in zip(entries[0::2], entries[1::2], strict=False)
    ]


def _unpaired(source: str, entry: tuple[int, str]) -> SourceWarning:
    line, text = entry
    return SourceWarning(
        source,
        line,
        f"{text[:40]!r} has no term or no definition beside it (an image on the page?): it is "
        "not a card; check the cards near here",
    )
