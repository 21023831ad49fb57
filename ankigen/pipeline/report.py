"""What a deck build tells the maintainer: a summary line, and warnings worth acting on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ankigen.anki.state import State
from ankigen.config.deck import CONFIG_SUFFIX, DeckConfig
from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card, Deck, Note
from ankigen.pipeline.identity import duplicates
from ankigen.pipeline.reworded import reworded
from ankigen.pipeline.stamp import Changes
from ankigen.pipeline.write import Status
from ankigen.sources import YAML_SUFFIXES

MAX_LISTED = 10  # warnings of one kind listed one by one; the rest are counted


@dataclass(frozen=True)
class BuildResult:
    """What a deck build did, for the maintainer's summary.

    A failed one carries its ``error`` (nothing was written); a skipped one was
    not a deck, and its ``warnings`` say why.
    """

    name: str
    output: Path | None
    status: Status
    cards: int = 0
    tag_counts: dict[str, int] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)
    warnings: tuple[SourceWarning, ...] = ()
    error: SourceError | None = None

    def summary(self) -> str:
        tags = ", ".join(f"{tag} {count}" for tag, count in self.tag_counts.items())
        detail = "" if self.status is Status.UP_TO_DATE else f" ({self.changes.summary()})"
        return (
            f"{self.output}: {self.name}: {self.status.value}{detail}; {self.cards} cards; "
            f"tags: {tags or 'none'}"
        )


def result(
    record: State,
    apkg: Path,
    status: Status,
    changes: Changes | None = None,
    warnings: Sequence[SourceWarning] = (),
) -> BuildResult:
    """The result of a build that wrote (or would write, or found) ``record``."""
    return BuildResult(
        name=record.deck_name,
        output=apkg,
        status=status,
        cards=record.cards,
        tag_counts=dict(record.tag_counts),
        changes=changes or Changes(),
        warnings=tuple(warnings),
    )


def warnings(
    config: DeckConfig,
    sources: Sequence[Deck],
    cards: Sequence[Card],
    notes: Sequence[Note],
    previous: State | None,
    name: str,
) -> list[SourceWarning]:
    """The sources' own warnings, questions two cards share, questions that look
    reworded, and a renamed deck."""
    found = [w for deck in sources for w in deck.warnings]
    shared = list(duplicates(cards))
    found += [
        SourceWarning(
            card.source,
            card.line,
            f"card {card.number} has the same question as card {first.number} "
            f"({first.source}:{first.line}); both are kept, with different identities. To "
            "keep them apart for good, give each an id (a YAML card's id:, a table's id column)",
        )
        for card, first in shared[:MAX_LISTED]
    ]
    if len(shared) > MAX_LISTED:
        card = shared[MAX_LISTED][0]
        found.append(
            SourceWarning(
                card.source,
                card.line,
                f"and {len(shared) - MAX_LISTED} more cards have the question of a card before "
                "them (from here on); each is kept, with an identity of its own",
            )
        )
    found += [
        _reworded(config, card, old.was or old.question, old.question)
        for card, old in reworded(cards, notes, previous)
    ]
    if previous and previous.deck_name != name:
        found.append(
            SourceWarning(
                config.path,
                1,
                f"the deck is renamed from {previous.deck_name!r} to {name!r}: Anki "
                "finds decks by name, so learners get a new deck for new cards while their "
                "existing cards stay where they are",
            )
        )
    return found


def _reworded(config: DeckConfig, card: Card, identity: str, question: str) -> SourceWarning:
    """The warning for a card that looks like ``question`` reworded, with the pin that
    keeps the old card's ``identity``."""
    if Path(card.source).suffix in YAML_SUFFIXES:  # the card can carry its identity itself
        fix = f"give the card the line: id: {json.dumps(identity)}"
    else:
        where = config.path if config.path.endswith(CONFIG_SUFFIX) else "a .deck.yaml file"
        pin = json.dumps({"question": card.question, "was": identity})
        fix = f"add to {where} under 'cards:': - {pin}"
    return SourceWarning(
        card.source,
        card.line,
        f"card {card.number} looks like {question!r} reworded; as it is, learners "
        f"get it as a new card and lose that card's review history. To keep it, {fix}",
    )
