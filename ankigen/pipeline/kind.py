"""Which note type each card becomes, and the note's fields in that note type's order.

- A card is a **cloze** card when its source marks it so (a YAML card's
  ``cloze:``, a table's ``cloze`` column) or when its question holds a deletion,
  ``{{c1::…}}``; its answer and extra go below the text on the back.
- Otherwise it is **reversed** (two cards, question → answer and answer →
  question) when its deck or its source says ``reverse: true``, or the source
  marks the card so (an Anki export's note type "Basic (and reversed card)");
- otherwise it is a **Question/Answer** card, of the note type with an ``Extra``
  field when it has an extra.

Anki will not update a learner's note whose note type changed, so a note keeps
the Question/Answer type it was published with: an extra added to a note
published without one goes below its answer, and a note that loses its extra
keeps its empty Extra field. A change of kind (turning ``reverse`` on, say) does
change the note type; the build report says what learners can do about it.
Decks (or sources) with ``furigana: true`` get each note type's furigana variant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ankigen.anki import notetype
from ankigen.anki.notetype import NoteType
from ankigen.model import Card, is_cloze_text

if TYPE_CHECKING:
    from ankigen.config.deck import DeckConfig

_FURIGANA = {
    notetype.QA.id: notetype.EXTRA_FURIGANA,
    notetype.EXTRA.id: notetype.EXTRA_FURIGANA,
    notetype.REVERSED.id: notetype.REVERSED_FURIGANA,
    notetype.CLOZE.id: notetype.CLOZE_FURIGANA,
}
_BASIC = (notetype.QA.id, notetype.EXTRA.id)
# Anki numbers a note's cards with 16 bits and fails a whole import beyond; a note
# of hundreds of cards is a mistake anyway.
MAX_CLOZE = 500


def is_cloze(card: Card) -> bool:
    """Whether ``card`` is a cloze card: marked so by its source, or holding a deletion."""
    return card.cloze or is_cloze_text(card.question)


def choose(
    cards: Sequence[Card],
    guids: Sequence[str],
    config: DeckConfig,
    published: Mapping[str, int],
) -> list[NoteType]:
    """The note type of each card (``guids``: their notes' GUIDs; ``published``: the
    note type id each GUID was last published with)."""
    options = {str(s.path): (s.reverse, s.furigana) for s in config.sources}
    chosen = []
    for card, guid in zip(cards, guids, strict=True):
        reverse, furigana = options.get(card.source, (None, None))
        furigana = config.furigana if furigana is None else furigana
        if is_cloze(card):
            kind = notetype.CLOZE
        elif card.reverse or (config.reverse if reverse is None else reverse):
            kind = notetype.REVERSED
        else:
            kind = notetype.EXTRA if card.extra else notetype.QA
            before = published.get(guid)
            if before in _BASIC and not furigana:
                kind = notetype.BY_ID[before]  # keep the note type it was published with
        chosen.append(_FURIGANA[kind.id] if furigana else kind)
    return chosen


def cloze_problem(kind: NoteType, fields: tuple[str, ...]) -> str | None:
    """What is wrong with a cloze note's deletions, if anything ('card N ' goes before it)."""
    if not kind.cloze:
        return None
    ords = kind.ords(fields)
    if not ords:
        return "is a cloze card without a deletion: mark what to hide as {{c1::...}} (numbers start at 1)"
    if ords[-1] >= MAX_CLOZE:
        return f"has the deletion c{ords[-1] + 1}: cloze numbers go up to c{MAX_CLOZE}"
    return None


def fields(kind: NoteType, question: str, answer: str, extra: str) -> tuple[str, ...]:
    """A note's fields, in ``kind``'s order, from its rendered question, answer and extra."""
    if kind.cloze:
        return question, "\n".join(part for part in (answer, extra) if part)
    if len(kind.fields) == 2:  # Question/Answer, published before the card had an extra
        return question, answer + (f'\n<div class="ankigen extra">{extra}</div>' if extra else "")
    return question, answer, extra
