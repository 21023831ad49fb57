"""Labelled cards: a line ``Q: question``, then a line ``A: answer``, as people write
cards in plain notes (and as chat assistants and many study guides print them)::

    Q: What is a Pod?
    A: The smallest deployable unit.

    Q: What is a Node?
    A: A worker machine.
    It runs pods.

The labels are ``Q``/``Question``/``Front`` and ``A``/``Answer``/``Back``, in any case,
numbered or not (``Q1:``), bold or not (``**Q:**``). A question runs up to its ``A:``
line and an answer up to the next ``Q:`` line, so either may take several lines. The
first line above the first card (a ``# heading`` in Markdown) names the deck.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.errors import NoCards, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources.common import stem, trim

_LABEL = re.compile(
    r"^\s*(\*\*|__)?(?:(q|question|front)|(a|answer|back))\s*\d*\s*:\s*(?:\1)?\s?(.*)$",
    re.IGNORECASE,
)


def _label(line: str) -> tuple[bool, str] | None:
    """Whether a labelled line asks (``Q:``) or answers (``A:``), and its text; None for
    any other line."""
    match = _LABEL.match(line)
    return None if match is None else (bool(match.group(2)), match.group(4))


def looks_labelled(lines: Sequence[str]) -> bool:
    """Whether the text is labelled cards: two or more ``Q:`` lines, each followed by an
    ``A:`` line (or more: a later one is the answer's text) before the next."""
    labels = "".join("QA"[not found[0]] for found in map(_label, lines) if found)
    return labels.count("Q") >= 2 and re.fullmatch("(?:QA+)+", labels) is not None


def parse(text: str, source: str, markup: str) -> Deck:
    """Read labelled cards into a Deck of cards in ``markup`` (``text`` or ``markdown``)."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = [_label(line) for line in lines]
    starts = [i for i, found in enumerate(labels) if found and found[0]]
    if not starts:
        raise NoCards(source, 1, "no cards found: expected lines 'Q: question' and 'A: answer'")
    warnings: list[SourceWarning] = []
    cards = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True), 1):
        split = next((i for i in range(start + 1, end) if labels[i]), end)
        if split == end:
            warnings.append(SourceWarning(source, start + 1, f"card {number} has no 'A:' line"))
        question = _side(lines, labels[start], start, split)
        answer = _side(lines, labels[split], split, end) if split < end else ""
        if split < end and not answer:
            warnings.append(SourceWarning(source, split + 1, f"card {number} has an empty answer"))
        cards.append(Card(number, start + 1, question, answer, source=source, markup=markup))
    head = [(i, line.strip()) for i, line in enumerate(lines[: starts[0]]) if line.strip()]
    title = head[0][1].lstrip("#").strip() if head else ""
    if len(head) > 1:
        warnings.append(
            SourceWarning(
                source,
                head[1][0] + 1,
                f"{len(head) - 1} line(s) between the title and the first card are not read",
            )
        )
    return Deck(title or stem(source), source, tuple(cards), warnings=tuple(warnings))


def _side(lines: Sequence[str], label: tuple[bool, str] | None, at: int, until: int) -> str:
    """One side of a card: the text after its label, then the lines up to ``until``."""
    return trim("\n".join([label[1] if label else "", *lines[at + 1 : until]]))
