"""Deck configuration (``*.deck.yaml``): checked once, here, against a schema.

Later stages get a frozen DeckConfig and never see YAML; every error names the
file and the line of the key or value that is wrong (see ``schema``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import yaml

from ankigen.config.schema import Checker, compose
from ankigen.errors import SourceError
from ankigen.model import normalise_question
from ankigen.sources import FORMATS, SourceSpec
from ankigen.sources.table import ROLES, TableOptions

CONFIG_SUFFIX = ".deck.yaml"


class TagRule(NamedTuple):
    """A tag and what selects it: whole words (``word*`` for any ending) and regexes.

    ``pattern_lines`` are the patterns' lines in the configuration, for errors.
    """

    tag: str
    words: tuple[str, ...]
    patterns: tuple[str, ...]
    line: int
    pattern_lines: tuple[int, ...] = ()


class CardOverride(NamedTuple):
    """Per-card corrections, found by the card's question (case and spacing ignored).

    ``was`` pins the card's identity to an earlier wording of its question, so a
    reworded card stays the same note in learners' collections.
    """

    question: str
    line: int
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    was: str | None = None


class DeckConfig(NamedTuple):
    """What a deck is called, where its cards come from and how they are tagged.

    ``key`` is the deck's identity: Anki's deck id and every note's GUID derive
    from it, so it must never change once a deck is published. ``reverse`` and
    ``furigana`` choose the kind of its cards (``pipeline.kind``).
    """

    path: str
    key: str
    sources: tuple[SourceSpec, ...]
    name: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    tag_rules: tuple[TagRule, ...] = ()
    cards: tuple[CardOverride, ...] = ()
    reverse: bool = False
    furigana: bool = False
    searched: bool = False  # found by searching a folder, not named by the user


def default_config(source: Path, key: str | None = None) -> DeckConfig:
    """The configuration of a source that has no ``.deck.yaml``: its file name is its key."""
    return DeckConfig(path=str(source), key=key or slug(source.stem), sources=(SourceSpec(source),))


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
        raise SourceError(source, None, f"cannot read the configuration: {error}") from None
    root = compose(path, text)
    if root is None:
        raise SourceError(source, 1, "the configuration is empty")
    check = Checker(source)
    fields = check.mapping(
        root,
        "the configuration",
        {
            "name": check.name,
            "key": check.key,
            "description": check.text,
            "sources": lambda node, key: [
                _source(check, item, path.parent) for item in check.seq(node, key)
            ],
            "tags": check.tag_list,
            "tag_rules": lambda node, key: _tag_rules(check, node),
            "cards": lambda node, key: _overrides(check, check.seq(node, key)),
            "reverse": check.boolean,
            "furigana": check.boolean,
        },
    )
    stem = path.name.removesuffix(CONFIG_SUFFIX)
    return DeckConfig(
        path=source,
        key=fields.get("key", slug(stem)),
        sources=tuple(fields.get("sources", [SourceSpec(path.parent / f"{stem}.txt")])),
        name=fields.get("name"),
        description=fields.get("description"),
        tags=tuple(fields.get("tags", ())),
        tag_rules=tuple(fields.get("tag_rules", ())),
        cards=tuple(fields.get("cards", ())),
        reverse=fields.get("reverse", False),
        furigana=fields.get("furigana", False),
    )


def _source(check: Checker, node: yaml.Node, folder: Path) -> SourceSpec:
    """A ``sources`` entry: a file name, or a mapping with the file and how to read it."""
    if isinstance(node, yaml.ScalarNode):
        name = check.text(node, "sources")
        _check_path(check, node, folder, name, outside=False)
        return SourceSpec(folder / name)
    fields = check.mapping(
        node,
        "a 'sources' entry",
        {
            "path": check.text,
            "format": check.choice(*FORMATS),
            "separator": _separator(check),
            "row_separator": _separator(check),
            "header": check.boolean,
            "encoding": check.encoding,
            "media": check.text,
            "outside": check.boolean,
            "reverse": check.boolean,
            "furigana": check.boolean,
            **{role: _column(check) for role in ROLES},
        },
        required=("path",),
    )
    _check_path(check, node, folder, fields["path"], fields.get("outside", False))
    columns = {role: fields[role] for role in ROLES if role in fields}
    for role in ("question", "cloze", "tags", "id", "guid"):
        if len(columns.get(role, ())) > 1:
            raise check.fail(node, f"'{role}' is read from one column, not {len(columns[role])}")
    return SourceSpec(
        folder / fields["path"],
        encoding=fields.get("encoding"),
        media=folder / fields["media"] if "media" in fields else None,
        table=TableOptions(
            separator=fields.get("separator"),
            row_separator=fields.get("row_separator"),
            header=fields.get("header"),
            markup=fields.get("format"),
            columns=columns,
        ),
        reverse=fields.get("reverse"),
        furigana=fields.get("furigana"),
    )


def _check_path(check: Checker, node: yaml.Node, folder: Path, name: str, outside: bool) -> None:
    """A source is a file in the configuration's folder or below it, unless the
    configuration says ``outside: true``: a deck from a shared repository must not
    read ``/etc/passwd`` into its cards."""
    path = folder / name
    if path.is_dir():
        raise check.fail(node, f"'{name}' is a folder: name a source file")
    if not outside and not path.resolve().is_relative_to(folder.resolve()):
        raise check.fail(
            node,
            f"'{name}' is outside the configuration's folder; to read it all the same, "
            f"write the entry as {{path: {name}, outside: true}}",
        )


def _column(check: Checker) -> Callable[[yaml.Node, str], tuple[str | int, ...]]:
    """Columns by header name or number (1 = first): one, or a list."""

    def one(node: yaml.Node, key: str) -> str | int:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            number = int(node.value)
            if number < 1:
                raise check.fail(node, f"'{key}': columns count from 1, not {number}")
            return number
        return check.text(node, key)

    def columns(node: yaml.Node, key: str) -> tuple[str | int, ...]:
        if isinstance(node, yaml.SequenceNode):
            if not node.value:
                raise check.fail(node, f"'{key}' must name at least one column")
            return tuple(one(item, key) for item in node.value)
        return (one(node, key),)

    return columns


def _separator(check: Checker) -> Callable[[yaml.Node, str], str]:
    def separator(node: yaml.Node, key: str) -> str:
        value = check.text(node, key) if not _is_whitespace(node) else node.value
        if '"' in value and len(value) == 1:
            raise check.fail(node, f"'{key}' cannot be a quote")
        return str(value)

    return separator


def _is_whitespace(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and bool(node.value) and not node.value.strip()


def _tag_rules(check: Checker, node: yaml.Node) -> list[TagRule]:
    if not isinstance(node, yaml.MappingNode):
        raise check.fail(node, "'tag_rules' must map each tag to its 'words' and 'patterns'")
    rules = []
    seen: set[str] = set()
    for tag_node, rule_node in node.value:
        tag = check.tag(tag_node, "tag_rules")
        if tag in seen:
            raise check.fail(tag_node, f"duplicate tag '{tag}' in 'tag_rules'")
        seen.add(tag)
        fields = check.mapping(
            rule_node,
            f"the rule for '{tag}'",
            {
                "words": check.text_list,
                "patterns": lambda n, k: [
                    (check.pattern(item, k), item.start_mark.line + 1) for item in check.seq(n, k)
                ],
            },
        )
        if not fields.get("words") and not fields.get("patterns"):
            raise check.fail(rule_node, f"the rule for '{tag}' needs 'words' or 'patterns'")
        rules.append(
            TagRule(
                tag=tag,
                words=tuple(fields.get("words", ())),
                patterns=tuple(p for p, _ in fields.get("patterns", ())),
                line=tag_node.start_mark.line + 1,
                pattern_lines=tuple(line for _, line in fields.get("patterns", ())),
            )
        )
    return rules


def _overrides(check: Checker, nodes: list[yaml.Node]) -> list[CardOverride]:
    """The ``cards`` entries; two for one question are an error (one would be lost)."""
    found: dict[str, CardOverride] = {}
    for node in nodes:
        override = _override(check, node)
        first = found.setdefault(normalise_question(override.question), override)
        if first is not override:
            raise check.fail(
                node,
                f"a second entry for the question {override.question!r} (the first is on line "
                f"{first.line}): put both fixes in one entry",
            )
    return list(found.values())


def _override(check: Checker, node: yaml.Node) -> CardOverride:
    fields = check.mapping(
        node,
        "a 'cards' entry",
        {
            "question": check.text,
            "add_tags": check.tag_list,
            "remove_tags": check.tag_list,
            "was": check.text,
        },
        required=("question",),
    )
    return CardOverride(
        question=fields["question"],
        line=node.start_mark.line + 1,
        add_tags=tuple(fields.get("add_tags", ())),
        remove_tags=tuple(fields.get("remove_tags", ())),
        was=fields.get("was"),
    )
