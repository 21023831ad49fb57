"""Which note type a card becomes, and its fields in that note type's order."""

from __future__ import annotations

from pathlib import Path

from ankigen.anki import notetype
from ankigen.config.deck import DeckConfig
from ankigen.model import Card
from ankigen.pipeline.kind import choose, cloze_problem, fields, is_cloze
from ankigen.sources import SourceSpec

PLAIN = Card(1, 1, "q", "a", source="a.txt")
EXTRA = Card(2, 5, "q2", "a2", source="a.txt", extra="hint")
CLOZE = Card(3, 9, "The {{c1::Pod}}", "", source="a.txt")


def config(**options: object) -> DeckConfig:
    return DeckConfig("d.deck.yaml", "d", (SourceSpec(Path("a.txt")),), **options)  # type: ignore[arg-type]


def names(
    cards: list[Card], deck: DeckConfig, published: dict[str, int] | None = None
) -> list[str]:
    guids = [f"g{card.number}" for card in cards]
    return [kind.name for kind in choose(cards, guids, deck, published or {})]


def test_cards_become_the_note_type_of_their_kind() -> None:
    assert names([PLAIN, EXTRA, CLOZE], config()) == [
        "ankigen Question/Answer",
        "ankigen Question/Answer/Extra",
        "ankigen Cloze",
    ]
    assert names([PLAIN, EXTRA, CLOZE], config(reverse=True)) == [
        "ankigen Question/Answer reversed",
        "ankigen Question/Answer reversed",
        "ankigen Cloze",  # a deletion makes a cloze card in any deck
    ]
    assert names([PLAIN, CLOZE], config(furigana=True)) == [
        "ankigen Question/Answer/Extra furigana",
        "ankigen Cloze furigana",
    ]


def test_a_source_overrides_its_deck() -> None:
    deck = DeckConfig(
        "d.deck.yaml",
        "d",
        (SourceSpec(Path("a.txt"), reverse=False), SourceSpec(Path("b.txt"), furigana=True)),
        reverse=True,
    )
    other = PLAIN._replace(number=4, source="b.txt")
    assert names([PLAIN, other], deck) == [
        "ankigen Question/Answer",
        "ankigen Question/Answer reversed furigana",
    ]


def test_a_published_question_answer_note_keeps_its_note_type() -> None:
    # Given an extra after publishing: still Question/Answer, the extra below the answer.
    assert names([EXTRA], config(), {"g2": notetype.QA.id}) == ["ankigen Question/Answer"]
    # Its extra taken away: still the note type with an Extra field, left empty.
    assert names([PLAIN], config(), {"g1": notetype.EXTRA.id}) == ["ankigen Question/Answer/Extra"]
    # Asking for reversed cards does change it (the build report warns).
    assert names([PLAIN], config(reverse=True), {"g1": notetype.QA.id}) == [
        "ankigen Question/Answer reversed"
    ]


def test_fields_follow_the_note_type() -> None:
    assert fields(notetype.QA, "<p>q</p>", "<p>a</p>", "") == ("<p>q</p>", "<p>a</p>")
    assert fields(notetype.QA, "q", "a", "<p>e</p>") == (
        "q",
        'a\n<div class="ankigen extra"><p>e</p></div>',
    )
    assert fields(notetype.EXTRA, "q", "a", "e") == ("q", "a", "e")
    assert fields(notetype.REVERSED, "q", "a", "") == ("q", "a", "")
    assert fields(notetype.CLOZE, "t", "a", "e") == ("t", "a\ne")
    assert fields(notetype.CLOZE, "t", "", "") == ("t", "")


def test_what_counts_as_a_cloze_card() -> None:
    assert is_cloze(CLOZE)
    assert is_cloze(PLAIN._replace(cloze=True))
    assert not is_cloze(PLAIN._replace(question="{{c::x}} {c1::y} {{ c1::z }}"))
    assert not is_cloze(PLAIN._replace(answer="{{c1::in the answer}}"))


def test_cloze_cards_are_one_per_deletion_number() -> None:
    assert notetype.CLOZE.ords(("{{c2::b}} {{c1::a}} {{c2::c}} {{c10::d}}", "")) == (0, 1, 9)
    assert notetype.CLOZE.ords(("{{c0::x}} none", "")) == ()
    assert notetype.REVERSED.ords(("q", "a", "")) == (0, 1)
    assert notetype.QA.ords(("q", "a")) == (0,)


def test_cloze_deletions_are_checked() -> None:
    assert cloze_problem(notetype.CLOZE, ("{{c1::a}} {{c500::b}}", "")) is None
    assert cloze_problem(notetype.QA, ("no deletion", "")) is None
    assert "without a deletion" in str(cloze_problem(notetype.CLOZE, ("plain", "")))
    assert "without a deletion" in str(cloze_problem(notetype.CLOZE, ("{{c0::x}}", "")))
    problem = cloze_problem(notetype.CLOZE, ("{{c99999999::x}}", ""))
    assert problem == "has the deletion c99999999: cloze numbers go up to c500"
