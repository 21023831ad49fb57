"""YAML decks: deck metadata and a list of cards, written by hand.

name: Kubernetes basics          # the Anki deck name ('::' for subdecks)
key: kube-basics                 # the deck's identity; default: the file name
description: Markdown text
tags: [K8S]                      # tags for every card
cards:
  - question: What is a Pod?
    answer: |
      The smallest deployable unit.
    tags: [K8S::workloads]
    id: pod                      # optional: identity instead of the question
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ankigen.config.schema import KEY_PATTERN, Checker, compose
from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources.common import trim


def parse(text: str, source: str) -> Deck:
    root = compose(Path(source), text)
    if root is None:
        raise NoCards(source, 1, "file is empty: a YAML deck is a mapping with 'cards'")
    check = Checker(source)
    warnings: list[SourceWarning] = []
    fields = check.mapping(
        root,
        "the deck",
        {
            "name": check.name,
            "key": check.key,
            "description": check.text,
            "tags": check.tag_list,
            "cards": lambda node, key: check.seq(node, key),
        },
        required=("cards",),
    )
    deck_tags = fields.get("tags", [])
    cards = []
    for number, node in enumerate(fields["cards"], start=1):
        cards.append(_card(check, node, number, deck_tags, source, warnings))
    if not cards:
        raise SourceError(source, root.start_mark.line + 1, "the deck has no cards")
    return Deck(
        title=fields.get("name") or Path(source).stem,
        source=source,
        cards=tuple(cards),
        description=fields.get("description", ""),
        warnings=tuple(warnings),
        key=fields.get("key"),
    )


def declared_key(text: str) -> str | None:
    """The ``key`` at the top of a YAML deck, if it has a valid one, read without
    reading its cards: finding decks needs only this, and a large deck takes a
    second to read whole. Anything wrong is left for ``parse`` to report.
    """
    depth, key_turn, wanted = 0, True, False
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    return None
            elif isinstance(event, yaml.NodeEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return None
                if depth == 1:  # the deck's own keys and values, in turn
                    if wanted:
                        value = getattr(event, "value", None)
                        return value if value and KEY_PATTERN.fullmatch(value) else None
                    wanted = key_turn and getattr(event, "value", None) == "key"
                    key_turn = not key_turn
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
    except yaml.YAMLError:
        return None
    return None


def _card(
    check: Checker,
    node: yaml.Node,
    number: int,
    deck_tags: list[str],
    source: str,
    warnings: list[SourceWarning],
) -> Card:
    fields = check.mapping(
        node,
        f"card {number}",
        {
            "question": check.text,
            "answer": check.any_text,
            "tags": check.tag_list,
            "id": check.text,
        },
        required=("question", "answer"),
    )
    line = node.start_mark.line + 1
    answer = trim(fields["answer"])
    if not answer:
        warnings.append(SourceWarning(source, line, f"card {number} has an empty answer"))
    return Card(
        number=number,
        line=line,
        question=trim(fields["question"]),
        answer=answer,
        tags=tuple(dict.fromkeys([*deck_tags, *fields.get("tags", [])])),
        source=source,
        id=fields.get("id"),
    )
