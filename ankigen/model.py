"""The card model every source format is read into and every later stage reads from."""

from __future__ import annotations

from dataclasses import dataclass

from ankigen.errors import SourceWarning


@dataclass(frozen=True)
class Card:
    """One question and its answer, as written in the source (Markdown).

    ``number`` is the card's position as the source numbers it, and ``line`` the
    1-based source line where the card starts; neither is part of its identity,
    because both shift when cards are inserted or removed.
    """

    number: int
    line: int
    question: str
    answer: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deck:
    """A source file read into cards, with what the source says about itself."""

    title: str
    source: str
    cards: tuple[Card, ...]
    objectives: tuple[str, ...] = ()
    description: str = ""
    warnings: tuple[SourceWarning, ...] = ()
