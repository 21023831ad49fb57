"""Ctrl-C in the middle of a build: it ends at once, says so in one line, leaves nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ankigen.pipeline.render_parallel import PARALLEL_MIN
from tests.conftest import page


def workers_of(pid: int) -> list[int]:
    """The forked workers of process ``pid``: its children running its own command line
    (not the ``git check-ignore`` that discovery runs for a moment)."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for child in children(pid):
        with contextlib.suppress(OSError):
            if Path(f"/proc/{child}/cmdline").read_bytes() == command:
                found.append(child)
    return found


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_ctrl_c_while_rendering_on_every_core(tmp_path: Path) -> None:
    """Twice in 22 tries the build once waited for ever on dead workers; in five more,
    the workers printed tracebacks."""
    cards = [
        (f"Question {i}?", f"* **bold** {i}\n* `code` {i}\n\n> quote {i}")
        for i in range(4 * PARALLEL_MIN)
    ]
    (tmp_path / "source_cards").mkdir()
    (tmp_path / "source_cards" / "big.txt").write_text(page(cards))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    build = subprocess.Popen(
        [sys.executable, "-m", "ankigen", "build"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
        workers = workers_of(build.pid)
    assert workers, f"the workers never started: {build.poll()=}"
    time.sleep(0.2)
    build.send_signal(signal.SIGINT)
    for worker in workers:  # a terminal's Ctrl-C reaches the workers too
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGINT)
    out, err = build.communicate(timeout=20)
    assert build.returncode == 130
    assert err == (
        "ankigen: interrupted: decks finished before it are written; the one in progress "
        "and any after it are left as they were\n"
    )
    assert out == ""
    for worker in workers:
        assert (
            not Path(f"/proc/{worker}").exists()
            or "Z" in Path(f"/proc/{worker}/stat").read_text().split()[2]
        )
    assert not (tmp_path / "build").exists() or list((tmp_path / "build").iterdir()) == []
