"""Checking YAML against a schema, on the node tree so every error has a line.

PyYAML's loaded values have lost their positions; its composed nodes keep
them. Each check takes a node and returns a plain value or raises SourceError
naming the file and line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import name_problem, tag_problem

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
MAX_KEY = 100  # with ".state.jsonl" it stays well within a file name's 255 bytes


# YAML reads NEL, LS and PS as line breaks and refuses a form feed; every other
# format keeps them as written. They stand in as private-use characters while
# YAML reads (so its lines are the file's lines) and are put back in the values.
_KEPT = {0x85: 0xE085, 0x2028: 0xE028, 0x2029: 0xE029, 0x0C: 0xE00C}
_BACK = {v: k for k, v in _KEPT.items()}


def compose(path: Path, text: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (the C loader when present: ten times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    kept = any(chr(c) in text for c in _KEPT) and not any(chr(c) in text for c in _BACK)
    try:
        root = yaml.compose(text.translate(_KEPT) if kept else text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError(str(path), line, f"invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SourceError(str(path), 1, f"invalid YAML: {error}") from None
    _refuse_aliases(root, path, kept)
    return root


def _refuse_aliases(root: yaml.Node | None, path: Path, restore: bool = False) -> None:
    """Refuse anchors used as aliases (``*name``): a node reached twice; and put
    back the characters ``compose`` kept from YAML (``restore``).

    Decks have no need of aliases, and nested aliases make a small file expand
    into billions of values ("billion laughs").
    """
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise SourceError(
                str(path),
                node.start_mark.line + 1,
                "YAML aliases (*name) are not supported here: write the value out",
            )
        seen.add(id(node))
        if restore and isinstance(node, yaml.ScalarNode):
            node.value = node.value.translate(_BACK)
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


class Checker:
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
        aliases: dict[str, str] | None = None,
        foreign: list[SourceWarning] | None = None,
    ) -> dict[str, Any]:
        """The mapping's values, each checked by its key's function in ``schema``.

        ``aliases`` are other names for keys (other tools' names for the same
        thing). With ``foreign`` (for files other tools wrote), a key that is
        unknown but not a likely typo of a known one is a warning added to it,
        not an error.
        """
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        values: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, f"the keys of {what} must be text")
            key = str(key_node.value)
            key = (aliases or {}).get(key, key)
            if key not in schema:
                close = difflib.get_close_matches(key, schema, n=1, cutoff=0.75)
                if foreign is not None and not close:
                    foreign.append(
                        SourceWarning(
                            self.path,
                            key_node.start_mark.line + 1,
                            f"key '{key}' in {what} is not read (ankigen reads: "
                            f"{', '.join(schema)})",
                        )
                    )
                    continue
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise self.fail(
                    key_node,
                    f"unknown key '{key}' in {what} (expected: {', '.join(schema)}){hint}",
                )
            if key in values:
                raise self.fail(key_node, f"duplicate key '{key}' in {what}")
            values[key] = schema[key](value_node, key)
        for key in required:
            if key not in values:
                raise self.fail(node, f"{what} needs the key '{key}'")
        return values

    def text(self, node: yaml.Node, key: str) -> str:
        """Non-empty text; a YAML number or boolean is refused rather than guessed at."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"'{key}' must be text (quote it if it looks like a number)")
        value: str = node.value
        if not value.strip():
            raise self.fail(node, f"'{key}' must not be empty")
        return value

    def key(self, node: yaml.Node, key: str) -> str:
        """A deck key: it names the deck's files, so it is short and plain."""
        value = self.text(node, key)
        if not KEY_PATTERN.fullmatch(value):
            raise self.fail(
                node, f"'{key}' must be lower-case letters, digits, '.', '_' or '-': {value!r}"
            )
        if len(value) > MAX_KEY:
            raise self.fail(node, f"'{key}' is {len(value)} characters long; at most {MAX_KEY}")
        return value

    def any_text(self, node: yaml.Node, key: str) -> str:
        """Text that may be empty (an answer that is only an image, say)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"'{key}' must be text (quote it if it looks like a number)")
        value: str = node.value
        return value

    def boolean(self, node: yaml.Node, key: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"'{key}' must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def encoding(self, node: yaml.Node, key: str) -> str:
        """The name of a text encoding Python knows (checked here, not when reading)."""
        import codecs

        value = self.text(node, key)
        try:
            info = codecs.lookup(value)
        except LookupError:
            raise self.fail(node, f"unknown encoding {value!r}") from None
        if not getattr(info, "_is_text_encoding", True):
            raise self.fail(node, f"{value!r} is not a text encoding")
        return value

    def text_list(self, node: yaml.Node, key: str) -> list[str]:
        return [self.text(item, key) for item in self.seq(node, key)]

    def tag(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        problem = tag_problem(value)
        if problem:
            raise self.fail(node, problem)
        return value

    def name(self, node: yaml.Node, key: str) -> str:
        """A deck name: text that templates may show as HTML."""
        value = self.text(node, key)
        problem = name_problem(value)
        if problem:
            raise self.fail(node, problem)
        return value

    def tag_list(self, node: yaml.Node, key: str) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"'{key}' must be a list of tags")
        return [self.tag(item, key) for item in node.value]

    def choice(self, *allowed: str) -> Callable[[yaml.Node, str], str]:
        def check(node: yaml.Node, key: str) -> str:
            value = self.text(node, key)
            if value not in allowed:
                raise self.fail(node, f"'{key}' must be one of {', '.join(allowed)}: {value!r}")
            return value

        return check

    def pattern(self, node: yaml.Node, key: str) -> str:
        """A regular expression, as the ``regex`` module reads it (``pipeline.tag``)."""
        import regex

        value = self.text(node, key)
        try:
            regex.compile(value, regex.IGNORECASE | regex.V0)
        except (regex.error, ValueError, OverflowError) as error:
            raise self.fail(node, f"bad pattern {value!r}: {error}") from None
        return value

    def seq(self, node: yaml.Node, key: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"'{key}' must be a list")
        items: list[yaml.Node] = node.value
        return items
