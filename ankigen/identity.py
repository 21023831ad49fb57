"""Stable identities: what lets a new version of a deck update a learner's collection.

Anki matches notes by GUID, note types by id and decks by name. If any of these
drift between builds, learners get duplicates or lose review history, so each is
derived from something that only changes on purpose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ankigen.config import DeckConfig
from ankigen.errors import SourceError
from ankigen.model import Card
from ankigen.sources.common import normalise_question

_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)


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


def assign_guids(
    cards: Sequence[Card], config: DeckConfig, known: Sequence[str | None] = ()
) -> list[str]:
    """Each card's GUID, honouring ``was`` pins and ids; two cards may never share one.

    ``known``, in step with ``cards``, holds GUIDs found before under the same
    configuration (reused) or None.

    Two cards with one GUID would be one note in Anki, one silently replacing
    the other, so that is an error naming both.
    """
    pins = {normalise_question(o.question): o.was for o in config.cards if o.was}
    first_with: dict[str, Card] = {}
    guids = []
    for card, before in zip(cards, known or [None] * len(cards), strict=True):
        pin = pins.get(normalise_question(card.question)) if pins else None
        guid = before or note_guid(config.key, pin or card.id or card.question)
        first = first_with.setdefault(guid, card)
        if first is not card:
            what = "'was' pin gives it the identity of" if pin else "has the same question as"
            raise SourceError(
                card.source,
                card.line,
                f"card {card.number} {what} card {first.number} ({first.source}:{first.line})",
            )
        guids.append(guid)
    return guids
