"""Tables: CSV and TSV, Anki's text exports and Quizlet exports, read as Anki reads them."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen import parse_file
from ankigen.model import Card
from ankigen.pipeline.render import Renderer, text_html
from ankigen.sources import table
from ankigen.sources.table import TableOptions
from tests.conftest import assert_error_at


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def cards(text: str, name: str = "t.csv", **options: object) -> list[Card]:
    return list(table.parse(text, name, TableOptions(**options)).cards)  # type: ignore[arg-type]


def pairs(text: str, name: str = "t.csv", **options: object) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in cards(text, name, **options)]


def test_csv_with_quoting_header_and_multiline_cells(tmp_path: Path) -> None:
    text = 'question,answer\r\n"What is a Pod, really?","The smallest ""unit""\nof K8S"\r\n\r\nK8S,Kubernetes\r\n'
    deck = parse_file(write(tmp_path, "pods.csv", text))
    assert deck.title == "pods"
    assert [(c.number, c.line) for c in deck.cards] == [(1, 2), (2, 5)]
    assert deck.cards[0].answer == 'The smallest "unit"\nof K8S'
    assert Renderer().card(deck.cards[0]) == (
        "<p>What is a Pod, really?</p>",
        "<p>The smallest &quot;unit&quot;<br />\nof K8S</p>",
        "",
    )
    assert deck.warnings == ()


def test_quotes_work_with_any_separator_and_a_stray_quote_is_text() -> None:
    assert pairs('"a;b";"c ""d"" e"\nsay "hi";ok\n', separator=";") == [
        ("a;b", 'c "d" e'),
        ('say "hi"', "ok"),
    ]
    assert pairs("5'10\" tall|height\n", separator="|") == [("5'10\" tall", "height")]


def test_the_separator_is_detected() -> None:
    assert pairs("one\tuno, eins\ntwo\tdos, zwei\n") == [("one", "uno, eins"), ("two", "dos, zwei")]
    assert pairs('a;"b, c"\nd;e\n') == [("a", "b, c"), ("d", "e")]
    assert pairs("a|b\nc|d\n") == [("a", "b"), ("c", "d")]


def test_quizlet_custom_separators_configured_or_detected() -> None:
    text = "Hund - dog;Katze - cat;Maus - mouse;"
    expected = [("Hund", "dog"), ("Katze", "cat"), ("Maus", "mouse")]
    assert pairs(text, separator=" - ", row_separator=";") == expected
    assert pairs(text, name="quizlet.txt") == expected  # detected, in a file that is not .csv
    assert pairs("Hund---dog\nKatze---cat\n", name="quizlet.txt") == [
        ("Hund", "dog"),
        ("Katze", "cat"),
    ]


def test_comment_lines_are_skipped_as_anki_skips_them_with_a_warning() -> None:
    deck = table.parse('# my deck\nq,a\n"#not a comment\nin a cell",b\n#x\n', "t.csv")
    assert [c.question for c in deck.cards] == ["q", "#not a comment\nin a cell"]
    assert [str(w) for w in deck.warnings] == [
        "t.csv:1: warning: 2 line(s) starting with '#' read as comments, as Anki reads them, "
        "and skipped"
    ]


ANKI_EXPORT = (
    "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
    "#tags column:6\n"
    'E(k9W]}|qF\tBasic\tKube::Pods\tWhat is a <b>Pod</b>?\t"The smallest\tunit"\tK8S pods\n'
    "Ok9>M1Ra$t\tBasic\tKube::Pods\tA node?\tA machine.\t\n"
)


def test_an_anki_export_is_read_as_anki_reads_it() -> None:
    deck = table.parse(ANKI_EXPORT, "export.txt")
    pod, node = deck.cards
    assert (pod.question, pod.answer, pod.tags) == (
        "What is a <b>Pod</b>?",
        "The smallest\tunit",
        ("K8S", "pods"),
    )
    assert (pod.guid, node.guid) == ("E(k9W]}|qF", "Ok9>M1Ra$t")
    assert pod.markup == "html" and pod.line == 7
    assert deck.title == "Kube::Pods"  # the one deck its rows name
    assert deck.warnings == ()


def test_anki_header_names_columns_and_global_tags() -> None:
    text = "#separator:Semicolon\n#html:false\n#tags:german vocab\n#columns:Front;GUID;Back\nHund;g1;<dog>\n"
    (card,) = cards(text)
    assert (card.question, card.answer, card.guid, card.tags) == (
        "Hund",
        "<dog>",
        "g1",
        ("german", "vocab"),
    )
    assert card.markup == "text"


def test_a_header_row_names_the_columns_and_unread_ones_are_named() -> None:
    text = 'expression,reading,meaning,tags,guid\n会う,あう,"to meet, to see",JLPT JLPT_N5,kupB!kWE}<\n'
    deck = table.parse(text, "n5.csv")
    (card,) = deck.cards
    assert (card.question, card.answer, card.tags, card.guid) == (
        "会う",
        "to meet, to see",
        ("JLPT", "JLPT_N5"),
        "kupB!kWE}<",
    )
    assert [str(w) for w in deck.warnings] == [
        "n5.csv:2: warning: column(s) 'reading' are not read: to use them, name them in the "
        "source's configuration (for example answer: [2, 3])"
    ]


def test_columns_chosen_by_name_or_number() -> None:
    text = "expression,reading,meaning\n会う,あう,to meet\n食べる,,to eat\n"
    chosen = cards(text, columns={"question": ("expression",), "answer": ("reading", 3)})
    assert [(c.question, c.answer) for c in chosen] == [
        ("会う", "あう\nto meet"),
        ("食べる", "to eat"),
    ]
    by_number = cards("a,b,c\n", columns={"question": (3,), "answer": (1,), "id": (2,)})
    assert [(c.question, c.answer, c.id) for c in by_number] == [("c", "a", "b")]


def test_a_row_that_looks_like_a_header_but_names_no_column_is_a_card_with_a_warning() -> None:
    deck = table.parse("Deutsch,English\nIch heiße Anna.,My name is Anna.\n", "de.csv")
    assert [c.question for c in deck.cards] == ["Deutsch", "Ich heiße Anna."]
    (warning,) = deck.warnings
    assert str(warning).startswith(
        "de.csv:1: warning: the first row ('Deutsch', 'English') looks like a header"
    )
    assert "header: true" in warning.message
    assert pairs("Deutsch,English\nIch heiße Anna.,My name is Anna.\n", header=True) == [
        ("Ich heiße Anna.", "My name is Anna.")
    ]
    assert table.parse("Hund,dog\nKatze,cat\n", "v.csv").warnings == ()  # vocabulary, not a header


@pytest.mark.parametrize(
    "text",
    [
        "word\tWort\nhouse\tHaus\ntree\tBaum\n",  # a vocabulary deck's first card
        "text\tein Text\nHaus\thouse\n",
        "Note\tA musical sound\nChord\tThree notes\n",
        "{{c1::Paris}} is the capital\textra\n{{c1::Rome}} is in Italy\tmore\n",
        "Front\t<b>Back</b> of the card\nq\ta\n",
    ],
)
def test_a_first_row_naming_one_column_above_rows_like_it_is_a_card(text: str) -> None:
    """Anki reads every row as a card: a first row is column names only when it reads so."""
    deck = table.parse(text, "v.txt")
    first = text.split("\n")[0].split("\t")
    assert (deck.cards[0].question, deck.cards[0].answer) == (first[0], first[1])
    assert len(deck.cards) == text.count("\n")


def test_a_first_row_naming_one_column_above_sentences_is_the_names_with_a_warning() -> None:
    text = "Word;TranslationWord;Example\nio;I;Io sono qui.\n"
    deck = table.parse(text, "it.csv")
    assert [(c.question, c.answer) for c in deck.cards] == [("io", "I")]
    assert str(deck.warnings[0]).startswith(
        "it.csv:1: warning: the first row ('Word', 'TranslationWord', 'Example') is read as the "
        "names of the columns, not as a card; if it is a card, give the source 'header: false'"
    )
    assert pairs(text, header=False)[0] == ("Word", "TranslationWord")
    assert table.parse("Front,Back\nq,a\n", "t.csv").warnings == ()  # two names: no doubt


def test_a_third_column_of_tags_is_tags_as_anki_reads_it() -> None:
    (card,) = cards("q,a,geo europe\n")
    assert card.tags == ("geo", "europe")
    deck = table.parse("q,a,not <tags>\n", "t.csv")
    assert deck.cards[0].tags == () and "column(s) 3 are not read" in deck.warnings[0].message


def test_html_is_detected_as_anki_detects_it_unless_configured() -> None:
    assert cards("q,<b>a</b>\n")[0].markup == "html"
    assert cards("q,a < b\n")[0].markup == "text"
    assert cards("q,<b>a</b>\n", markup="text")[0].markup == "text"


def test_cells_reach_the_card_exactly_as_written() -> None:
    (card,) = cards('Slurm\'s queue?,"*not* [markdown] \\(x\\)"\n')
    assert (card.question, card.answer) == ("Slurm's queue?", "*not* [markdown] \\(x\\)")
    assert Renderer().card(card)[1] == "<p>*not* [markdown] \\(x\\)</p>"


def test_a_sound_tag_in_plain_text_is_text_not_a_play_button() -> None:
    assert text_html("[sound:x.mp3]") == "<p>&#91;sound:x.mp3]</p>"


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("a.csv", "", 1, "file is empty"),
        ("a.csv", 'q,"unterminated\n', 1, "a quoted cell is never closed"),
        ("a.csv", ",answer\n", 1, "every row has an empty question"),
        ("a.csv", "question,answer\n", 1, "no cards found"),
        ("a.csv", "q,a,bad<tag\nr,b,x\n", 1, ""),  # not tags: read as an unread column
        ("a.txt.csv", "#tags column:x\nq,a\n", 1, "'#tags column:' must be a column number"),
        ("a.csv", "#separator:comma\n#tags:a<b\nq,a\n", 2, "is not a valid tag"),
        ("a.csv", "#tags column:3\nq,a,<img/src/onerror=x>\n", 2, "is not a valid tag"),
    ],
)
def test_errors_name_the_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, name, text)
    if not message:
        assert parse_file(path).warnings
        return
    assert_error_at(path, line, message, lambda: parse_file(path))


def test_an_empty_question_is_skipped_with_a_warning() -> None:
    deck = table.parse(",only an image\nq,a\n", "t.csv")
    assert [c.question for c in deck.cards] == ["q"]
    assert (
        str(deck.warnings[0])
        == "t.csv:1: warning: this row has an empty question (an image?); skipped"
    )


def test_columns_named_in_configuration_must_exist() -> None:
    with pytest.raises(Exception, match="names no column; the columns are 'a', 'b'"):
        cards("a,b\nx,y\n", header=True, columns={"question": ("c",)})
    with pytest.raises(Exception, match="the table has 2 columns"):
        cards("x,y\n", columns={"question": (3,)})


def test_a_long_table_reads_in_linear_time() -> None:
    """No quadratic rescans: 200,000 rows of one cell each read at once."""
    deck = table.parse("q\n" * 200_000, "t.csv", TableOptions(separator=","))
    assert len(deck.cards) == 200_000


_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4))
def test_plain_text_shows_exactly_as_written(lines: list[str]) -> None:
    """Plain text renders to the text itself, whatever markup it resembles."""
    html = text_html("\n".join(lines))
    assert html.startswith("<p>") and html.endswith("</p>")
    shown = [unescape(part) for part in html[3:-4].split("<br />\n")]
    assert [line.strip().replace("\u00a0", " ") for line in shown] == [
        line.strip().replace("\u00a0", " ") for line in lines
    ]
