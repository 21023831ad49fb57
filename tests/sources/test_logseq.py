"""Logseq pages: blocks tagged #card, with the properties and drawers Logseq writes."""

from __future__ import annotations

from pathlib import Path

from ankigen import parse_file
from tests.conftest import assert_error_at

PAGE = """\
title:: Kubernetes
tags:: k8s

- ## Workloads
- What is a Pod? #card
  card-last-interval:: 4
  card-repeats:: 1
  :LOGBOOK:
  CLOCK: [2023-11-04 Sat 08:17:34]--[2023-11-04 Sat 08:17:38] =>  00:00:04
  :END:
\t- The smallest deployable unit.
- [[card]] Which objects keep [[Pod]]s running?
  collapsed:: true
\t- Deployments
\t\t- through ReplicaSets
\t- StatefulSets
\t  ```yaml
\t  kind:: StatefulSet
\t  ```
- A {{cloze Service}} gives pods one address. #card
\t- ![diagram](diagram.png){:height 458, :width 512}
- A block with no tag is a note, not a card
\t- its child too
"""


def test_card_blocks_are_cards(tmp_path: Path) -> None:
    path = tmp_path / "k8s.md"
    path.write_text(PAGE, encoding="utf-8")
    deck = parse_file(path)
    assert deck.title == "Kubernetes"
    assert [(c.line, c.question, c.answer, c.cloze) for c in deck.cards] == [
        (5, "What is a Pod?", "The smallest deployable unit.", False),
        (
            12,
            "Which objects keep Pods running?",
            "- Deployments\n  - through ReplicaSets\n- StatefulSets\n  ```yaml\n"
            "  kind:: StatefulSet\n  ```",  # a property line inside code is code
            False,
        ),
        (20, "A {{c1::Service}} gives pods one address.", "![diagram](diagram.png)", True),
    ]


def test_a_page_with_no_card_block_is_refused_with_the_layouts(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("- a note #idea\n\t- its child\n", encoding="utf-8")
    assert_error_at(path, 1, "blocks tagged #card (Logseq)", lambda: parse_file(path))
