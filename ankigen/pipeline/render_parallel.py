"""Markdown rendered on every core: a speed trick beside ``render``.

Rendering with markdown-it is three quarters of a build. In a large deck the
texts that need it are rendered by forked copies of the configured parser, one
per core, in chunks; the results are what the parser itself gives (tests hold
the two equal).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Below this many Markdown texts, starting worker processes costs more than it saves.
PARALLEL_MIN = 2000
_CHUNK = 250
_worker_md: MarkdownIt | None = None


def render_in_parallel(
    md: MarkdownIt, texts: list[str], progress: Callable[[str, int, int], None] | None = None
) -> dict[str, str]:
    """``texts`` rendered by forked copies of ``md``, one per core; {} where that would
    not pay (fewer than ``PARALLEL_MIN`` texts) or is not possible (one core, or no
    ``fork``), and the caller renders them itself."""
    global _worker_md
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(texts) < PARALLEL_MIN or cores < 2 or sys.platform != "linux":
        return {}
    import multiprocessing

    _worker_md = md
    try:
        # Ctrl-C is the main process's to handle: it stops the workers (the pool's
        # exit terminates them), and they print nothing of their own.
        with multiprocessing.get_context("fork").Pool(cores, _ignore_interrupts) as pool:
            chunks = [texts[i : i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
            rendered: list[str] = []
            for chunk in pool.imap(_render_chunk, chunks):
                rendered += chunk
                if progress:
                    progress("rendering", len(rendered), len(texts))
            return dict(zip(texts, rendered, strict=True))
    finally:
        _worker_md = None


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # the build turns it off for its own objects; markdown-it's are the workers'


def _render_chunk(texts: list[str]) -> list[str]:
    assert _worker_md is not None, "set before the workers were forked"
    return [str(_worker_md.render(text)).strip() for text in texts]
