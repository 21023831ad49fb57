"""Work shared among the cores gives what one process gives: rendering, tagging, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.config.deck import load_config
from ankigen.errors import SourceError
from ankigen.pipeline import parallel
from ankigen.pipeline.render import Renderer, markdown_parser
from ankigen.pipeline.tag import tag_cards
from ankigen.sources import parse_text
from benchmarks.corpus import corpus


@pytest.fixture
def small_decks_in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    monkeypatch.setattr(parallel, "_CHUNK", 37)  # shares of unequal size


def test_a_map_in_parallel_is_the_map_in_order(small_decks_in_parallel: None) -> None:
    heard: list[int] = []
    squares = parallel.map_in_parallel(lambda n: n * n, range(100), lambda n, _: heard.append(n))
    assert squares == [n * n for n in range(100)]
    assert heard == [37, 74, 100]


def test_parallel_rendering_equals_serial(small_decks_in_parallel: None) -> None:
    md = markdown_parser()
    texts = [card.answer for card in parse_text(corpus(300)).cards]
    serial = [md.render(text).strip() for text in texts]
    assert parallel.map_in_parallel(lambda text: md.render(text).strip(), texts) == serial


def test_a_deck_rendered_in_parallel_equals_one_rendered_serially(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cards = parse_text(corpus(300)).cards
    serial = Renderer().cards(cards)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    assert Renderer().cards(cards) == serial


def _config(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "d.deck.yaml"
    (tmp_path / "d.txt").write_text(corpus(5), encoding="utf-8")
    path.write_text(f"sources: [d.txt]\ntag_rules:\n{rules}", encoding="utf-8")
    return path


def test_a_deck_tagged_in_parallel_equals_one_tagged_serially(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = "  K8S: {words: [Kubernetes, pod*]}\n  SLURM: {patterns: ['s?batch\\b', 'slurm']}\n"
    config = load_config(_config(tmp_path, rules))
    cards = parse_text(corpus(300)).cards
    serial = tag_cards(cards, config)
    assert {"K8S", "SLURM"} <= {tag for tags in serial for tag in tags}
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    assert tag_cards(cards, config) == serial


def test_an_error_in_a_worker_is_the_error_serial_work_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(_config(tmp_path, "  Slow: {patterns: ['(a|aa)+$']}\n"))
    cards = parse_text(corpus(20)).cards
    hostile = [*cards[:15], cards[15]._replace(answer="a" * 40 + "!"), *cards[16:]]
    errors = []
    for smallest in (10, 1000):  # in a worker, then in this process
        monkeypatch.setattr(parallel, "PARALLEL_MIN", smallest)
        with pytest.raises(SourceError) as raised:
            tag_cards(hostile, config)
        errors.append(raised.value)
    assert str(errors[0]) == str(errors[1]) and "backtracks" in str(errors[0])
    assert (errors[0].path, errors[0].line) == (str(tmp_path / "d.deck.yaml"), 3)


def test_few_items_are_left_to_the_caller() -> None:
    assert parallel.map_in_parallel(str, ["*a*"] * 5) is None
