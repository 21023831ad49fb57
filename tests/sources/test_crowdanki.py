"""CrowdAnki decks: the JSON of CrowdAnki's exports, read into cards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import SourceError, parse_file
from ankigen.sources import crowdanki
from tests.conftest import PNG, assert_error_at, build, import_apkg

if TYPE_CHECKING:
    from anki.collection import Collection

BASIC = {
    "__type__": "NoteModel",
    "crowdanki_uuid": "basic-uuid",
    "name": "Basic (and reversed card)",
    "type": 0,
    "flds": [{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
}
CLOZE = {
    "__type__": "NoteModel",
    "crowdanki_uuid": "cloze-uuid",
    "name": "Cloze",
    "type": 1,
    "flds": [{"name": "Text"}, {"name": "Back Extra"}],
}


def note(
    model: str, fields: list[str], guid: str, tags: list[str] | None = None
) -> dict[str, object]:
    return {"__type__": "Note", "fields": fields, "guid": guid, "note_model_uuid": model,
            "tags": tags or []}  # fmt: skip


DECK = {
    "__type__": "Deck",
    "children": [
        {
            "__type__": "Deck",
            "name": "Geography::Capitals",
            "notes": [note("basic-uuid", ["Capital of Peru?", "Lima", ""], "g2")],
        }
    ],
    "crowdanki_uuid": "deck-uuid",
    "desc": "Places of the world",
    "name": "Geography",
    "note_models": [BASIC, CLOZE],
    "notes": [
        note("basic-uuid", ["<b>Capital</b> of France?", "Paris", "Wikipedia"], "g1", ["geo"]),
        note("cloze-uuid", ["{{c1::Madrid}} is in Spain", "Its capital"], "g3"),
    ],
}


def test_a_crowdanki_deck_s_notes_are_cards(tmp_path: Path) -> None:
    path = tmp_path / "deck.json"
    path.write_text(json.dumps(DECK, indent=4), encoding="utf-8")
    deck = parse_file(path)
    assert (deck.title, deck.description) == ("Geography", "Places of the world")
    cards = [(c.question, c.answer, c.guid, c.tags, c.cloze, c.reverse) for c in deck.cards]
    assert cards == [
        ("Capital of Peru?", "Lima", "g2", (), False, True),  # a subdeck's, where it stands
        ("<b>Capital</b> of France?", "Paris", "g1", ("geo",), False, True),
        ("{{c1::Madrid}} is in Spain", "Its capital", "g3", (), True, False),
    ]
    assert {c.markup for c in deck.cards} == {"html"}
    lines = path.read_text().split("\n")
    assert all(f'"{c.guid}"' in lines[c.line - 1] for c in deck.cards)  # each at its note
    messages = [w.message for w in deck.warnings]
    assert any(m.startswith("the subdeck 'Geography::Capitals'") for m in messages)
    assert "the fields 'Source' of note type 'Basic (and reversed card)' are not read" in messages


def test_json_that_is_no_crowdanki_deck_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "package.json"
    path.write_text('{"name": "x", "version": "1"}', encoding="utf-8")
    assert_error_at(path, 1, "not a CrowdAnki deck", lambda: parse_file(path))
    path.write_text('{"notes": [\n  {"fields": ]}', encoding="utf-8")
    assert_error_at(path, 2, "not valid JSON", lambda: parse_file(path))


KEYS = ["notes", "note_models", "children", "fields", "tags", "guid", "name",
        "note_model_uuid", "crowdanki_uuid", "flds", "type", "__type__"]  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["", "m", "g", "Front", "a b"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=30,
)


@settings(max_examples=500)
@given(value=JSON)
def test_any_json_is_read_or_refused_with_a_located_error(value: object) -> None:
    try:
        crowdanki.parse(json.dumps(value), "deck.json")
    except SourceError as error:
        assert str(error).startswith("deck.json")


def test_a_crowdanki_deck_with_its_media_folder_in_anki(
    tmp_path: Path, collection: Collection
) -> None:
    (tmp_path / "src" / "media").mkdir(parents=True)
    (tmp_path / "src" / "media" / "flag.png").write_bytes(PNG)
    deck = {"__type__": "Deck", "name": "Flags", "note_models": [BASIC],
            "notes": [note("basic-uuid", ['<img src="flag.png">', "France", ""], "g1")]}  # fmt: skip
    (tmp_path / "src" / "deck.json").write_text(json.dumps(deck))
    (tmp_path / "src" / "flags.deck.yaml").write_text(
        "sources:\n  - path: deck.json\n    media: media\n"
    )
    build([tmp_path / "src"], tmp_path / "out")
    log = import_apkg(collection, tmp_path / "out" / "flags.apkg")
    assert len(log.new) == 1
    (nid,) = collection.find_notes("")
    flag = collection.get_note(nid)
    assert (flag.guid, flag["Answer"], len(flag.cards())) == ("g1", "France", 2)  # both ways
    assert (
        flag["Question"].startswith('<img src="flag-') and len(collection.media.check().unused) == 0
    )
