"""The project's one note type: its id, name, fields, templates and CSS.

Kept apart from the packaging code so that what a note type *is* can be read
(for hashing, previews and up-to-date checks) without importing genanki.
"""

from __future__ import annotations

import hashlib
from importlib import resources

# Fixed for the life of the project: changing the id would make every published
# deck import as new notes beside the old ones, and renaming or adding a field
# makes Anki refuse updates to existing notes ("conflicting").
MODEL_ID = 1_732_911_604_207
NAME = "ankigen Question/Answer"
FIELDS = ("Question", "Answer")
TEMPLATE_FILES = ("front.html", "back.html", "style.css")


def template(name: str) -> str:
    """A template shipped in the package (front.html, back.html, style.css)."""
    return resources.files("ankigen.anki").joinpath("templates", name).read_text(encoding="utf-8")


def note_type_hash() -> str:
    """A hash of the note type's look and shape: when it changes, its time moves on."""
    parts = [NAME, *FIELDS, *map(template, TEMPLATE_FILES)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
