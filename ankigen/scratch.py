"""Temporary files and folders, named so that a later build can clear what a killed one left.

A build killed outright (SIGKILL, a power cut) cannot remove its temporary files.
Each name carries the process id of the build that made it, so the next build
removes those whose process is gone, and never a running build's.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_PID = re.compile(r"^(?:ankigen-|\..+\.)(\d+)[-.]")


def prefix(name: str = "") -> str:
    """The start of a temporary name: ``.NAME.PID.`` beside a file, else ``ankigen-PID-``."""
    return f".{name}.{os.getpid()}." if name else f"ankigen-{os.getpid()}-"


@contextlib.contextmanager
def folder() -> Iterator[Path]:
    """A temporary folder in the system's temporary folder, removed after use."""
    with tempfile.TemporaryDirectory(prefix=prefix()) as path:
        yield Path(path)


def remove_stale(where: Path | None = None) -> None:
    """Remove what killed builds left in ``where`` (default: the system's temporary
    folder): temporary files and folders of ours whose process is gone."""
    place = where or Path(tempfile.gettempdir())
    try:
        entries = list(place.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _PID.match(entry.name)
        if match is None or not (entry.name.endswith(".tmp") or entry.name.startswith("ankigen-")):
            continue
        if _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
