"""The project's note types: their ids, names, fields, templates and CSS.

Kept apart from the packaging code so that what a note type *is* can be read
(for hashing, previews and up-to-date checks) without importing genanki.

Every note type's id, name, fields and template names are fixed for good. Anki
matches note types by id, and refuses to update notes whose note type has
other fields or templates than the learner's copy ("conflicting"): a new kind
of card is a new note type, never a change to one. Templates and CSS may
change; the note types' time then moves on (``pipeline.stamp``).
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from typing import NamedTuple

from ankigen.model import QA_ID

_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")


class NoteType(NamedTuple):
    """A note type, as Anki stores it; its templates are files in ``templates/<folder>/``.

    ``templates`` are the card templates' names, in card order: the first is
    read from ``front.html`` and ``back.html``, the second from ``front2.html``
    and ``back2.html``. ``furigana`` wraps every field in Anki's ``furigana:``
    filter, which shows ``漢字[かんじ]`` as ruby text.
    """

    id: int
    name: str
    fields: tuple[str, ...]
    templates: tuple[str, ...]
    folder: str
    cloze: bool = False
    furigana: bool = False

    def formats(self) -> list[tuple[str, str, str]]:
        """Each card template: its name, question format and answer format."""
        result = []
        for number, name in enumerate(self.templates, start=1):
            suffix = "" if number == 1 else str(number)
            front, back = (
                self._filtered(template(f"{self.folder}/{side}{suffix}.html"))
                for side in ("front", "back")
            )
            result.append((name, front, back))
        return result

    def ords(self, fields: tuple[str, ...]) -> tuple[int, ...]:
        """The cards Anki makes of a note with ``fields``, by template (or cloze) number
        from 0: one per template, or for a cloze note one per ``cN`` in its text."""
        if self.cloze:
            return tuple(sorted({int(n) - 1 for n in _CLOZE_NUMBER.findall(fields[0])} - {-1}))
        return tuple(range(len(self.templates)))

    def _filtered(self, text: str) -> str:
        if not self.furigana:
            return text
        for field in self.fields:
            text = text.replace(f"{{{{{field}}}}}", f"{{{{furigana:{field}}}}}")
            text = text.replace(f"{{{{cloze:{field}}}}}", f"{{{{furigana:cloze:{field}}}}}")
        return text


QA = NoteType(QA_ID, "ankigen Question/Answer", ("Question", "Answer"), ("Card 1",), "basic")
EXTRA = NoteType(
    1_764_633_600_001,
    "ankigen Question/Answer/Extra",
    ("Question", "Answer", "Extra"),
    ("Card 1",),
    "extra",
)
REVERSED = NoteType(
    1_764_633_600_002,
    "ankigen Question/Answer reversed",
    ("Question", "Answer", "Extra"),
    ("Card 1", "Card 2"),
    "reversed",
)
CLOZE = NoteType(
    1_764_633_600_003, "ankigen Cloze", ("Text", "Back Extra"), ("Cloze",), "cloze", cloze=True
)
# For decks that ask for furigana: the same cards through Anki's furigana filter,
# each its own note type, as a learner's collection shares note types between decks.
EXTRA_FURIGANA = EXTRA._replace(id=1_764_633_600_011, name=f"{EXTRA.name} furigana", furigana=True)
REVERSED_FURIGANA = REVERSED._replace(
    id=1_764_633_600_012, name=f"{REVERSED.name} furigana", furigana=True
)
CLOZE_FURIGANA = CLOZE._replace(id=1_764_633_600_013, name=f"{CLOZE.name} furigana", furigana=True)

ALL = (QA, EXTRA, REVERSED, CLOZE, EXTRA_FURIGANA, REVERSED_FURIGANA, CLOZE_FURIGANA)
BY_ID = {note_type.id: note_type for note_type in ALL}

STYLE = "style.css"


def template(name: str) -> str:
    """A file shipped in the package's templates (``style.css``, ``basic/front.html``, ...)."""
    return resources.files("ankigen.anki").joinpath("templates", name).read_text(encoding="utf-8")


def note_type_hash() -> str:
    """A hash of every note type's look and shape: when it changes, their time moves on."""
    parts = [template(STYLE)]
    for note_type in ALL:
        parts += [str(note_type.id), note_type.name, *note_type.fields]
        parts += [part for formats in note_type.formats() for part in formats]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
