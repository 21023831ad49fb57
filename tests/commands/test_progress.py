"""The progress bar: on a terminal, after a delay, and cleared before the summary."""

from __future__ import annotations

import io
from pathlib import Path

from ankigen.commands.progress import ProgressBar
from ankigen.config.deck import default_config
from ankigen.pipeline.build import build_deck
from tests.conftest import SEED, run


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a user's stderr is."""

    def isatty(self) -> bool:
        return True


def test_a_build_on_a_terminal_shows_a_bar_and_clears_it(tmp_path: Path) -> None:
    terminal = Terminal()
    bar = ProgressBar(terminal, delay=0)
    build_deck(default_config(SEED), tmp_path, progress=bar)
    bar.close()
    shown = terminal.getvalue()
    assert "\rreading unit14-orchestration-mlops-job-scheduling.txt [" in shown
    assert f"\rrendering [{'#' * 28}] 9/9" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is cleared before the summary


def test_no_bar_before_the_delay_or_off_a_terminal() -> None:
    quick = Terminal()
    ProgressBar(quick, delay=60)("rendering", 1, 2)
    piped = io.StringIO()
    ProgressBar(piped, delay=0)("rendering", 1, 2)
    assert quick.getvalue() == piped.getvalue() == ""


def test_the_command_draws_no_bar_into_a_pipe(tmp_path: Path) -> None:
    result = run("build", str(SEED), "-o", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr == ""
