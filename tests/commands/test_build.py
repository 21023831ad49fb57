"""``ankigen build`` in a maintainer's project: its settings, --strict and CI annotations."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import page, run

WARNED = page([("What is a Pod?", ""), ("What is a Node?", "A machine.")])  # an empty answer


def test_the_project_settings_say_where_decks_are_and_go(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ankigen]\nsources = ["decks"]\noutput = "public"\nexclude = ["decks/drafts"]\n'
    )
    (tmp_path / "decks" / "drafts").mkdir(parents=True)
    (tmp_path / "decks" / "k8s.txt").write_text(page([("What is a Pod?", "A unit.")]))
    (tmp_path / "decks" / "drafts" / "wip.txt").write_text("not a deck yet\n")
    result = run("build", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("public/k8s.apkg: Test Deck Flashcards: built (1 added)")
    assert run("build", "-o", "elsewhere", cwd=tmp_path).stdout.startswith("elsewhere/k8s.apkg")
    preview = run("preview", cwd=tmp_path)
    assert preview.stdout == "public/preview.html: 1 cards from 1 decks\n"


def test_strict_makes_warnings_errors_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "source_cards").mkdir()
    (tmp_path / "source_cards" / "d.txt").write_text(WARNED)
    result = run("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "source_cards/d.txt:8: error: card 1 has an empty answer (an image on the page?); "
        "kept with an empty answer",
        "source_cards/d.txt: error: not built: 1 warning(s), and strict",
    ]
    assert not (tmp_path / "build").exists()
    # Built without it, the warning stays with the deck: a strict check still fails.
    assert run("build", cwd=tmp_path).returncode == 0
    (tmp_path / "ankigen.toml").write_text("strict = true\n")
    check = run("build", "--check", cwd=tmp_path)
    assert check.returncode == 1 and "d.txt:8: error: card 1 has an empty answer" in check.stderr


def test_problems_as_github_annotations(tmp_path: Path) -> None:
    (tmp_path / "source_cards").mkdir()
    (tmp_path / "source_cards" / "d.txt").write_text(WARNED)
    (tmp_path / "source_cards" / "bad.yaml").write_text("cards:\n  - question: q\n")
    result = run("build", "--format", "github", cwd=tmp_path)
    lines = result.stderr.splitlines()
    warning = "::warning file=source_cards/d.txt,line=8::card 1 has an empty answer"
    assert any(line.startswith(warning) for line in lines), lines
    error = "::error file=source_cards/bad.yaml,line=2::card 1 needs the key 'answer'"
    assert error in lines
    on_actions = run("build", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert (on_actions.returncode, on_actions.stderr) == (1, result.stderr)
    text = run("build", "--format", "text", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert text.stderr.startswith("source_cards/")
