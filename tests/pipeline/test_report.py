"""What a build tells the maintainer."""

from __future__ import annotations

from ankigen.config.deck import DeckConfig
from ankigen.model import Card
from ankigen.pipeline.report import MAX_LISTED, warnings


def test_many_cards_sharing_questions_are_listed_then_counted() -> None:
    cards = [Card(n, n, "Same?", str(n), source="s.csv") for n in range(1, MAX_LISTED + 5)]
    found = warnings(DeckConfig("d", "d", ()), [], cards, [], None, "D")
    assert len(found) == MAX_LISTED + 1
    assert str(found[0]).startswith("s.csv:2: warning: card 2 has the same question as card 1")
    assert str(found[-1]) == (
        f"s.csv:{MAX_LISTED + 2}: warning: and 3 more cards have the question of a card before "
        "them (from here on); each is kept, with an identity of its own"
    )


def test_answers_holding_deletions_are_said_but_cloze_cards_are_not() -> None:
    cards = [
        Card(1, 1, "Where?", "In {{c1::Paris}}.", source="s.csv"),
        Card(2, 2, "{{c1::Paris}} is in France.", "In {{c1::Europe}}.", source="s.csv"),
        Card(3, 3, "Text", "An {{c1::answer}}.", source="s.csv", cloze=True),
    ]
    found = warnings(DeckConfig("d", "d", ()), [], cards, [], None, "D")
    assert [(w.line, w.message.split(":")[0]) for w in found] == [
        (1, "card 1's answer holds a cloze deletion ({{c1")
    ]
