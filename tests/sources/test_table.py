"""CSV and TSV sources as flashcard sites export them."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import parse_file
from ankigen.pipeline.render import Renderer
from ankigen.sources import table
from tests.conftest import assert_error_at


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_csv_with_quoting_header_and_multiline_cells(tmp_path: Path) -> None:
    text = 'question,answer\r\n"What is a Pod, really?","The smallest ""unit""\nof K8S"\r\n\r\nK8S,Kubernetes\r\n'
    deck = parse_file(write(tmp_path, "pods.csv", text))
    assert deck.title == "pods"
    assert [(c.number, c.line) for c in deck.cards] == [(1, 2), (2, 5)]
    first = Renderer().card(deck.cards[0])
    assert first == (
        "<p>What is a Pod, really?</p>",
        "<p>The smallest &quot;unit&quot;<br />\nof K8S</p>",
    )


def test_tab_separated_without_quoting(tmp_path: Path) -> None:
    deck = parse_file(
        write(tmp_path, "words.txt.tsv", 'term\tdefinition\n"Pod"\ta "unit", small\n')
    )
    assert Renderer().card(deck.cards[0]) == (
        "<p>&quot;Pod&quot;</p>",
        "<p>a &quot;unit&quot;, small</p>",
    )


def test_a_tab_in_the_first_row_means_tsv(tmp_path: Path) -> None:
    deck = parse_file(write(tmp_path, "export.csv", "one\tuno\ntwo\tdos\n"))
    assert [c.line for c in deck.cards] == [1, 2]


def test_custom_separator_and_formats(tmp_path: Path) -> None:
    text = "**bold**;<i>x</i>\n"
    md = table.parse(text, "t.csv", format="markdown", separator=";")
    assert Renderer().card(md.cards[0]) == (
        "<p><strong>bold</strong></p>",
        "<p>&lt;i&gt;x&lt;/i&gt;</p>",
    )
    html = table.parse(text, "t.csv", format="html", separator=";")
    assert Renderer().card(html.cards[0]) == ("**bold**", "<i>x</i>")
    plain = table.parse(text, "t.csv", separator=";")
    assert Renderer().card(plain.cards[0]) == ("<p>**bold**</p>", "<p>&lt;i&gt;x&lt;/i&gt;</p>")


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("a.csv", "", 1, "file is empty"),
        (
            "a.csv",
            "q,a\nonly one cell\n",
            2,
            "this row has 1 cells; expected 2 (question, answer) separated by a comma",
        ),
        ("a.csv", "q,a,extra\n", 1, "this row has 3 cells"),
        ("a.tsv", "q\ta\nq2\ta\tb\n", 2, "separated by a tab"),
        ("a.csv", 'q,"unterminated\n', 1, "bad CSV"),
        ("a.csv", ",answer\n", 1, "empty question"),
        ("a.csv", "question,answer\n", 1, "no cards found"),
        ("a.csv", "Q,a\nq,b\n", 2, "has the same question as card 1 (line 1)"),
    ],
)
def test_errors_name_the_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, name, text)
    assert_error_at(path, line, message, lambda: parse_file(path))


_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))).filter(str.strip)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4))
def test_plain_text_shows_exactly_as_written(lines: list[str]) -> None:
    """Escaped plain text renders to the text itself, whatever Markdown it resembles."""
    html = Renderer()(table.escape_markdown("\n".join(lines)))
    assert html.startswith("<p>") and html.endswith("</p>")
    shown = [unescape(part) for part in html[3:-4].split("<br />\n")]
    assert [line.strip().replace("\u00a0", " ") for line in shown] == [
        line.strip().replace("\u00a0", " ") for line in lines
    ]
