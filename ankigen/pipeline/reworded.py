"""Questions that look reworded: a new card that resembles a card that is gone.

A reworded question gets a new GUID, so learners would get a new note and lose
the old one's review history, unless the maintainer pins the old identity.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from ankigen.anki.state import NoteState, State
from ankigen.model import Card, Note, normalise_question

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
    question reworded, each text in one pair at most, in the order of ``added``.

    Near-linear: an added text is compared only with the few removed texts that
    share most of its words, found in an index of words (leaving out words that
    more than ``_POSTINGS`` texts have: they tell nothing apart), and texts are
    compared by their first ``_COMPARED`` characters. Comparing every pair took
    minutes for a few thousand cards.
    """
    words = [_words(text) for text in removed]
    index: dict[str, dict[int, None]] = defaultdict(dict)  # word -> the removed texts with it
    for j, text_words in enumerate(words):
        for word in text_words:
            index[word][j] = None
    for word in [w for w, texts in index.items() if len(texts) > _POSTINGS]:
        del index[word]  # too common to tell texts apart
    found = []
    for i, text in enumerate(added):
        shared = Counter(j for word in _words(text) for j in index.get(word, ()))
        scored = [(_similarity(text, removed[j]), j) for j, _ in shared.most_common(_CANDIDATES)]
        ratio, best = max(scored, default=(0.0, -1))
        if ratio >= REWORDED_RATIO:
            found.append((i, best))
            for word in words[best]:  # each removed text is paired once at most
                index.get(word, {}).pop(best, None)
    return found


_POSTINGS, _CANDIDATES, _COMPARED = 64, 4, 500


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a[:_COMPARED].casefold(), b[:_COMPARED].casefold())
    if matcher.real_quick_ratio() < REWORDED_RATIO or matcher.quick_ratio() < REWORDED_RATIO:
        return 0.0
    return matcher.ratio()
