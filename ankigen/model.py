"""The card model every source format is read into and every later stage reads from.

Records here and in every other module are named tuples: as immutable as frozen
data classes, made four times faster (a deck may have 100,000 cards), and
defined seven times faster. Defining twenty data classes (1.4 ms each) and
importing ``dataclasses`` (which imports ``inspect``) was a quarter of a build
that finds nothing to do (``benchmarks/README.md``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple

from ankigen.errors import SourceWarning

# What a tag or a deck name may hold. Anki splits tags on white space and drops
# control characters, and a template's {{Tags}} (and {{Deck}}) is raw HTML: a
# tag '<img/src/onerror=...>' would run as script for every learner. So '<' and
# '>' are refused too, and quotes, which Anki's own tag search cannot match.
_TAG = re.compile(r'[^\s"<>\x00-\x1f\x7f-\x9f]+')
_NAME_FORBIDDEN = re.compile(r"[<>\x00-\x1f\x7f-\x9f]")


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` cannot be a tag in a learner's collection, or None if it can."""
    if not _TAG.fullmatch(tag) or any(not part for part in tag.split("::")):
        return (
            f"{tag!r} is not a valid tag: no spaces, quotes, '<', '>' or control characters, "
            "and '::' only between parts"
        )
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a deck name, or None if it can (templates show it as HTML)."""
    if _NAME_FORBIDDEN.search(name):
        return f"the deck name {name!r} holds '<', '>' or a control character"
    return None


def normalise_question(question: str) -> str:
    """The form in which two questions count as the same: case and spacing folded."""
    return " ".join(question.split()).casefold()


MARKUPS = ("text", "markdown", "html")
_CLOZE_MARK = re.compile(r"\{\{c\d+::")


def is_cloze_text(text: str) -> bool:
    """Whether ``text`` holds a cloze deletion, ``{{c1::…}}``."""
    # Looking for one character first is a fifth of the cost of looking for three
    # (it runs on every text of every build).
    return "{" in text and _CLOZE_MARK.search(text) is not None


def is_reversed_note_type(name: str) -> bool:
    """Whether a note type named ``name`` (as Anki exports and tools name it) makes a
    card both ways round: Anki's "Basic (and reversed card)". Its "optional reversed"
    type depends on a field of its own, so it reads as one-way."""
    return "and reversed" in name.casefold()


class Card(NamedTuple):
    """One question and its answer, as written in the source.

    ``number`` is the card's position as the source numbers it, and ``line`` the
    1-based line of ``source`` where the card starts; neither is part of its
    identity, because both shift when cards are inserted or removed. ``markup``
    says what the text is: ``markdown`` (rendered), ``text`` (shown exactly as
    written) or ``html`` (sanitised). ``id``, when a source gives one, is the
    card's identity instead of its question; ``guid``, when a source carries
    Anki's own note GUID, is used as it is. ``extra`` (a hint, a source,
    remarks) is shown below the answer. ``cloze`` says the source marks the
    question as a cloze text (``{{c1::...}}``); a question holding a deletion is
    one too, marked or not (``pipeline.kind``). ``reverse`` says the source asks
    for the card both ways round (an Anki export's "Basic (and reversed card)").
    """

    number: int
    line: int
    question: str
    answer: str
    tags: tuple[str, ...] = ()
    source: str = ""
    id: str | None = None
    markup: str = "markdown"
    guid: str | None = None
    extra: str = ""
    cloze: bool = False
    reverse: bool = False


class Deck(NamedTuple):
    """A source file read into cards, with what the source says about itself.

    ``key`` is the deck key a source declares for itself (YAML decks), if any.
    """

    title: str
    source: str
    cards: tuple[Card, ...]
    objectives: tuple[str, ...] = ()
    description: str = ""
    warnings: tuple[SourceWarning, ...] = ()
    key: str | None = None


# The id of the first note type, Question/Answer (``anki.notetype.QA``): a note
# whose note type nothing names is one of it.
QA_ID = 1_732_911_604_207


class Note(NamedTuple):
    """A card as it goes into the package: its note type, rendered fields, tags and identity.

    ``fields`` are in the order of the note type's fields (``anki.notetype``).
    ``hash`` is a digest of what a learner would see change (fields, tags and
    note type), which decides whether the note's modification time moves
    (``stamp``). ``source`` is the key of what it was made from, by which the
    next build may reuse it (``reuse``).
    """

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    hash: str
    source: str = ""
    note_type: int = QA_ID


def content_hash(fields: tuple[str, ...], tags: tuple[str, ...], note_type: int = QA_ID) -> str:
    """A digest of everything Anki stores for a note that a learner would see change
    (for a Question/Answer note, the digest ankigen 0.3 kept, so its notes stay unchanged)."""
    parts = (
        (*fields, " ".join(tags))
        if note_type == QA_ID
        else (str(note_type), *fields, " ".join(tags))
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


# The files ankigen packs: as an image, or as a sound (Anki's [sound:...]).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp")
SOUND_SUFFIXES = (".mp3", ".ogg", ".oga", ".opus", ".wav", ".m4a", ".aac", ".flac", ".webm")


class MediaFile(NamedTuple):
    """A file packed into the .apkg: its name in Anki's media folder and where it is."""

    name: str
    path: Path


class BuiltDeck(NamedTuple):
    """A deck as Anki will see it, and nothing about its sources.

    Modification times are not part of it: they depend on what was published
    before, and come from the stamp step beside it.
    """

    name: str
    deck_id: int
    description: str
    notes: tuple[Note, ...]
    media: tuple[MediaFile, ...] = ()
