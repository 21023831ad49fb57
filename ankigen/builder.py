"""``ankigen build``: find decks, then read → tag → render → package each one.

This module wires the stages together; each stage lives in its own module and
knows nothing of the ones after it.
"""

from __future__ import annotations

import functools
import html
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ankigen.config import CONFIG_SUFFIX, DeckConfig, default_config, load_config
from ankigen.errors import SourceError, SourceWarning
from ankigen.model import BuiltDeck, Card, Deck, Note
from ankigen.sources import SUFFIXES, parse_file

DEFAULT_SOURCES = Path("source_cards")
DEFAULT_OUTPUT = Path("build")


@dataclass(frozen=True)
class BuildResult:
    """What a deck build produced, for the maintainer's summary."""

    name: str
    output: Path
    cards: int
    tag_counts: dict[str, int]
    warnings: tuple[SourceWarning, ...]

    def summary(self) -> str:
        tags = ", ".join(f"{tag} {count}" for tag, count in self.tag_counts.items())
        return f"{self.output}: {self.name}: {self.cards} cards; tags: {tags or 'none'}"


def build(
    paths: Sequence[str | Path] = (DEFAULT_SOURCES,), output: str | Path = DEFAULT_OUTPUT
) -> list[BuildResult]:
    """Build every deck found under ``paths`` into ``output``; raise SourceError on bad input."""
    return [build_deck(config, Path(output)) for config in find_decks(paths)]


def find_decks(paths: Iterable[str | Path]) -> list[DeckConfig]:
    """The decks that ``paths`` name: folders are searched, files taken as given.

    A ``.deck.yaml`` file is a deck; a source file belongs to the ``.deck.yaml``
    beside it that lists it, else it is a deck of its own with default settings.
    """
    decks: dict[str, DeckConfig] = {}
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.name.endswith(CONFIG_SUFFIX) or p.suffix in SUFFIXES
            )
        elif path.is_file():
            found = [path]
        else:
            raise SourceError(str(path), 1, "no such file or folder")
        for file in found:
            config = _config_for(file)
            other = next((d for d in decks.values() if d.key == config.key), None)
            if other and other.path != config.path:
                raise SourceError(
                    config.path, 1, f"deck key '{config.key}' is also the key of {other.path}"
                )
            decks[config.path] = config
    return list(decks.values())


@functools.cache
def _configs_in(folder: Path) -> tuple[DeckConfig, ...]:
    return tuple(load_config(path) for path in sorted(folder.glob(f"*{CONFIG_SUFFIX}")))


def _config_for(file: Path) -> DeckConfig:
    configs = _configs_in(file.parent)
    if file.name.endswith(CONFIG_SUFFIX):
        return next(c for c in configs if Path(c.path).resolve() == file.resolve())
    claims = (c for c in configs if file.resolve() in {s.resolve() for s in c.sources})
    return next(claims, None) or default_config(file)


def build_deck(config: DeckConfig, output: Path) -> BuildResult:
    """Read, tag, render and package one deck; nothing is written if any step fails."""
    from ankigen.identity import deck_id, note_guid
    from ankigen.package import write_package
    from ankigen.render import Renderer
    from ankigen.tagging import tag_cards

    decks = [parse_file(source) for source in config.sources]
    cards = tag_cards([card for deck in decks for card in deck.cards], config)
    _check_unique(decks)
    render = Renderer()
    timestamp = _now()
    notes = tuple(
        Note(
            guid=note_guid(config.key, card.question),
            question=render(card.question),
            answer=render(card.answer),
            tags=card.tags,
            mod=timestamp,
        )
        for card in cards
    )
    name = config.name or decks[0].title
    path = output / f"{config.key}.apkg"
    write_package(
        BuiltDeck(
            name=name,
            deck_id=deck_id(config.key),
            description=_description(config, decks[0], render),
            notes=notes,
            note_type_mod=timestamp,
        ),
        path,
    )
    return BuildResult(
        name=name,
        output=path,
        cards=len(cards),
        tag_counts=dict(sorted(Counter(tag for card in cards for tag in card.tags).items())),
        warnings=tuple(w for deck in decks for w in deck.warnings),
    )


def _now() -> int:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise SourceError("SOURCE_DATE_EPOCH", 1, f"must be whole seconds, not {epoch!r}")
        return int(epoch)
    return int(time.time())


def _check_unique(decks: Sequence[Deck]) -> None:
    """Questions identify notes, so a question may appear once in the whole deck."""
    from ankigen.sources.flashcard_page import normalise_question

    seen: dict[str, tuple[str, Card]] = {}
    for deck in decks:
        for card in deck.cards:
            source, first = seen.setdefault(normalise_question(card.question), (deck.source, card))
            if first is not card:
                raise SourceError(
                    deck.source,
                    card.line,
                    f"card {card.number} has the same question as card {first.number} "
                    f"({source}:{first.line})",
                )


def _description(config: DeckConfig, deck: Deck, render: Callable[[str], str]) -> str:
    """The deck description Anki shows before study: configured, else objectives."""
    if config.description:
        return render(config.description)
    parts = [f"<p>{html.escape(deck.description)}</p>"] if deck.description else []
    if deck.objectives:
        items = "".join(f"<li>{html.escape(item)}</li>" for item in deck.objectives)
        parts.append(f"<p>Objectives:</p><ul>{items}</ul>")
    return "\n".join(parts)
