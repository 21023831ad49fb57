"""Finding decks: which configurations and sources the paths a user names hold.

A ``.deck.yaml`` file is a deck; a source file belongs to the ``.deck.yaml``
beside it that lists it, else it is a deck of its own with default settings
(keyed by its file name, or by a YAML deck's own ``key``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ankigen.config.deck import CONFIG_SUFFIX, DeckConfig, default_config, load_config
from ankigen.errors import SourceError
from ankigen.sources import SUFFIXES, YAML_SUFFIXES, yaml_deck
from ankigen.sources.decode import decode, read_bytes

# A folder's own papers, never decks: README.md, LICENSE.txt, CHANGELOG.md...
NOT_DECKS = re.compile(r"(?:readme|licen[cs]e|copying|notice|changelog|contributing)\b", re.I)


def find_decks(paths: Iterable[str | Path]) -> list[DeckConfig]:
    """The decks that ``paths`` name: folders are searched, files taken as given."""
    decks: dict[str, DeckConfig] = {}
    folders: dict[Path, tuple[DeckConfig, ...]] = {}  # each folder's .deck.yaml files, read once
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.name.endswith(CONFIG_SUFFIX)
                or (p.suffix.lower() in SUFFIXES and not NOT_DECKS.match(p.name))
            )
        elif path.is_file():
            found = [path]
        else:
            raise SourceError(str(path), 1, "no such file or folder")
        for file in found:
            if file.parent not in folders:
                folders[file.parent] = tuple(
                    load_config(p) for p in sorted(file.parent.glob(f"*{CONFIG_SUFFIX}"))
                )
            config = _config_for(file, folders[file.parent])
            other = next((d for d in decks.values() if d.key == config.key), None)
            if other and other.path != config.path:
                raise SourceError(
                    config.path, 1, f"deck key '{config.key}' is also the key of {other.path}"
                )
            decks[config.path] = config
    return list(decks.values())


def _config_for(file: Path, configs: Sequence[DeckConfig]) -> DeckConfig:
    """The configuration of ``file``, given the ones in its folder."""
    if file.name.endswith(CONFIG_SUFFIX):
        return next(c for c in configs if Path(c.path).resolve() == file.resolve())
    claims = (c for c in configs if file.resolve() in {s.path.resolve() for s in c.sources})
    claimed = next(claims, None)
    if claimed:
        return claimed
    key = _declared_key(file) if file.suffix in YAML_SUFFIXES else None
    return default_config(file, key)


def _declared_key(file: Path) -> str | None:
    """A YAML deck's own key; None if it has none or cannot be read (its build says why)."""
    try:
        return yaml_deck.declared_key(decode(read_bytes(str(file)), str(file)))
    except SourceError:
        return None
