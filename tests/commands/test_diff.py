"""``ankigen diff``: what a new version changes, as Anki would see it on import."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import APKG, KEY, SEED, STATE, T1, T2, run, seed_cards, write_seed


@pytest.fixture
def published(project: Path) -> Path:
    """A project whose deck was built and published as v1.apkg."""
    assert run("build", cwd=project, env={"SOURCE_DATE_EPOCH": str(T1)}).returncode == 0
    shutil.copy(project / "build" / APKG, project / "v1.apkg")
    return project


def edit_sources(project: Path) -> None:
    cards = seed_cards()
    cards[0] = (cards[0][0], cards[0][1].replace("AI clusters", "AI and HPC clusters"))
    del cards[6]
    cards.insert(0, ("What is a Pod?", "The smallest deployable unit."))
    write_seed(project, cards)


def test_identical_decks_exit_0(published: Path) -> None:
    result = run("diff", "v1.apkg", f"build/{APKG}", cwd=published)
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "no changes")


def test_changes_against_the_sources_exit_1(published: Path) -> None:
    edit_sources(published)
    result = run(
        "diff", "v1.apkg", "source_cards", cwd=published, env={"SOURCE_DATE_EPOCH": str(T2)}
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        "--- v1.apkg\n"
        "+++ source_cards\n"
        "+ What is a Pod?  [K8S]\n"
        "- Container Engine\n"
        "~ What is K8S?\n"
        "    Answer:\n"
        "      -<p>Kubernetes is an open-source container orchestration system for automating "
        "software deployment, scaling, and management. It is often used in container based "
        "environments that need to scale to meet user needs and is useful for inference in AI "
        "clusters.</p>\n"
        "      +<p>Kubernetes is an open-source container orchestration system for automating "
        "software deployment, scaling, and management. It is often used in container based "
        "environments that need to scale to meet user needs and is useful for inference in AI "
        "and HPC clusters.</p>\n"
        "    tags: +SLURM\n"
        "1 added, 1 changed, 1 removed\n"
    )
    assert not (published / "build" / STATE).read_text().count(str(T2))


def test_json_output(published: Path) -> None:
    edit_sources(published)
    assert run("build", cwd=published, env={"SOURCE_DATE_EPOCH": str(T2)}).returncode == 0
    result = run("diff", "v1.apkg", f"build/{APKG}", "--format", "json", cwd=published)
    data = json.loads(result.stdout)
    assert data["changed"] is True
    assert [n["question"] for n in data["added"]] == ["What is a Pod?"]
    assert [n["question"] for n in data["removed"]] == ["Container Engine"]
    (updated,) = data["updated"]
    assert updated["question"] == "What is K8S?"
    assert list(updated["fields"]) == ["Answer"]
    assert updated["tags"] == {"added": ["SLURM"], "removed": []}
    assert updated["modification_time_not_newer"] is False


def test_warns_about_changes_anki_would_refuse(published: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.apkg"
    with zipfile.ZipFile(published / "v1.apkg") as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as db:
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        for model in models.values():
            model["flds"][0]["name"] = "Front"
        db.execute("UPDATE col SET models = ?", (json.dumps(models),))
        db.execute(
            "UPDATE notes SET flds = 'changed' || flds WHERE id = (SELECT min(id) FROM notes)"
        )
    with zipfile.ZipFile(new, "w") as archive:
        archive.write(tmp_path / "c.anki2", "collection.anki2")
    result = run("diff", str(published / "v1.apkg"), str(new))
    assert result.returncode == 1
    assert "its modification time is not newer: Anki will keep the old note" in result.stdout
    assert (
        "! note type 'ankigen Question/Answer': fields Question, Answer became Front, Answer; "
        "Anki will skip updates to its existing notes (conflicting)"
    ) in result.stdout


def test_bad_input_exits_2(published: Path) -> None:
    result = run("diff", "v1.apkg", "nope.apkg", cwd=published)
    assert (result.returncode, result.stderr) == (2, "nope.apkg: error: no such file\n")
    (published / "two").mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, published / "two" / name)
    two = run("diff", "v1.apkg", "two", cwd=published)
    assert (two.returncode, two.stderr) == (
        2,
        "two: error: holds 2 decks; diff compares one deck at a time\n",
    )


def test_a_likely_rewording_is_flagged_with_its_pin(published: Path) -> None:
    """The built deck is committed, so the build's own warning is long gone by CI's diff."""
    cards = seed_cards()
    cards[2] = ("What is SLURM used for?", cards[2][1])
    write_seed(published, cards)
    assert run("build", cwd=published, env={"SOURCE_DATE_EPOCH": str(T2)}).returncode == 0
    result = run("diff", "v1.apkg", f"build/{APKG}", cwd=published)
    assert result.returncode == 1
    pin = '- {"question": "What is SLURM used for?", "was": "What is SLURM?"}'
    assert (
        "! likely reworded: 'What is SLURM?' became 'What is SLURM used for?'; as it is, "
        "learners get a new card and lose the old one's review history. To keep it, add to "
        f"the deck's .deck.yaml under 'cards:': {pin}\n"
    ) in result.stdout
    data = json.loads(
        run("diff", "v1.apkg", f"build/{APKG}", "--format", "json", cwd=published).stdout
    )
    assert data["reworded"][0]["pin"] == {
        "question": "What is SLURM used for?",
        "was": "What is SLURM?",
    }
    # The pin, applied, is what the diff then shows: one changed note, nothing reworded.
    config = published / "source_cards" / f"{KEY}.deck.yaml"
    assert config.exists()
    config.write_text(config.read_text() + "cards:\n  " + pin + "\n")
    assert run("build", cwd=published, env={"SOURCE_DATE_EPOCH": str(T2 + 1)}).returncode == 0
    after = run("diff", "v1.apkg", f"build/{APKG}", cwd=published)
    assert "likely reworded" not in after.stdout and "0 added, 1 changed, 0 removed" in after.stdout
