"""Rendering on every core gives what one parser gives."""

from __future__ import annotations

import pytest

from ankigen.pipeline import render_parallel
from ankigen.pipeline.render import Renderer, markdown_parser
from ankigen.sources import parse_text
from benchmarks.corpus import corpus


def test_parallel_rendering_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [card.answer for card in parse_text(corpus(300)).cards]
    serial = {text: markdown_parser().render(text).strip() for text in texts}
    monkeypatch.setattr(render_parallel, "PARALLEL_MIN", 10)
    monkeypatch.setattr(render_parallel, "_CHUNK", 37)
    assert render_parallel.render_in_parallel(markdown_parser(), texts) == serial


def test_a_deck_rendered_in_parallel_equals_one_rendered_serially(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cards = parse_text(corpus(300)).cards
    serial = Renderer().cards(cards)
    monkeypatch.setattr(render_parallel, "PARALLEL_MIN", 10)
    assert Renderer().cards(cards) == serial


def test_few_texts_are_left_to_the_caller() -> None:
    assert render_parallel.render_in_parallel(markdown_parser(), ["*a*"] * 5) == {}
