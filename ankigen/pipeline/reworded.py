"""Questions that look reworded: a new card that resembles a card that is gone.

A reworded question gets a new GUID, so learners would get a new note and lose
the old one's review history, unless the maintainer pins the old identity.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ankigen.anki.state import NoteState, State
from ankigen.model import Card, Note

REWORDED_RATIO = 0.6


def reworded(
    cards: Sequence[Card], notes: Sequence[Note], previous: State | None
) -> list[tuple[Card, NoteState]]:
    """New cards that look like a removed card reworded, each with the note it resembles.

    ``cards`` and their ``notes`` run in step.
    """
    if previous is None:
        return []
    current = {note.guid for note in notes}
    published = {n.guid for n in previous.notes}
    gone = [n for n in previous.notes if n.guid not in current]
    found = []
    for card, note in zip(cards, notes, strict=True):
        if note.guid in published or not gone:
            continue
        ratio, best = max(
            (_similarity(card.question, old.question), index) for index, old in enumerate(gone)
        )
        if ratio >= REWORDED_RATIO:
            found.append((card, gone.pop(best)))
    return found


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()
