"""The state file: what the last build published, one note a line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ankigen.state import NoteState, note_line

_text = st.text(max_size=30)


@given(
    st.builds(
        NoteState,
        guid=_text,
        mod=st.integers(0, 2**40),
        hash=_text,
        question=_text,
        tags=st.lists(_text, max_size=3).map(tuple),
        was=st.none() | _text,
        source=_text,
    )
)
def test_a_note_line_is_the_json_of_the_note(note: NoteState) -> None:
    data: dict[str, object] = {
        "guid": note.guid,
        "mod": note.mod,
        "hash": note.hash,
        "question": note.question,
        "tags": list(note.tags),
    }
    if note.was is not None:
        data["was"] = note.was
    if note.source:
        data["source"] = note.source
    assert note_line(note) == "    " + json.dumps(data, ensure_ascii=False)
