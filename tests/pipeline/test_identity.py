"""Identities that let a new deck version update a collection instead of duplicating it."""

from __future__ import annotations

from pathlib import Path

import genanki
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import parse_file
from ankigen.config.deck import CardOverride, DeckConfig, default_config
from ankigen.errors import SourceError
from ankigen.model import QA_ID as MODEL_ID
from ankigen.model import Card, Note, normalise_question
from ankigen.pipeline.identity import check_distinct, deck_id, guids, note_guid
from tests.conftest import build


def test_guid_ignores_case_and_spacing_but_not_words_or_deck() -> None:
    guid = note_guid("unit14", "What is K8S?")
    assert note_guid("unit14", "  what   is\nk8s? ") == guid
    assert note_guid("unit14", "What is K3S?") != guid
    assert note_guid("unit15", "What is K8S?") != guid


def test_known_values_never_change() -> None:
    # Published decks depend on these exact values: a change here duplicates
    # every learner's notes. Update them only with a migration plan.
    assert MODEL_ID == 1_732_911_604_207
    assert note_guid("unit14-orchestration-mlops-job-scheduling", "What is K8S?") == "N[^6)Of%G]"
    assert deck_id("unit14-orchestration-mlops-job-scheduling") == 1_667_841_713_266
    assert deck_id("a") != deck_id("b")
    assert deck_id("a") > 1 << 40


@settings(max_examples=500)
@given(st.text(max_size=12), st.text(max_size=40))
def test_guids_are_genankis_encoding(key: str, question: str) -> None:
    assert note_guid(key, question) == genanki.guid_for(key, normalise_question(question))


def test_yaml_ids_are_identities(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("cards:\n  - {question: What is a Pod?, answer: a, id: pod}\n")
    before = guids(parse_file(path).cards, default_config(path))
    path.write_text("cards:\n  - {question: Define a Kubernetes Pod, answer: a, id: pod}\n")
    assert guids(parse_file(path).cards, default_config(path)) == before


def test_a_was_pin_keeps_the_earlier_wordings_identity() -> None:
    config = DeckConfig(
        "d.deck.yaml", "d", (), cards=(CardOverride("What is SLURM for?", 3, was="What is SLURM?"),)
    )
    reworded, other = Card(1, 5, "what is  SLURM for?", "a"), Card(2, 9, "What is MLOps?", "b")
    assert guids([reworded, other], config) == [
        note_guid("d", "What is SLURM?"),
        note_guid("d", "What is MLOps?"),
    ]


def _note(guid: str) -> Note:
    return Note(guid, ("q", "a"), (), "h")


def test_two_cards_with_one_identity_are_refused_naming_both() -> None:
    config = DeckConfig("d.deck.yaml", "d", (), cards=(CardOverride("Second?", 3, was="First?"),))
    first, second = (
        Card(1, 4, "First?", "a", source="a.txt"),
        Card(7, 30, "Second?", "b", source="b.txt"),
    )
    check_distinct([first, second], [_note("x"), _note("y")], config)
    with pytest.raises(SourceError) as raised:
        check_distinct([first, second], [_note("x"), _note("x")], config)
    assert str(raised.value) == (
        "b.txt:30: error: card 7 'was' pin gives it the identity of card 1 (a.txt:4)"
    )
    with pytest.raises(SourceError, match="card 7 has the same question as card 1"):
        check_distinct([first, second], [_note("x"), _note("x")], DeckConfig("d", "d", ()))


def test_a_later_card_with_the_same_question_takes_its_identity_from_its_answer() -> None:
    config = DeckConfig("d.deck.yaml", "d", ())
    first, second, third = (
        Card(n, n, "Bank?", answer) for n, answer in ((1, "bench"), (2, "bank"), (3, "bank"))
    )
    assert guids([first], config) == [note_guid("d", "Bank?")]
    together = guids([first, second, third], config)
    assert together[0] == note_guid("d", "Bank?")
    assert len(set(together)) == 3  # the same question and answer twice: still distinct
    # The first one removed: the second keeps the identity it was published with.
    assert guids([second], config, published=frozenset(together)) == [together[1]]
    # A card with its own id or GUID is never paired.
    assert guids([first, Card(2, 2, "Bank?", "x", id="bank")], config)[1] == note_guid("d", "bank")
    assert guids([Card(1, 1, "Bank?", "x", guid="E(k9W]}|qF")], config) == ["E(k9W]}|qF"]


def test_two_yaml_cards_with_one_id_are_refused(tmp_path: Path) -> None:

    path = tmp_path / "d.yaml"
    path.write_text(
        "cards:\n  - {question: q, answer: a, id: x}\n  - {question: r, answer: b, id: x}\n"
    )
    with pytest.raises(SourceError, match="card 2 has the same id as card 1"):
        build([path], tmp_path / "out")


def test_a_cloze_note_is_known_by_what_its_first_deletion_hides() -> None:
    config = default_config(Path("d.yaml"), "d")

    def guid(text: str) -> str:
        return guids([Card(1, 1, text, "")], config)[0]

    first = guid("A {{c1::Pod}} holds containers.")
    assert guid("In K8S, a {{c1::pod}} holds one or more containers.") == first  # text edited
    assert guid("A {{c1::Pod}} holds {{c2::containers}}.") == first  # a c2 added
    assert guid("A {{c1::Pod::what?}} holds containers.") == first  # a hint added
    assert guid("A {{c1::Node}} holds Pods.") != first  # c1 hides something else
    assert (
        guid("A {{c2::Pod}} holds {{c3::containers}}.") == first
    )  # the first, whatever its number
    assert guid("{{c1::Outer {{c2::inner}} text}} here") == guid("{{c1::Outer {{c2::inner}} text}}")
    assert first != guids([Card(1, 1, "Pod", "")], config)[0]  # never a basic card's identity


def test_cloze_notes_hiding_the_same_text_are_told_apart_by_their_text() -> None:
    config = default_config(Path("d.yaml"), "d")
    cards = [Card(1, 1, "{{c1::der}} Hund", ""), Card(2, 2, "{{c1::der}} Tisch", "")]
    first, second = guids(cards, config)
    assert first != second
    assert guids(cards[:1], config) == [first]
