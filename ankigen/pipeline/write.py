"""Writing a deck's package and state so that a failed or interrupted build never
leaves half a file, and a dry run (``--check``) writes nothing beside them."""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from ankigen.anki import state
from ankigen.errors import SourceError
from ankigen.model import BuiltDeck
from ankigen.pipeline.stamp import Stamps
from ankigen.scratch import prefix


class Status(enum.Enum):
    """What a deck build did."""

    BUILT = "built"  # written
    UP_TO_DATE = "up to date"  # nothing to write
    OUT_OF_DATE = "out of date"  # with --check: a build would write something
    FAILED = "failed"  # an error stopped it; nothing written
    SKIPPED = "skipped"  # not a deck (a file found beside the decks); a warning says why


class Target(NamedTuple):
    """Where a deck's build goes: its package and, beside it, its state."""

    apkg: Path
    state: Path

    @classmethod
    def of(cls, output: Path, key: str) -> Target:
        return cls(output / f"{key}.apkg", output / f"{key}{state.STATE_SUFFIX}")


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
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=folder, prefix=prefix(path.name), suffix=".tmp")
    except OSError as error:
        raise _cannot_write(path, error) from None
    os.close(handle)
    try:
        yield Path(partial)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)


def publish(partial: Path, path: Path) -> None:
    """Move a finished staged file into place, atomically, with normal permissions."""
    try:
        os.chmod(partial, 0o666 & ~_umask())
        os.replace(partial, path)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> SourceError:
    """The error for a file that cannot be written, naming it (not the temporary file)."""
    return SourceError(str(path), None, f"cannot write: {error.strerror or error}")


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def digest_of(path: Path) -> str | None:
    """The SHA-256 of a file, or None when there is none."""
    try:
        return file_digest(path)
    except FileNotFoundError:
        return None


def write_deck(
    deck: BuiltDeck,
    stamps: Stamps,
    positions: Sequence[int],
    record: state.State,
    target: Target,
    check: bool,
    published: str | None,
    last: state.State | None = None,
) -> Status:
    """Write the package and its state to ``target``, each only if it differs from
    what is there; with ``check``, write nothing and say whether a build would.

    ``record`` is the new state but for the package's digest, known once written;
    ``positions`` the notes' places in the order of new cards; ``published`` the
    digest of the package there now (``digest_of``, None for none); ``last`` the state of
    the last build, whose unchanged note records are copied (``state.write``).
    The package is moved into place before its state: if the build is stopped
    between the two, the state no longer matches the package, and the next build
    makes both again.
    """
    from ankigen.anki.package import write_package

    with staged(target.apkg, keep=not check) as apkg, staged(target.state, keep=not check) as rec:
        try:
            write_package(deck, stamps.notes, stamps.note_type, positions, apkg)
        except SourceError as error:  # named by the staged file: name the user's instead
            raise SourceError(str(target.apkg), None, error.message) from None
        package = file_digest(apkg)
        with rec.open("w", encoding="utf-8", newline="\n") as file:
            state.write(record._replace(package=package), file, last)
        stale_apkg = published != package
        stale_state = digest_of(target.state) != file_digest(rec)
        old_format = state.format_1_path(target.state)
        if not (stale_apkg or stale_state or old_format.exists()):
            return Status.UP_TO_DATE
        if check:
            return Status.OUT_OF_DATE
        if stale_apkg:
            publish(apkg, target.apkg)
        if stale_state:
            publish(rec, target.state)
        old_format.unlink(missing_ok=True)
    return Status.BUILT
