"""Modification times: unchanged notes keep theirs, changed ones move strictly forward."""

from __future__ import annotations

import pytest

from ankigen.anki.state import NoteState, State
from ankigen.errors import SourceError
from ankigen.model import Card, Note
from ankigen.pipeline.stamp import Changes, build_time, stamp

NOW = 1_700_000_000


def previous(*notes: NoteState, type_hash: str = "t", type_mod: int = 100) -> State:
    return State("k", "D", 1, "i", "p", type_hash, type_mod, notes)


def card(question: str) -> Card:
    return Card(1, 1, question, "a")


def test_a_first_build_stamps_everything_now() -> None:
    stamps = stamp([card("q")], [Note("g", ("q", "a"), (), "h")], None, "t", NOW)
    assert (stamps.notes, stamps.note_type) == ((NOW,), NOW)
    assert stamps.changes == Changes(added=("q",))


def test_only_changed_notes_move_and_never_to_a_time_that_is_not_newer() -> None:
    before = previous(
        NoteState("same", 50, "h1", "Same?"),
        NoteState("edited", 60, "h2", "Edited?"),
        NoteState("future", NOW + 10, "h3", "Clock?"),  # published by a clock ahead of ours
        NoteState("gone", 70, "h4", "Gone?"),
    )
    notes = [
        Note("same", ("", ""), (), "h1"),
        Note("edited", ("", ""), (), "new"),
        Note("future", ("", ""), (), "new"),
        Note("added", ("", ""), (), "h5"),
    ]
    cards = [card(q) for q in ("Same?", "Edited?", "Clock?", "Added?")]
    stamps = stamp(cards, notes, before, "t", NOW)
    assert stamps.notes == (50, NOW, NOW + 11, NOW)
    assert stamps.note_type == 100  # the note type did not change
    assert stamps.changes == Changes(("Added?",), ("Edited?", "Clock?"), ("Gone?",))
    assert stamps.changes.summary() == "1 added, 2 changed, 1 removed"


def test_a_changed_note_type_moves_forward() -> None:
    stamps = stamp([], [], previous(type_hash="old", type_mod=NOW + 5), "new", NOW)
    assert stamps.note_type == NOW + 6
    assert stamps.changes.summary() == "card style changed"
    assert stamp([], [], previous(), "t", NOW).changes.summary() == "no note changed"


def test_the_build_time_is_source_date_epoch_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234")
    assert build_time() == 1234
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(SourceError, match="must be whole seconds, not 'yesterday'"):
        build_time()
