"""Markdown decks, in the layouts Markdown flashcard users already write.

mdanki (``ashlinchak/mdanki``): a ``# Title`` names the deck; every ``## ``
heading starts a card, the heading is the front and what follows the back; a
line ``%`` splits a longer front (the heading and the lines after it) from the
back; a line of tag links ``[#tag](...) [#other tag]()`` gives the card's tags
(spaces become ``_``)::

    ## What is a Pod?
    The smallest deployable unit.
    [#K8S]() [#workloads]()

ankdown (``benwr/ankdown``): cards split by lines ``---``, each card's fields
by lines ``%``: the front, the back, then tags (separated by commas or spaces)::

    Expected value of \\(f(x)\\)
    %
    \\[\\mathbb{E}[f(x)] = \\sum_x p(x)f(x)\\]
    %
    math, probability

Lines inside fenced code blocks are never structure. Images are Markdown
images, found beside the file like any source's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck, tag_problem
from ankigen.sources.common import trim

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CARD_HEADING = re.compile(r"^##\s+(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^#\s+(.*?)\s*#*\s*$")
_TAG_LINE = re.compile(r"^\s*\[#[^\]]+\]")
_TAG_LINK = re.compile(r"\[#([^\]]+)\](?:\([^)]*\))?")
HINT = (
    "expected '## question' headings (mdanki) or cards split by lines '---' with a "
    "line '%' between front and back (ankdown)"
)


def parse(text: str, source: str) -> Deck:
    """Read a Markdown deck; raise SourceError on bad input."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NoCards(source, 1, "file is empty: " + HINT)
    lines = list(_outside_code(text.split("\n")))
    if any(_CARD_HEADING.match(line) for line, code in lines if not code):
        return _mdanki(lines, source)
    if any(line.strip() == "%" for line, code in lines if not code):
        return _ankdown(lines, source)
    raise NoCards(source, 1, "no cards found: " + HINT)


def _outside_code(lines: list[str]) -> Iterator[tuple[str, bool]]:
    """Each line, and whether it is inside (or opens or closes) a fenced code block."""
    fence = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            yield line, True
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield line, True
        else:
            yield line, False


def _mdanki(lines: list[tuple[str, bool]], source: str) -> Deck:
    title = ""
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    start: int | None = None
    for index, (line, code) in enumerate([*lines, ("## ", False)]):
        heading = None if code else _CARD_HEADING.match(line)
        if heading is None:
            if start is None and not code and not title and _TITLE.match(line):
                title = _TITLE.match(line).group(1)  # type: ignore[union-attr]
            continue
        if start is not None:
            card = _mdanki_card(lines[start:index], start, len(cards) + 1, source, warnings)
            if card:
                cards.append(card)
        start = index
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(title or _stem(source), source, tuple(cards), warnings=tuple(warnings))


def _mdanki_card(
    block: list[tuple[str, bool]],
    start: int,
    number: int,
    source: str,
    warnings: list[SourceWarning],
) -> Card | None:
    heading = _CARD_HEADING.match(block[0][0])
    assert heading is not None
    body = block[1:]
    split = next(
        (i for i, (line, code) in enumerate(body) if not code and line.strip() == "%"), None
    )
    front = [heading.group(1)]
    if split is not None:
        front += [line for line, _ in body[:split]]
        body = body[split + 1 :]
    tags: list[str] = []
    back = []
    for line, code in body:
        if not code and _TAG_LINE.match(line):
            tags += _tag_links(line, source, start + 1)
        else:
            back.append(line)
    question = trim("\n".join(front))
    if not question:
        warnings.append(SourceWarning(source, start + 1, "a card with an empty heading; skipped"))
        return None
    answer = trim("\n".join(back))
    if not answer:
        warnings.append(SourceWarning(source, start + 1, f"card {number} has an empty answer"))
    return Card(number, start + 1, question, answer, tuple(dict.fromkeys(tags)), source)


def _tag_links(line: str, source: str, card_line: int) -> list[str]:
    tags = [match.group(1).strip().replace(" ", "_") for match in _TAG_LINK.finditer(line)]
    return [_checked(tag, source, card_line) for tag in tags if tag]


def _ankdown(lines: list[tuple[str, bool]], source: str) -> Deck:
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    block: list[tuple[int, str, bool]] = []
    for index, (line, code) in enumerate([*lines, ("---", False)]):
        if code or line.strip() != "---":
            block.append((index, line, code))
            continue
        if any(text.strip() for _, text, _ in block):
            card = _ankdown_card(block, len(cards) + 1, source, warnings)
            if card:
                cards.append(card)
        block = []
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(_stem(source), source, tuple(cards), warnings=tuple(warnings))


def _ankdown_card(
    block: list[tuple[int, str, bool]], number: int, source: str, warnings: list[SourceWarning]
) -> Card | None:
    fields: list[list[str]] = [[]]
    for _, text, code in block:
        if not code and text.strip() == "%":
            fields.append([])
        else:
            fields[-1].append(text)
    texts = [trim("\n".join(field)) for field in fields]
    line = next(index for index, text, _ in block if text.strip()) + 1
    if len(texts) < 2:
        raise SourceError(source, line, f"card {number} has no line '%' between front and back")
    question, answer = texts[0], texts[1]
    if not question:
        warnings.append(SourceWarning(source, line, f"card {number} has an empty front; skipped"))
        return None
    tags = [
        _checked(tag, source, line)
        for text in texts[2:3]
        for tag in re.split(r"[,\s]+", text)
        if tag
    ]
    if len(texts) > 3:
        warnings.append(
            SourceWarning(
                source, line, f"card {number} has fields after its tags, which are not read"
            )
        )
    return Card(number, line, question, answer, tuple(dict.fromkeys(tags)), source)


def _checked(tag: str, source: str, line: int) -> str:
    problem = tag_problem(tag)
    if problem:
        raise SourceError(source, line, problem)
    return tag


def _stem(source: str) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
