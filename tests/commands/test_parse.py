"""``ankigen parse``: a source read as its configuration says, or as the options say."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run


def cards(stdout: str) -> list[tuple[str, str]]:
    return [(c["question"], c["answer"]) for c in json.loads(stdout)["cards"]]


def test_parse_reads_a_source_as_its_deck_configuration_says(tmp_path: Path) -> None:
    (tmp_path / "de.csv").write_text("Deutsch;English;Level\nHund;dog;A1\n")
    (tmp_path / "de.deck.yaml").write_text(
        "sources:\n  - path: de.csv\n    question: English\n    answer: Deutsch\n    tags: Level\n"
    )
    result = run("parse", str(tmp_path / "de.csv"))
    assert (result.returncode, result.stderr) == (0, "")
    assert cards(result.stdout) == [("dog", "Hund")]
    assert json.loads(result.stdout)["cards"][0]["tags"] == ["A1"]


def test_the_options_try_other_readings(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text("Hund = dog // Katze = cat // ")
    result = run("parse", str(tmp_path / "q.txt"), "--separator", " = ", "--row-separator", " // ")
    assert (result.returncode, result.stderr) == (0, "")
    assert cards(result.stdout) == [("Hund", "dog"), ("Katze", "cat")]
    (tmp_path / "t.csv").write_text("Deutsch,English\nHund,dog\n")
    assert cards(run("parse", str(tmp_path / "t.csv"), "--header").stdout) == [("Hund", "dog")]
    swapped = run(
        "parse", str(tmp_path / "t.csv"), "--no-header", "--question", "2", "--answer", "1"
    )
    assert cards(swapped.stdout) == [("English", "Deutsch"), ("dog", "Hund")]
    assert (
        json.loads(run("parse", str(tmp_path / "t.csv"), "--cells", "html").stdout)["cards"][0][
            "markup"
        ]
        == "html"
    )


def test_a_deck_configuration_is_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1\nQ\nq\nA\na\n")
    (tmp_path / "a.deck.yaml").write_text("sources: [a.txt]\n")
    result = run("parse", str(tmp_path / "a.deck.yaml"))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path / 'a.deck.yaml'}: error: this is a deck configuration; parse one of its "
        f"sources: {tmp_path / 'a.txt'}\n"
    )
