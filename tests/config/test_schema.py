"""Checks on YAML nodes: plain values out, or an error at the node's line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.config.schema import Checker, compose
from ankigen.errors import SourceError

PATH = Path("c.yaml")


def node(text: str) -> yaml.Node:
    root = compose(PATH, text)
    assert root is not None
    return root


def test_a_mapping_checks_each_key_and_the_required_ones() -> None:
    check = Checker(str(PATH))
    schema: dict[str, Callable[[yaml.Node, str], Any]] = {
        "name": check.text,
        "tags": check.tag_list,
    }
    assert check.mapping(node("name: x\ntags: [a, 'b::c']\n"), "it", schema) == {
        "name": "x",
        "tags": ["a", "b::c"],
    }
    for text, line, message in [
        (
            "name: x\nnmae: y\n",
            2,
            "unknown key 'nmae' in it (expected: name, tags); did you mean 'name'?",
        ),
        ("name: x\nother: y\n", 2, "unknown key 'other' in it (expected: name, tags)"),
        ("? [a]\n: b\n", 1, "the keys of it must be text"),
        ("name: x\nname: y\n", 2, "duplicate key 'name' in it"),
        ("tags: [a]\n", 1, "it needs the key 'name'"),
        ("[1, 2]\n", 1, "it must be a mapping of keys to values"),
        ("name: 12\n", 1, "'name' must be text (quote it if it looks like a number)"),
        ("name: ''\n", 1, "'name' must not be empty"),
        ("name: x\ntags: a\n", 2, "'tags' must be a list of tags"),
    ]:
        with pytest.raises(SourceError) as raised:
            check.mapping(node(text), "it", schema, required=("name",))
        assert (raised.value.line, raised.value.message) == (line, message), text


def test_keys_and_choices() -> None:
    check = Checker(str(PATH))
    assert check.key(node("kube-basics.v2"), "key") == "kube-basics.v2"
    assert check.choice("a", "b")(node("b"), "format") == "b"
    with pytest.raises(SourceError, match="'key' must be lower-case letters"):
        check.key(node("Kube Basics"), "key")
    with pytest.raises(SourceError, match="'format' must be one of a, b: 'c'"):
        check.choice("a", "b")(node("c"), "format")


def test_invalid_yaml_and_aliases_are_errors_with_a_line() -> None:
    with pytest.raises(SourceError) as raised:
        compose(PATH, "a: 1\nb: c: d\n")
    assert raised.value.line == 2 and "invalid YAML" in raised.value.message
    with pytest.raises(SourceError, match="YAML aliases"):
        compose(PATH, "a: &x 1\nb: *x\n")
    assert compose(PATH, "") is None
