"""Markdown decks in the other tools' layouts: inka (and inka2) and Obsidian_to_Anki.

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
