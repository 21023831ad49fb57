"""Questions that look reworded: a new card that resembles a card that is gone."""

from __future__ import annotations

from ankigen.anki.state import NoteState, State
from ankigen.model import Card, Note
from ankigen.pipeline.reworded import reworded


def published(*questions: str) -> State:
    notes = tuple(NoteState(f"old-{i}", 1, "h", q) for i, q in enumerate(questions))
    return State("k", "D", 1, "i", "p", "t", 1, notes)


def test_a_new_card_like_a_removed_one_is_found_once() -> None:
    before = published("What is SLURM?", "What is MLOps?", "Container Engine")
    cards = [Card(1, 1, "What is SLURM used for?", "a"), Card(2, 9, "What is SLURM for?", "b")]
    notes = [Note("new-1", ("", ""), (), "h"), Note("new-2", ("", ""), (), "h")]
    kept = [Card(3, 20, "What is MLOps?", "c")]
    found = reworded([*cards, *kept], [*notes, Note("old-1", ("", ""), (), "h")], before)
    # The first new card takes the removed card it resembles; the second finds none left.
    assert [(card.number, old.question) for card, old in found] == [(1, "What is SLURM?")]


def test_unlike_or_kept_cards_are_not_rewordings() -> None:
    before = published("What is SLURM?")
    assert (
        reworded(
            [Card(1, 1, "Name three GPU vendors", "a")], [Note("n", ("", ""), (), "h")], before
        )
        == []
    )
    assert (
        reworded([Card(1, 1, "What is SLURM?", "a")], [Note("old-0", ("", ""), (), "h")], before)
        == []
    )
    assert reworded([Card(1, 1, "x", "a")], [Note("n", ("", ""), (), "h")], None) == []
