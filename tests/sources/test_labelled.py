"""Labelled cards: ``Q:`` and ``A:`` lines, in a text file or in Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ankigen import parse_file
from tests.conftest import build, import_apkg, notes_by_question

if TYPE_CHECKING:
    from anki.collection import Collection

NOTES = """\
Kubernetes basics

Q: What is a Pod?
A: The smallest deployable unit.

**Q1:** What is a *Node*?
**A1:** A worker machine.
It runs pods.

question: Which component schedules pods?
Answer: the kube-scheduler
"""


@pytest.mark.parametrize(("name", "markup"), [("k8s.txt", "text"), ("k8s.md", "markdown")])
def test_labelled_lines_are_cards(tmp_path: Path, name: str, markup: str) -> None:
    path = tmp_path / name
    path.write_text(NOTES, encoding="utf-8")
    deck = parse_file(path)
    assert deck.title == "Kubernetes basics"
    assert [(c.line, c.question, c.answer, c.markup) for c in deck.cards] == [
        (3, "What is a Pod?", "The smallest deployable unit.", markup),
        (6, "What is a *Node*?", "A worker machine.\nIt runs pods.", markup),
        (10, "Which component schedules pods?", "the kube-scheduler", markup),
    ]
    assert deck.warnings == ()


def test_a_markdown_heading_names_the_deck(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("# Networking\n\nQ: DNS?\nA: Names.\n\nQ: TCP?\nA: Streams.\n")
    deck = parse_file(path)
    assert (deck.title, len(deck.cards)) == ("Networking", 2)


def test_lines_between_the_title_and_the_first_card_are_named(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text(
        "Networking\nChapter 3, for the exam\n\nQ: DNS?\nA: Names.\n\nQ: TCP?\nA: Streams.\n"
    )
    (warning,) = parse_file(path).warnings
    assert str(warning) == (
        f"{path}:2: warning: 1 line(s) between the title and the first card are not read"
    )


def test_a_later_answer_label_is_the_answer_s_text(tmp_path: Path) -> None:
    """Answer options after the answer ('B: no', 'A: ...') stay in it, as written."""
    path = tmp_path / "quiz.txt"
    path.write_text("Q: Pick one\nA: yes\nB: no\nA: the answer\n\nQ: Again\nA: no\n")
    assert [(c.question, c.answer) for c in parse_file(path).cards] == [
        ("Pick one", "yes\nB: no\nA: the answer"),
        ("Again", "no"),
    ]


def test_a_labelled_deck_in_anki(tmp_path: Path, collection: Collection) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "k8s.txt").write_text(NOTES, encoding="utf-8")
    build([tmp_path / "src"], tmp_path / "out")
    log = import_apkg(collection, tmp_path / "out" / "k8s.apkg")
    assert len(log.new) == 3
    node = notes_by_question(collection)["<p>What is a *Node*?</p>"]  # plain text: no emphasis
    assert node["Answer"] == "<p>A worker machine.<br />\nIt runs pods.</p>"
    assert collection.decks.by_name("Kubernetes basics") is not None
