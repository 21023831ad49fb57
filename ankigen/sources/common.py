"""What every source format shares: one card per identity, and trimmed text."""

from __future__ import annotations

from collections.abc import Sequence

from ankigen.errors import SourceError
from ankigen.model import Card
from ankigen.pipeline.identity import normalise_question


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
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
