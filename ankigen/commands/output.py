"""What the commands print beside their results: errors and warnings, and fields as one line."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ankigen.errors import SourceError, SourceWarning


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` and the like: what comes from
    a package or a source must not drive the terminal (clear it, retitle it, hide text)."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def style(chosen: str | None) -> str:
    """How problems are printed: as chosen, else GitHub annotations on GitHub Actions."""
    return chosen or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def report(
    problems: Iterable[SourceError | SourceWarning], how: str = "text", strict: bool = False
) -> None:
    """Errors and warnings on stderr, one a line, as editors and CI logs understand them:
    ``PATH:LINE: error: ...``, or GitHub's ``::error file=PATH,line=LINE::...``
    annotations, which show on a pull request's lines. ``strict`` makes warnings errors."""
    from ankigen.errors import SourceError

    for problem in problems:
        kind = "error" if strict or isinstance(problem, SourceError) else "warning"
        if how == "github":
            where = f"file={_property(problem.path)}"
            if problem.line is not None:
                where += f",line={problem.line}"
            print(safe(f"::{kind} {where}::{_data(problem.message)}"), file=sys.stderr)
        else:
            place = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
            print(safe(f"{place}: {kind}: {problem.message}"), file=sys.stderr)


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def plain(html: str, width: int = 70) -> str:
    """A field as one line of text, for listings."""
    text = " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())
    return text if len(text) <= width else text[: width - 1] + "…"
