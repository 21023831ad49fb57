"""Deck configuration (``*.deck.yaml``): checked once, here, against a schema.

Later stages get a frozen DeckConfig and never see YAML. Validation walks the
composed YAML node tree rather than loaded Python values, so every error can
name the file and the line of the key or value that is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ankigen.errors import SourceError

CONFIG_SUFFIX = ".deck.yaml"
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
_TAG = re.compile(r'[^\s"]+')


@dataclass(frozen=True)
class TagRule:
    """A tag and what selects it: whole words (``word*`` for any ending) and regexes."""

    tag: str
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class CardOverride:
    """Per-card corrections, found by the card's question (case and spacing ignored).

    ``was`` pins the card's identity to an earlier wording of its question, so a
    reworded card stays the same note in learners' collections.
    """

    question: str
    line: int
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    was: str | None = None


@dataclass(frozen=True)
class DeckConfig:
    """What a deck is called, where its cards come from and how they are tagged.

    ``key`` is the deck's identity: Anki's deck id and every note's GUID derive
    from it, so it must never change once a deck is published.
    """

    path: str
    key: str
    sources: tuple[Path, ...]
    name: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    tag_rules: tuple[TagRule, ...] = ()
    cards: tuple[CardOverride, ...] = ()


def default_config(source: Path) -> DeckConfig:
    """The configuration of a source that has no ``.deck.yaml``: its file name is its key."""
    return DeckConfig(path=str(source), key=slug(source.stem), sources=(source,))


def slug(text: str) -> str:
    """A deck key from a file name: ASCII lower case, other runs of characters become ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9._]+", "-", ascii_text.lower()).strip("-._") or "deck"


def load_config(path: Path) -> DeckConfig:
    """Read and validate a ``.deck.yaml`` file."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(source, 1, f"cannot read the configuration: {error}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SourceError(
            source, mark.line + 1 if mark else 1, f"invalid YAML: {error.problem}"
        ) from None
    if root is None:
        raise SourceError(source, 1, "the configuration is empty")
    checker = _Checker(source)
    fields = checker.mapping(
        root,
        "the configuration",
        {
            "name": checker.text,
            "key": checker.key,
            "description": checker.text,
            "sources": checker.text_list,
            "tags": checker.tag_list,
            "tag_rules": checker.tag_rules,
            "cards": checker.card_overrides,
        },
    )
    stem = path.name.removesuffix(CONFIG_SUFFIX)
    sources = tuple(path.parent / name for name in fields.get("sources", [f"{stem}.txt"]))
    return DeckConfig(
        path=source,
        key=fields.get("key", slug(stem)),
        sources=sources,
        name=fields.get("name"),
        description=fields.get("description"),
        tags=tuple(fields.get("tags", ())),
        tag_rules=tuple(fields.get("tag_rules", ())),
        cards=tuple(fields.get("cards", ())),
    )


class _Checker:
    """Schema checks over YAML nodes; each returns plain values or raises SourceError."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        return SourceError(self.path, node.start_mark.line + 1, message)

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        schema: dict[str, Callable[[yaml.Node, str], Any]],
        required: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in schema:
                raise self.fail(
                    key_node, f"unknown key '{key}' in {what} (expected: {', '.join(schema)})"
                )
            if key in values:
                raise self.fail(key_node, f"duplicate key '{key}' in {what}")
            values[key] = schema[key](value_node, key)
        for key in required:
            if key not in values:
                raise self.fail(node, f"{what} needs the key '{key}'")
        return values

    def text(self, node: yaml.Node, key: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"'{key}' must be text (quote it if it looks like a number)")
        value: str = node.value
        if not value.strip():
            raise self.fail(node, f"'{key}' must not be empty")
        return value

    def key(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        if not KEY_PATTERN.fullmatch(value):
            raise self.fail(
                node, f"'{key}' must be lower-case letters, digits, '.', '_' or '-': {value!r}"
            )
        return value

    def text_list(self, node: yaml.Node, key: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"'{key}' must be a list")
        return [self.text(item, key) for item in node.value]

    def tag(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        if not _TAG.fullmatch(value) or any(not part for part in value.split("::")):
            raise self.fail(
                node,
                f"'{value}' is not a valid tag: no spaces or quotes, and '::' only between parts",
            )
        return value

    def tag_list(self, node: yaml.Node, key: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"'{key}' must be a list of tags")
        return [self.tag(item, key) for item in node.value]

    def pattern(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        try:
            re.compile(value)
        except re.error as error:
            raise self.fail(node, f"bad pattern {value!r}: {error}") from None
        return value

    def tag_rules(self, node: yaml.Node, key: str) -> list[TagRule]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "'tag_rules' must map each tag to its 'words' and 'patterns'")
        rules = []
        seen: set[str] = set()
        for tag_node, rule_node in node.value:
            tag = self.tag(tag_node, "tag_rules")
            if tag in seen:
                raise self.fail(tag_node, f"duplicate tag '{tag}' in 'tag_rules'")
            seen.add(tag)
            fields = self.mapping(
                rule_node,
                f"the rule for '{tag}'",
                {
                    "words": self.text_list,
                    "patterns": lambda n, k: [self.pattern(item, k) for item in self._seq(n, k)],
                },
            )
            if not fields.get("words") and not fields.get("patterns"):
                raise self.fail(rule_node, f"the rule for '{tag}' needs 'words' or 'patterns'")
            rules.append(
                TagRule(
                    tag=tag,
                    words=tuple(fields.get("words", ())),
                    patterns=tuple(fields.get("patterns", ())),
                    line=tag_node.start_mark.line + 1,
                )
            )
        return rules

    def card_overrides(self, node: yaml.Node, key: str) -> list[CardOverride]:
        overrides = []
        for item in self._seq(node, key):
            fields = self.mapping(
                item,
                "a 'cards' entry",
                {
                    "question": self.text,
                    "add_tags": self.tag_list,
                    "remove_tags": self.tag_list,
                    "was": self.text,
                },
                required=("question",),
            )
            overrides.append(
                CardOverride(
                    question=fields["question"],
                    line=item.start_mark.line + 1,
                    add_tags=tuple(fields.get("add_tags", ())),
                    remove_tags=tuple(fields.get("remove_tags", ())),
                    was=fields.get("was"),
                )
            )
        return overrides

    def _seq(self, node: yaml.Node, key: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"'{key}' must be a list")
        items: list[yaml.Node] = node.value
        return items
