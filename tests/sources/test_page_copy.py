"""Term and definition page copies: Brainscape's plain layout, Quizlet and Knowt set pages.

No real copy of these pages could be found in public repositories, so these are
written after the pages' layouts (the sites' own menus and counts included)."""

from __future__ import annotations

from ankigen.sources import page_copy

QUIZLET = """\
Unit 3: Cells Flashcards | Quizlet
Flashcards
Learn
Test
Match
Created by
mrs_biology
Terms in this set (3)
Mitochondria
Where cellular respiration happens

Ribosome
Makes proteins

Nucleus
Holds the DNA
Students also viewed
Unit 4: Genetics
"""


def test_a_quizlet_set_page_with_a_card_a_block() -> None:
    deck = page_copy.parse(QUIZLET, "cells.txt")
    assert deck.title == "Unit 3: Cells Flashcards"
    assert [(c.question, c.answer, c.line) for c in deck.cards] == [
        ("Mitochondria", "Where cellular respiration happens", 9),
        ("Ribosome", "Makes proteins", 12),
        ("Nucleus", "Holds the DNA", 15),
    ]
    assert deck.warnings == ()
    assert all(c.markup == "text" for c in deck.cards)


def test_brainscape_plain_layout_a_block_each() -> None:
    text = (
        "Networking Flashcards\n\nWhat is TCP?\n\nA reliable, ordered byte stream.\n"
        "Connection oriented.\n\nWhat is UDP?\n\nDatagrams, no delivery guarantee.\n"
    )
    deck = page_copy.parse(text, "net.txt")
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("What is TCP?", "A reliable, ordered byte stream.\nConnection oriented."),
        ("What is UDP?", "Datagrams, no delivery guarantee."),
    ]


def test_lines_alternating_and_a_missing_term_is_a_warning_with_its_line() -> None:
    text = "Knowt\nVerbs\nTerms in this set (3)\nessen\nto eat\ntrinken\nto drink\nto sleep\n"
    deck = page_copy.parse(text, "verbs.txt")
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("essen", "to eat"),
        ("trinken", "to drink"),
    ]
    assert [str(w) for w in deck.warnings] == [
        "verbs.txt:8: warning: 'to sleep' has no term or no definition beside it (an image on "
        "the page?): it is not a card; check the cards near here",
        "verbs.txt:3: warning: the page says 3 terms but 2 were found",
    ]


def test_a_copy_of_the_cards_alone_has_no_title_line_to_lose() -> None:
    """Without a count line, the first line is a title only when reading it as a term
    would leave lines unpaired: a copy of just the cards keeps its first card."""
    layouts = {  # the text, and the line of its second card
        "a card a block": ("Hund\ndog\n\nKatze\ncat\n\nMaus\nmouse\n", 4),
        "a block each": ("Hund\n\ndog\n\nKatze\n\ncat\n", 5),
        "a line each": ("Hund\ndog\nKatze\ncat\n", 3),
    }
    for layout, (text, second) in layouts.items():
        deck = page_copy.parse(text, "animals.txt")
        assert (deck.title, deck.warnings) == ("animals", ()), layout
        assert [(c.question, c.answer, c.line) for c in deck.cards][:2] == [
            ("Hund", "dog", 1),
            ("Katze", "cat", second),
        ], layout
        titled = page_copy.parse("German animals\n\n" + text, "animals.txt")
        assert titled.title == "German animals", layout
        assert [c.question for c in titled.cards][:2] == ["Hund", "Katze"], layout
