"""``ankigen preview --watch``: served on 127.0.0.1, remade when a source changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import page

pytest.importorskip("watchfiles")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


def wait_for(check: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def test_the_served_preview_follows_its_sources(tmp_path: Path) -> None:
    source = tmp_path / "source_cards" / "pods.txt"
    source.parent.mkdir()
    source.write_text(page([("What is a Pod?", "The smallest unit.")]))
    server = subprocess.Popen(
        [sys.executable, "-m", "ankigen", "preview", "--watch", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline(), server.stdout.readline()]
        assert lines[0] == "preview remade: 1 cards from 1 decks\n"
        assert lines[1].startswith("serving the preview on http://127.0.0.1:")
        url = lines[1].split()[4]
        assert "What is a Pod?" in get(url) and get(url + "version") == "1"

        source.write_text(page([("What is a Pod, exactly?", "The smallest unit.")]))
        wait_for(lambda: get(url + "version") == "2")
        assert "What is a Pod, exactly?" in get(url)

        source.write_text("1\nQ\n\n\n\nA\n\nan answer to nothing\n")  # an empty question
        wait_for(lambda: get(url + "version") == "3")
        shown = get(url)
        assert "The preview cannot be made" in shown and "pods.txt:" in shown
        assert "setInterval" in shown  # it reloads itself once the source is fixed
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) == 0
        assert server.stderr is not None
        assert "error: " in server.stderr.read()  # the broken source, said on the terminal too
