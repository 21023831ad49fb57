"""The flashcard page parser: the seed, the variants real copies have, and every error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import SourceError, parse_file, parse_text
from ankigen.sources.flashcard_page import SCAFFOLD_HEAD, SCAFFOLD_LINES
from tests.conftest import SEED, assert_error_at, page, page_cards

SEED_QUESTIONS = [
    "What is K8S?",
    "What is the difference between orchestration and scheduling?",
    "What is SLURM?",
    "What is MLOps?",
    "list Kubernetes Components",
    "NVIDIA GPU Operator",
    "Container Engine",
    "NVIDIA Network Operator",
    "Name MLOps Partners",
]


def test_seed_parses_to_its_nine_cards() -> None:
    deck = parse_file(SEED)
    assert [c.question for c in deck.cards] == SEED_QUESTIONS
    assert [c.number for c in deck.cards] == list(range(1, 10))
    assert [c.line for c in deck.cards] == [5, 22, 39, 56, 73, 99, 116, 133, 150]
    assert deck.title == "Unit 14 Orchestration, MLOps and Job Scheduling Flashcards"
    assert deck.objectives == (
        "describe the difference between orchestration and scheduling",
        "describe common tools for orchestration and scheduling",
        "discuss the value of MLOps",
    )
    assert deck.description == ""
    assert deck.warnings == ()


def test_seed_answers_are_exact() -> None:
    cards = parse_file(SEED).cards
    assert cards[0].answer == (
        "Kubernetes is an open-source container orchestration system for automating software "
        "deployment, scaling, and management. It is often used in container based environments "
        "that need to scale to meet user needs and is useful for inference in AI clusters."
    )
    assert cards[8].answer == "Runai\nPaperspace\nDeterminedAI"
    components = cards[4].answer.split("\n")
    assert len(components) == 10
    assert components[0] == "Node(узел): Server added to K8S cluster."
    assert components[1] == "Cluster: A collection of one or more servers"
    assert components[7] == "* Job: Launches a Pod to perform a one-time task and then completes."
    assert cards[7].answer.endswith("enable GPU direct RDMA remote direct memory access.")


def test_no_scaffolding_reaches_any_card() -> None:
    for card in parse_file(SEED).cards:
        for text in (card.question, card.answer):
            lines = {line.strip() for line in text.split("\n")}
            assert not lines & set(SCAFFOLD_LINES), card
            assert "How well" not in text


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(seed_text: str, ending: str) -> None:
    deck = parse_text(seed_text.replace("\n", ending), source=str(SEED))
    assert deck.cards == parse_file(SEED).cards


def test_bom_trailing_spaces_nbsp_and_tabs() -> None:
    text = "\ufeffDeck Flashcards  \n\n1\t\n\u00a0Q\u00a0\n\nWhat?  \n\nA \t\n\tdef f():\n\t    return 1 \u00a0\n"
    deck = parse_text(text)
    assert deck.title == "Deck Flashcards"
    (card,) = deck.cards
    assert card.question == "What?"
    assert card.answer == "\tdef f():\n\t    return 1"


def test_missing_scaffolds_after_some_cards_and_the_last() -> None:
    text = page([("Q one?", "one")], scaffold=True)
    text += "2\nQ\nQ two?\nA\ntwo\n3\nQ\n\nQ three?\n\nA\n\nthree\n"
    deck = parse_text(text)
    assert [(c.question, c.answer) for c in deck.cards] == [
        ("Q one?", "one"),
        ("Q two?", "two"),
        ("Q three?", "three"),
    ]


def test_answers_with_lines_that_look_like_structure() -> None:
    answer = "\n".join(
        [
            "Steps:",
            "1",
            "2",
            "A",
            "Q",
            "Not at all",
            "Perfectly",
            "1. first",
            "- dash item",
            "• bullet",
            "",
            "```",
            "x = 3",
            "```",
            "E = mc^2",
        ]
    )
    deck = parse_text(page([("Which steps?", answer), ("Next?", "B")]))
    assert [c.answer for c in deck.cards] == [answer, "B"]


def test_a_question_with_a_lone_a_line() -> None:
    question = "Which is right?\nA\nB"
    text = f"D Flashcards\n1\nQ\n\n{question}\n\nA\n\nA\n"
    (card,) = parse_text(text).cards
    assert (card.question, card.answer) == (question, "A")


def test_lower_case_q_and_a_are_text_not_markers() -> None:
    (card,) = parse_text(page([("a", "q")])).cards
    assert (card.question, card.answer) == ("a", "q")


def test_the_answer_can_be_the_letter_a() -> None:
    (card,) = parse_text(page([("Pick A or B", "A")])).cards
    assert card.answer == "A"


def test_an_empty_answer_is_kept_with_a_warning() -> None:
    text = page([("What does this diagram show?", ""), ("Two?", "2")])
    deck = parse_text(text, source="d.txt")
    assert [c.answer for c in deck.cards] == ["", "2"]
    (warning,) = deck.warnings
    assert str(warning).startswith("d.txt:8: warning: card 1 has an empty answer")


def test_page_text_before_the_first_card_is_never_a_card() -> None:
    preamble = [
        "You may prefer our related Brainscape-certified flashcards:",
        "Networking Basics Flashcards",
        "(2 cards)",
        "A short deck about networks.",
        '{"@context": "https://schema.org", "@type": "Quiz", "name": "x"}',
        "Objectives: >know IP >know DNS",
    ]
    text = (
        "\n".join(preamble) + "\n" + page([("What is IP?", "a"), ("What is DNS?", "b")], title="")
    )
    deck = parse_text(text)
    assert deck.title == "Networking Basics Flashcards"
    assert deck.description == "A short deck about networks."
    assert deck.objectives == ("know IP", "know DNS")
    assert [c.question for c in deck.cards] == ["What is IP?", "What is DNS?"]
    assert deck.warnings == ()


def test_title_falls_back_to_the_first_line_of_text() -> None:
    deck = parse_text("My notes\nmore words\n\n1\nQ\nq\nA\na\n")
    assert deck.title == "My notes"
    assert deck.description == "more words"


def test_title_falls_back_to_the_file_name(tmp_path: object) -> None:
    deck = parse_text("1\nQ\nq\nA\na\n", source="dir/kube-basics.txt")
    assert deck.title == "kube-basics"


def test_a_wrong_card_count_on_the_page_is_a_warning() -> None:
    deck = parse_text("(3 cards)\n" + page([("q1", "a"), ("q2", "b")]), source="p.txt")
    assert [str(w) for w in deck.warnings] == [
        "p.txt:1: warning: the page says 3 cards but 2 were found"
    ]


def test_text_after_a_scaffold_is_dropped_with_a_warning() -> None:
    text = page([("q1", "a1")]) + "Sign up to study more\n"
    deck = parse_text(text, source="p.txt")
    assert deck.cards[0].answer == "a1"
    assert [w.line for w in deck.warnings] == [20]


def test_out_of_sequence_number_stays_inside_the_answer_with_a_warning() -> None:
    text = "D Flashcards\n1\nQ\nq1\nA\nline\n7\nQ\nmore\n2\nQ\nq2\nA\na2\n"
    deck = parse_text(text, source="p.txt")
    assert [c.answer for c in deck.cards] == ["line\n7\nQ\nmore", "a2"]
    assert [w.line for w in deck.warnings] == [7]


def test_cards_may_start_at_any_number() -> None:
    deck = parse_text(page([("q", "a"), ("r", "b")], first=41))
    assert [c.number for c in deck.cards] == [41, 42]


def test_numbers_that_are_not_ascii_digits_are_not_cards() -> None:
    with pytest.raises(SourceError, match="no cards found"):
        parse_text("D\n²\nQ\nq\nA\na\n")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "file is empty"),
        ("  \n\n\t\n", 1, "file is empty"),
        ("Just some notes.\nNothing numbered here.\n", 1, "no cards found"),
        ('{"cards": [1, 2]}', 1, "no cards found"),
        ("D\n\n1\nQ\nWhat?\nno separator here\n", 3, "card 1 has no line 'A'"),
        ("D\n1\nQ\n\nA\nanswer\n", 3, "card 1 has an empty question"),
    ],
)
def test_errors_name_the_line(text: str, line: int, message: str) -> None:
    assert_error_at("bad.txt", line, message, lambda: parse_text(text, source="bad.txt"))


def test_cards_sharing_a_question_are_all_read() -> None:
    """Two cards may share a question (the build gives them distinct identities)."""
    text = page([("What is a Pod?", "a"), ("Other?", "b"), ("what is  a pod?", "c")])
    assert [c.answer for c in parse_text(text).cards] == ["a", "b", "c"]


def test_deck_and_cards_are_frozen() -> None:
    deck = parse_file(SEED)
    with pytest.raises(AttributeError):
        deck.cards[0].question = "x"  # type: ignore[misc]
    json.dumps([c.question for c in deck.cards])


@settings(max_examples=200, deadline=None)
@given(page_cards(), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
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
        assert error.line is not None and error.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "Q", "A", "", "x", SCAFFOLD_HEAD, "Perfectly"])))
def test_structure_like_lines_raise_only_source_error(lines: list[str]) -> None:
    try:
        deck = parse_text("\n".join(lines))
    except SourceError:
        return
    assert deck.cards


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Q", " Q", "Q\t", "\u00a0Q", "xQ", "Q x", "", "\n", "QQ"])))
def test_counting_q_lines_counts_what_finding_them_finds(parts: list[str]) -> None:
    from ankigen.sources.flashcard_page import count_q_lines, q_lines

    text = "\n".join(parts)
    assert count_q_lines(text) == len(list(q_lines(text)))
