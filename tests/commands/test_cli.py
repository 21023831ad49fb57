"""The command line as a user runs it: output, exit codes, and a process of its own."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import SEED, page, run, run_process


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


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder should be")
    result = run("build", str(SEED), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path / 'out'}")
    assert ": error: " in result.stderr


def test_an_unknown_option_shows_the_commands_own_usage() -> None:
    result = run("build", "--bogus")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: ankigen build ")
    assert "ankigen build: error: unrecognized arguments: --bogus" in result.stderr


def test_every_argument_says_what_it_takes() -> None:
    """Each positional argument and option has help, and an option with a default says it."""
    from ankigen.commands.cli import _commands, parser

    for name, command in _commands(parser()).items():
        for action in command._actions:
            if action.dest == "help":
                continue
            assert action.help, (name, action.dest)
            if action.default not in (None, False) and action.option_strings:
                assert "default" in action.help, (name, action.dest)


def test_files_that_cannot_be_used_are_named_as_given(tmp_path: Path) -> None:
    inspect = run("inspect", str(tmp_path))
    assert (inspect.returncode, inspect.stderr) == (
        1,
        f"{tmp_path}: error: is a folder; give an .apkg file\n",
    )
    preview = run("preview", str(SEED), "-o", str(tmp_path))
    assert (preview.returncode, preview.stderr) == (
        1,
        f"{tmp_path}: error: cannot write: Is a directory\n",
    )


def test_the_installed_command_runs_in_a_process_of_its_own(tmp_path: Path) -> None:
    """``python -m ankigen`` as a shell runs it: the entry point, exit codes, no traceback."""
    version = run_process("--version")
    assert (version.returncode, version.stdout.startswith("ankigen 0.")) == (0, True)
    (tmp_path / "bad.txt").write_text("no cards\n")
    bad = run_process("parse", str(tmp_path / "bad.txt"))
    assert bad.returncode == 1
    assert bad.stderr.startswith(f"{tmp_path / 'bad.txt'}:1: error: no cards found")
