"""Property tests: generated decks round-trip; arbitrary text fails only cleanly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import SourceError, parse_text
from ankigen.sources.common import normalise_question
from ankigen.sources.flashcard_page import RATING_LINES, SCAFFOLD_HEAD
from tests.conftest import page, readings

_RATING = {SCAFFOLD_HEAD, *RATING_LINES}

# A line of card text: anything printable, but not a line that is structure on its own.
_line = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda s: s not in ("", "Q", "A") and s.casefold() not in _RATING and not s.isdigit())
)
_text = st.lists(_line, min_size=1, max_size=4).map("\n".join)


@st.composite
def _cards(draw: st.DrawFn) -> list[tuple[str, str]]:
    cards = draw(st.lists(st.tuples(_text, _text), min_size=1, max_size=6))
    unique: dict[str, tuple[str, str]] = {}
    for question, answer in cards:
        unique.setdefault(normalise_question(question), (question, answer))
    return list(unique.values())


@settings(max_examples=200, deadline=None)
@given(_cards(), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_decks_parse_back_to_their_cards(
    cards: list[tuple[str, str]], scaffold: bool, ending: str
) -> None:
    text = page(cards, scaffold=scaffold).replace("\n", ending)
    deck = parse_text(text)
    assert [(c.question, c.answer) for c in deck.cards] == cards
    assert [c.number for c in deck.cards] == list(range(1, len(cards) + 1))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_source_error(text: str) -> None:
    try:
        parse_text(text)
    except SourceError as error:
        assert error.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "Q", "A", "", "x", SCAFFOLD_HEAD, "Perfectly"])))
def test_structure_like_lines_raise_only_source_error(lines: list[str]) -> None:
    try:
        deck = parse_text("\n".join(lines))
    except SourceError:
        return
    assert deck.cards


@settings(max_examples=300, deadline=None)
@given(
    _cards(),
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
    """Pages of usual cards with a few lines replaced or inserted: near misses of
    the fast paths, which must give the deck (or error) the general reading gives."""
    lines = page(cards).split("\n")
    for at, line, replace in edits:
        if replace:
            lines[at % len(lines)] = line
        else:
            lines.insert(at % len(lines), line)
    page_path, card_path, general = readings("\n".join(lines))
    assert page_path == card_path == general
