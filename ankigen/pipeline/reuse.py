"""Reusing the last build: a speed trick that the other steps never see.

Before anything is tagged or rendered, the cards are split into those the last
build made a note of exactly as they are now (same text, tags, id, ankigen
version and configuration) and the rest. The first are taken back as notes: their
fields from the last package, their tags, GUID and content hash from its state.
Only the rest go through tagging, rendering and identity. A rebuild after one
edit renders one card; tests hold it byte-identical to a build from scratch.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from ankigen.anki import state
from ankigen.anki.notetype import BY_ID
from ankigen.errors import SourceError
from ankigen.model import Card, Note, normalise_question
from ankigen.pipeline.identity import basis
from ankigen.version import VERSION


class Split(NamedTuple):
    """The cards to make notes of (``fresh``), and the notes of the others, by their
    position among all the cards (``reused``)."""

    fresh: list[Card]
    reused: dict[int, Note]
    total: int

    def merge(self, made: Sequence[Note]) -> list[Note]:
        """Every card's note, in card order: reused ones where they were, ``made``
        (the fresh cards' notes, in their order) in between."""
        fresh: Iterator[Note] = iter(made)
        return [self.reused.get(index) or next(fresh) for index in range(self.total)]


def source_key(card: Card) -> str:
    """What a card's note is made from, as a key for reusing it.

    Cards with media or HTML get no key: their media must be collected (and
    checked) again on every build.
    """
    text = f"{card.question}\x1f{card.answer}\x1f{card.extra}"
    # (A search for "[" first: a tenth of the cost of the two searches, on a text with none.)
    if card.markup == "html" or ("[" in text and ("![" in text or "[sound:" in text)):
        return ""
    text = f"{VERSION}\x1f{card.markup}\x1f{card.cloze}{card.reverse}\x1f{text}\x1f{' '.join(card.tags)}"
    if card.id is not None:
        text += f"\x1fid:{card.id}"
    if card.guid is not None:
        text += f"\x1fguid:{card.guid}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def split(
    cards: Sequence[Card],
    previous: state.State | None,
    apkg: Path,
    published: str | None,
    config_digest: str,
) -> Split:
    """The cards whose notes the last build made and published as ``apkg`` (whose
    digest is ``published``), and the rest.

    Nothing is reused unless the package is exactly the one the state describes
    and the deck configuration (``config_digest``) is the one it was built with.
    """
    if previous is None or published != previous.package or previous.config != config_digest:
        return Split(list(cards), {}, len(cards))
    from ankigen.anki.read import read_fields

    try:
        fields = read_fields(apkg)
    except SourceError:
        return Split(list(cards), {}, len(cards))
    if len(fields) != len(previous.notes):  # the state lists the notes in package order
        return Split(list(cards), {}, len(cards))
    known = {
        note.source: (note, joined)
        for note, joined in zip(previous.notes, fields, strict=True)
        if note.source
    }
    field_counts = {type_id: len(kind.fields) for type_id, kind in BY_ID.items()}
    # A card whose identity another card shares takes it from the two of them
    # (``identity``): it is made anew whenever the deck is built.
    bases = [normalise_question(basis(card)) for card in cards]
    shared = Counter(bases)
    result = Split([], {}, len(cards))
    for index, (card, base) in enumerate(zip(cards, bases, strict=True)):
        found = known.get(source_key(card)) if shared[base] == 1 else None
        if found:
            note, joined = found
            parts = tuple(joined.split("\x1f"))
            if len(parts) == field_counts.get(note.note_type):
                result.reused[index] = Note(
                    note.guid, parts, note.tags, note.hash, note.source, note.note_type
                )
                continue
        result.fresh.append(card)
    return result
