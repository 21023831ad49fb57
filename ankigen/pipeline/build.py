"""``ankigen build``: each deck through the pipeline's steps, in order.

This module only wires the steps; each lives in a module of its own and knows
nothing of the ones after it.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ankigen import scratch
from ankigen.anki import state
from ankigen.anki.notetype import BY_ID, note_type_hash
from ankigen.config.deck import DeckConfig
from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import (
    BuiltDeck,
    Card,
    Deck,
    Note,
    content_hash,
    name_problem,
    normalise_question,
)
from ankigen.pipeline import identity, kind, order, outdated, report, reuse, stamp, tag
from ankigen.pipeline.discover import find_decks
from ankigen.pipeline.render import Renderer
from ankigen.pipeline.report import BuildResult
from ankigen.pipeline.write import Status, Target, digest_of, write_deck
from ankigen.sources import read_source

__all__ = ["BuildResult", "Progress", "build", "build_deck", "prepare"]

DEFAULT_SOURCES = Path("source_cards")
DEFAULT_OUTPUT = Path("build")

Progress = Callable[[str, int, int], None]
"""Hears how a build goes: ``progress(stage, done, total)``."""


def build(
    paths: Sequence[str | Path] = (DEFAULT_SOURCES,),
    output: str | Path = DEFAULT_OUTPUT,
    check: bool = False,
    progress: Progress | None = None,
    exclude: Sequence[str] = (),
    strict: bool = False,
) -> list[BuildResult]:
    """Build every deck found under ``paths`` into ``output``, as ``ankigen build`` does.

    A deck that fails does not stop the others: its result carries the error
    (status ``FAILED``), and nothing of it is written. A file found beside the
    decks that holds no cards, or that ankigen does not read, is a result of its
    own (``SKIPPED``) with a warning. With ``strict``, a deck with warnings fails.
    A path that does not exist raises SourceError.
    """
    if isinstance(paths, (str, Path)):
        raise TypeError(f"paths must be a list of paths, not one path: [{str(paths)!r}]")
    for folder in (None, Path(output)):  # what killed builds left behind
        scratch.remove_stale(folder)
    found = find_decks(paths, exclude)
    results = [_skipped(warning) for warning in found.warnings]
    results += [_failed(error.path, error) for error in found.problems]
    with _without_cycle_collection():
        for config in found.decks:
            results.append(_build_or_fail(config, Path(output), check, progress, strict))
    return results


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A build makes hundreds of thousands of objects (cards, notes, states) that live
    until it ends and refer to one another in no cycle: the cyclic garbage collector
    would only walk them over and over (a sixth of a one-edit rebuild of 100,000
    cards; ``benchmarks/README.md``). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_or_fail(
    config: DeckConfig, output: Path, check: bool, progress: Progress | None, strict: bool
) -> BuildResult:
    """One deck's result: built, or failed (or skipped) with its error."""
    try:
        return build_deck(config, output, check, progress, strict)
    except NoCards as error:
        if not config.searched:
            return _failed(config.path, error)
        warning = SourceWarning(error.path, error.line, f"not a deck: {error.message}")
        return _skipped(warning)
    except SourceError as error:
        return _failed(config.path, error)
    except OSError as error:  # the disk, not the input; the other decks go on
        where = str(error.filename or config.path)
        return _failed(config.path, SourceError(where, None, str(error.strerror)))


def _failed(path: str, error: SourceError) -> BuildResult:
    return BuildResult(name=path, output=None, status=Status.FAILED, error=error)


def _too_strict(config: DeckConfig, warnings: Sequence[SourceWarning]) -> BuildResult:
    error = SourceError(config.path, None, f"not built: {len(warnings)} warning(s), and strict")
    return BuildResult(config.path, None, Status.FAILED, warnings=tuple(warnings), error=error)


def _skipped(warning: SourceWarning) -> BuildResult:
    return BuildResult(name=warning.path, output=None, status=Status.SKIPPED, warnings=(warning,))


def build_deck(
    config: DeckConfig,
    output: Path,
    check: bool = False,
    progress: Progress | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build one deck into ``output``: the .apkg and its state file beside it.

    Nothing is written when any step fails, when the inputs are those of the
    last build, when ``check`` is set (then the result says whether a build
    would write anything), or when ``strict`` is and the deck has warnings.
    """
    target = Target.of(output, config.key)
    settings = outdated.config_digest(config)
    type_hash = note_type_hash()
    inputs = outdated.inputs(config, settings, type_hash)
    published = digest_of(target.apkg)
    last = state.load_head(target.state)
    if last is not None and outdated.is_current(config, inputs, last, published):
        if strict and last.warnings:
            return _too_strict(config, last.warnings)
        return report.result(last, target.apkg, Status.UP_TO_DATE, warnings=last.warnings)

    previous = state.load(target.state)
    sources = _read(config, progress)
    cards = tuple(card for deck in sources for card in deck.cards)
    split = reuse.split(cards, previous, target.apkg, published, settings)
    renderer = _renderer(config)
    notes = split.merge(make_notes(split.fresh, config, renderer, progress, previous))
    tag.check_overrides(cards, config)
    identity.check_distinct(cards, notes, config)
    deck = _deck(config, sources, notes, renderer)
    stamps = stamp.stamp(cards, notes, previous, type_hash, stamp.build_time())
    places = order.positions([note.guid for note in notes], previous)
    warnings = report.warnings(config, sources, cards, notes, previous, deck.name, places)
    warnings += renderer.warnings
    if strict and warnings:
        return _too_strict(config, warnings)
    record = _record(config, inputs, deck, cards, stamps, places.positions, type_hash, settings)
    record = record._replace(warnings=tuple(warnings))
    if progress:
        progress(f"writing {target.apkg.name}", 0, 1)
    status = write_deck(deck, stamps, places.positions, record, target, check, published, previous)
    return report.result(record, target.apkg, status, stamps.changes, warnings)


def prepare(config: DeckConfig, progress: Progress | None = None) -> tuple[list[Deck], BuiltDeck]:
    """A deck's sources, and the deck as Anki will see it, made from scratch (for a
    preview: no reuse, no modification times)."""
    sources = _read(config, progress)
    cards = tuple(card for deck in sources for card in deck.cards)
    renderer = _renderer(config)
    notes = make_notes(cards, config, renderer, progress)
    tag.check_overrides(cards, config)
    identity.check_distinct(cards, notes, config)
    return sources, _deck(config, sources, notes, renderer)


def make_notes(
    cards: Sequence[Card],
    config: DeckConfig,
    renderer: Renderer,
    progress: Progress | None,
    previous: state.State | None = None,
) -> list[Note]:
    """The notes of ``cards``: tagged, rendered, given their identity and their note
    type (``previous``: the last build's state, whose notes keep their identity and
    note type)."""
    if progress:
        progress("tagging", 0, len(cards))
    tags = tag.tag_cards(cards, config)
    if progress:
        progress("rendering", 0, len(cards))
    rendered = renderer.cards(cards, progress)
    if progress:
        progress("rendering", len(cards), len(cards))
    published = {note.guid: note.note_type for note in previous.notes} if previous else {}
    guids = identity.guids(cards, config, published)
    notes = []
    for card, guid, card_tags, parts, key, note_type in zip(
        cards,
        guids,
        tags,
        rendered,
        map(reuse.source_key, cards),
        kind.choose(cards, guids, config, published),
        strict=True,
    ):
        fields = kind.fields(note_type, *parts)
        problem = kind.cloze_problem(note_type, fields)
        if any("\x1f" in field for field in fields):  # Anki's field separator
            problem = "holds U+001F, which would split its field in two in Anki"
        if problem:
            raise SourceError(card.source, card.line, f"card {card.number} {problem}")
        notes.append(
            Note(
                guid,
                fields,
                card_tags,
                content_hash(fields, card_tags, note_type.id),
                key,
                note_type.id,
            )
        )
    return notes


def _renderer(config: DeckConfig) -> Renderer:
    """A renderer that finds each source's media where its configuration says."""
    return Renderer({str(s.path): s.media for s in config.sources if s.media is not None})


def _read(config: DeckConfig, progress: Progress | None) -> list[Deck]:
    decks = []
    for done, source in enumerate(config.sources):
        if progress:
            progress(f"reading {source.path.name}", done, len(config.sources))
        decks.append(read_source(source))
    return decks


def _deck(
    config: DeckConfig, sources: Sequence[Deck], notes: Sequence[Note], renderer: Renderer
) -> BuiltDeck:
    """The deck as Anki will see it: named as configured, else by its first source."""
    name = config.name or sources[0].title
    problem = name_problem(name)
    if problem:
        raise SourceError(config.path, 1, f"{problem}: give the deck a 'name' in a .deck.yaml")
    return BuiltDeck(
        name=name,
        deck_id=identity.deck_id(config.key),
        description=renderer.description(config.description, sources[0]),
        notes=tuple(notes),
        media=renderer.media.files,
    )


def _record(
    config: DeckConfig,
    inputs: list[str],
    deck: BuiltDeck,
    cards: Sequence[Card],
    stamps: stamp.Stamps,
    positions: Sequence[int],
    type_hash: str,
    settings: str,
) -> state.State:
    """The state this build leaves for the next (but for the package's digest,
    which the write step fills in)."""
    pinned = identity.pins(config)
    folder = Path(config.path).parent
    media = tuple(Path(os.path.relpath(f.path, folder)).as_posix() for f in deck.media)
    ords = [BY_ID[note.note_type].ords(note.fields) for note in deck.notes]
    return state.State(
        deck_key=config.key,
        deck_name=deck.name,
        deck_id=deck.deck_id,
        inputs=outdated.fingerprint(config, inputs, media),
        package="",
        note_type_hash=type_hash,
        note_type_mod=stamps.note_type,
        notes=tuple(
            state.NoteState(  # guid, mod, hash, question, tags, was, source, note type, pos, clozes
                note.guid,  # (by position: a third faster than by keyword, for every note)
                mod,
                note.hash,
                card.question,
                note.tags,
                pinned.get(normalise_question(card.question)) if pinned else None,
                note.source,
                note.note_type,
                pos,
                tuple(o + 1 for o in note_ords) if BY_ID[note.note_type].cloze else (),
            )
            for card, note, mod, pos, note_ords in zip(
                cards, deck.notes, stamps.notes, positions, ords, strict=True
            )
        ),
        media=media,
        config=settings,
        cards=sum(map(len, ords)),
        note_count=len(deck.notes),
        tag_counts=tuple(
            sorted(
                Counter(t for note in deck.notes for t in note.tags).items(),
                key=lambda item: tag.tag_order(item[0]),
            )
        ),
    )
