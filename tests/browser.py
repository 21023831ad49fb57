"""Headless Chromium for tests: load a page, let its script measure, read the result.

The page writes its findings as JSON into ``<pre id="result">``; Chromium's
``--dump-dom`` prints the DOM after scripts ran. No driver or extra package.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def _run(page: Path, width: int, *args: str) -> tuple[str, str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "--virtual-time-budget=3000",
                "--enable-logging=stderr",
                "--v=0",
                *args,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return result.stdout, result.stderr


def console_errors(log: str) -> list[str]:
    """Script errors the page raised, from Chromium's log."""
    return [line for line in log.splitlines() if "CONSOLE" in line and "Uncaught" in line]


def measure(page: Path, width: int) -> Any:
    """Load ``page`` at ``width`` CSS px and return the JSON its script left behind.

    The page's script errors, if any, are in the result as ``console_errors``.
    """
    dom, log = _run(page, width, "--dump-dom")
    start = dom.index('<pre id="result">') + len('<pre id="result">')
    end = dom.index("</pre>", start)
    text = dom[start:end].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    result = json.loads(text)
    result["console_errors"] = console_errors(log)
    return result
