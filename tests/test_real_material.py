"""Real material (``tests/real/``, origins in its README), built as a new user would
and imported into a real Anki collection: what Anki shows is what the source holds."""

from __future__ import annotations

import shutil
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen import parse_file
from tests.conftest import ROOT, build, import_apkg, run

if TYPE_CHECKING:
    from anki.collection import Collection

REAL = Path(__file__).parent / "real"


@pytest.fixture
def copy(tmp_path: Path) -> Any:
    """A fresh copy of a real-material folder, as a maintainer's checkout has it."""

    def make(name: str) -> Path:
        shutil.copytree(REAL / name, tmp_path / name)
        return tmp_path / name

    return make


def notes(col: Collection) -> list[Any]:
    return [col.get_note(nid) for nid in sorted(col.find_notes(""))]


def built(col: Collection, folder: Path, tmp_path: Path) -> tuple[Any, str]:
    """Build ``folder`` with the command line, import every deck; the log and stderr."""
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    logs = [import_apkg(col, apkg) for apkg in sorted((tmp_path / "out").glob("*.apkg"))]
    return logs, result.stderr


def test_a_vocabulary_csv_with_a_header_tags_and_guids(
    copy: Any, collection: Collection, tmp_path: Path
) -> None:
    (log,), stderr = built(collection, copy("jlpt-n5"), tmp_path)
    assert len(log.new) == 40
    first = notes(collection)[0]
    assert (first["Question"], first["Answer"]) == ("<p>ああ</p>", "<p>Ah!, Oh!</p>")
    assert first.guid == "HI-.Ij?HS~"  # the deck's own GUID: its learners get updates
    assert sorted(first.tags) == ["JLPT", "JLPT_4", "JLPT_5", "JLPT_N5"]
    assert "expression" not in {n["Question"] for n in notes(collection)}  # no header card
    assert "column(s) 'reading' are not read" in stderr


def test_the_same_deck_with_columns_chosen_in_a_few_lines(copy: Any, tmp_path: Path) -> None:
    folder = copy("jlpt-n5")
    (folder / "n5.deck.yaml").write_text(
        "name: JLPT N5\nsources:\n  - path: n5.csv\n    question: expression\n"
        "    answer: [reading, meaning]\n"
    )
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (0, "")
    from ankigen.anki.read import read_package

    (package,) = [read_package(p) for p in (tmp_path / "out").glob("*.apkg")]
    assert package.notes[1].fields == ("<p>会う</p>", "<p>あう<br />\nto meet, to see</p>")


def test_mdanki_decks(copy: Any, collection: Collection, tmp_path: Path) -> None:
    folder = copy("mdanki")
    (folder / "samples" / "media.md").unlink()  # its remote image is refused: see below
    logs, stderr = built(collection, folder / "samples", tmp_path)
    assert sorted(len(log.new) for log in logs) == [3, 5]
    by_front = {n["Question"]: n for n in notes(collection)}
    btree = by_front["<p>B-tree complexity: access, insert, delete</p>"]
    assert btree["Answer"] == "<p>All: O(log n)</p>"
    assert sorted(btree.tags) == ["complexity", "tag", "tree"]
    extra = by_front["<p>Card with additional front data</p>\n<p>Front data goes here</p>"]
    assert extra["Answer"] == "<p>Back data goes here</p>\n<p>And here</p>"
    recursion = by_front["<p>Base recursion</p>"]
    code = '<pre><code class="language-js"><span class="kd">function</span><span class="w"> </span>'
    assert code + '<span class="nx">recsum</span>' in recursion["Answer"]  # highlighted
    assert sorted(recursion.tags) == ["algorithms", "recursion"]
    (media,) = [n["Answer"] for q, n in by_front.items() if q.startswith("<p>Media stored in")]
    assert media.count('<img src="nodejs-') == 4  # inline and reference-style, packed once
    assert len(list(Path(collection.media.dir()).iterdir())) == 1
    assert "simple.md:31: warning: card 5 has an empty answer" in stderr


def test_a_remote_image_is_an_error_naming_the_card(copy: Any, tmp_path: Path) -> None:
    result = run("build", str(copy("mdanki") / "samples" / "media.md"), "-o", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"{tmp_path}/mdanki/samples/media.md:22: error: card 2: image 'https://upload."
    )


def test_ankdown_cards_keep_their_math(copy: Any, collection: Collection, tmp_path: Path) -> None:
    (log,), _ = built(collection, copy("ankdown"), tmp_path)
    assert len(log.new) == 2
    expected, variance = notes(collection)
    assert expected["Question"] == "<p>Expected Value of \\(f(x)\\)</p>"
    assert expected["Answer"] == "<p>\\[\\mathbb{E}[f(x)] = \\sum_x p(x)f(x)\\]</p>"
    assert sorted(expected.tags) == ["math", "probability"]
    assert variance["Answer"] == (
        "<p>\\[\\text{Var}(f(x)) = \\mathbb{E}[(f(x) - \\mathbb{E}[f(x)])^2]\\]</p>"
    )


def test_anki_text_exports_with_images(copy: Any, collection: Collection, tmp_path: Path) -> None:
    logs, stderr = built(collection, copy("moje-karticky"), tmp_path)
    assert sorted(len(log.new) for log in logs) == [8, 8, 25]
    assert stderr == ""
    art = collection.decks.by_name("Abstraktní umění")  # the name the deck column gives
    assert art is not None
    in_art = [
        collection.get_note(collection.get_card(c).nid)
        for c in collection.find_cards(f"did:{art['id']}")
    ]
    assert len(in_art) == 8
    first = min(in_art, key=lambda n: n.id)
    assert first["Question"].startswith("<img ") and 'src="Improvisation-No-5-' in first["Question"]
    assert 'alt="Improvisation No. 5 - Wassily Kandinsky' in first["Question"]
    assert first["Answer"] == "Wassily Kandinsky Impresse3"
    assert len(list(Path(collection.media.dir()).iterdir())) == 9  # each packed, by its name
    májovci = collection.decks.by_name("Literatura: májovci")
    assert májovci is not None
    rows = {n["Question"]: n["Answer"] for n in notes(collection)}
    # The export's own <hr id="answer"> loses its id, which the note type's template uses.
    assert rows["Romaneto je"] == (
        "Romaneto je\n\n<hr>\n\nKrátká mystická novela která se musí odehrává v Praze."
    )
    assert rows["Kdy byl vytvořen první abstraktní obraz?"] == "V roce 1910."


def test_a_header_of_its_own_names_is_read_with_a_few_lines_of_configuration(
    copy: Any, collection: Collection, tmp_path: Path
) -> None:
    (log,), stderr = built(collection, copy("goethe-b1-sentences"), tmp_path)
    assert len(log.new) == 20
    first = notes(collection)[0]
    assert first["Question"] == "<p>Zigarette? - Danke, ich rauche nicht.</p>"
    assert (
        first["Answer"] == "<p>Cigarette? - Thank you, I don&#x27;t smoke.</p>"
        or first["Answer"] == "<p>Cigarette? - Thank you, I don't smoke.</p>"
    )
    assert first.tags == ["other"]
    assert "'word' are not read" in stderr


def test_technical_mdanki_decks_as_they_stand(
    copy: Any, collection: Collection, tmp_path: Path
) -> None:
    logs, stderr = built(collection, copy("botre"), tmp_path)
    assert sorted(len(log.new) for log in logs) == [12, 14]
    assert stderr == ""
    by_front = {n["Question"]: n["Answer"] for n in notes(collection)}
    assert by_front["<p>Pod</p>"] == (
        "<p>A Pod represents a set of running containers on your cluster.</p>\n"
        "<p>A Pod can contain multiple containers.</p>\n"
        "<p>A multi-container microservice will usually be defined by a single Pod.</p>\n"
        "<p>Example: a Pod that runs a Node.js application with a MongoDB database.</p>"
    )
    assert collection.decks.by_name("Kubernetes") is not None  # the file's '# Kubernetes'


def test_an_obsidian_spaced_repetition_note(
    copy: Any, collection: Collection, tmp_path: Path
) -> None:
    """A note with prose, a rule, the deck tag, a heading and a card with its schedule."""
    (log,), stderr = built(collection, copy("obsidian-spaced-repetition"), tmp_path)
    assert (len(log.new), stderr) == (1, "")
    (note,) = notes(collection)
    assert note["Question"] == (
        "<p>What is the phenomenon called when electric charge is transferred between two "
        "objects when they contact or slide against each other</p>"
    )
    assert note["Answer"] == "<p>Triboelectric effect</p>"  # no scheduling comment
    card = collection.get_card(note.card_ids()[0])
    assert collection.decks.name(card.did) == "science::physics"


def test_a_logseq_page_of_cards(copy: Any, collection: Collection, tmp_path: Path) -> None:
    (log,), stderr = built(collection, copy("logseq"), tmp_path)
    assert (len(log.new), stderr) == (8, "")
    by_front = {n["Question"]: n["Answer"] for n in notes(collection)}
    assert by_front["<p>How to add paragraph</p>"] == (
        "<p>use shift + enter to write in the same block<br />\njust like this<br />\nand this</p>"
    )
    code = by_front["<p>How to add code</p>"]  # its schedule properties are not text
    assert code.startswith("<p>to add a quote use backtick <code>single line code</code></p>")
    assert "card-repeats" not in code and "collapsed" not in "".join(by_front.values())
    assert collection.decks.by_name("logseq/faq") is not None  # the page's namespaced name


def test_a_crowdanki_deck(copy: Any, collection: Collection, tmp_path: Path) -> None:
    (log,), stderr = built(collection, copy("nlp-interview"), tmp_path)
    assert len(log.new) == 20
    first = notes(collection)[0]
    assert first.guid == "guid-2345456388112084668-2848"  # learners of the deck get updates
    assert first["Question"] == "What is tokenization in NLP?"
    assert first["Answer"].startswith("<div>Concept: Tokenization is the process of breaking")
    assert sorted(first.tags) == ["Basics", "Easy", "Tokenization"]
    assert "the fields 'Difficulty', 'Tags' of note type 'NLP Comprehensive' are not read" in stderr
    assert "tags with spaces ('Subword Tokenization'" in stderr
    assert collection.decks.by_name("ML:NLP:02 Tokenization") is not None


def test_a_semicolon_table_with_a_word_column(
    copy: Any, collection: Collection, tmp_path: Path
) -> None:
    (log,), stderr = built(collection, copy("brolingo"), tmp_path)
    assert len(log.new) == 20
    first = notes(collection)[0]
    assert (first["Question"], first["Answer"]) == ("<p>io</p>", "<p>I</p>")
    assert "'ExampleSentence', 'TranslationSentence'" in stderr  # named, not dropped
    assert "card 16 has the same question as card 7" in stderr  # 'loro', they and their


def test_a_deck_repository_csv_of_namespaced_columns(copy: Any, tmp_path: Path) -> None:
    """Ultimate Geography's capitals: 'capital:de' and the like, columns no role names."""
    folder = copy("ultimate-geography")
    (folder / "capital.deck.yaml").write_text(
        "sources:\n  - path: capital.csv\n    question: country\n    answer: capital\n"
    )
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "'capital:de', 'capital:es'" in result.stderr  # named, not dropped
    from ankigen.anki.read import read_package

    (package,) = [read_package(p) for p in (tmp_path / "out").glob("*.apkg")]
    assert len(package.notes) == 20
    assert package.notes[0].fields == ("<p>England</p>", "<p>London</p>")


def test_no_header_row_ever_becomes_a_card_without_a_word(copy: Any, tmp_path: Path) -> None:
    for name in (
        "lindkvist",
        "goethe-a1-cloze",
        "goethe-b1-sentences",
        "jlpt-n5",
        "brolingo",
        "ultimate-geography",
    ):
        folder = copy(name)
        for config in folder.glob("*.deck.yaml"):
            config.unlink()
        result = run("parse", str(next(folder.glob("*.csv"))))
        assert result.returncode == 0, result.stderr
        first_row = (
            next(folder.glob("*.csv")).read_text().split("\n")[0].split(",")[0].split(";")[0]
        )
        questions = [line for line in result.stdout.split("\n") if '"question":' in line]
        header_is_a_card = any(f'"question": "{first_row}"' in q for q in questions)
        assert not header_is_a_card or "looks like a header" in result.stderr, name


def test_the_seed_page_copy_still_reads_as_it_did() -> None:
    assert run("build", "--check", cwd=ROOT).returncode == 0
    assert len(build([ROOT / "source_cards"], Path("/tmp/ankigen-seed-check"))[0].tag_counts) == 3


# Tables as Anki's own text import reads them, beside the real slices: its header lines,
# rows of uneven width, quoting, and first rows that are cards however they look.
ANKI_TABLES = {
    "crlf-bom.txt": "\ufeff#separator:tab\r\n#html:false\r\nfront 1\tback 1\r\nfront 2\tback 2\r\n",
    "pipe.txt": "#separator:Pipe\n#html:true\nf1|b1\nf2|<b>b2</b>\n",
    "columns.txt": "#separator:tab\n#columns:Front\tBack\tTags\nq1\ta1\tt1 t2\nq2\ta2\t\n",
    "uneven.csv": "q1,a1\nq2\nq3,a3,extra3\n",
    "quoted.csv": 'q1,"a1, with a comma\nand a line"\n"q""2""",a2\n',
    "html-false.txt": "#separator:tab\n#html:false\n<b>q</b>\t<i>a</i>\n",
    "notetypes.txt": "#separator:tab\n#html:true\n#notetype column:1\nBasic\tq1\ta1\n"
    "Basic (and reversed card)\tq2\ta2\n",
    "cloze.txt": "#separator:tab\n#notetype:Cloze\n{{c1::Paris}} is the capital\textra\n",
    "word.txt": "word\tWort\nhouse\tHaus\ntree\tBaum\n",
    "note.txt": "Note\tA musical sound\nChord\tThree notes\n",
}


def _anki_questions(col: Collection, path: Path) -> list[str]:
    """The first field of every note Anki's text import makes of ``path``, as it guesses."""
    from anki.collection import ImportCsvRequest

    metadata = col.get_csv_metadata(str(path), None)
    col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))
    return [col.get_note(nid).fields[0] for nid in sorted(col.find_notes(""))]


def _plain(text: str) -> str:
    return " ".join(unescape(text.replace("<br>", "\n")).split())


@pytest.mark.parametrize(
    "name",
    sorted(
        [str(p.relative_to(REAL)) for p in REAL.rglob("*") if p.suffix in (".csv", ".txt")]
        + list(ANKI_TABLES)
    ),
)
def test_every_row_anki_reads_is_a_card(name: str, collection: Collection, tmp_path: Path) -> None:
    """Anki's own importer is the yardstick: each row it makes a note of is a card, but
    a first row that ankigen reads as the names of the columns."""
    path = REAL / name
    if name in ANKI_TABLES:
        path = tmp_path / name
        path.write_text(ANKI_TABLES[name], encoding="utf-8", newline="")
    anki = [_plain(question) for question in _anki_questions(collection, path)]
    cards = parse_file(path).cards
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    first_row = next(n for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#")
    names_row = min(card.line for card in cards) > first_row
    assert len(cards) == len(anki) - names_row, name
    if name in ANKI_TABLES:  # the columns as Anki takes them: the first is the question
        assert [_plain(card.question) for card in cards] == anki[names_row:]
