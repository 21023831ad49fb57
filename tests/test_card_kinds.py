"""Every kind of card, built from each source format and imported into a real Anki
collection: the note types Anki holds, the cards it makes, and what each card shows."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.anki import notetype
from tests.conftest import import_apkg, page, run

if TYPE_CHECKING:
    from anki.collection import Collection

REAL = Path(__file__).parent / "real"

YAML_DECK = """\
name: Kinds
cards:
  - question: What is a Pod?
    answer: The smallest deployable unit.
  - question: What is a Node?
    answer: A machine that runs Pods.
    extra: Also called a worker.
  - cloze: "A {{c1::Pod}} holds {{c2::one or more::how many?}} containers."
    extra: They share a network namespace.
"""


def build_and_import(col: Collection, folder: Path, out: Path) -> tuple[list[Any], str]:
    result = run("build", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return [import_apkg(col, apkg) for apkg in sorted(out.glob("*.apkg"))], result.stdout


def text(markup: str) -> str:
    """What a card's HTML reads as: blocks apart, inline markup gone, spacing folded."""
    spaced = re.sub(r"<(br|hr)\b[^>]*>|</(p|div|li)>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def shown(col: Collection, deck: str) -> list[tuple[str, str, int, str, str]]:
    """Each card of ``deck`` as Anki shows it: note type, first field, card number,
    question and answer text (tags, markup and spacing aside), in Anki's order."""
    result = []
    for cid in col.find_cards(f'deck:"{deck}"', order="c.due, c.ord"):
        card = col.get_card(cid)
        output = card.render_output()
        note = card.note()
        result.append(
            (
                note.note_type()["name"],  # type: ignore[index]
                text(note.fields[0]),
                card.ord,
                text(output.question_text),
                text(output.answer_text),
            )
        )
    return result


def test_yaml_cards_of_every_kind(collection: Collection, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "kinds.yaml").write_text(YAML_DECK)
    (log,), stdout = build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert len(log.new) == 3 and "4 cards of 3 notes" in stdout
    assert shown(collection, "Kinds") == [
        (
            "ankigen Question/Answer",
            "What is a Pod?",
            0,
            "What is a Pod?",
            "What is a Pod? The smallest deployable unit.",
        ),
        (
            "ankigen Question/Answer/Extra",
            "What is a Node?",
            0,
            "What is a Node?",
            "What is a Node? A machine that runs Pods. Also called a worker.",
        ),
        (
            "ankigen Cloze",
            "A {{c1::Pod}} holds {{c2::one or more::how many?}} containers.",
            0,
            "A [...] holds one or more containers.",
            "A Pod holds one or more containers. They share a network namespace.",
        ),
        (
            "ankigen Cloze",
            "A {{c1::Pod}} holds {{c2::one or more::how many?}} containers.",
            1,
            "A Pod holds [how many?] containers.",
            "A Pod holds one or more containers. They share a network namespace.",
        ),
    ]


@pytest.mark.parametrize("kind", notetype.ALL, ids=lambda kind: kind.name)
def test_each_note_type_is_what_anki_needs(
    collection: Collection, tmp_path: Path, kind: notetype.NoteType
) -> None:
    """Kind, fields and templates, as Anki holds them after an import; a cloze note type
    is of Anki's cloze kind, with a cloze filter on both sides."""
    (tmp_path / "src").mkdir()
    card = "  - cloze: '{{c1::x}}'" if kind.cloze else "  - {question: q, answer: a, extra: e}"
    (tmp_path / "src" / "d.yaml").write_text(f"cards:\n{card}\n")
    options = [
        o for o, on in (("reverse", "reversed" in kind.name), ("furigana", kind.furigana)) if on
    ]
    (tmp_path / "src" / "d.deck.yaml").write_text(
        "".join(f"{o}: true\n" for o in options) + "sources: [d.yaml]\n"
    )
    if kind is notetype.QA:
        (tmp_path / "src" / "d.yaml").write_text("cards:\n  - {question: q, answer: a}\n")
    build_and_import(collection, tmp_path / "src", tmp_path / "out")
    (model,) = [m for m in collection.models.all() if m["name"] == kind.name]
    assert model["id"] == kind.id
    assert model["type"] == (1 if kind.cloze else 0)
    assert [f["name"] for f in model["flds"]] == list(kind.fields)
    assert [t["name"] for t in model["tmpls"]] == list(kind.templates)
    for template in model["tmpls"]:
        if kind.cloze:
            assert "cloze:Text}}" in template["qfmt"] and "cloze:Text}}" in template["afmt"]
        assert ("furigana:" in template["qfmt"]) == kind.furigana
    assert ".card.nightMode" in model["css"] and ".card.night_mode" in model["css"]


def test_a_reversed_table_makes_two_cards_a_note(collection: Collection, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "words.tsv").write_text("Hund\tdog\nKatze\tcat\n")
    (tmp_path / "src" / "words.deck.yaml").write_text(
        "name: Words\nreverse: true\nsources: [words.tsv]\n"
    )
    (log,), stdout = build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert len(log.new) == 2 and "4 cards of 2 notes" in stdout
    assert [row[2:] for row in shown(collection, "Words")] == [
        (0, "Hund", "Hund dog"),
        (1, "dog", "dog Hund"),
        (0, "Katze", "Katze cat"),
        (1, "cat", "cat Katze"),
    ]


def test_furigana_decks_show_ruby(collection: Collection, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "jp.tsv").write_text("日本語[にほんご]\tJapanese\n")
    (tmp_path / "src" / "plain.tsv").write_text("日本語[にほんご]\tJapanese\n")
    (tmp_path / "src" / "jp.deck.yaml").write_text("name: JP\nfurigana: true\nsources: [jp.tsv]\n")
    build_and_import(collection, tmp_path / "src", tmp_path / "out")
    (furigana,) = collection.find_cards('deck:"JP"')
    question = collection.get_card(furigana).render_output().question_text
    assert "<ruby><rb>日本語</rb><rt>にほんご</rt></ruby>" in question
    (plain,) = collection.find_cards('deck:"plain"')  # off by default: brackets stay text
    assert "日本語[にほんご]" in collection.get_card(plain).render_output().question_text


def test_page_and_markdown_cards_holding_a_deletion_are_cloze_cards(
    collection: Collection, tmp_path: Path
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.txt").write_text(
        page([("The capital of France is {{c1::Paris}}.", "Since 987.")])
    )
    (tmp_path / "src" / "notes.md").write_text(
        "# Notes\n\n## `kubectl {{c1::apply}} -f pod.yaml` creates a Pod\n\n[#K8S]()\n"
    )
    build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert [
        row[0] + " | " + row[3] + " | " + row[4]
        for row in shown(collection, "Test Deck Flashcards")
    ] == [
        "ankigen Cloze | The capital of France is [...]. | The capital of France is Paris. Since 987."
    ]
    ((name, _, _, question, answer),) = shown(collection, "Notes")
    assert (name, question, answer) == (
        "ankigen Cloze",
        "kubectl [...] -f pod.yaml creates a Pod",
        "kubectl apply -f pod.yaml creates a Pod K8S",
    )


def test_a_real_cloze_csv_reads_as_cloze_cards(collection: Collection, tmp_path: Path) -> None:
    """The German A1 deck (``tests/real/goethe-a1-cloze``) as a new user builds it: its
    Sentence column holds the deletions, and every row is one cloze card."""
    shutil.copytree(REAL / "goethe-a1-cloze", tmp_path / "src")
    (log,), _ = build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert len(log.new) == 20
    rows = shown(collection, "Goethe-A1")
    assert len(rows) == 20 and {row[0] for row in rows} == {"ankigen Cloze"}
    assert rows[0][3:] == ("[...] morgen muss ich arbeiten.", "Ab morgen muss ich arbeiten. from")


def test_a_cloze_column_chosen_in_the_configuration(collection: Collection, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "s.csv").write_text(
        "sentence,translation\n{{c1::Ich}} bin hier.,I am here.\nDu bist {{c2::dort}}.,You are there.\n"
    )
    (tmp_path / "src" / "s.deck.yaml").write_text(
        "name: S\nsources:\n  - path: s.csv\n    cloze: sentence\n    extra: translation\n"
    )
    build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert [row[2:] for row in shown(collection, "S")] == [
        (0, "[...] bin hier.", "Ich bin hier. I am here."),
        (1, "Du bist [...].", "Du bist dort. You are there."),
    ]


def test_a_cloze_card_without_a_deletion_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text("cards:\n  - cloze: no deletion here\n")
    result = run("build", str(tmp_path / "d.yaml"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'd.yaml'}:2: error: card 1 is a cloze card")
    assert "{{c1::...}}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_anki_export_keeps_its_reversed_notes_reversed(
    collection: Collection, tmp_path: Path
) -> None:
    """Anki's "Notes in Plain Text" export names each note's note type in a column."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "export.txt").write_text(
        "#separator:tab\n#html:false\n#notetype column:1\n"
        "Basic\tHund\tdog\n"
        "Basic (and reversed card)\tKatze\tcat\n"
        "Basic (optional reversed card)\tMaus\tmouse\n"
    )
    (log,), stdout = build_and_import(collection, tmp_path / "src", tmp_path / "out")
    assert len(log.new) == 3 and "4 cards of 3 notes" in stdout
    kinds = {row[1]: row[0] for row in shown(collection, "export")}
    assert kinds == {
        "Hund": "ankigen Question/Answer",
        "Katze": "ankigen Question/Answer reversed",
        "Maus": "ankigen Question/Answer",  # "optional": Anki decides by a field of its own
    }


def test_a_deletion_in_an_answer_is_shown_as_written_and_said(
    collection: Collection, tmp_path: Path
) -> None:
    (tmp_path / "d.yaml").write_text(
        "name: Answers\ncards:\n  - question: Where is the Eiffel Tower?\n"
        "    answer: In {{c1::Paris}}.\n"
    )
    result = run("build", str(tmp_path / "d.yaml"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"{tmp_path / 'd.yaml'}:3: warning: card 1's answer holds a cloze deletion"
    )
    import_apkg(collection, tmp_path / "out" / "d.apkg")
    assert shown(collection, "Answers") == [
        (
            notetype.QA.name,
            "Where is the Eiffel Tower?",
            0,
            "Where is the Eiffel Tower?",
            "Where is the Eiffel Tower? In {{c1::Paris}}.",
        )
    ]
