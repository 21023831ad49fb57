"""Located diagnostics: every problem with a source names its file, and its line.

Maintainers fix decks from these messages, often in CI logs, so they follow the
compiler convention editors already understand: ``PATH:LINE: error: message``.
A problem with a path as a whole (a missing file, a file that is not an Anki
package) names no line: ``PATH: error: message``.
"""

from __future__ import annotations

from typing import NamedTuple


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else path


class SourceError(Exception):
    """Bad input that stops a deck from being read or built. ``line`` is 1-based."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{_where(path, line)}: error: {message}")
        self.path = path
        self.line = line
        self.message = message


class NoCards(SourceError):
    """A source with no cards in it: an error for a file the user names, but only a
    warning for one found by searching a folder (a notes.txt beside the decks)."""


class SourceWarning(NamedTuple):
    """Something worth a maintainer's attention that does not stop the build."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: warning: {self.message}"
