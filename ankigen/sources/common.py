"""What every source format shares."""

from __future__ import annotations

from ankigen.errors import SourceError
from ankigen.model import tag_problem


def trim(text: str) -> str:
    """Text with trailing spaces and outer blank lines removed; inner lines as they are."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def stem(source: str) -> str:
    """A source's file name without its suffix: the deck's name when nothing names it."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def checked_tag(tag: str, source: str, line: int) -> str:
    """``tag``, if Anki keeps it as it is; else a SourceError at ``line``."""
    problem = tag_problem(tag)
    if problem:
        raise SourceError(source, line, problem)
    return tag
