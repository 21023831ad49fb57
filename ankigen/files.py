"""Writing output files so that a failed or interrupted build never leaves half a file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half."""
    with staged(path) as partial:
        partial.write_bytes(data)
        publish(partial, path)


def _umask() -> int:
    """The process umask (readable only by setting it), so files get normal permissions."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staged(path: Path, keep: bool = True) -> Iterator[Path]:
    """A temporary file beside ``path`` to write into; it never outlives the block.

    Call ``publish(partial, path)`` inside the block to move it into place. With
    ``keep`` false (a dry run), the file is made in the system's temporary folder
    instead, so nothing is created beside ``path``.
    """
    folder = path.parent if keep else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(partial)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def publish(partial: Path, path: Path) -> None:
    """Move a finished staged file into place, atomically, with normal permissions."""
    os.chmod(partial, 0o666 & ~_umask())
    os.replace(partial, path)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
