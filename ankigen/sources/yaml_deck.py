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
    extra: Shown below the answer # optional: a hint, a source, remarks
  - cloze: A {{c1::Pod}} holds {{c2::one or more}} containers.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ankigen.config.schema import KEY_PATTERN, Checker, compose
from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck, is_cloze_text
from ankigen.sources.common import trim

_CARD_ALIASES = {"front": "question", "term": "question", "back": "answer", "definition": "answer",
                 "hint": "extra", "notes": "extra", "back_extra": "extra"}  # fmt: skip
_FIELD_ROLES = {"front": "question", "question": "question", "text": "question",
                "back": "answer", "answer": "answer", "extra": "extra",
                "back extra": "extra"}  # fmt: skip


def parse(text: str, source: str) -> Deck:
    root = compose(Path(source), text)
    if root is None:
        raise NoCards(source, 1, "file is empty: a YAML deck is a mapping with 'cards'")
    check = Checker(source)
    warnings: list[SourceWarning] = []
    if isinstance(root, yaml.SequenceNode):  # a list of cards, as some tools write them
        root = yaml.MappingNode(
            "tag:yaml.org,2002:map",
            [(yaml.ScalarNode("tag:yaml.org,2002:str", "cards"), root)],
            root.start_mark,
            root.end_mark,
        )
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
        aliases={"title": "name"},
        foreign=warnings,
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


def _fields(check: Checker, node: yaml.Node) -> dict[str, str]:
    """A card's ``fields:`` mapping, as other tools write it: ``Front`` and ``Back``."""
    if not isinstance(node, yaml.MappingNode):
        raise check.fail(node, "'fields' must map field names to their text")
    found: dict[str, str] = {}
    for key_node, value_node in node.value:
        role = _FIELD_ROLES.get(str(key_node.value).casefold())
        if role is None:
            raise check.fail(
                key_node,
                f"field '{key_node.value}' is not read (ankigen reads Front, Back and Extra)",
            )
        found[role] = check.any_text(value_node, str(key_node.value))
    return found


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
            "extra": check.any_text,
            "cloze": check.text,
            "fields": lambda n, k: _fields(check, n),
        },
        aliases=_CARD_ALIASES,
        foreign=warnings,
    )
    for role, value in fields.pop("fields", {}).items():
        fields.setdefault(role, value)
    cloze = "cloze" in fields
    if cloze:
        if "question" in fields:
            raise check.fail(node, f"card {number} has a 'question' and a 'cloze': choose one")
        fields["question"] = fields.pop("cloze")
    for key in ("question",) if cloze else ("question", "answer"):
        if key not in fields:
            raise check.fail(node, f"card {number} needs the key '{key}'")
    line = node.start_mark.line + 1
    answer = trim(fields.get("answer", ""))
    if not answer and not cloze and not is_cloze_text(fields["question"]):
        warnings.append(SourceWarning(source, line, f"card {number} has an empty answer"))
    return Card(
        number=number,
        line=line,
        question=trim(fields["question"]),
        answer=answer,
        tags=tuple(dict.fromkeys([*deck_tags, *fields.get("tags", [])])),
        source=source,
        id=fields.get("id"),
        extra=trim(fields.get("extra", "")),
        cloze=cloze,
    )
