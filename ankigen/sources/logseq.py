"""Logseq pages: an outline of blocks, a block tagged ``#card`` (or ``[[card]]``) a card.

Logseq's own flashcards: the card block's text is the front and the blocks under it
are the back; ``{{cloze text}}`` in the front hides ``text``. The properties Logseq
writes (its schedule, ``card-repeats:: 1``, ``collapsed:: true``, ``id:: ...``) and
its drawers (``:LOGBOOK:`` ... ``:END:``) are not text; a page's ``title::`` (else
its name) names the deck::

    - What is a Pod? #card
      card-repeats:: 1
        - The smallest deployable unit.
    - A {{cloze Deployment}} keeps pods running. #card

Page links (``[[Pod]]``) show as their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ankigen.errors import NoCards
from ankigen.model import Card, Deck
from ankigen.sources.common import stem, trim

_CARD_TAG = re.compile(r"(?<!\S)(?:#card|\[\[card\]\])(?!\S)")
_BULLET = re.compile(r"^([ \t]*)-(?: (.*)|)$")
_PROPERTY = re.compile(r"^\s*[A-Za-z][\w-]*::(?:\s|$)")
# (Each match stops at the next "{{": a run of openers is read in linear time.)
_CLOZE = re.compile(r"\{\{cloze\s+((?:(?!\}\}|\{\{).)*)\}\}")
_LINK = re.compile(r"\[\[([^\[\]]+)\]\]")
_IMAGE_SIZE = re.compile(r"(?<=\))\{:[^{}\n]*\}")  # ![a](b.png){:height 458, ...}


class _Block(NamedTuple):
    line: int  # 1-based
    width: int  # of the bullet's indentation, a tab counting as two spaces
    text: str


def is_logseq(lines: list[str]) -> bool:
    """Whether a page holds Logseq cards: a block tagged ``#card``."""
    return any(_BULLET.match(line) and _CARD_TAG.search(line) for line in lines)


def parse(lines: list[str], source: str) -> Deck:
    """Read a Logseq page's cards into a Deck."""
    blocks = list(_blocks(lines))
    title = next(
        (line.split("::", 1)[1].strip() for line in lines[: blocks[0].line - 1 if blocks else 0]
         if line.strip().lower().startswith("title::")),
        "",
    )  # fmt: skip
    cards: list[Card] = []
    for index, block in enumerate(blocks):
        if not _CARD_TAG.search(block.text):
            continue
        front = _text(_CARD_TAG.sub("", block.text)).strip()
        below = []
        for child in blocks[index + 1 :]:
            if child.width <= block.width:
                break
            below.append(child)
        cloze = _CLOZE.search(front) is not None
        question = _CLOZE.sub(lambda m: f"{{{{c1::{m.group(1).strip()}}}}}", front)
        answer = _CLOZE.sub(lambda m: m.group(1).strip(), _text(_outline(below, block.width)))
        number = len(cards) + 1
        cards.append(Card(number, block.line, question, answer, source=source, cloze=cloze))
    if not cards:
        raise NoCards(source, 1, "no cards found: expected blocks tagged #card (Logseq)")
    # A namespaced page's file: "logseq___faq.md" is the page "logseq/faq".
    return Deck(title or stem(source).replace("___", "/"), source, tuple(cards))


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Each block: its line, its indentation and its text, properties and drawers left
    out (a block's later lines are indented to its text, two spaces past its bullet)."""
    start: tuple[int, int] | None = None
    text: list[str] = []
    for number, line in enumerate([*lines, "-"], 1):
        bullet = _BULLET.match(line)
        if bullet is None:
            if start is not None:
                text.append(
                    line[start[1] + 2 :] if line[: start[1] + 2].isspace() else line.strip()
                )
            continue
        if start is not None:
            yield _Block(start[0], start[1], "\n".join(_without_properties(text)))
        start = (number, len(bullet.group(1).replace("\t", "  ")))
        text = [bullet.group(2) or ""]


def _without_properties(lines: list[str]) -> Iterator[str]:
    """A block's lines without Logseq's properties and drawers (but inside code)."""
    code = drawer = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            code = not code
        elif not code and line.strip() in (":LOGBOOK:", ":PROPERTIES:"):
            drawer = True
            continue
        elif drawer:
            drawer = line.strip() != ":END:"
            continue
        if code or not _PROPERTY.match(line):
            yield line


def _outline(blocks: list[_Block], width: int) -> str:
    """The blocks under a card as its back: one block's text, or a Markdown list."""
    if len(blocks) == 1:
        return blocks[0].text
    depths: list[int] = []  # the widths of the open levels
    items = []
    for block in blocks:
        while depths and depths[-1] >= block.width:
            depths.pop()
        indent = "  " * len(depths)
        depths.append(block.width)
        first, *rest = block.text.split("\n")
        items.append("\n".join([f"{indent}- {first}", *(f"{indent}  {line}" for line in rest)]))
    return "\n".join(items)


def _text(text: str) -> str:
    """Logseq's Markdown as CommonMark: page links as their text, no image sizes."""
    return trim(_IMAGE_SIZE.sub("", _LINK.sub(r"\1", text)))
