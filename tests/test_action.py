"""The GitHub Action (``action.yml``), step by step, as far as it runs here: its own
``run`` scripts, as written, in a temporary git repository with a base branch, with
the files and variables a runner gives them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import APKG, ROOT, seed_cards, write_seed

STEPS = [s for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


class Runner:
    """Runs the action's scripts as a runner would: bash -eo pipefail, GITHUB_ENV carried
    from step to step, outputs, a job summary file."""

    def __init__(self, repo: Path, tmp: Path) -> None:
        self.repo, self.tmp = repo, tmp
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_ENV": str(tmp / "env"),
            "GITHUB_OUTPUT": str(tmp / "output"),
            "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"),
            "PATHS": "",
            "STRICT": "false",
            "BASE": "main",
        }
        for name in ("env", "output", "summary.md"):
            (tmp / name).write_text("")

    def step(self, name: str) -> subprocess.CompletedProcess[str]:
        (step,) = [s for s in STEPS if s.get("name", "").startswith(name)]
        ran = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.repo,
            env=self.env,
            capture_output=True,
            text=True,
        )
        for line in (self.tmp / "env").read_text().splitlines():
            key, _, value = line.partition("=")
            self.env[key] = value
        return ran

    @property
    def summary(self) -> str:
        return (self.tmp / "summary.md").read_text()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A deck repository whose main branch was published to its origin, and a pull
    request branch that edits a card and commits the rebuilt deck."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "maintainer@example.com")
    git(work, "config", "user.name", "Maintainer")
    shutil.copytree(ROOT / "source_cards", work / "source_cards")
    subprocess.run([sys.executable, "-m", "ankigen", "build", "-q"], cwd=work, check=True)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "v1")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "-q", "origin", "main")
    git(work, "switch", "-q", "-c", "edit")
    cards = seed_cards()
    cards[0] = (cards[0][0], cards[0][1] + " Edited.")
    write_seed(work, cards)
    subprocess.run([sys.executable, "-m", "ankigen", "build", "-q"], cwd=work, check=True)
    git(work, "commit", "-qam", "v2")
    return work


def test_a_pull_request_with_current_decks(repo: Path, tmp_path: Path) -> None:
    runner = Runner(repo, tmp_path)
    built = runner.step("Build the decks")
    assert built.returncode == 0, built.stderr
    assert "up to date" in built.stdout
    assert (tmp_path / "output").read_text() == "output=build\n"
    assert runner.step("Check that the committed decks are current").returncode == 0
    assert "ANKIGEN_STALE" not in runner.env
    assert runner.step("Preview page").returncode == 0
    assert (repo / "build" / "preview.html").exists()
    diff = runner.step("What this pull request changes")
    assert diff.returncode == 0, diff.stderr
    summary = runner.summary
    assert summary.startswith(f"### `build/{APKG}`\n\n~~~~~~~~diff\n--- build/{APKG} (main)\n")
    assert "~ What is K8S?\n" in summary and "Edited.</p>" in summary
    assert summary.endswith("0 added, 1 changed, 0 removed\n~~~~~~~~\n")  # fenced: no HTML
    assert runner.step("Fail if the committed decks").returncode == 0


def test_decks_not_rebuilt_fail_the_job_after_everything_ran(repo: Path, tmp_path: Path) -> None:
    cards = seed_cards()
    cards[1] = (cards[1][0], "Changed, but the deck was not rebuilt.")
    write_seed(repo, cards)
    git(repo, "commit", "-qam", "v3, no build")
    runner = Runner(repo, tmp_path)
    assert runner.step("Build the decks").returncode == 0
    check = runner.step("Check that the committed decks are current")
    assert check.returncode == 0  # the job goes on: preview, diff and upload still run
    assert check.stdout.startswith("::error::The committed decks are not what the sources produce")
    assert f"build/{APKG}" in check.stdout
    assert runner.env["ANKIGEN_STALE"] == "1"
    assert runner.step("Fail if the committed decks").returncode == 1


def test_warnings_are_annotations_and_strict_fails(repo: Path, tmp_path: Path) -> None:
    (repo / "source_cards" / "extra.txt").write_text("1\nQ\n\nWhat is a Pod?\n\nA\n\n")
    runner = Runner(repo, tmp_path)
    built = runner.step("Build the decks")
    assert (
        "::warning file=source_cards/extra.txt,line=6::card 1 has an empty answer" in built.stderr
    )
    runner.env["STRICT"] = "true"
    strict = runner.step("Build the decks")
    assert strict.returncode == 1
    assert "::error file=source_cards/extra.txt,line=6::card 1 has an empty answer" in strict.stderr


def test_a_broken_diff_fails_the_step(repo: Path, tmp_path: Path) -> None:
    git(repo, "switch", "-q", "main")
    (repo / "build" / APKG).write_bytes(b"not a zip")
    git(repo, "commit", "-qam", "broken base")
    git(repo, "push", "-q", "origin", "main")
    git(repo, "switch", "-q", "edit")
    diff = Runner(repo, tmp_path).step("What this pull request changes")
    assert diff.returncode == 2
    assert "not an Anki package" in diff.stderr


def test_the_workflows_use_current_actions_and_read_only_tokens() -> None:
    uses: list[Any] = [s.get("uses") for s in STEPS if "uses" in s]
    assert uses == ["actions/setup-python@v6", "actions/upload-artifact@v5"]
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {"contents": "read"}, path
        assert "|| true" not in path.read_text(), path
