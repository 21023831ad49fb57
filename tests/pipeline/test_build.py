"""``ankigen build`` end to end: real builds imported into a real Anki collection."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.model import Card
from tests.conftest import (
    APKG,
    EXPECTED_SEED_TAGS,
    PNG,
    ROOT,
    SEED,
    STATE,
    assert_error_at,
    build,
    import_apkg,
    notes_by_question,
    page,
    run,
)

if TYPE_CHECKING:
    from anki.collection import Collection


def test_build_with_no_arguments_writes_the_seed_deck(project: Path) -> None:
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"build/{APKG}: Unit 14: Orchestration, MLOps and Job Scheduling: built (9 added); "
        "9 cards; tags: K8S 6, MLOps 2, SLURM 2\n"
    )
    assert (project / "build" / APKG).is_file()
    assert run("build", "-q", cwd=project).stdout == ""


def test_the_committed_decks_are_what_their_sources_build(tmp_path: Path) -> None:
    """``build/`` holds the published decks: a fresh clone's build says they are up to
    date, so they must be what this ankigen makes of ``source_cards/`` (from their
    state, which keeps the learners' modification times), byte for byte."""
    import shutil

    shutil.copy(ROOT / "build" / STATE, tmp_path / STATE)
    build([ROOT / "source_cards"], tmp_path)
    for name in (APKG, STATE):
        assert (tmp_path / name).read_bytes() == (ROOT / "build" / name).read_bytes(), name


def test_the_seed_deck_in_anki(project: Path, collection: Collection) -> None:
    build([project / "source_cards"], project / "build")
    log = import_apkg(collection, project / "build" / APKG)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (9, 0, 0)

    notes = notes_by_question(collection)
    assert len(notes) == 9
    tags = {question: tuple(sorted(n.tags, key=str.casefold)) for question, n in notes.items()}
    assert tags == {f"<p>{q}</p>": t for q, t in EXPECTED_SEED_TAGS.items()}
    for note in notes.values():
        note_type = note.note_type()
        assert note_type is not None
        assert note_type["name"] == "ankigen Question/Answer"
        assert [f["name"] for f in note_type["flds"]] == ["Question", "Answer"]
        for field in note.fields:
            assert "How well did you know this?" not in field
            assert "Perfectly" not in field

    deck = collection.decks.by_name("Unit 14: Orchestration, MLOps and Job Scheduling")
    assert deck is not None
    assert "<li>discuss the value of MLOps</li>" in deck["desc"]

    partners = notes["<p>Name MLOps Partners</p>"].cards()[0].render_output()
    assert "<p>Runai<br />\nPaperspace<br />\nDeterminedAI</p>" in partners.answer_text
    assert '<div class="ankigen tags">MLOps</div>' in partners.answer_text
    assert ".card.nightMode" in partners.css and ".card.night_mode" in partners.css

    components = notes["<p>list Kubernetes Components</p>"].cards()[0].render_output()
    answer = components.answer_text
    assert "Node(узел): Server added to K8S cluster.<br />\nCluster:" in answer
    assert "<ul>\n<li>Job: Launches a Pod" in answer
    assert answer.count("<li>") == 3
    assert "<p>list Kubernetes Components</p>" in components.question_text


def test_markup_in_sources_is_never_live_in_anki(tmp_path: Path, collection: Collection) -> None:
    source = tmp_path / "evil.txt"
    answer = (
        "<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n"
        "[click](javascript:alert(1))\n{{Question}} {{FrontSide}}"
    )
    source.write_text(page([("<b>bold?</b>", answer)]), encoding="utf-8")
    build([source], tmp_path / "out")
    import_apkg(collection, tmp_path / "out" / "evil.apkg")
    (note,) = notes_by_question(collection).values()
    rendered = note.cards()[0].render_output()
    html = rendered.question_text + rendered.answer_text
    for live in ("<script", "<img", "<b>", 'javascript:alert(1)"', "href="):
        assert live not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.answer_text
    assert "&lt;b&gt;bold?&lt;/b&gt;" in rendered.question_text
    assert "{{Question}} {{FrontSide}}" in rendered.answer_text


def test_a_source_without_configuration_is_its_own_deck(tmp_path: Path) -> None:
    (tmp_path / "Kube Basics.txt").write_text(page([("q", "a")], title="Kube Basics Flashcards"))
    result = run("build", str(tmp_path / "Kube Basics.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"{tmp_path}/out/kube-basics.apkg: Kube Basics Flashcards: built (1 added); 1 cards"
    )


def test_a_source_path_uses_the_configuration_beside_it(project: Path) -> None:
    result = run("build", f"source_cards/{SEED.name}", "-o", "elsewhere", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "tags: K8S 6" in result.stdout
    assert (project / "elsewhere" / APKG).is_file()


def test_bad_source_fails_cleanly_and_keeps_the_good_deck(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    good = (project / "build" / APKG).read_bytes()
    source = project / "source_cards" / SEED.name
    source.write_text(source.read_text().replace("\nA\n\nRunai", "\n\nRunai"), encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        f"source_cards/{SEED.name}:150: error: card 9 has no line 'A' between its question "
        "and its answer\n"
    )
    assert "Traceback" not in result.stderr
    assert (project / "build" / APKG).read_bytes() == good
    assert sorted(p.name for p in (project / "build").iterdir()) == [
        APKG,
        STATE,
    ]


def test_configuration_errors_name_file_and_line(project: Path) -> None:
    config = project / "source_cards" / "unit14-orchestration-mlops-job-scheduling.deck.yaml"
    text = config.read_text() + "cards:\n  - question: What is Nomad?\n"
    config.write_text(text)
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        f"source_cards/{config.name}:{text.count(chr(10))}: error: "
        "no card has the question 'What is Nomad?'\n"
    )
    assert not (project / "build").exists()


def test_one_bad_deck_does_not_stop_the_others(project: Path) -> None:
    (project / "source_cards" / "broken.txt").write_text("Deck\n\n1\nQ\nWhat?\n")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        "source_cards/broken.txt:3: error: card 1 has no line 'A' between its question and "
        "its answer\n"
    )
    assert (project / "build" / APKG).is_file()


def test_a_file_found_beside_the_decks_that_holds_no_cards_is_only_warned_about(
    project: Path,
) -> None:
    (project / "source_cards" / "notes.txt").write_text("remember to add pods\n")
    (project / "source_cards" / "slides.pdf").write_bytes(b"%PDF-1.4")
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "source_cards/slides.pdf: warning: not read: ankigen reads .txt, .csv, .tsv, .md, "
        ".yaml and .json sources and .deck.yaml configurations (a source of another kind can "
        "be listed in one)",
        "source_cards/notes.txt:1: warning: not a deck: no cards found: expected numbered cards "
        "(a line '1', a line 'Q', the question, a line 'A', the answer), an Anki text export, "
        "tab-separated rows, or terms and definitions set off by blank lines",
    ]
    named = run("build", "source_cards/notes.txt", cwd=project)
    assert named.returncode == 1  # named, it is an error
    assert named.stderr.startswith("source_cards/notes.txt:1: error: no cards found")


def test_a_folder_without_decks_says_so(tmp_path: Path) -> None:
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (1, f"{tmp_path}: error: no deck found\n")


def test_cards_sharing_a_question_are_both_kept_with_a_warning(
    tmp_path: Path, collection: Collection
) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "a.txt").write_text(page([("Same?", "1")]))
    (deck / "b.txt").write_text(page([("Same?", "2"), ("same?", "3")]))
    (deck / "ab.deck.yaml").write_text("sources: [a.txt, b.txt]\n")
    result = run("build", str(deck), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"{deck}/b.txt:3: warning: card 1 has the same question as card 1 "
        f"({deck}/a.txt:3); both are kept, with different identities. To keep them apart "
        "for good, give each an id (a YAML card's id:, a table's id column)\n"
    )
    log = import_apkg(collection, tmp_path / "out" / "ab.apkg")
    assert len(log.new) == 3  # "same?" differs only in case: a card of its own, no warning


def test_decks_sharing_a_key_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(page([("Same?", "1")]))
    (tmp_path / "ab.deck.yaml").write_text("sources: [a.txt]\n")
    (tmp_path / "other.deck.yaml").write_text("key: ab\nsources: [a.txt]\n")
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "deck key 'ab' is also the key of" in result.stderr


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope"))
    assert (result.returncode, result.stderr) == (
        1,
        f"{tmp_path}/nope: error: no such file or folder\n",
    )


def test_the_published_decks_are_current() -> None:
    """build/ in the repository is what the sources produce (run 'ankigen build' if not)."""
    result = run("build", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert ": up to date;" in result.stdout


def test_a_deck_mixing_formats_with_images_in_anki(tmp_path: Path, collection: Collection) -> None:

    deck = tmp_path / "deck"
    (deck / "img").mkdir(parents=True)
    (deck / "img" / "pod.png").write_bytes(PNG)
    (deck / "page.txt").write_text(page([("What does a Pod look like?", "![a pod](img/pod.png)")]))
    (deck / "more.yaml").write_text(
        "cards:\n  - question: What is a Node?\n    answer: A machine.\n    tags: [K8S::nodes]\n"
    )
    (deck / "export.csv").write_text(
        '"<b>Pod</b> again?","<img src=""img/pod.png""><script>x()</script>"\n'
    )
    (deck / "mixed.deck.yaml").write_text(
        "name: Mixed\nsources:\n  - page.txt\n  - more.yaml\n  - {path: export.csv, format: html}\n"
    )
    result = run("build", str(deck), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Mixed: built (3 added); 3 cards" in result.stdout

    log = import_apkg(collection, tmp_path / "out" / "mixed.apkg")
    assert len(log.new) == 3
    notes = notes_by_question(collection)
    media_name = f"pod-{hashlib.sha256(PNG).hexdigest()[:12]}.png"
    assert (
        notes["<p>What does a Pod look like?</p>"]["Answer"]
        == f'<p><img src="{media_name}" alt="a pod"></p>'
    )
    assert notes["<b>Pod</b> again?"]["Answer"] == f'<img src="{media_name}">'
    assert notes["<p>What is a Node?</p>"].tags == ["K8S::nodes"]
    packed = Path(collection.media.dir()) / media_name
    assert packed.read_bytes() == PNG
    assert sorted(p.name for p in Path(collection.media.dir()).iterdir()) == [media_name]


def test_a_changed_image_updates_its_note(tmp_path: Path, collection: Collection) -> None:

    (tmp_path / "d.txt").write_text(page([("Which picture?", "![p](p.png)"), ("Other?", "text")]))
    (tmp_path / "p.png").write_bytes(PNG)
    assert run("build", str(tmp_path / "d.txt"), "-o", str(tmp_path / "out")).returncode == 0
    import_apkg(collection, tmp_path / "out" / "d.apkg")
    assert (
        run("build", str(tmp_path / "d.txt"), "-o", str(tmp_path / "out")).stdout.count(
            "up to date"
        )
        == 1
    )
    (tmp_path / "p.png").write_bytes(PNG + b"\0")
    result = run("build", str(tmp_path / "d.txt"), "-o", str(tmp_path / "out"))
    assert "built (1 changed)" in result.stdout
    log = import_apkg(collection, tmp_path / "out" / "d.apkg")
    assert (len(log.new), len(log.updated)) == (0, 1)


def test_an_image_error_names_the_card(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(page([("q", "a"), ("Which?", "![x](../secret.png)")]))
    result = run("build", str(tmp_path / "d.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path}/d.txt:20: error: card 2: image '../secret.png' is outside the source's folder\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_yaml_deck_on_its_own_names_its_key_and_deck(
    tmp_path: Path, collection: Collection
) -> None:
    (tmp_path / "anything.yaml").write_text(
        "name: Kube::Basics\nkey: kube-basics\ncards:\n  - {question: q, answer: a}\n"
    )
    result = run("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    import_apkg(collection, tmp_path / "out" / "kube-basics.apkg")
    assert collection.decks.by_name("Kube::Basics") is not None


def test_finding_a_yaml_deck_reads_its_key_not_its_cards(tmp_path: Path) -> None:
    """Discovery reads only the top of a YAML deck (a large one takes a second to read
    whole); a broken card is reported when the deck is built, at its line."""
    from ankigen.pipeline.discover import find_decks

    (tmp_path / "d.yaml").write_text("key: kube\ncards:\n  - {question: q, answer: a}\n  - 7\n")
    (config,) = find_decks([tmp_path]).decks
    assert config.key == "kube"
    assert_error_at(
        tmp_path / "d.yaml",
        4,
        "card 2 must be a mapping",
        lambda: build([tmp_path], tmp_path / "out"),
    )


def test_parse_reads_every_format(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text("cards:\n  - {question: q, answer: a}\n")
    (tmp_path / "d.csv").write_text("q,a\n")
    for name in ("d.yaml", "d.csv"):
        result = run("parse", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert '"question": "q"' in result.stdout


def test_a_field_separator_in_a_card_made_in_code_is_refused(tmp_path: Path) -> None:
    from ankigen.config.deck import default_config
    from ankigen.pipeline.build import make_notes
    from ankigen.pipeline.render import Renderer

    card = Card(3, 7, "What is a Pod?", "one\x1ftwo", source="d.txt")
    assert_error_at(
        "d.txt",
        7,
        "card 3 holds U+001F",
        lambda: make_notes([card], default_config(tmp_path / "d.txt"), Renderer(), None),
    )
