"""Reading source files: encodings, binary data and unreadable paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen import SourceError, parse_file
from ankigen.sources.decode import decode
from tests.conftest import page

TEXT = page([("Was kostet ein Café?", "Drei Euro – günstig")])


def test_utf8_with_bom_and_utf16_are_read(tmp_path: Path) -> None:
    for name, data in [
        ("bom.txt", b"\xef\xbb\xbf" + TEXT.encode()),
        ("utf16.txt", TEXT.encode("utf-16")),
    ]:
        (tmp_path / name).write_bytes(data)
        (card,) = parse_file(tmp_path / name).cards
        assert card.question == "Was kostet ein Café?"


def test_legacy_encoding_is_an_error_that_says_where_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    with pytest.raises(SourceError) as raised:
        parse_file(path)
    assert raised.value.line == 6
    assert "not valid utf-8: byte 0xe9 at column 19" in raised.value.message
    assert "--encoding" in raised.value.message
    (card,) = parse_file(path, encoding="cp1252").cards
    assert card.answer == "Drei Euro – günstig"


def test_binary_data_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deck.txt"
    path.write_bytes(b"1\nQ\n\x00\x01\x02PK\x03\x04")
    with pytest.raises(SourceError, match="binary data") as raised:
        parse_file(path)
    assert raised.value.line == 3


def test_unknown_encoding_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "deck.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(SourceError, match="unknown encoding 'klingon'"):
        parse_file(path, encoding="klingon")
    with pytest.raises(SourceError, match="cannot read the file") as raised:
        parse_file(tmp_path / "missing.txt")
    assert str(raised.value).startswith(f"{tmp_path / 'missing.txt'}: error: ")


# One card in each format, its question holding {}.
FORMATS = {
    "page.txt": page([("Q {} here", "an answer")]),
    "table.csv": "question,answer\nQ {} here,an answer\n",
    "deck.yaml": 'cards:\n  - question: "Q {} here"\n    answer: an answer\n',
    "notes.md": "# Deck\n\n## Q {} here\n\nan answer\n",
    "copy.txt": "Pods\n\nQ {} here\nan answer\n\nSecond\nits answer\n",
    "labelled.txt": "Q: Q {} here\nA: an answer\n\nQ: second\nA: two\n",
    "spaced.md": "#flashcards\n\nQ {} here::an answer\n",
    "logseq.md": "- Q {} here #card\n\t- an answer\n",
    "deck.json": '{"note_models": [{"crowdanki_uuid": "m"}],\n'
    ' "notes": [{"note_model_uuid": "m", "fields": ["Q {} here", "an answer"]}]}\n',
}


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("char", ["\x1f", "\x01", "\x08", "\x0b", "\x7f"])
def test_a_control_character_is_an_error_at_its_line_in_every_format(
    tmp_path: Path, name: str, char: str
) -> None:
    """Anki separates fields with U+001F: one in a field makes it refuse the whole package."""
    text = FORMATS[name]
    path = tmp_path / name
    path.write_bytes(text.replace("{}", char).encode())
    with pytest.raises(SourceError) as raised:
        parse_file(path)
    before = text[: text.index("{}")]
    column = len(before) - before.rfind("\n")
    assert (raised.value.line, raised.value.message) == (
        before.count("\n") + 1,
        f"a control character (U+{ord(char):04X}) at column {column}: Anki cannot keep it in "
        "a card; remove it",
    )


def test_utf8_finds_the_control_characters_that_any_other_encoding_finds() -> None:
    """UTF-8 text is checked on its bytes, other encodings on the text: the same
    characters are refused either way ("utf8" is the same codec by another name)."""
    for code in range(0x100):
        data = f"text {chr(code)} more".encode()
        outcomes = []
        for encoding in ("utf-8", "utf8"):
            try:
                outcomes.append(decode(data, "x.txt", encoding))
            except SourceError as error:
                outcomes.append(error.message)
        assert outcomes[0] == outcomes[1], hex(code)


@pytest.mark.parametrize("name", FORMATS)
def test_separators_that_are_not_line_ends_stay_as_written_in_every_format(
    tmp_path: Path, name: str
) -> None:
    text = FORMATS[name]
    path = tmp_path / name
    kept = "\u2028\u2029\x85\x0c"
    path.write_text(text.replace("{}", kept), encoding="utf-8")
    deck = parse_file(path)
    assert deck.cards[0].question == f"Q {kept} here"
    assert deck.cards[0].answer == "an answer"


def test_codecs_that_cannot_read_text_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "deck.txt"
    path.write_text(TEXT)
    for encoding in ("undefined", "punycode", "base64"):
        with pytest.raises(SourceError) as raised:
            parse_file(path, encoding=encoding)
        assert encoding in raised.value.message
