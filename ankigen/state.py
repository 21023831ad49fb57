"""What the last build published, kept beside the .apkg in ``<key>.state.json``.

Anki updates a note it already has only when the incoming note's modification
time is newer than its own. So a republished deck must move the time of exactly
the notes whose content changed and keep every other note's time, or learners
either miss edits or have their own overwritten. This file remembers, per note,
the time and a hash of what was published. It is small JSON with one note a
line, so a pull request shows which notes a change touched.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _string  # what json.dumps uses
from pathlib import Path
from typing import NamedTuple, TextIO

from ankigen.errors import SourceError
from ankigen.model import Card, Note

STATE_SUFFIX = ".state.json"
_NOTES_START = ',\n  "notes": ['  # where ``dump`` starts the notes
FORMAT = 1
REWORDED_RATIO = 0.6


class NoteState(NamedTuple):
    """One published note (a named tuple, as it is made once per card).

    ``was`` is the pinned wording its identity comes from, if any; ``source`` the
    key of what its fields were rendered from, so an unchanged card's fields can
    be taken from the last package instead of rendered again.
    """

    guid: str
    mod: int
    hash: str
    question: str
    tags: tuple[str, ...] = ()
    was: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class State:
    deck_name: str
    inputs: str
    package: str
    note_type_hash: str
    note_type_mod: int
    notes: tuple[NoteState, ...]
    media: tuple[str, ...] = ()
    config: str = ""
    cards: int = 0
    tag_counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Changes:
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


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def note_hash(note: Note) -> str:
    """A hash of everything Anki stores for a note that a learner would see change."""
    return digest("\x1f".join((note.question, note.answer, " ".join(note.tags))).encode())[:16]


def load_head(path: Path) -> State | None:
    """The state without its notes: enough to tell whether a deck is up to date.

    Reads only the part before the notes when the file has the layout ``dump``
    writes (a large deck's notes take most of the time), else all of it.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    end = text.find(_NOTES_START)
    return _parse(text[:end] + "\n}" if end > 0 else text, path, with_notes=False)


def load(path: Path) -> State | None:
    """The state of the last build, or None when there was none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return _parse(text, path, with_notes=True)


def _parse(text: str, path: Path, with_notes: bool) -> State:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise SourceError(str(path), 1, f"unknown state format {data.get('format')!r}")
        return State(
            deck_name=data["deck"]["name"],
            inputs=data["inputs"],
            package=data["package"],
            note_type_hash=data["note_type"]["hash"],
            note_type_mod=data["note_type"]["mod"],
            notes=tuple(
                NoteState(
                    note["guid"],
                    note["mod"],
                    note["hash"],
                    note["question"],
                    tuple(note.get("tags", ())),
                    note.get("was"),
                    note.get("source", ""),
                )
                for note in data["notes"]
            )
            if with_notes
            else (),
            media=tuple(data.get("media", ())),
            config=data.get("config", ""),
            cards=data.get("cards", 0),
            tag_counts=tuple((tag, count) for tag, count in data.get("tags", {}).items()),
        )
    except json.JSONDecodeError as error:
        raise SourceError(str(path), error.lineno, f"broken state file: {error.msg}") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise SourceError(
            str(path), 1, f"broken state file ({error!r}); restore it from version control"
        ) from None


def write(state: State, key: str, deck_id: int, file: TextIO) -> None:
    """The state as JSON text: fixed key order, one note a line, written as it goes
    (a large deck's state would otherwise sit in memory twice over)."""
    head = json.dumps(
        {
            "format": FORMAT,
            "deck": {"key": key, "name": state.deck_name, "id": deck_id},
            "inputs": state.inputs,
            "package": state.package,
            "note_type": {"hash": state.note_type_hash, "mod": state.note_type_mod},
            "media": list(state.media),
            "config": state.config,
            "cards": state.cards,
            "tags": dict(state.tag_counts),
        },
        ensure_ascii=False,
        indent=2,
    )
    file.write(f"{head[:-2]}{_NOTES_START}\n")
    lines = map(note_line, state.notes)
    file.write(next(lines, ""))
    for line in lines:  # a line at a time: joined, 100,000 notes would take 40 MB more
        file.write(",\n" + line)
    file.write("\n  ]\n}\n")


def note_line(note: NoteState) -> str:
    """One note's line: what ``json.dumps`` writes for its fields, made directly from
    the string encoder (ten times faster, and a large deck has many notes)."""
    tags = ", ".join(map(_string, note.tags))
    line = (
        f'    {{"guid": {_string(note.guid)}, "mod": {note.mod}, "hash": {_string(note.hash)}, '
        f'"question": {_string(note.question)}, "tags": [{tags}]'
    )
    if note.was is not None:
        line += f', "was": {_string(note.was)}'
    if note.source:
        line += f', "source": {_string(note.source)}'
    return line + "}"


def stamp(
    cards: Sequence[Card],
    notes: Sequence[Note],
    hashes: Sequence[str],
    previous: State | None,
    note_type_hash: str,
    now: int,
) -> tuple[tuple[Note, ...], int, Changes]:
    """Each note with its modification time, the note type's time, and what changed.

    An unchanged note keeps its published time; a changed or new one gets
    ``now``, but never a time that is not newer than the one it replaces, since
    Anki ignores an equal or older time. ``cards``, ``notes`` and their
    ``hashes`` (``note_hash``) run in step.
    """
    published = {n.guid: n for n in previous.notes} if previous else {}
    stamped, added, changed = [], [], []
    for card, note, content in zip(cards, notes, hashes, strict=True):
        old = published.get(note.guid)
        if old is None:
            mod = now
            added.append(card.question)
        elif old.hash != content:
            mod = max(now, old.mod + 1)
            changed.append(card.question)
        else:
            mod = old.mod
        stamped.append(Note(note.guid, note.question, note.answer, note.tags, mod, note.source))
    current = {note.guid for note in notes}
    removed = tuple(n.question for n in published.values() if n.guid not in current)
    type_changed = previous is not None and previous.note_type_hash != note_type_hash
    if previous is None:
        type_mod = now
    elif type_changed:
        type_mod = max(now, previous.note_type_mod + 1)
    else:
        type_mod = previous.note_type_mod
    return (
        tuple(stamped),
        type_mod,
        Changes(tuple(added), tuple(changed), removed, note_type_changed=type_changed),
    )


def reworded(
    cards: Sequence[Card], notes: Sequence[Note], previous: State | None
) -> list[tuple[Card, NoteState]]:
    """New cards that look like a removed card reworded, each with the note it resembles.

    A reworded question gets a new GUID, so learners would get a new note and
    lose the old one's review history unless the maintainer pins the old identity.
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
