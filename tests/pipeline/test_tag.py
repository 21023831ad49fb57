"""Tag rules on real cards: the seed deck as a reader would tag it, and rule semantics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ankigen import parse_file, parse_text
from ankigen.config.deck import CardOverride, DeckConfig, TagRule, load_config
from ankigen.errors import SourceError
from ankigen.pipeline.tag import check_overrides, tag_cards
from tests.conftest import EXPECTED_SEED_TAGS, SEED, SEED_CONFIG, page


def test_seed_cards_are_tagged_as_a_reader_would() -> None:
    cards = parse_file(SEED).cards
    tags = tag_cards(cards, load_config(SEED_CONFIG))
    assert {card.question: t for card, t in zip(cards, tags, strict=True)} == EXPECTED_SEED_TAGS


def config(*rules: TagRule, **kwargs: object) -> DeckConfig:
    return DeckConfig(path="d.deck.yaml", key="d", sources=(), tag_rules=rules, **kwargs)  # type: ignore[arg-type]


def tags_of(text: str, rule: TagRule) -> list[tuple[str, ...]]:
    deck = parse_text(text)
    return tag_cards(deck.cards, config(rule))


@pytest.mark.parametrize(
    ("word", "answer", "tagged"),
    [
        ("pod", "A Pod runs containers.", True),
        ("pod", "PODS scale out.", False),
        ("pod*", "PODS scale out.", True),
        ("pod", "A tripod holds a camera.", False),
        ("pod*", "A tripod holds a camera.", False),
    ],
)
def test_words_match_whole_words_and_star_any_ending(word: str, answer: str, tagged: bool) -> None:
    rule = TagRule("K8S", words=(word,), patterns=(), line=1)
    assert tags_of(page([("q", answer)]), rule) == [("K8S",) if tagged else ()]


def test_phrases_match_across_line_breaks_and_patterns_are_regexes() -> None:
    rule = TagRule("ops::gpu", words=("GPU Operator",), patterns=(r"\bRDMA\b",), line=1)
    text = page([("a", "the GPU\noperator"), ("b", "uses rdma"), ("c", "GPU operators")])
    assert tags_of(text, rule) == [("ops::gpu",), ("ops::gpu",), ()]


def test_deck_tags_and_per_card_additions_and_removals() -> None:
    rule = TagRule("K8S", words=("container*",), patterns=(), line=1)
    overrides = (
        CardOverride("WHAT is  docker?", line=5, add_tags=("Docker",), remove_tags=("K8S",)),
    )
    cards = parse_text(page([("What is docker?", "a container engine"), ("b", "containers")]))
    tagged = tag_cards(cards.cards, config(rule, tags=("unit14",), cards=overrides))
    assert tagged == [("Docker", "unit14"), ("K8S", "unit14")]


def test_an_override_that_names_no_card_is_an_error(tmp_path: Path) -> None:
    overrides = (CardOverride("What is Nomad?", line=7),)
    with pytest.raises(SourceError) as raised:
        check_overrides(parse_text(page([("q", "a")])).cards, config(cards=overrides))
    assert str(raised.value) == "d.deck.yaml:7: error: no card has the question 'What is Nomad?'"


def _rules_file(tmp_path: Path, *patterns: str) -> Path:
    items = "".join(f"      - {json.dumps(p)}\n" for p in patterns)
    path = tmp_path / "d.deck.yaml"
    path.write_text(f"sources: [d.txt]\ntag_rules:\n  Hit:\n    patterns:\n{items}")
    (tmp_path / "d.txt").write_text(page([("a question", "a" * 41 + "!")]))
    return path


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(\w+\s?)+$", r"\w*\s*\w*x"])
def test_a_pattern_that_backtracks_cannot_hang_a_build(tmp_path: Path, pattern: str) -> None:
    """Five of seven such patterns never finished on a 41-character answer."""
    path = _rules_file(tmp_path, "never matches", pattern)
    try:
        tags = tag_cards(parse_file(tmp_path / "d.txt").cards, load_config(path))
    except SourceError as error:  # gave up: the pattern's own line
        assert (error.line, error.path) == (6, str(path))
        assert "took over 1 s on one card: it backtracks" in error.message
    else:
        assert tags == [()]  # the regex module saw it would fail, at once


def test_patterns_keep_their_own_flags_groups_and_back_references(tmp_path: Path) -> None:
    path = _rules_file(tmp_path, r"(?P<n>x)y", r"(?P<n>q)uestion", r"(?i)A QUESTION", r"(a)\1{40}!")
    config = load_config(path)
    cards = parse_file(tmp_path / "d.txt").cards
    assert tag_cards(cards, config) == [("Hit",)]
    for alone in (r"(?i)A QUESTION", r"(a)\1{40}!", r"(?P<n>q)uestion"):  # each matches alone
        rule = TagRule("Hit", (), (alone,), 1)
        assert tag_cards(cards, config._replace(tag_rules=(rule,))) == [("Hit",)]
    rule = TagRule("Hit", (), (r"(x)y", r"(a)\1b"), 1)  # \1 is its own (a), not (x)
    assert tag_cards(cards, config._replace(tag_rules=(rule,))) == [()]


def test_a_bad_pattern_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _rules_file(tmp_path, "fine", "(unclosed")
    with pytest.raises(SourceError) as raised:
        load_config(path)
    assert raised.value.line == 6 and "bad pattern '(unclosed'" in raised.value.message
