"""Questions that look reworded: a new card that resembles a card that is gone.

A reworded question gets a new GUID, so learners would get a new note and lose
the old one's review history, unless the maintainer pins the old identity.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from ankigen.anki.state import NoteState, State
from ankigen.model import Card, Note
from ankigen.pipeline.identity import normalise_question

REWORDED_RATIO = 0.6


def reworded(
    cards: Sequence[Card],
    notes: Sequence[Note],
    previous: State | None,
    pinned: Collection[str] = (),
) -> list[tuple[Card, NoteState]]:
    """New cards that look like a removed card reworded, each with the note it resembles.

    ``cards`` and their ``notes`` run in step. A card whose identity a ``was:`` pin
    gives (its question, normalised, in ``pinned``) is the maintainer's choice, never
    a suggestion to undo: pinning a card back to an older identity leaves the last
    build's note behind, and suggesting that one back would go round in circles.
    """
    if previous is None:
        return []
    current = {note.guid for note in notes}
    published = {n.guid for n in previous.notes}
    gone = [n for n in previous.notes if n.guid not in current]
    new = [
        (card, note)
        for card, note in zip(cards, notes, strict=True)
        if note.guid not in published and normalise_question(card.question) not in pinned
    ]
    matches = alike([card.question for card, _ in new], [old.question for old in gone])
    return [(new[i][0], gone[j]) for i, j in matches]


def alike(added: Sequence[str], removed: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (index in ``added``, index in ``removed``) of texts alike enough to be one
    question reworded, each text in one pair at most, in the order of ``added``."""
    left = list(range(len(removed)))
    found = []
    for i, text in enumerate(added):
        if not left:
            break
        ratio, best = max((_similarity(text, removed[j]), j) for j in left)
        if ratio >= REWORDED_RATIO:
            found.append((i, best))
            left.remove(best)
    return found


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()
