"""Shared helpers: the seed deck and a writer for flashcard page text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_cards" / "unit14-orchestration-mlops-job-scheduling.txt"
SCAFFOLD = ["How well did you know this?", "1", "Not at all", "2", "3", "4", "5", "Perfectly"]


def page(
    cards: Sequence[tuple[str, str]],
    title: str = "Test Deck Flashcards",
    scaffold: bool = True,
    first: int = 1,
) -> str:
    """Flashcard page text in the copied-page layout the seed uses."""
    lines = [title, ""]
    for number, (question, answer) in enumerate(cards, start=first):
        lines += [str(number), "Q", "", question, "", "A", "", answer, ""]
        if scaffold:
            lines += SCAFFOLD
    return "\n".join(lines) + "\n"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
