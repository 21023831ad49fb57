"""Markup from sources never reaches a learner's card as live HTML or script.

Anki shows ``{{Tags}}`` (and ``{{Deck}}``) as raw HTML and keeps a tag such as
``<svg/onload=...>`` as it is, so tags and deck names are refused at every door
they can come in by, each with its file and line.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ankigen.config.deck import default_config
from ankigen.model import Card
from ankigen.pipeline.tag import tag_cards
from tests.conftest import assert_error_at, build, import_apkg, notes_by_question, page

if TYPE_CHECKING:
    from anki.collection import Collection

PAYLOADS = ["<svg/onload=alert(1)>", "<img/src/onerror=alert(1)>", "a>b", "tab\tbed", "us\x1fsep"]

CARD = "  - question: What is a Pod?\n    answer: A unit.\n"


def _yaml_deck_tags(folder: Path, tag: str) -> tuple[Path, int]:
    path = folder / "deck.yaml"
    path.write_text(f"tags: [{json.dumps(tag)}]\ncards:\n{CARD}")
    return path, 1


def _yaml_card_tags(folder: Path, tag: str) -> tuple[Path, int]:
    path = folder / "deck.yaml"
    path.write_text(f"cards:\n{CARD}    tags: [{json.dumps(tag)}]\n")
    return path, 4


def _config(folder: Path, text: str) -> Path:
    (folder / "deck.txt").write_text(page([("What is a Pod?", "A unit.")]))
    path = folder / "deck.deck.yaml"
    path.write_text(text)
    return path


def _config_tags(folder: Path, tag: str) -> tuple[Path, int]:
    return _config(folder, f"name: D\ntags: [{json.dumps(tag)}]\n"), 2


def _rule_key(folder: Path, tag: str) -> tuple[Path, int]:
    return _config(folder, f"tag_rules:\n  {json.dumps(tag)}:\n    words: [Pod]\n"), 2


def _add_tags(folder: Path, tag: str) -> tuple[Path, int]:
    return _config(
        folder, f"cards:\n  - question: What is a Pod?\n    add_tags: [{json.dumps(tag)}]\n"
    ), 3


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    "door", [_yaml_deck_tags, _yaml_card_tags, _config_tags, _rule_key, _add_tags]
)
def test_a_tag_that_could_be_markup_is_refused_at_its_line(
    tmp_path: Path, door: object, payload: str
) -> None:
    path, line = door(tmp_path, payload)  # type: ignore[operator]
    assert_error_at(path, line, "is not a valid tag", lambda: build([tmp_path], tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_a_tag_on_a_card_made_in_code_is_refused_when_tagging(tmp_path: Path) -> None:
    """Cards that come from the library, not a reader, meet the same rule."""
    source = tmp_path / "deck.txt"
    card = Card(1, 3, "q", "a", tags=("<svg/onload=alert(1)>",), source=str(source))
    assert_error_at(
        source,
        3,
        "card 1: '<svg/onload=alert(1)>' is not a valid tag",
        lambda: tag_cards([card], default_config(source)),
    )


@pytest.mark.parametrize("name", ["<svg/onload=alert(1)>", "Kube\x1b[31m"])
def test_a_deck_name_that_could_be_markup_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(f"name: {json.dumps(name)}\ncards:\n{CARD}")
    assert_error_at(
        path, 1, "holds '<', '>' or a control character", lambda: build([path], tmp_path)
    )
    config = _config(tmp_path / "", f"name: {json.dumps(name)}\n")
    assert_error_at(config, 1, "holds '<', '>'", lambda: build([config], tmp_path / "out"))


def test_a_page_title_that_could_be_markup_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "deck.txt"
    source.write_text(page([("q", "a")], title="<img src=x onerror=alert(1)> Flashcards"))
    assert_error_at(source, 1, "give the deck a 'name'", lambda: build([source], tmp_path / "out"))


def test_ordinary_tags_with_punctuation_show_as_text_in_anki(
    tmp_path: Path, collection: Collection
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(f"name: 'C++ & Q&A'\ntags: [C++, Q&A, 'lang::c++', 'it''s']\ncards:\n{CARD}")
    build([path], tmp_path / "out")
    import_apkg(collection, tmp_path / "out" / "deck.apkg")
    (note,) = notes_by_question(collection).values()
    assert sorted(note.tags) == ["C++", "Q&A", "it's", "lang::c++"]
    answer = note.cards()[0].render_output().answer_text
    assert '<div class="ankigen tags">C++ it\'s lang::c++ Q&A</div>' in answer
    assert collection.decks.by_name("C++ & Q&A") is not None


@pytest.mark.parametrize("markup", ["markdown", "text", "html"])
def test_mathjax_links_go_only_to_the_web(
    tmp_path: Path, collection: Collection, markup: str
) -> None:
    """Anki's MathJax loads its html package on first use and no "safe" extension, so
    ``\\href{javascript:...}`` would be a link to script that a learner could tap."""
    answers = [
        r"\(\href{javascript:alert(1)}{tap}\)",
        r"\(&#92;href{JaVaScRiPt&#58;alert(1)}{tap}\)",
        r"\(\href{https://kubernetes.io}{docs}\)",
    ]
    rows = "".join(f"q{i}\t{a}\n" for i, a in enumerate(answers))
    (tmp_path / "d.tsv").write_text(rows)
    (tmp_path / "d.deck.yaml").write_text(f"sources:\n  - {{path: d.tsv, format: {markup}}}\n")
    build([tmp_path / "d.deck.yaml"], tmp_path / "out")
    import_apkg(collection, tmp_path / "out" / "d.apkg")
    fields = [collection.get_note(n)["Answer"] for n in sorted(collection.find_notes(""))]
    seen = [html.unescape(field) for field in fields]  # the text MathJax reads
    assert not any(re.search(r"\\href\s*\{[^}]*script", text, re.I) for text in seen), seen
    assert r"\href{#}{tap}" in seen[0]
    assert r"\href{https://kubernetes.io}{docs}" in seen[2]
