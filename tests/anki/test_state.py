"""The state file: a header record, then one published note a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ankigen.anki import state
from ankigen.anki.state import NoteState, State
from tests.conftest import APKG, KEY, STATE, assert_error_at, run

_text = st.text(max_size=30)
_notes = st.builds(
    NoteState,
    guid=_text,
    mod=st.integers(0, 2**40),
    hash=_text,
    question=_text,
    tags=st.lists(_text, max_size=3).map(tuple),
    was=st.none() | _text,
    source=_text,
)


def a_state(notes: tuple[NoteState, ...]) -> State:
    return State(
        deck_key="k",
        deck_name="Deck \u2028 «one»",
        deck_id=1 << 40,
        inputs="i",
        package="p",
        note_type_hash="h",
        note_type_mod=5,
        notes=notes,
        media=("img/a.png",),
        config="c",
        cards=len(notes),
        tag_counts=(("K8S", 1),),
    )


@given(st.lists(_notes, max_size=5).map(tuple))
def test_a_state_reads_back_as_written(notes: tuple[NoteState, ...]) -> None:
    import io
    import tempfile

    written = io.StringIO()
    state.write(a_state(notes), written)
    lines = written.getvalue().split("\n")
    assert len(lines) == len(notes) + 2 and lines[-1] == ""  # a header, a note a line
    assert all(json.loads(line) for line in lines[:-1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.state.jsonl"
        path.write_text(written.getvalue(), encoding="utf-8")
        loaded = state.load(path)
        head = state.load_head(path)
    assert loaded is not None and loaded._replace(lines=()) == a_state(notes)
    assert loaded.lines == tuple(line + "\n" for line in lines[1:-1])  # each note's line, to copy
    assert head == a_state(notes)._replace(notes=())


@given(st.lists(_notes, min_size=1, max_size=6).map(tuple), st.data())
def test_copying_the_unchanged_notes_lines_writes_what_encoding_them_does(
    notes: tuple[NoteState, ...], data: st.DataObject
) -> None:
    import io
    import tempfile

    first = io.StringIO()
    state.write(a_state(notes), first)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.state.jsonl"
        path.write_text(first.getvalue(), encoding="utf-8")
        last = state.load(path)
    assert last is not None
    # The next build: some notes changed, some gone, some new, the order shuffled.
    kept = data.draw(st.lists(st.sampled_from(notes), max_size=len(notes)))
    changed = [
        note._replace(mod=note.mod + 1) for note in data.draw(st.lists(st.sampled_from(notes)))
    ]
    new = data.draw(st.lists(_notes, max_size=3))
    now = a_state(tuple(data.draw(st.permutations([*kept, *changed, *new]))))
    copied, encoded = io.StringIO(), io.StringIO()
    state.write(now, copied, last)
    state.write(now, encoded)
    assert copied.getvalue() == encoded.getvalue()


def test_the_head_is_read_without_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "d.state.jsonl"
    with path.open("w", encoding="utf-8") as file:
        state.write(a_state((NoteState("g", 1, "h", "q"),)), file)
    path.write_text(path.read_text() + "not a note\n")  # only load() reads this far
    head = state.load_head(path)
    assert head is not None and head.deck_name == "Deck \u2028 «one»" and head.notes == ()
    assert_error_at(path, 3, "broken state file", lambda: state.load(path))


def test_no_state_is_none(tmp_path: Path) -> None:
    assert state.load(tmp_path / "none.state.jsonl") is None
    assert state.load_head(tmp_path / "none.state.jsonl") is None


@pytest.mark.parametrize(
    ("text", "line"),
    [("", 1), ('{"format": 2}\n', 1), ('{"format": 9, "deck": {}}\n', 1), ("[1]\n", 1)],
)
def test_a_broken_state_is_a_clear_error(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "d.state.jsonl"
    path.write_text(text)
    assert_error_at(path, line, "state", lambda: state.load(path))


FORMAT_1 = """\
{
  "format": 1,
  "deck": {"key": "%s", "name": "Old", "id": 1099511627776},
  "inputs": "x",
  "package": "y",
  "note_type": {"hash": "h", "mod": 1700000000},
  "media": [],
  "config": "",
  "cards": 1,
  "tags": {},
  "notes": [
    {"guid": "g", "mod": 1700000000, "hash": "h", "question": "What is K8S?", "tags": []}
  ]
}
"""


def test_a_format_1_state_is_read_and_replaced(project: Path) -> None:
    """ankigen 0.2 wrote one JSON document to <key>.state.json: the next build keeps
    its notes' times and replaces it."""
    (project / "build").mkdir()
    old = project / "build" / f"{KEY}.state.json"
    old.write_text(FORMAT_1 % KEY)
    loaded = state.load(project / "build" / STATE)
    assert loaded is not None and loaded.notes == (NoteState("g", 1700000000, "h", "What is K8S?"),)
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "build").iterdir()) == [APKG, STATE]
    assert "Old" in result.stderr  # renamed: the old state's deck name was read
