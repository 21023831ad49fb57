"""Markdown decks in the other tools' layouts: inka (and inka2), Obsidian_to_Anki and
Obsidian Spaced Repetition.

The files follow the layouts those tools document, with what their users' vaults
hold around the cards (front matter, headings, prose, the plugin's note ids)."""

from __future__ import annotations

from pathlib import Path

from ankigen import parse_file
from tests.conftest import assert_error_at

INKA = """\
# Notes

Some prose, with a rule below it.

---
Deck: Life Questions
Tags: learning life-questions

1. What is the answer to the Ultimate Question?

> 42
> (says the book)

2. If it {looks like a duck}, then it is a {duck}.

3. Explicit {2::second} and {c1::first}.
---

## Topic

More prose.
"""

OBSIDIAN = """\
---
tags: OE/ALKMAT
TARGET DECK: Maths::Series
---
# Moving average [[model]]
Prose with $x$.

## Cards
START
Basic
Front:
Autocorrelation of a moving average
Back:
$$r_k = \\dfrac{-d_k}{1+d_i^2}$$
- $d$ [[White noise|white noise]] weights
![[plot.png]]
<!--ID: 1686170330152-->
END

START
Cloze
Text: A {{c1::moving average}} smooths a series.
Extra: See [[smoothing]].
END

START
Basic (and reversed card)
Front: MA
Back: moving average
Tags: abbreviations
ID: 1686170330153
END
"""


def test_inka_sections_numbered_questions_quoted_answers_and_clozes(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(INKA)
    deck = parse_file(tmp_path / "notes.md")
    assert deck.title == "Life Questions"
    assert [(c.line, c.question, c.answer, c.cloze) for c in deck.cards] == [
        (9, "What is the answer to the Ultimate Question?", "42\n(says the book)", False),
        (14, "If it {{c1::looks like a duck}}, then it is a {{c2::duck}}.", "", True),
        (16, "Explicit {{c2::second}} and {{c1::first}}.", "", True),
    ]
    assert {c.tags for c in deck.cards} == {("learning", "life-questions")}


def test_obsidian_to_anki_notes(tmp_path: Path) -> None:
    (tmp_path / "series.md").write_text(OBSIDIAN)
    deck = parse_file(tmp_path / "series.md")
    assert deck.title == "Maths::Series"
    basic, cloze, reversed_ = deck.cards
    assert (basic.line, basic.id, basic.question) == (
        10,
        "1686170330152",
        "Autocorrelation of a moving average",
    )
    assert basic.answer == (
        "$$r_k = \\dfrac{-d_k}{1+d_i^2}$$\n- $d$ white noise weights\n![plot.png](<plot.png>)"
    )
    assert (cloze.cloze, cloze.question, cloze.extra) == (
        True,
        "A {{c1::moving average}} smooths a series.",
        "See smoothing.",
    )
    assert (reversed_.reverse, reversed_.tags, reversed_.id) == (
        True,
        ("abbreviations",),
        "1686170330153",
    )


def test_an_obsidian_note_without_an_end_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text("Intro\n\nSTART\nBasic\nFront: q\nBack: a\n")
    assert_error_at(path, 3, "a note opened with START has no END", lambda: parse_file(path))


def test_an_ankdown_card_whose_front_is_a_numbered_list_stays_ankdown(tmp_path: Path) -> None:
    path = tmp_path / "steps.md"
    path.write_text("1. First step of what?\n\n%\n\nThe answer.\n\n---\n\n2. Next?\n\n%\n\nYes.\n")
    deck = parse_file(path)
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("1. First step of what?", "The answer."),
        ("2. Next?", "Yes."),
    ]


# Obsidian Spaced Repetition's documented card types (its docs/docs/en/flashcards/,
# MIT), in a note as its users' vaults hold them: front matter, headings, prose, the
# plugin's scheduling comments.
SPACED_REPETITION = """\
---
tags: [flashcards, physics]
sr-due: 2025-02-21
---

# Light

Prose about light, which is no card.

## Cards

the question goes on this side::answer goes here!
<!--SR:!2024-03-20,124,270-->

info 1:::info 2

As per the definition
of "multiline" the prompt
can be on multiple lines
?
same goes for
the answer

info 1A
info 1B
??
info 2A
info 2B

The first female ==prime minister== of Australia was ==Julia Gillard;;a name==

Use `std::vector` for a dynamic array::a growable array <!--SR:!2024-03-20,1,230-->

```
code::is never a card
```
"""


def test_obsidian_spaced_repetition_cards(tmp_path: Path) -> None:
    path = tmp_path / "Light.md"
    path.write_text(SPACED_REPETITION, encoding="utf-8")
    deck = parse_file(path)
    cards = [(c.line, c.question, c.answer, c.reverse, c.cloze) for c in deck.cards]
    assert cards == [
        (12, "the question goes on this side", "answer goes here!", False, False),
        (15, "info 1", "info 2", True, False),
        (17, 'As per the definition\nof "multiline" the prompt\ncan be on multiple lines',
         "same goes for\nthe answer", False, False),
        (24, "info 1A\ninfo 1B", "info 2A\ninfo 2B", True, False),
        (30, "The first female {{c1::prime minister}} of Australia was "
         "{{c2::Julia Gillard::a name}}", "", False, True),
        (32, "Use `std::vector` for a dynamic array", "a growable array", False, False),
    ]  # fmt: skip
    assert deck.warnings == ()


def test_the_spaced_repetition_deck_tag_names_the_deck_and_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(
        "Some prose.\n\n#flashcards/science/physics #review\n\n## Questions\n\n"
        "What is charge transfer by contact called::Triboelectric effect\n",
        encoding="utf-8",
    )
    deck = parse_file(path)
    assert deck.title == "science::physics"  # Anki's nested decks
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("What is charge transfer by contact called", "Triboelectric effect")
    ]


def test_spaced_repetition_embeds_images_sounds_and_names_other_notes(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text(
        "#flashcards\n\nPicture::![[pic.png]]\n\nSound::![[say.mp3]]\n\n"
        "Idea?\n?\n![[Generational GC#Idea]]\n",
        encoding="utf-8",
    )
    deck = parse_file(path)
    assert [c.answer for c in deck.cards] == [
        "![pic.png](<pic.png>)",
        "[sound:say.mp3]",
        "Generational GC#Idea",
    ]
    (warning,) = deck.warnings
    assert str(warning).startswith(
        f"{path}:7: warning: ![[Generational GC#Idea]] embeds another note, which ankigen "
        "does not read"
    )


def test_untagged_key_value_lines_are_no_cards(tmp_path: Path) -> None:
    """Without the plugin's tag, 'key:: value' lines are Dataview's or Logseq's properties."""
    path = tmp_path / "page.md"
    path.write_text("# The Hobbit\n\nAuthor:: Tolkien\nStatus:: read\n\n- a note\n  id:: 64a1\n")
    assert_error_at(path, 1, "in a note tagged #flashcards", lambda: parse_file(path))


def test_a_thousand_short_clozes_are_numbered_on_for_the_build_to_refuse(tmp_path: Path) -> None:
    """Past c500 the build refuses the card at its line (``kind``); reading never fails."""
    inka, spaced = tmp_path / "i.md", tmp_path / "s.md"
    inka.write_text("---\n1. " + "{a} " * 1200 + "\n---\n", encoding="utf-8")
    spaced.write_text("#flashcards\n\n" + "==a== " * 1200 + "\n", encoding="utf-8")
    for path in (inka, spaced):
        (card,) = parse_file(path).cards
        assert card.question.count("{{c") == 1200 and "{{c1200::a}}" in card.question


def test_an_obsidian_to_anki_note_embedding_another_note_is_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("START\nBasic\nFront: Idea?\nBack: ![[Generational GC#Idea]]\nEND\n")
    deck = parse_file(path)
    assert deck.cards[0].answer == "Generational GC#Idea"
    (warning,) = deck.warnings
    assert str(warning).startswith(f"{path}:2: warning: ![[Generational GC#Idea]] embeds another")
