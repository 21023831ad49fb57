"""What a deck build tells the maintainer: a summary line, and warnings worth acting on."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from ankigen.anki.notetype import BY_ID
from ankigen.anki.state import State
from ankigen.config.deck import CONFIG_SUFFIX, DeckConfig
from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card, Deck, Note, is_cloze_text
from ankigen.pipeline.identity import duplicates, pins
from ankigen.pipeline.kind import is_cloze
from ankigen.pipeline.order import Order
from ankigen.pipeline.reworded import reworded
from ankigen.pipeline.stamp import Changes
from ankigen.pipeline.write import Status
from ankigen.sources import YAML_SUFFIXES

MAX_LISTED = 10  # warnings of one kind listed one by one; the rest are counted
T = TypeVar("T")


class BuildResult(NamedTuple):
    """What a deck build did, for the maintainer's summary.

    A failed one carries its ``error`` (nothing was written); a skipped one was
    not a deck, and its ``warnings`` say why.
    """

    name: str
    output: Path | None
    status: Status
    cards: int = 0
    notes: int = 0
    tag_counts: Mapping[str, int] = MappingProxyType({})
    changes: Changes = Changes()
    warnings: tuple[SourceWarning, ...] = ()
    error: SourceError | None = None

    def summary(self) -> str:
        tags = ", ".join(f"{tag} {count}" for tag, count in self.tag_counts.items())
        detail = "" if self.status is Status.UP_TO_DATE else f" ({self.changes.summary()})"
        notes = f" of {self.notes} notes" if self.notes != self.cards else ""
        return (
            f"{self.output}: {self.name}: {self.status.value}{detail}; {self.cards} cards"
            f"{notes}; tags: {tags or 'none'}"
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
        notes=record.note_count,
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
    order: Order | None = None,
) -> list[SourceWarning]:
    """The sources' own warnings, questions two cards share, answers that hold cloze
    deletions (only questions make cloze cards), questions that look
    reworded, notes whose note type changed, deletions removed from cloze notes,
    new cards that found no room in the order of new cards, and a renamed deck."""
    found = [w for deck in sources for w in deck.warnings]
    found += _listed(
        list(duplicates(cards)),
        lambda card, first: (
            f"card {card.number} has the same question as card {first.number} "
            f"({first.source}:{first.line}); both are kept, with different identities. To "
            "keep them apart for good, give each an id (a YAML card's id:, a table's id column)"
        ),
        "and {count} more cards have the question of a card before them (from here on); "
        "each is kept, with an identity of its own",
    )
    found += _listed(
        [(card, None) for card in cards if not is_cloze(card) and is_cloze_text(card.answer)],
        lambda card, _: (
            f"card {card.number}'s answer holds a cloze deletion ({{{{c1::...}}}}), which only "
            "a question makes: Anki shows it as written, braces and all; put the text with its "
            "deletions in the question to make a cloze card"
        ),
        "and {count} more answers hold cloze deletions (from here on), shown as written",
    )
    found += [
        _reworded(config, card, old.was or old.question, old.question)
        for card, old in reworded(cards, notes, previous, pins(config))
    ]
    found += _kinds(cards, notes, previous, name)
    if order and order.crowded:
        card = cards[order.crowded[0]]
        found.append(
            SourceWarning(
                card.source,
                card.line,
                f"{len(order.crowded)} new card(s), from card {card.number} on, come after all "
                "others in the order learners meet new cards: no free position is left between "
                "their neighbours' (many cards were inserted here)",
            )
        )
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


def _kinds(
    cards: Sequence[Card], notes: Sequence[Note], previous: State | None, deck: str
) -> list[SourceWarning]:
    """Notes whose note type changed (Anki will not update them), and cloze notes
    that lost a deletion (learners keep an empty card)."""
    if previous is None:
        return []
    published = {note.guid: note for note in previous.notes}
    changed: dict[tuple[int, int], list[Card]] = {}
    emptied: list[tuple[Card, list[int]]] = []
    for card, note in zip(cards, notes, strict=True):
        old = published.get(note.guid)
        if old is None:
            continue
        if old.note_type != note.note_type:
            changed.setdefault((old.note_type, note.note_type), []).append(card)
        elif old.clozes:
            kept = {o + 1 for o in BY_ID[note.note_type].ords(note.fields)}
            gone = [n for n in old.clozes if n not in kept]
            if gone:
                emptied.append((card, gone))
    found = []
    for (before, after), moved in changed.items():
        old_name = BY_ID[before].name if before in BY_ID else str(before)
        new_name = BY_ID[after].name
        found.append(
            SourceWarning(
                moved[0].source,
                moved[0].line,
                f"{len(moved)} card(s), from card {moved[0].number} on, change note type from "
                f"{old_name!r} to {new_name!r}: Anki does not update a learner's notes whose note "
                "type changed (its import log calls them conflicting). Learners keep their review "
                f"history and get the new cards by searching the browser for note:{json.dumps(old_name)} "
                f"deck:{json.dumps(deck)}, choosing Notes > Change Note Type... > {new_name}, and "
                "importing the deck again",
            )
        )
    found += _listed(
        emptied,
        lambda card, gone: (
            f"card {card.number} no longer has {', '.join(f'c{n}' for n in gone)}: learners "
            "who have the deck keep an empty card for it, which Anki's Tools > Empty Cards deletes"
        ),
        "and {count} more cloze cards lost a deletion (from here on): learners keep empty "
        "cards for them (Tools > Empty Cards deletes them)",
    )
    return found


def _listed(
    items: Sequence[tuple[Card, T]], message: Callable[[Card, T], str], rest: str
) -> list[SourceWarning]:
    """A warning for each of the first ``MAX_LISTED`` items, at its card, then one that
    counts the rest (``rest``, with ``{count}``), at the first of them."""
    found = [
        SourceWarning(card.source, card.line, message(card, item))
        for card, item in items[:MAX_LISTED]
    ]
    if len(items) > MAX_LISTED:
        card = items[MAX_LISTED][0]
        found.append(
            SourceWarning(card.source, card.line, rest.format(count=len(items) - MAX_LISTED))
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
