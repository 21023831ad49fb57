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
    assert result.stderr == f"build/{APKG}: out of date: run 'ankigen build'\n"
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
