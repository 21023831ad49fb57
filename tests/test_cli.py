"""The command line as a user runs it: real processes, output, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SEED, page


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``ankigen`` as a user would, in its own process."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "ankigen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environment, **(env or {})},
        check=False,
    )


def test_parse_prints_the_documented_json() -> None:
    result = run("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["title", "objectives", "description", "source", "cards"]
    assert data["source"] == str(SEED)
    assert len(data["cards"]) == 9
    first = data["cards"][8]
    assert {"number", "line", "question", "answer"} <= set(first)
    assert first["answer"] == "Runai\nPaperspace\nDeterminedAI"


def test_parse_yaml_matches_json() -> None:
    as_yaml = yaml.safe_load(run("parse", str(SEED), "--format", "yaml").stdout)
    as_json = json.loads(run("parse", str(SEED)).stdout)
    assert as_yaml == as_json


def test_bad_input_exits_1_with_a_located_message_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("Deck\n\n1\nQ\nWhat?\n", encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == f"{path}:3: error: card 1 has no line 'A' between its question and its answer\n"
    )


def test_warnings_go_to_stderr_and_the_deck_still_prints(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text(page([("Show the diagram", "")]), encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0
    assert result.stderr.startswith(f"{path}:8: warning: card 1 has an empty answer")
    assert json.loads(result.stdout)["cards"][0]["answer"] == ""


def test_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(page([("Café?", "oui")]).encode("latin-1"))
    assert run("parse", str(path)).returncode == 1
    result = run("parse", str(path), "--encoding", "latin-1")
    assert json.loads(result.stdout)["cards"][0]["question"] == "Café?"


def test_version_help_and_usage_errors() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("ankigen ")
    assert run("--help").returncode == 0
    assert "parse" in run("--help").stdout
    assert run().returncode == 2
    assert run("parse").returncode == 2
    assert run("parse", str(SEED), "--format", "xml").returncode == 2


def test_a_long_build_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """A progress bar on stderr when it is a terminal and the build takes over a second."""
    import pty

    from benchmarks.corpus import write_corpus

    source = write_corpus(tmp_path / "src", 20000)
    command = [sys.executable, "-m", "ankigen", "build", str(source.parent), "-o"]
    piped = run("build", str(source.parent), "-o", str(tmp_path / "piped"))
    assert piped.returncode == 0
    assert "[" not in piped.stderr

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*command, str(tmp_path / "tty")], stdin=follower, stdout=subprocess.PIPE, stderr=follower
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait() == 0
    os.close(leader)
    assert b"] " in shown and b"#" in shown
    assert shown.endswith(b"\r\x1b[K")  # the bar is cleared before the summary


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be")
    result = run("build", str(SEED), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path / 'out'}")
    assert ": error: " in result.stderr
