"""Republishing: a new deck version updates a learner's Anki collection and nothing else.

Every scenario builds real decks and imports them into a real collection with
Anki's default import options, as a learner's File > Import does.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.anki import notetype
from tests.conftest import (
    APKG,
    KEY,
    SEED,
    SEED_DECK,
    STATE,
    T1,
    T2,
    T3,
    build,
    import_apkg,
    notes_by_question,
    run,
    seed_cards,
    write_seed,
)

if TYPE_CHECKING:
    from anki.collection import Collection


def build_at(project: Path, epoch: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    build([project / "source_cards"], project / "build")
    return project / "build" / APKG


def review_everything(col: Collection) -> None:
    """Answer every card the scheduler offers, 'Good', as a learner's first day would."""
    deck = col.decks.id_for_name(SEED_DECK)
    assert deck is not None
    col.decks.select(deck)
    for _ in range(100):
        card = col.sched.getCard()
        if card is None:
            return
        col.sched.answerCard(card, 3)


def scheduling(col: Collection) -> dict[str, tuple[Any, ...]]:
    assert col.db is not None
    rows = col.db.all(
        "SELECT n.guid, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.did "
        "FROM cards c JOIN notes n ON c.nid = n.id"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def test_a_new_version_updates_exactly_the_edited_notes(
    project: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = import_apkg(collection, build_at(project, T1, monkeypatch))
    assert len(log.new) == 9
    review_everything(collection)
    assert collection.db is not None
    reviews = collection.db.scalar("SELECT count() FROM revlog")
    assert reviews >= 9
    before = scheduling(collection)

    cards = seed_cards()
    k8s_answer = cards[0][1].replace("inference in AI clusters", "inference and training")
    cards[0] = (cards[0][0], k8s_answer)  # an answer edited
    cards[2] = ("What is Slurm?", cards[2][1])  # a question's case changed
    del cards[6]  # "Container Engine" removed
    cards.insert(0, ("What is a Pod?", "The smallest deployable unit in K8S."))  # all renumbered
    write_seed(project, cards)
    log = import_apkg(collection, build_at(project, T2, monkeypatch))

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (1, 2, 0)
    assert {note.fields[0] for note in log.updated} == {"What is K8S?", "What is Slurm?"}
    notes = notes_by_question(collection)
    assert len(notes) == collection.note_count() == 10  # the removed card stays; no duplicate
    assert "inference and training" in notes["<p>What is K8S?</p>"]["Answer"]
    assert "<p>What is SLURM?</p>" not in notes
    assert collection.db.scalar("SELECT count() FROM revlog") == reviews
    after = scheduling(collection)
    assert {guid: after[guid] for guid in before} == before


def test_unchanged_notes_keep_their_time_and_learners_edits_survive(
    project: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_apkg(collection, build_at(project, T1, monkeypatch))
    notes = notes_by_question(collection)
    mine = notes["<p>What is MLOps?</p>"]
    mine["Answer"] += "<p>My own mnemonic.</p>"
    collection.update_note(mine)

    cards = seed_cards()
    cards[0] = (cards[0][0], cards[0][1] + " Edited.")
    write_seed(project, cards)
    log = import_apkg(collection, build_at(project, T2, monkeypatch))
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert "My own mnemonic." in collection.get_note(mine.id)["Answer"]
    state = (project / "build" / STATE).read_text()
    assert state.count(f'"mod": {T1}, "hash"') == 8
    assert state.count(f'"mod": {T2}, "hash"') == 1


def test_a_style_change_reaches_the_collection(
    project: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_apkg(collection, build_at(project, T1, monkeypatch))
    original = notetype.template

    def restyled(name: str) -> str:
        text = original(name)
        return text + "\n.answer { letter-spacing: 0.01em; }\n" if name == "style.css" else text

    monkeypatch.setattr(notetype, "template", restyled)
    build_at(project, T2, monkeypatch)
    log = import_apkg(collection, project / "build" / APKG)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    (note_type,) = [m for m in collection.models.all() if m["name"] == notetype.QA.name]
    assert "letter-spacing: 0.01em" in note_type["css"]


def test_a_reworded_question_warns_with_the_pin_that_keeps_it(
    project: Path, collection: Collection
) -> None:
    assert run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T1)}).returncode == 0
    import_apkg(collection, project / "build" / APKG)

    cards = seed_cards()
    cards[2] = ("What is SLURM used for?", cards[2][1])
    write_seed(project, cards)
    result = run("build", "--check", cwd=project, env={"SOURCE_DATE_EPOCH": str(T2)})
    assert result.returncode == 1
    assert "(1 added, 1 removed)" in result.stdout
    warning = (
        f"source_cards/{SEED.name}:37: warning: card 3 looks like 'What is SLURM?' reworded; "
        "as it is, learners get it as a new card and lose that card's review history. "
        "To keep it, add to "
    )
    assert warning in result.stderr
    pin = '- {"question": "What is SLURM used for?", "was": "What is SLURM?"}'
    assert result.stderr.split("\n")[0].endswith(pin)

    config = project / "source_cards" / f"{KEY}.deck.yaml"
    config.write_text(config.read_text() + "cards:\n  " + pin + "\n")
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "(1 changed)" in result.stdout
    assert "warning" not in result.stderr
    log = import_apkg(collection, project / "build" / APKG)
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert log.updated[0].fields[0] == "What is SLURM used for?"


def test_a_reworded_question_in_a_yaml_deck_warns_with_the_id_that_keeps_it(
    tmp_path: Path, collection: Collection
) -> None:
    deck = tmp_path / "source_cards" / "kube.yaml"
    deck.parent.mkdir()
    card = "  - question: {}\n    answer: The smallest unit.\n"
    deck.write_text("name: Kube\ncards:\n" + card.format("What is a Pod?"))
    assert run("build", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": str(T1)}).returncode == 0
    import_apkg(collection, tmp_path / "build" / "kube.apkg")

    deck.write_text("name: Kube\ncards:\n" + card.format("What is a Pod, exactly?"))
    result = run("build", "--check", cwd=tmp_path)
    assert result.stderr.startswith("source_cards/kube.yaml:3: warning: card 1 looks like")
    assert 'To keep it, give the card the line: id: "What is a Pod?"\n' in result.stderr

    deck.write_text(deck.read_text() + '    id: "What is a Pod?"\n')
    result = run("build", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": str(T2)})
    assert (result.returncode, result.stderr) == (0, "")
    log = import_apkg(collection, tmp_path / "build" / "kube.apkg")
    assert (len(log.new), len(log.updated)) == (0, 1)


def test_builds_are_reproducible(project: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        shutil.copytree(project / "source_cards", tmp_path / name / "source_cards")
        env = {"SOURCE_DATE_EPOCH": str(T1)}
        result = run("build", cwd=tmp_path / name, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append([p.read_bytes() for p in sorted((tmp_path / name / "build").iterdir())])
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 2

    # Rebuilt in place from its own state, it is the same file again.
    (tmp_path / "one" / "build" / APKG).unlink()
    assert run("build", cwd=tmp_path / "one").returncode == 0
    assert (tmp_path / "one" / "build" / APKG).read_bytes() == outputs[1][0]


def test_nothing_changed_rewrites_nothing_and_check_agrees(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    files = sorted((project / "build").iterdir())
    stamps = [p.stat().st_mtime_ns for p in files]
    result = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T3)})
    assert result.returncode == 0
    assert ": up to date;" in result.stdout
    assert [p.stat().st_mtime_ns for p in files] == stamps
    check = run("build", "--check", cwd=project)
    assert (check.returncode, check.stderr) == (0, "")


def test_check_fails_when_the_build_is_stale_or_missing(project: Path) -> None:
    result = run("build", "--check", cwd=project)
    assert result.returncode == 1
    assert result.stderr == f"build/{APKG}: error: out of date: run 'ankigen build'\n"
    assert not (project / "build").exists()

    assert run("build", cwd=project).returncode == 0
    (project / "build" / APKG).write_bytes(b"tampered")
    assert run("build", "--check", cwd=project).returncode == 1
    assert (project / "build" / APKG).read_bytes() == b"tampered"


def test_an_older_clock_still_moves_changed_notes_forward(
    project: Path, monkeypatch: pytest.MonkeyPatch, collection: Collection
) -> None:
    import_apkg(collection, build_at(project, T2, monkeypatch))
    cards = seed_cards()
    cards[8] = (cards[8][0], "Run:ai\nPaperspace\nDeterminedAI")
    write_seed(project, cards)
    log = import_apkg(collection, build_at(project, T1, monkeypatch))
    assert len(log.updated) == 1
    assert '"mod": ' + str(T2 + 1) in (project / "build" / STATE).read_text()


def test_renaming_the_deck_warns(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    config = project / "source_cards" / f"{KEY}.deck.yaml"
    config.write_text(config.read_text().replace('name: "Unit 14:', 'name: "Unit Fourteen:'))
    result = run("build", cwd=project)
    assert result.returncode == 0
    assert f"source_cards/{KEY}.deck.yaml:1: warning: the deck is renamed from" in result.stderr


def test_a_broken_state_file_is_a_clear_error(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    state = project / "build" / STATE
    state.write_text(state.read_text()[:200])
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(f"build/{STATE}:1: error: broken state file")
    assert "broken state file" in result.stderr


KINDS_V1 = """\
name: Kinds
cards:
  - question: What is a Pod?
    answer: The smallest deployable unit.
  - question: What is a Node?
    answer: A machine.
    extra: Also called a worker.
  - cloze: "A {{c1::Pod}} holds {{c2::containers}}."
  - cloze: "{{c1::Slurm}} schedules {{c2::batch jobs}}."
  - question: What is a Service?
    answer: A stable address for Pods.
    extra: See kube-proxy.
"""
KINDS_V2 = """\
name: Kinds
cards:
  - question: What is a Pod?
    answer: The smallest deployable unit of K8S.
  - question: What is a Job?
    answer: Pods run to completion.
  - cloze: "In K8S a {{c1::Pod}} holds {{c2::containers}} and {{c3::volumes}}."
  - cloze: "{{c1::Slurm}} schedules jobs."
  - question: What is a Service?
    answer: A stable address for Pods.
    extra: See kube-proxy and EndpointSlices.
"""


def kinds_project(tmp_path: Path) -> Path:
    source = tmp_path / "source_cards"
    source.mkdir()
    (source / "kinds.yaml").write_text(KINDS_V1)
    (source / "words.tsv").write_text("Hund\tdog\nKatze\tcat\nMaus\tmouse\n")
    (source / "words.deck.yaml").write_text("name: Words\nreverse: true\nsources: [words.tsv]\n")
    return tmp_path


def review_all(col: Collection) -> None:
    """Answer every card the scheduler offers, 'Good', in every deck."""
    for _ in range(100):
        card = col.sched.getCard()
        if card is None:
            return
        col.sched.answerCard(card, 3)


def card_scheduling(col: Collection) -> dict[tuple[str, int], tuple[Any, ...]]:
    assert col.db is not None
    rows = col.db.all(
        "SELECT n.guid, c.ord, c.type, c.queue, c.due, c.ivl, c.reps FROM cards c"
        " JOIN notes n ON c.nid = n.id"
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def new_cards_in_order(col: Collection, deck: str) -> list[tuple[str, int]]:
    """The new cards of ``deck``, first field and card number, in the order Anki shows them."""
    deck_id = col.decks.id_for_name(deck)
    assert deck_id is not None
    col.decks.select(deck_id)
    scheduler: Any = col.sched  # the v3 scheduler, which every new collection uses
    queued = scheduler.get_queued_cards(fetch_limit=100).cards
    from anki.scheduler_pb2 import QueuedCards

    cards = [col.get_card(q.card.id) for q in queued if q.queue == QueuedCards.NEW]
    return [(card.note().fields[0], card.ord) for card in cards]


def test_every_kind_republishes_keeping_review_history(
    tmp_path: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """v1 imported and reviewed; v2 with an edit, a ``c3`` added, a ``c2`` removed, an
    insert and a removal in each deck: Anki updates exactly the edited notes, adds the
    new cards, and keeps every review."""
    project = kinds_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    build([project / "source_cards"], project / "build")
    for name in ("kinds", "words"):
        import_apkg(collection, project / "build" / f"{name}.apkg")
    collection.decks.select(collection.decks.id_for_name("Kinds"))  # type: ignore[arg-type]
    review_all(collection)
    collection.decks.select(collection.decks.id_for_name("Words"))  # type: ignore[arg-type]
    review_all(collection)
    assert collection.db is not None
    reviews = collection.db.scalar("SELECT count() FROM revlog")
    before = card_scheduling(collection)
    assert len(before) == 13  # Kinds: three cards and two clozes of two; Words: 3 notes of 2
    assert all(reps > 0 for *_, reps in before.values())  # every card reviewed

    source = project / "source_cards"
    (source / "kinds.yaml").write_text(KINDS_V2)
    (source / "words.tsv").write_text("Hund\tdog\nVogel\tbird\nKatze\tthe cat\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    results = build([source], project / "build")
    kinds_log, words_log = (
        import_apkg(collection, project / "build" / f"{name}.apkg") for name in ("kinds", "words")
    )

    assert [n.fields[0] for n in kinds_log.new] == ["What is a Job?"]
    assert sorted(n.fields[0] for n in kinds_log.updated) == [
        "In K8S a {{c1::Pod}} holds {{c2::containers}} and {{c3::volumes}}.",
        "What is a Pod?",
        "What is a Service?",
        "{{c1::Slurm}} schedules jobs.",
    ]
    assert [n.fields[0] for n in words_log.new] == ["Vogel"]
    assert [n.fields[0] for n in words_log.updated] == ["Katze"]
    assert not kinds_log.conflicting and not words_log.conflicting
    assert collection.db.scalar("SELECT count() FROM revlog") == reviews
    after = card_scheduling(collection)
    assert {key: after[key] for key in before} == before  # no review lost, no card moved
    assert len(after) == len(before) + 1 + 1 + 2  # the Job, c3, and Vogel's two cards
    assert new_cards_in_order(collection, "Kinds") == [
        ("<p>What is a Job?</p>", 0),
        ("<p>In K8S a {{c1::Pod}} holds {{c2::containers}} and {{c3::volumes}}.</p>", 2),
    ]
    assert new_cards_in_order(collection, "Words") == [("<p>Vogel</p>", 0), ("<p>Vogel</p>", 1)]

    kinds_result = next(r for r in results if r.name == "Kinds")
    assert kinds_result.changes.summary() == "1 added, 4 changed, 1 removed"
    (emptied,) = [w for w in kinds_result.warnings if "no longer has" in w.message]
    assert emptied.line == 8 and "card 4 no longer has c2" in emptied.message
    assert "Tools > Empty Cards" in emptied.message


def test_furigana_decks_republish_keeping_review_history(
    tmp_path: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The furigana note types (one-way, reversed, cloze) go through a new version as
    the others do: the edited notes updated and shown as ruby, a new deletion and a
    new card added, no review lost."""
    source = tmp_path / "source_cards"
    source.mkdir()
    v1 = "猫[ねこ]\tcat\n{{c1::犬[いぬ]}}は動物[どうぶつ]です\t\n日本語[にほんご]\tJapanese\n"
    v2 = "猫[ねこ]\ta cat\n{{c1::犬[いぬ]}}は{{c2::動物[どうぶつ]}}です\t\n水[みず]\twater\n"
    for name, reverse in (("jp", "false"), ("jp2", "true")):
        (source / f"{name}.tsv").write_text(v1)
        (source / f"{name}.deck.yaml").write_text(
            f"name: {name}\nfurigana: true\nreverse: {reverse}\nsources: [{name}.tsv]\n"
        )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    build([source], tmp_path / "build")
    for name in ("jp", "jp2"):
        import_apkg(collection, tmp_path / "build" / f"{name}.apkg")
        collection.decks.select(collection.decks.id_for_name(name))  # type: ignore[arg-type]
        review_all(collection)
    assert collection.db is not None
    reviews = collection.db.scalar("SELECT count() FROM revlog")
    before = card_scheduling(collection)
    assert len(before) == 3 + 5  # jp: two cards and a cloze; jp2: two of two and a cloze
    assert all(reps > 0 for *_, reps in before.values())
    kinds = {
        collection.models.get(mid)["name"]  # type: ignore[index]
        for mid in collection.db.list("SELECT mid FROM notes")
    }
    assert kinds == {
        notetype.EXTRA_FURIGANA.name,
        notetype.REVERSED_FURIGANA.name,
        notetype.CLOZE_FURIGANA.name,
    }

    for name in ("jp", "jp2"):
        (source / f"{name}.tsv").write_text(v2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    build([source], tmp_path / "build")
    for name in ("jp", "jp2"):
        log = import_apkg(collection, tmp_path / "build" / f"{name}.apkg")
        assert [n.fields[0] for n in log.new] == ["水[みず]"]
        assert sorted(n.fields[0] for n in log.updated) == [
            "{{c1::犬[いぬ]}}は{{c2::動物[どうぶつ]}}です",
            "猫[ねこ]",
        ]
        assert not log.conflicting
    assert collection.db.scalar("SELECT count() FROM revlog") == reviews
    after = card_scheduling(collection)
    assert {key: after[key] for key in before} == before
    assert len(after) == len(before) + 2 + 3  # jp: water, c2; jp2: water both ways, c2
    (cat,) = collection.find_cards('deck:jp "Answer:*a cat*"')
    shown = collection.get_card(cat).render_output()
    assert "<ruby><rb>猫</rb><rt>ねこ</rt></ruby>" in shown.question_text
    assert "a cat" in shown.answer_text


def test_new_cards_meet_learners_in_the_source_order(
    tmp_path: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card inserted in v2 sits between its neighbours for a learner who imports v2
    fresh, and for one who had v1; no position moves and none is shared."""
    source = tmp_path / "source_cards"
    source.mkdir()
    words = [f"word{i}\tmeaning {i}" for i in range(1, 6)]
    (source / "w.tsv").write_text("\n".join(words) + "\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    build([source], tmp_path / "build")
    import_apkg(collection, tmp_path / "build" / "w.apkg")
    first = card_scheduling(collection)

    words[2:2] = ["inserted A\tx", "inserted B\ty"]  # two, between word2 and word3
    words.append("appended\tz")
    (source / "w.tsv").write_text("\n".join(words) + "\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    build([source], tmp_path / "build")
    import_apkg(collection, tmp_path / "build" / "w.apkg")
    order = [
        field.removeprefix("<p>").removesuffix("</p>")
        for field, _ in new_cards_in_order(collection, "w")
    ]
    assert order == [line.split("\t")[0] for line in words]
    after = card_scheduling(collection)
    assert {key: after[key] for key in first} == first
    dues = [due for _, _, due, *_ in after.values()]
    assert len(set(dues)) == len(dues)

    from anki.collection import Collection as AnkiCollection

    fresh = AnkiCollection(str(tmp_path / "fresh.anki2"))
    try:
        import_apkg(fresh, tmp_path / "build" / "w.apkg")
        assert [
            f.removeprefix("<p>").removesuffix("</p>") for f, _ in new_cards_in_order(fresh, "w")
        ] == order
    finally:
        fresh.close()


def test_switching_a_deck_to_reversed_warns_and_the_advice_works(
    tmp_path: Path, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "source_cards"
    source.mkdir()
    (source / "w.tsv").write_text("Hund\tdog\nKatze\tcat\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    build([source], tmp_path / "build")
    import_apkg(collection, tmp_path / "build" / "w.apkg")
    review_all(collection)
    assert collection.db is not None
    reviews = collection.db.scalar("SELECT count() FROM revlog")

    (source / "w.deck.yaml").write_text("name: w\nreverse: true\nsources: [w.tsv]\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    (result,) = build([source], tmp_path / "build")
    (warning,) = [w for w in result.warnings if "change note type" in w.message]
    assert warning.message.startswith(
        "2 card(s), from card 1 on, change note type from 'ankigen Question/Answer' to "
        "'ankigen Question/Answer reversed': Anki does not update"
    )
    log = import_apkg(collection, tmp_path / "build" / "w.apkg")
    assert len(log.conflicting) == 2 and not log.new and not log.updated

    # The advice: the browser's Notes > Change Note Type, on the deck's notes.
    old = collection.models.by_name("ankigen Question/Answer")
    new = collection.models.by_name("ankigen Question/Answer reversed")
    assert old is not None and new is not None
    assert f'note:"{old["name"]}" deck:"w"' in warning.message
    request = collection.models.change_notetype_info(
        old_notetype_id=old["id"], new_notetype_id=new["id"]
    ).input
    request.note_ids.extend(collection.find_notes(f'note:"{old["name"]}" deck:"w"'))
    collection.models.change_notetype_of_notes(request)

    assert collection.db.scalar("SELECT count() FROM revlog") == reviews
    assert collection.card_count() == 4  # each word's reverse card is there now
    (source / "w.tsv").write_text("Hund\tthe dog\nKatze\tcat\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T3 + 10**8))  # after the learner's change
    build([source], tmp_path / "build")
    log = import_apkg(collection, tmp_path / "build" / "w.apkg")
    assert [n.fields[:2] for n in log.updated] == [["Hund", "the dog"]]
    assert not log.conflicting and not log.new


def test_a_rewording_warning_outlives_the_build_and_its_pin_settles_it(
    project: Path, collection: Collection
) -> None:
    """The maintainer built the reworded deck and committed it: CI's check still says so.
    Applying the pin then keeps the card's first identity, once and for all."""
    assert run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T1)}).returncode == 0
    import_apkg(collection, project / "build" / APKG)
    cards = seed_cards()
    cards[2] = ("What is SLURM used for?", cards[2][1])
    write_seed(project, cards)
    built = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T2)})
    pin = '- {"question": "What is SLURM used for?", "was": "What is SLURM?"}'
    assert built.stderr.split("\n")[0].endswith(pin)

    check = run("build", "--check", cwd=project)
    assert check.returncode == 0 and "up to date" in check.stdout
    assert check.stderr == built.stderr  # said again while the build stands

    config = project / "source_cards" / f"{KEY}.deck.yaml"
    config.write_text(config.read_text() + "cards:\n  " + pin + "\n")
    pinned = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T3)})
    assert (pinned.returncode, pinned.stderr) == (0, "")  # no advice to undo the pin
    assert "(1 added, 1 removed)" in pinned.stdout
    again = run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T3 + 1)})
    assert "up to date" in again.stdout and again.stderr == ""
    log = import_apkg(collection, project / "build" / APKG)
    assert (len(log.new), [n.fields[0] for n in log.updated]) == (0, ["What is SLURM used for?"])
