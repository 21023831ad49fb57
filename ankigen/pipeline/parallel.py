"""Work shared among the cores: a speed trick beside the steps that use it.

Rendering with markdown-it is three quarters of a large build, and tagging most
of the rest. For a large deck, ``map_in_parallel`` gives each core a share of such
work: forked copies of this process, which inherit the function and the items
(each is sent only where its share begins), send back their results in order.
Those are what the function gives in this process (``tests/pipeline/test_parallel.py``
holds the two equal for rendering and tagging).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_MIN = 2000
_CHUNK = 250
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # for the workers to inherit

T = TypeVar("T")
R = TypeVar("R")


def map_in_parallel(
    function: Callable[[T], R],
    items: Sequence[T],
    progress: Callable[[int, int], None] | None = None,
) -> list[R] | None:
    """``[function(item) for item in items]``, worked out on every core (``progress``
    hears how many are done); None where that would not pay (fewer than
    ``PARALLEL_MIN`` items) or is not possible (one core, or no ``fork``), and the
    caller does the work itself. An error the function raises is raised here."""
    global _work
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if len(items) < PARALLEL_MIN or cores < 2 or sys.platform != "linux":
        return None
    import multiprocessing

    _work = (function, items)
    try:
        # Ctrl-C is the main process's to handle: it stops the workers (the pool's
        # exit terminates them), and they print nothing of their own.
        with multiprocessing.get_context("fork").Pool(cores, _ignore_interrupts) as pool:
            results: list[R] = []
            for chunk in pool.imap(_share, range(0, len(items), _CHUNK)):
                results += chunk
                if progress:
                    progress(len(results), len(items))
            return results
    finally:
        _work = None


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # the build turns it off for its own objects; the work's are the workers'


def _share(start: int) -> list[Any]:
    assert _work is not None, "set before the workers were forked"
    function, items = _work
    return [function(item) for item in items[start : start + _CHUNK]]
