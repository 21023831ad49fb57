"""Positions of new cards: the source's order, kept from build to build."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ankigen.anki.state import NoteState, State
from ankigen.pipeline.order import GAP, positions


def published(placed: dict[str, int]) -> State:
    notes = tuple(NoteState(guid, 1, "h", guid, pos=pos) for guid, pos in placed.items())
    return State("d", "D", 1, "", "", "", 0, notes)


def test_a_first_build_spaces_the_notes_apart() -> None:
    assert positions(["a", "b", "c"], None).positions == (GAP, 2 * GAP, 3 * GAP)


def test_inserted_notes_sit_between_their_neighbours_and_nothing_moves() -> None:
    before = published({"a": 1000, "b": 2000, "c": 3000})
    order = positions(["x", "a", "y", "z", "b", "c", "w"], before)
    assert order.positions == (500, 1000, 1333, 1666, 2000, 3000, 4000)
    assert order.crowded == ()


def test_removed_and_moved_notes_leave_the_others_in_place() -> None:
    before = published({"a": 1000, "b": 2000, "c": 3000})
    # b removed, c moved first, x inserted after it: x takes the free place after c.
    assert positions(["c", "x", "a"], before).positions == (3000, 4000, 1000)


def test_with_no_room_left_a_note_goes_to_the_end_and_is_named() -> None:
    before = published({"a": 1, "b": 2})
    order = positions(["a", "x", "b"], before)
    assert order.positions == (1, 2 + GAP, 2)
    assert order.crowded == (1,)


def test_a_state_without_positions_starts_afresh() -> None:
    before = State("d", "D", 1, "", "", "", 0, (NoteState("a", 1, "h", "a"),))
    assert positions(["a", "b"], before).positions == (GAP, 2 * GAP)


@given(st.lists(st.booleans(), max_size=40), st.randoms(use_true_random=False))
def test_positions_are_distinct_and_keep_the_published_ones(
    keep: list[bool], random: object
) -> None:
    old = [f"n{i}" for i in range(len(keep))]
    before = published({guid: GAP * (i + 1) for i, guid in enumerate(old)})
    kept = [guid for guid, k in zip(old, keep, strict=True) if k]
    new = [f"new{i}" for i in range(len(keep))]
    now = kept + new
    random.shuffle(now)  # type: ignore[attr-defined]
    order = positions(now, before)
    assert len(set(order.positions)) == len(now)
    for guid, position in zip(now, order.positions, strict=True):
        if guid in kept:
            assert position == before.notes[old.index(guid)].pos
