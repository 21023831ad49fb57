"""Project settings: ``[tool.ankigen]`` in ``pyproject.toml``, or an ``ankigen.toml``.

Found as ruff finds its settings: in the current folder or the nearest folder
above it that has one (an ``ankigen.toml`` first, then a ``pyproject.toml``
with a ``[tool.ankigen]`` table). Paths in it are relative to its folder. The
command line's own options win over it.

    [tool.ankigen]
    sources = ["source_cards"]   # where the decks are
    output = "build"             # where built decks go
    exclude = ["source_cards/drafts", "*.draft.md"]  # not read: paths from here, or names
    strict = false               # every warning an error
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import NamedTuple

from ankigen.errors import SourceError

FILES = ("ankigen.toml", "pyproject.toml")


class Project(NamedTuple):
    """Where a project's decks are and go, and how strictly they are built.

    ``path`` is the settings file (None when there is none, and these are the
    defaults).
    """

    sources: tuple[Path, ...] = (Path("source_cards"),)
    output: Path = Path("build")
    exclude: tuple[str, ...] = ()
    strict: bool = False
    path: Path | None = None


def find_project(start: Path | None = None) -> Project:
    """The settings that apply in ``start`` (default: the current folder)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in FILES:
            path = candidate / name
            if path.is_file():
                project = load_project(path)
                if project is not None:
                    return project
    return Project()


def load_project(path: Path) -> Project | None:
    """The settings in ``path``; None for a ``pyproject.toml`` without ``[tool.ankigen]``."""
    import tomllib  # only when there is a file: a build without one starts sooner

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(str(path), None, f"cannot read the settings: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SourceError(str(path), None, f"not valid TOML: {error}") from None
    table = data if path.name == "ankigen.toml" else data.get("tool", {}).get("ankigen")
    if table is None:
        return None
    where = "" if path.name == "ankigen.toml" else "[tool.ankigen] "
    folder = Path(os.path.relpath(path.parent))  # messages name paths as the user sees them

    def fail(key: str, message: str) -> SourceError:
        found = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        return SourceError(str(path), line, f"{where}'{key}' {message}")

    def paths(key: str) -> list[str]:
        value = table.get(key)
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a path or a list of paths")
        return value

    known = {"sources", "output", "exclude", "strict"}
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise fail(key, f"is not a setting{hint}; the settings are {', '.join(sorted(known))}")
    values: dict[str, object] = {"path": path}
    if "sources" in table:
        values["sources"] = tuple(folder / p for p in paths("sources"))
    if "output" in table:
        if not isinstance(table["output"], str):
            raise fail("output", "must be a folder's path")
        values["output"] = folder / table["output"]
    if "exclude" in table:
        # A pattern with a folder in it is a path from the project's folder.
        values["exclude"] = tuple(
            (folder / p).as_posix() if "/" in p else p for p in paths("exclude")
        )
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise fail("strict", "must be true or false")
        values["strict"] = table["strict"]
    return Project(**values)  # type: ignore[arg-type]
