"""The one-pass reading of the usual page reads exactly what the general reading does.

Both are public: ``flashcard_page_fast.read_usual_page`` and
``flashcard_page.read_cards``. The usual page must take the one pass; anything
else must be left to the general reading.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card
from ankigen.sources.flashcard_page import SCAFFOLD_HEAD, SCAFFOLD_LINES, read_cards
from ankigen.sources.flashcard_page_fast import read_usual_page
from tests.conftest import page, page_cards


def readings(text: str) -> tuple[tuple[int, list[Card]] | None, object, list[SourceWarning]]:
    """The one-pass reading of ``text`` (None if it does not apply), the general
    reading (or its error), and the general reading's warnings."""
    warnings: list[SourceWarning] = []
    try:
        general: object = read_cards(text, "<text>", warnings)
    except SourceError as error:
        general = str(error)
    return read_usual_page(text, "<text>"), general, warnings


_USUAL = page(
    [("What is a Pod?", "The smallest unit.\n* one\n* two"), ("Second? QoS", "b\nQ&A")],
    title="Title Flashcards\n\nObjectives: >one",
)


@pytest.mark.parametrize(
    "text",
    [
        _USUAL,
        _USUAL.removesuffix("\n"),
        _USUAL + "\n",
        _USUAL.replace("Perfectly\n2", "Perfectly\n\n2"),  # a blank line between cards
        _USUAL.replace("\n1\nQ", "\n7\nQ").replace("\n2\nQ", "\n8\nQ"),  # numbered on from 7
        _USUAL.replace("Q&A", "A Q"),  # lines that end or start with Q are not Q lines
        _USUAL.replace("Second?", "Q second?"),
    ],
)
def test_a_page_of_usual_cards_is_read_in_one_pass(text: str) -> None:
    fast, general, warnings = readings(text)
    assert fast is not None and len(fast[1]) == 2
    assert (fast, warnings) == (general, [])


@pytest.mark.parametrize(
    "text",
    [
        _USUAL.replace("What is a Pod?", "What is a Pod?  "),  # trailing spaces
        _USUAL.replace("The smallest unit.", "The smallest unit.\n\nSecond paragraph."),
        _USUAL.replace("What is a Pod?", "Pick one:\n A"),  # a question line that is a lone A
        _USUAL.replace("\nQ\n", "\n\nQ\n", 1),  # a blank line between number and Q
        _USUAL.replace("* two", "* two\nQ"),  # a lone Q line in an answer
        _USUAL.replace("* two", "* two\n2\n Q"),  # a card start, padded, in an answer
        _USUAL.replace("* two", "* two\n \tQ  "),
        _USUAL.replace("Objectives", "Q\nObjectives"),  # a lone Q line before the cards
        "Q\n" + _USUAL,
        _USUAL + "Q",
        _USUAL.replace("\n2\nQ", "\n3\nQ"),  # a number out of order
        _USUAL.replace("Perfectly\n2", "Perfectly\n\n\n2"),
        _USUAL + "stray page text\n",
        _USUAL.replace("\n".join(SCAFFOLD_LINES) + "\n2", "2"),  # a card without its scaffold
        _USUAL.replace("b\nQ&A", ""),  # an empty answer
    ],
)
def test_near_misses_of_the_usual_page_are_left_to_the_general_reading(text: str) -> None:
    fast, _, _ = readings(text)
    assert fast is None


@settings(max_examples=300, deadline=None)
@given(
    page_cards(),
    st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from(["", "Q", " Q", "Q ", "A", "2", "3", "x Q", "2\nQ", SCAFFOLD_HEAD]),
            st.booleans(),
        ),
        max_size=3,
    ),
)
def test_fast_paths_read_disturbed_pages_as_the_general_reading_does(
    cards: list[tuple[str, str]], edits: list[tuple[int, str, bool]]
) -> None:
    """Pages of usual cards with a few lines replaced or inserted: near misses of the
    one pass, which must read what the general reading reads, or leave them to it."""
    lines = page(cards).split("\n")
    for at, line, replace in edits:
        if replace:
            lines[at % len(lines)] = line
        else:
            lines.insert(at % len(lines), line)
    fast, general, warnings = readings("\n".join(lines))
    if fast is not None:
        assert (fast, warnings) == (general, [])
