"""A progress bar on stderr, for builds long enough to wonder about.

It appears only when stderr is a terminal and the work has run for more than
about a second, so quick builds, pipes and CI logs stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0
WIDTH = 28


class ProgressBar:
    """A ``pipeline.build.Progress`` that draws a bar; ``close`` clears it."""

    def __init__(self, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, label: str, done: int, total: int) -> None:
        """Report ``done`` of ``total`` steps of the stage ``label``."""
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        filled = WIDTH * done // total if total else WIDTH
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r{label} [{bar}] {done}/{total}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the bar, so the summary lines that follow start clean."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
