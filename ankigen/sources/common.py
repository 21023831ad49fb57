"""What every source format shares: how questions compare, and one card per identity."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

from ankigen.errors import SourceError
from ankigen.model import Card


def normalise_question(question: str) -> str:
    """The form in which two questions count as the same: case and spacing folded."""
    return " ".join(question.split()).casefold()


def check_unique(cards: Sequence[Card], source: str) -> None:
    """Two cards with one identity would be one note in Anki: refuse them, naming both."""
    keys = [card.id or normalise_question(card.question) for card in cards]
    if len(set(keys)) == len(keys):  # the usual case, decided without a loop in Python
        return
    seen: dict[str, Card] = {}
    for key, card in zip(keys, cards, strict=True):
        first = seen.setdefault(key, card)
        if first is not card:
            what = f"the id {card.id!r}" if card.id else "the same question"
            raise SourceError(
                source,
                card.line,
                f"card {card.number} has {what} as card {first.number} (line {first.line}); "
                "each card needs its own, as it is the card's identity in Anki",
            )


def trim(text: str) -> str:
    """Text with trailing spaces and outer blank lines removed; inner lines as they are."""
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector for work that makes many objects and no cycles.

    Parsing and building make a few objects per card and no reference cycles
    worth collecting; the collector's passes over them cost a quarter of the
    time on a large deck. It is restored as it was, whatever happens.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
