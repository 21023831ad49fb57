"""The README stays true: what it says is checked where a test can check it."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_the_tests_the_readme_names_exist() -> None:
    """The README backs its promises with named tests: each must be there."""
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", README)
    assert len(named) >= 15
    for path, name in named:
        tree = ast.parse((ROOT / path).read_text())
        functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert name in functions, f"{path}::{name}"


def test_the_readme_opens_with_the_two_commands() -> None:
    """.ci/run runs the second line of the first code block: keep it the test command."""
    block = README.split("```")[1].splitlines()
    assert block[1:3] == [
        "pip install . && ankigen build",
        "pip install '.[test]' && python -m pytest",
    ]
