"""Deck configuration: the seed's file, defaults, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.config.deck import default_config, load_config, slug
from ankigen.sources import SourceSpec
from tests.conftest import SEED, SEED_CONFIG, assert_error_at


def test_the_seed_configuration() -> None:
    config = load_config(SEED_CONFIG)
    assert config.key == "unit14-orchestration-mlops-job-scheduling"
    assert config.name == "Unit 14: Orchestration, MLOps and Job Scheduling"
    assert config.sources == (SourceSpec(SEED),)
    assert [rule.tag for rule in config.tag_rules] == ["K8S", "SLURM", "MLOps"]


def test_defaults(tmp_path: Path) -> None:
    path = tmp_path / "My Deck.deck.yaml"
    path.write_text("name: Mine\n", encoding="utf-8")
    config = load_config(path)
    assert config.key == "my-deck"
    assert config.sources == (SourceSpec(tmp_path / "My Deck.txt"),)
    assert default_config(tmp_path / "Ünit 3 (draft).txt").key == "unit-3-draft"
    assert slug("---") == "deck"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the configuration is empty"),
        ("name: [unclosed\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "must be a mapping"),
        ("name: x\ntagz: [a]\n", 2, "unknown key 'tagz'"),
        ("name: x\nname: y\n", 2, "duplicate key 'name'"),
        ("name: 12\n", 1, "'name' must be text"),
        ("key: Has Spaces\n", 1, "'key' must be lower-case"),
        ("sources: one.txt\n", 1, "'sources' must be a list"),
        ("tags: [ok, 'not ok']\n", 1, "'not ok' is not a valid tag"),
        ("tags: ['a::::b']\n", 1, "is not a valid tag"),
        ("tag_rules:\n  K8S:\n    words: [k8s]\n    patterns: ['(unclosed']\n", 4, "bad pattern"),
        ("tag_rules:\n  K8S:\n    wrods: [k8s]\n", 3, "unknown key 'wrods' in the rule for 'K8S'"),
        ("tag_rules:\n  K8S: {}\n", 2, "needs 'words' or 'patterns'"),
        ("tag_rules: [K8S]\n", 1, "'tag_rules' must map"),
        ("cards:\n  - add_tags: [x]\n", 2, "needs the key 'question'"),
        ("cards:\n  - question: q\n    add_tags: x y\n", 3, "must be a list of tags"),
        (
            "cards:\n  - {question: What is X?, add_tags: [a]}\n  - {question: what is  x?, was: Y}\n",
            3,
            "a second entry for the question 'what is  x?' (the first is on line 2): put both "
            "fixes in one entry",
        ),
        ("sources: [/etc/passwd]\n", 1, "'/etc/passwd' is outside the configuration's folder"),
        ("sources:\n  - path: ../x.txt\n", 2, "write the entry as {path: ../x.txt, outside: true}"),
        ("sources: [.]\n", 1, "'.' is a folder: name a source file"),
    ],
)
def test_errors_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "d.deck.yaml"
    path.write_text(text, encoding="utf-8")
    assert_error_at(path, line, message, lambda: load_config(path))


def test_a_source_outside_is_read_when_the_configuration_says_so(tmp_path: Path) -> None:
    (tmp_path / "shared.txt").write_text("q\ta\n")
    (tmp_path / "decks").mkdir()
    path = tmp_path / "decks" / "d.deck.yaml"
    path.write_text("sources:\n  - {path: ../shared.txt, outside: true}\n")
    (source,) = load_config(path).sources
    assert source.path.resolve() == (tmp_path / "shared.txt").resolve()
