"""Finding decks: which configurations and sources the paths a user names hold.

A ``.deck.yaml`` file is a deck; a source file belongs to the ``.deck.yaml``
beside it that lists it, else it is a deck of its own with default settings
(keyed by its file name, or by a YAML deck's own ``key``).

Searching a folder skips what is not the user's material: hidden files and
folders, virtual environments, ``node_modules``, ankigen's own build folders,
what git ignores, what the ``exclude`` patterns name, and a folder's own papers
(README, LICENSE...).
Every other file that is neither a source, a configuration nor a media file is
named in a warning, so nothing is left out without a word. A problem that
concerns some decks (a broken configuration, two decks with one key) stops
only those.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ankigen.anki.state import STATE_SUFFIX
from ankigen.config.deck import CONFIG_SUFFIX, DeckConfig, default_config, load_config
from ankigen.errors import SourceError, SourceWarning
from ankigen.model import IMAGE_SUFFIXES, SOUND_SUFFIXES
from ankigen.sources import SUFFIXES, YAML_SUFFIXES, yaml_deck
from ankigen.sources.decode import decode, read_bytes

# A folder's own papers, never decks: README.md, LICENSE.txt, CHANGELOG.md...
NOT_DECKS = re.compile(r"(?:readme|licen[cs]e|copying|notice|changelog|contributing)\b", re.I)
_SKIPPED_FOLDERS = {"node_modules", "__pycache__", "site-packages"}


class Found:
    """The decks found, problems that stop some of them, and files not read."""

    def __init__(self) -> None:
        self.decks: list[DeckConfig] = []
        self.problems: list[SourceError] = []
        self.warnings: list[SourceWarning] = []


def find_decks(paths: Iterable[str | Path], exclude: Sequence[str] = ()) -> Found:
    """The decks that ``paths`` name: folders are searched, files taken as given.

    A path that does not exist is an error for the whole run (a mistyped
    argument): it raises SourceError.
    """
    found = Found()
    configs: dict[Path, tuple[tuple[DeckConfig, ...], dict[Path, str]]] = {}  # read once a folder
    decks: dict[str, DeckConfig] = {}
    for path in map(Path, paths):
        if path.is_dir():
            files = _search(path, exclude, found)
            searched = True
        elif path.is_file():
            files, searched = [path], False
        else:
            raise SourceError(str(path), None, "no such file or folder")
        for file in files:
            if file.parent not in configs:
                configs[file.parent] = _configs(file.parent, found)
            good, broken = configs[file.parent]
            config = _config_for(file, good, broken)
            if config is not None:
                decks.setdefault(config.path, config._replace(searched=searched))
            elif file.resolve() not in broken:
                found.warnings.append(
                    SourceWarning(
                        str(file),
                        None,
                        "not built: the deck configuration beside it that names it has an error",
                    )
                )
    by_key: dict[str, list[DeckConfig]] = {}
    for config in decks.values():
        by_key.setdefault(config.key, []).append(config)
    for key, same in by_key.items():
        if len(same) == 1:
            found.decks.append(same[0])
            continue
        for config in same:
            others = ", ".join(c.path for c in same if c is not config)
            found.problems.append(
                SourceError(config.path, None, f"deck key '{key}' is also the key of {others}")
            )
    return found


def _search(folder: Path, exclude: Sequence[str], found: Found) -> list[Path]:
    """The sources and configurations under ``folder``; other files are warned about."""
    candidates = []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED_FOLDERS
            and not (here / d / "pyvenv.cfg").exists()
            and not any((here / d).glob(f"*{STATE_SUFFIX}"))  # an ankigen build folder
            and not _excluded(here / d, folder, exclude)
        )
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or _excluded(path, folder, exclude):
                continue
            candidates.append(path)
    ignored = _git_ignored(folder, candidates)
    files = []
    for path in candidates:
        if path in ignored:
            continue
        suffix = path.suffix.lower()
        if path.name.endswith(CONFIG_SUFFIX) or (
            suffix in SUFFIXES and not NOT_DECKS.match(path.name)
        ):
            files.append(path)
        elif suffix not in (*IMAGE_SUFFIXES, *SOUND_SUFFIXES) and not NOT_DECKS.match(path.name):
            found.warnings.append(
                SourceWarning(
                    str(path),
                    None,
                    "not read: ankigen reads .txt, .csv, .tsv, .md, .yaml and .json sources and "
                    ".deck.yaml configurations (a source of another kind can be listed in one)",
                )
            )
    return files


def _excluded(path: Path, folder: Path, patterns: Sequence[str]) -> bool:
    """Whether a pattern matches ``path``'s name, its path from the folder searched, or
    its path as given (from the current folder)."""
    names = (path.name, path.relative_to(folder).as_posix(), path.as_posix())
    return any(fnmatch.fnmatch(name, p) for p in patterns for name in names)


def _git_ignored(folder: Path, paths: list[Path]) -> set[Path]:
    """Which of ``paths`` git ignores, when ``folder`` is in a git work tree."""
    if not paths:
        return set()
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "--stdin", "-z"],
            input="\0".join(str(p.resolve()) for p in paths),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if result.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    ignored = {Path(name) for name in result.stdout.split("\0") if name}
    return {p for p in paths if p.resolve() in ignored}


def _configs(folder: Path, found: Found) -> tuple[tuple[DeckConfig, ...], dict[Path, str]]:
    """The configurations in ``folder``, and the text of those that could not be read
    (their problems reported)."""
    configs, broken = [], {}
    for path in sorted(folder.glob(f"*{CONFIG_SUFFIX}")):
        try:
            configs.append(load_config(path))
        except SourceError as error:
            found.problems.append(error)
            try:
                broken[path.resolve()] = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                broken[path.resolve()] = ""
    return tuple(configs), broken


def _config_for(
    file: Path, configs: Sequence[DeckConfig], broken: Mapping[Path, str]
) -> DeckConfig | None:
    """The configuration of ``file``, given the ones in its folder; None when that is a
    configuration that could not be read (its problem is reported already), or a
    source that such a configuration names (its own name's source, or one in its text)."""
    if file.resolve() in broken:
        return None
    if file.name.endswith(CONFIG_SUFFIX):
        return next(c for c in configs if Path(c.path).resolve() == file.resolve())
    claims = (c for c in configs if file.resolve() in {s.path.resolve() for s in c.sources})
    claimed = next(claims, None)
    if claimed:
        return claimed
    for path, text in broken.items():
        if file.name in text or file.stem == path.name.removesuffix(CONFIG_SUFFIX):
            return None  # it belongs, most likely, to the broken configuration
    key = _declared_key(file) if file.suffix in YAML_SUFFIXES else None
    return default_config(file, key)


def _declared_key(file: Path) -> str | None:
    """A YAML deck's own key; None if it has none or cannot be read (its build says why)."""
    try:
        return yaml_deck.declared_key(decode(read_bytes(str(file)), str(file)))
    except SourceError:
        return None
