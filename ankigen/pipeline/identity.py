"""Stable identities: what lets a new version of a deck update a learner's collection.

Anki matches notes by GUID, note types by id and decks by name. If any of these
drift between builds, learners get duplicates or lose review history, so each is
derived from something that only changes on purpose: a note's GUID from the deck
key and the card's question, normalised (or the card's own ``id``, or the earlier
wording a ``was:`` pin names, or the GUID the source itself carries).

A cloze note's identity is the text of its first deletion (``{{c1::Paris}}``:
"paris"), so that editing the text around it, or adding a ``c2``, updates the
note; changing what ``c1`` hides makes it another note.

Two cards may share a question (a vocabulary list may hold a word twice). The
first keeps the question's identity; a later one takes its identity from its
question and answer. A card keeps an identity of the second kind for as long as
its question and answer stay the same, even when the card it shared its
question with is removed (the last build's GUIDs say it had one).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from ankigen.errors import SourceError
from ankigen.model import Card, Note, normalise_question
from ankigen.pipeline.kind import is_cloze

if TYPE_CHECKING:
    from ankigen.config.deck import DeckConfig

_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
_HINT = re.compile(r"::[^{}]*$")


def deck_id(key: str) -> int:
    """A deck id from the deck key: stable, and clear of Anki's Default deck (id 1)."""
    digest = hashlib.sha256(f"ankigen deck {key}".encode()).digest()
    return (1 << 40) + int.from_bytes(digest[:5], "big")


def note_guid(key: str, question: str) -> str:
    """A note's GUID from the deck key and its question, normalised.

    Not genanki's default (a hash of all fields), which would make every edited
    answer a new note. Case and spacing are folded so that tidying a question
    keeps its identity.
    """
    # genanki.guid_for's encoding (the first 8 bytes of a SHA-256, in Anki's
    # base 91), without its per-byte Python loop; tests hold the two equal.
    digest = hashlib.sha256(f"{key}__{normalise_question(question)}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    while number:
        number, digit = divmod(number, 91)
        letters.append(_BASE91[digit])
    return "".join(reversed(letters))


def basis(card: Card, wording: str | None = None) -> str:
    """What a card's identity is made from (its question, or ``wording``, an earlier
    one): the question, normalised, or for a cloze card its first deletion's text."""
    text = card.question if wording is None else wording
    if not is_cloze(card):
        return text
    numbers = [int(n) for n in _CLOZE_NUMBER.findall(text)]
    if not numbers:
        return text
    return "cloze\x1f" + "\x1f".join(_deletions(text, min(numbers)))


def _deletions(text: str, number: int) -> list[str]:
    """What each ``{{cN::…}}`` of ``number`` hides (deletions may nest), without hints."""
    marker = f"{{{{c{number}::"
    found = []
    start = text.find(marker)
    while start != -1:
        pos = end = start + len(marker)
        depth = 1
        while depth and end < len(text):
            if text.startswith("{{", end):
                depth, end = depth + 1, end + 2
            elif text.startswith("}}", end):
                depth, end = depth - 1, end + 2
            else:
                end += 1
        found.append(_HINT.sub("", text[pos : end - 2 if depth == 0 else end]))
        start = text.find(marker, pos)
    return found


def pins(config: DeckConfig) -> dict[str, str]:
    """The ``was:`` pins of a configuration: a question, normalised, and the earlier
    wording its identity comes from."""
    return {normalise_question(o.question): o.was for o in config.cards if o.was}


def guids(
    cards: Sequence[Card], config: DeckConfig, published: Collection[str] = frozenset()
) -> list[str]:
    """Each card's GUID: the source's own, else from its pinned earlier wording, its
    own id, or its question (and answer, for a question another card has too).
    ``published`` are the GUIDs of the last build."""
    pinned = pins(config)
    taken: set[str] = set()
    result = []
    for card in cards:
        pin = pinned.get(normalise_question(card.question)) if pinned else None
        made_of = basis(card, pin) if pin else card.id or basis(card)
        guid = card.guid or note_guid(config.key, made_of)
        # The paired identity matters only for a question taken already, or one
        # the last build may have paired (it had none in a first build).
        if not (card.guid or card.id or pin) and (guid in taken or published):
            other = card.question if is_cloze(card) else card.answer
            paired = note_guid(config.key, f"{made_of}\x1f{normalise_question(other)}")
            if guid in taken or paired in published:
                guid, copy = paired, 1
                while guid in taken:  # the same question and answer again
                    copy += 1
                    guid = note_guid(config.key, f"{made_of}\x1f{other}\x1f{copy}")
        taken.add(guid)
        result.append(guid)
    return result


def duplicates(cards: Sequence[Card]) -> Iterator[tuple[Card, Card]]:
    """Each card whose question an earlier card has too (spacing aside), with that card."""
    first: dict[str, Card] = {}
    for card in cards:
        if card.id is None and card.guid is None:
            earlier = first.setdefault(" ".join(card.question.split()), card)
            if earlier is not card:
                yield card, earlier


def check_distinct(cards: Sequence[Card], notes: Sequence[Note], config: DeckConfig) -> None:
    """Refuse two cards with one GUID: in Anki they would be one note, one silently
    replacing the other. ``cards`` and their ``notes`` run in step."""
    if len({note.guid for note in notes}) == len(notes):  # the usual case, without a loop
        return
    pinned = pins(config)
    first_with: dict[str, Card] = {}
    for card, note in zip(cards, notes, strict=True):
        first = first_with.setdefault(note.guid, card)
        if first is not card:
            if normalise_question(card.question) in pinned:
                what = "'was' pin gives it the identity of"
            elif card.guid:
                what = "has the same GUID as"
            elif card.id:
                what = "has the same id as"
            else:
                what = "has the same question as"
            raise SourceError(
                card.source,
                card.line,
                f"card {card.number} {what} card {first.number} ({first.source}:{first.line})",
            )
