"""Modification times: what makes Anki take exactly the edited notes of a new version.

Anki updates a note it already has only when the incoming note's modification
time is newer than its own. So an unchanged note keeps the time it was published
with, and a changed or new one gets the build time, but never a time that is not
newer than the one it replaces. The note type's time moves the same way when its
templates or style change, so the new look reaches learners.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import NamedTuple

from ankigen.anki.state import State
from ankigen.errors import SourceError
from ankigen.model import Card, Note


class Changes(NamedTuple):
    """How a build differs from the one before, by question."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    note_type_changed: bool = False

    def summary(self) -> str:
        parts = [
            f"{len(questions)} {word}"
            for questions, word in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if questions
        ]
        if self.note_type_changed:
            parts.append("card style changed")
        return ", ".join(parts) or "no note changed"


class Stamps(NamedTuple):
    """Each note's modification time (in note order), the note type's, and what changed."""

    notes: tuple[int, ...]
    note_type: int
    changes: Changes


def build_time() -> int:
    """The time changed notes get: ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise SourceError("SOURCE_DATE_EPOCH", 1, f"must be whole seconds, not {epoch!r}")
        return int(epoch)
    return int(time.time())


def stamp(
    cards: Sequence[Card],
    notes: Sequence[Note],
    previous: State | None,
    note_type_hash: str,
    now: int,
) -> Stamps:
    """The times of ``notes`` (made from ``cards``, in step) and of the note type,
    given what was published before (``previous``) and the build time ``now``."""
    published = {n.guid: n for n in previous.notes} if previous else {}
    mods, added, changed = [], [], []
    for card, note in zip(cards, notes, strict=True):
        old = published.get(note.guid)
        if old is None:
            mods.append(now)
            added.append(card.question)
        elif old.hash != note.hash:
            mods.append(max(now, old.mod + 1))
            changed.append(card.question)
        else:
            mods.append(old.mod)
    current = {note.guid for note in notes}
    removed = tuple(n.question for n in published.values() if n.guid not in current)
    type_changed = previous is not None and previous.note_type_hash != note_type_hash
    if previous is None:
        type_mod = now
    elif type_changed:
        type_mod = max(now, previous.note_type_mod + 1)
    else:
        type_mod = previous.note_type_mod
    changes = Changes(tuple(added), tuple(changed), removed, note_type_changed=type_changed)
    return Stamps(tuple(mods), type_mod, changes)
