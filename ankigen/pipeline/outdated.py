"""Whether a deck needs building: a digest of everything it is built from.

That is ankigen's version, the deck configuration, every source, the note
type (its templates and style), and the images the last build packed. When the digest is the
one the last build recorded and its package is still the one on disk, there is
nothing to do, and that is found without reading a card.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ankigen.anki.state import State, digest
from ankigen.config.deck import CONFIG_SUFFIX, DeckConfig
from ankigen.version import VERSION


def inputs(config: DeckConfig, settings: str, note_type: str) -> list[str]:
    """What a deck is built from, as digests: ankigen, configuration (``settings``,
    its ``config_digest``), sources, and the note type (``note_type``, its hash).

    Each file is read once here (a large source is tens of MB).
    """
    parts = [f"ankigen {VERSION}", config.key, settings]
    for source in config.sources:
        parts += [source.path.name, digest(_read(source.path))]
    parts.append(note_type)
    return parts


def config_digest(config: DeckConfig) -> str:
    """A digest of the deck's configuration file ('' for a deck without one)."""
    if not config.path.endswith(CONFIG_SUFFIX):
        return ""
    return digest(_read(Path(config.path)))[:16]


def fingerprint(config: DeckConfig, parts: list[str], media: Iterable[str]) -> str:
    """One digest of ``parts`` (``inputs``) and the images the deck used (``media``,
    relative to its configuration's folder)."""
    folder = Path(config.path).parent
    everything = list(parts)
    for name in media:
        everything += [name, digest(_read(folder / name))]
    return digest("\x1f".join(everything).encode())[:16]


def is_current(
    config: DeckConfig, parts: list[str], last: State | None, published: str | None
) -> bool:
    """Whether the last build (``last``, its state's head) is what ``parts`` would build,
    and its package (digest ``published``) is still the one it wrote."""
    return (
        last is not None
        and last.package == published
        and last.inputs == fingerprint(config, parts, last.media)
    )


def _read(path: Path) -> bytes:
    """A file's bytes for a digest; b'' for one that cannot be read (reading it to
    build the deck then says why)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""
