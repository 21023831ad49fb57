"""YAML decks: metadata and cards by hand, with errors at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen import parse_file
from tests.conftest import assert_error_at

DECK = """\
name: Kubernetes::Basics
key: kube-basics
description: Pods and *friends*.
tags: [K8S]
cards:
  - question: What is a Pod?
    answer: |
      The smallest deployable unit.
      * one or more containers
    tags: [K8S::workloads]
  - question: "2 + 2?"
    answer: "4"
    id: arithmetic
  - question: Diagram?
    answer:
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_deck(tmp_path: Path) -> None:
    deck = parse_file(write(tmp_path, DECK))
    assert (deck.title, deck.key, deck.description) == (
        "Kubernetes::Basics",
        "kube-basics",
        "Pods and *friends*.",
    )
    pod, sum_, diagram = deck.cards
    assert (pod.number, pod.line, pod.question) == (1, 6, "What is a Pod?")
    assert pod.answer == "The smallest deployable unit.\n* one or more containers"
    assert pod.tags == ("K8S", "K8S::workloads")
    assert (sum_.id, sum_.answer, sum_.tags) == ("arithmetic", "4", ("K8S",))
    assert diagram.answer == ""
    assert [str(w) for w in deck.warnings] == [
        f"{tmp_path / 'deck.yaml'}:14: warning: card 3 has an empty answer"
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "file is empty"),
        ("cards: [\n", 2, "invalid YAML"),
        ("name: x\n", 1, "the deck needs the key 'cards'"),
        ("cards: []\n", 1, "the deck has no cards"),
        ("cards:\n  - question: q\n", 2, "card 1 needs the key 'answer'"),
        ("cards:\n  - question: q\n    anwser: a\n", 3, "did you mean 'answer'?"),
        ("cards:\n  - question: 42\n    answer: a\n", 2, "'question' must be text"),
        ("key: Bad Key\ncards: []\n", 1, "'key' must be lower-case"),
        ("tags: [a b]\ncards: []\n", 1, "is not a valid tag"),
    ],
)
def test_errors_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    assert_error_at(path, line, message, lambda: parse_file(path))


def test_same_question_with_distinct_ids_is_allowed(tmp_path: Path) -> None:
    text = "cards:\n  - {question: Define it, answer: a, id: one}\n  - {question: Define it, answer: b, id: two}\n"
    assert len(parse_file(write(tmp_path, text)).cards) == 2


def test_aliases_are_refused_so_a_small_file_cannot_explode(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = write(tmp_path, "\n".join(levels) + "\ncards: []\n")
    assert_error_at(path, 1, "YAML aliases (*name) are not supported", lambda: parse_file(path))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (DECK, "kube-basics"),
        ("cards: [{question: q, answer: a}]\nkey: late\n", "late"),  # after the cards
        ("name: x\ncards: []\n", None),
        ("tags: {key: no}\nkey: 'quoted.key'\n", "quoted.key"),  # 'key' deeper down is not it
        ("nested:\n  - key: inner\n", None),
        ("- key: a list\n", None),
        ("key: Not Valid\n", None),  # parse reports it
        ("key: [a]\n", None),
        ("key: &k a\nother: *k\n", "a"),
        ("key: a\n  bad: [indentation\n", None),
        ("", None),
    ],
)
def test_the_declared_key_is_read_without_the_cards(text: str, key: str | None) -> None:
    from ankigen.sources.yaml_deck import declared_key

    assert declared_key(text) == key


def test_the_declared_key_is_the_key_parse_reads(tmp_path: Path) -> None:
    from ankigen.sources.yaml_deck import declared_key

    path = tmp_path / "deck.yaml"
    path.write_text(DECK)
    assert declared_key(DECK) == parse_file(path).key == "kube-basics"


def test_other_tools_yaml_decks_are_read(tmp_path: Path) -> None:
    """AnkiTUM's front/back cards and autoanki's lists of notes with fields."""
    tum = write(
        tmp_path,
        "title: Arithmetic\ncards:\n  - type: basic\n    front: Whats 1 + 1?\n    back: It's 2\n"
        "    chapter: Basic Arithmetic\n    tags: [addition]\n",
    )
    deck = parse_file(tum)
    assert deck.title == "Arithmetic"
    assert [(c.question, c.answer, c.tags) for c in deck.cards] == [
        ("Whats 1 + 1?", "It's 2", ("addition",))
    ]
    assert [w.message.split(" (")[0] for w in deck.warnings] == [
        "key 'type' in card 1 is not read",
        "key 'chapter' in card 1 is not read",
    ]
    auto = write(
        tmp_path,
        "- note_type: Basic\n  id: f93f3fdd\n  fields:\n    Front: 1 + 1 = ?\n    Back: '2'\n",
    )
    (card,) = parse_file(auto).cards
    assert (card.question, card.answer, card.id) == ("1 + 1 = ?", "2", "f93f3fdd")
