"""Questions that look reworded: a new card that resembles a card that is gone."""

from __future__ import annotations

from ankigen.anki.state import NoteState, State
from ankigen.model import Card, Note
from ankigen.pipeline.reworded import alike, reworded


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


def test_alike_pairs_each_rewording_among_thousands() -> None:
    """The rewording of one question among 3,000 replaced ones is found, each removed
    question pairs once at most, and unrelated ones pair with none (the search is
    an index of words, not every pair: 4,000 pairs took minutes that way)."""
    removed = [f"What does tool number {i} do in cluster {i % 7}?" for i in range(100, 3100)]
    added = [f"In cluster {i % 7}, what does tool number {i} do?" for i in range(100, 3100)]
    added += ["Something else entirely", "What does tool number 105 do in cluster 0?"]
    pairs = alike(added, removed)
    assert pairs[:3] == [(0, 0), (1, 1), (2, 2)]
    assert len(pairs) == 3000 and len({j for _, j in pairs}) == 3000
    assert all(i == j for i, j in pairs)
    assert alike(["What is it?"] * 500, ["What is it?"] * 500) == []  # nothing tells them apart
