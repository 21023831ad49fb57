"""Located diagnostics: every problem with a source names its file and line.

Maintainers fix decks from these messages, often in CI logs, so they follow the
compiler convention editors already understand: ``PATH:LINE: error: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


class SourceError(Exception):
    """Bad input that stops a deck from being read or built.

    ``line`` is 1-based; problems with a whole file are reported at line 1.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: error: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class SourceWarning:
    """Something worth a maintainer's attention that does not stop the build."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"
