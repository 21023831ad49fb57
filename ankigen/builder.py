"""``ankigen build``: find decks, then read → tag → render → package each one.

This module wires the stages together; each stage lives in its own module and
knows nothing of the ones after it.
"""

from __future__ import annotations

import html
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ankigen import __version__, state
from ankigen.config import CONFIG_SUFFIX, DeckConfig, default_config, load_config
from ankigen.errors import SourceError, SourceWarning
from ankigen.files import file_digest, publish, staged
from ankigen.model import BuiltDeck, Card, Deck, Note, name_problem, tag_problem
from ankigen.sources import SUFFIXES, YAML_SUFFIXES, decode, read_bytes, read_source, yaml_deck
from ankigen.sources.common import normalise_question, paused_gc
from ankigen.state import Changes

DEFAULT_SOURCES = Path("source_cards")
DEFAULT_OUTPUT = Path("build")


@dataclass(frozen=True)
class BuildResult:
    """What a deck build did, for the maintainer's summary.

    ``status`` is ``built`` (written), ``up to date`` (nothing to write), or
    with ``check``, ``out of date`` (a build would write something).
    """

    name: str
    output: Path
    status: str
    cards: int
    tag_counts: dict[str, int]
    changes: Changes = field(default_factory=Changes)
    warnings: tuple[SourceWarning, ...] = ()

    def summary(self) -> str:
        tags = ", ".join(f"{tag} {count}" for tag, count in self.tag_counts.items())
        detail = "" if self.status == "up to date" else f" ({self.changes.summary()})"
        return (
            f"{self.output}: {self.name}: {self.status}{detail}; {self.cards} cards; "
            f"tags: {tags or 'none'}"
        )


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
    folders: dict[Path, tuple[DeckConfig, ...]] = {}  # each folder's .deck.yaml files, read once
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
    # A YAML deck may name its own key.
    key = _declared_key(file) if file.suffix in YAML_SUFFIXES else None
    return default_config(file, key)


def _declared_key(file: Path) -> str | None:
    """A YAML deck's own key; None if it has none or cannot be read (its build says why)."""
    try:
        return yaml_deck.declared_key(decode(read_bytes(str(file)), str(file)))
    except SourceError:
        return None


def build_deck(
    config: DeckConfig,
    output: Path,
    check: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildResult:
    """Build one deck into ``output``: the .apkg and its state file beside it.

    Nothing is written when any step fails, when the inputs are those of the
    last build, or when ``check`` is set (then the result says whether a build
    would write anything). ``progress(stage, done, total)`` hears how it goes.
    """
    with paused_gc():
        return _build_deck(config, output, check, progress)


def _build_deck(
    config: DeckConfig,
    output: Path,
    check: bool,
    progress: Callable[[str, int, int], None] | None,
) -> BuildResult:
    apkg = output / f"{config.key}.apkg"
    state_path = output / f"{config.key}{state.STATE_SUFFIX}"
    head = state.load_head(state_path)
    inputs = _inputs(config)  # read and hashed once: a large source is tens of MB
    published = _digest_of(apkg)
    if (
        head
        and head.inputs == _fingerprint(config, inputs, head.media)
        and published == head.package
    ):
        return _result(head, apkg, "up to date")
    previous = state.load(state_path)

    from ankigen.notetype import note_type_hash
    from ankigen.package import write_package

    reusable = _reusable(config, previous, apkg, published)
    decks, cards, built = prepare(config, reusable, progress)
    type_hash = note_type_hash()
    hashes = [reusable.hashes.get(note.source) or state.note_hash(note) for note in built.notes]
    stamped, type_mod, changes = state.stamp(
        cards, built.notes, hashes, previous, type_hash, _now()
    )
    built = replace(built, notes=stamped, note_type_mod=type_mod)
    if progress:
        progress(f"writing {apkg.name}", 0, 1)
    with staged(apkg, keep=not check) as partial, staged(state_path, keep=not check) as record:
        digest = write_package(built, partial)
        new_state = _state(config, inputs, built, cards, hashes, type_hash, digest)
        with record.open("w", encoding="utf-8", newline="\n") as file:
            state.write(new_state, config.key, built.deck_id, file)
        stale_apkg = published != digest
        stale_state = _digest_of(state_path) != file_digest(record)
        if check:
            status = "out of date" if stale_apkg or stale_state else "up to date"
        else:
            status = "built" if stale_apkg or stale_state else "up to date"
            if stale_apkg:
                publish(partial, apkg)
            if stale_state:
                publish(record, state_path)

    warnings = [w for deck in decks for w in deck.warnings]
    warnings += _reworded_warnings(config, cards, stamped, previous)
    if previous and previous.deck_name != built.name:
        warnings.append(
            SourceWarning(
                config.path,
                1,
                f"the deck is renamed from {previous.deck_name!r} to {built.name!r}: Anki "
                "finds decks by name, so learners get a new deck for new cards while their "
                "existing cards stay where they are",
            )
        )
    return replace(_result(new_state, apkg, status), changes=changes, warnings=tuple(warnings))


@dataclass(frozen=True)
class Reusable:
    """What the last build made that this one may take as it is, by source key
    (``render.source_key``): fields, and, if the configuration is unchanged,
    tags, GUIDs and content hashes."""

    fields: dict[str, str]  # joined as Anki stores them
    tags: dict[str, tuple[str, ...]]
    guids: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)


def prepare(
    config: DeckConfig,
    reusable: Reusable | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[Deck], tuple[Card, ...], BuiltDeck]:
    """Read, tag and render a deck: the sources, the cards, and the deck as Anki will
    see it, before modification times are known (they come from the state)."""
    from ankigen.identity import assign_guids, deck_id
    from ankigen.render import Renderer, source_key
    from ankigen.tagging import tag_cards

    report = progress or (lambda label, done, total: None)
    decks = []
    for done, source in enumerate(config.sources):
        report(f"reading {source.path.name}", done, len(config.sources))
        decks.append(read_source(source))
    cards = tuple(card for deck in decks for card in deck.cards)
    report("tagging", 0, len(cards))
    keys = [source_key(card) for card in cards]
    render = Renderer()
    reusable = reusable or Reusable({}, {})
    tags = tag_cards(cards, config, [reusable.tags.get(key) for key in keys])
    report("rendering", 0, len(cards))
    known = [_fields(reusable.fields.get(key)) for key in keys]
    fields = render.cards(cards, known, progress)
    guids = assign_guids(cards, config, [reusable.guids.get(key) for key in keys])
    name = config.name or decks[0].title
    _check_for_templates(config, name, cards, tags)
    notes = [
        Note(guid, question, answer, card_tags, mod=0, source=key)
        for guid, card_tags, (question, answer), key in zip(guids, tags, fields, keys, strict=True)
    ]
    built = BuiltDeck(
        name=name,
        deck_id=deck_id(config.key),
        description=_description(config, decks[0], render),
        notes=tuple(notes),
        note_type_mod=0,
        media=render.media.files,
    )
    return decks, cards, built


def _check_for_templates(
    config: DeckConfig, name: str, cards: Sequence[Card], tags: Sequence[tuple[str, ...]]
) -> None:
    """Refuse a deck name or tag that Anki's templates would show as live HTML.

    Every reader and the configuration check these already; this is the last
    line before the package, for cards that come from elsewhere (the library).
    """
    problem = name_problem(name)
    if problem:
        raise SourceError(config.path, 1, f"{problem}: give the deck a 'name' in a .deck.yaml")
    for card, card_tags in zip(cards, tags, strict=True):
        for tag in card_tags:
            problem = tag_problem(tag)
            if problem:
                raise SourceError(card.source, card.line, f"card {card.number}: {problem}")


def _fields(joined: str | None) -> tuple[str, str] | None:
    """A note's question and answer from its fields as Anki stores them."""
    parts = joined.split("\x1f") if joined else ()
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _reusable(
    config: DeckConfig, previous: state.State | None, apkg: Path, published: str | None
) -> Reusable:
    """The last build's fields, read back from its package, and tags, from its state.

    Only a package that is exactly the one the state describes is trusted.
    """
    from ankigen.apkg import read_fields

    if previous is None or published != previous.package:
        return Reusable({}, {})
    try:
        fields = read_fields(apkg)
    except SourceError:
        return Reusable({}, {})
    if len(fields) != len(previous.notes):  # the state lists the notes in package order
        return Reusable({}, {})
    notes = zip(previous.notes, fields, strict=True)
    reusable = Reusable({note.source: joined for note, joined in notes if note.source}, {})
    if previous.config == _config_digest(config):
        for note in previous.notes:
            if note.source:
                reusable.tags[note.source] = note.tags
                reusable.guids[note.source] = note.guid
                reusable.hashes[note.source] = note.hash
    return reusable


def _config_digest(config: DeckConfig) -> str:
    if not config.path.endswith(CONFIG_SUFFIX):
        return ""
    return state.digest(_read(Path(config.path)) or b"")[:16]


def _state(
    config: DeckConfig,
    inputs: list[str],
    built: BuiltDeck,
    cards: Sequence[Card],
    hashes: Sequence[str],
    type_hash: str,
    package: str,
) -> state.State:
    pins = {normalise_question(o.question): o.was for o in config.cards if o.was}
    folder = Path(config.path).parent
    media = tuple(Path(os.path.relpath(f.path, folder)).as_posix() for f in built.media)
    return state.State(
        deck_name=built.name,
        inputs=_fingerprint(config, inputs, media),
        package=package,
        note_type_hash=type_hash,
        note_type_mod=built.note_type_mod,
        notes=tuple(
            state.NoteState(
                guid=note.guid,
                mod=note.mod,
                hash=content,
                question=card.question,
                tags=note.tags,
                was=pins.get(normalise_question(card.question)) if pins else None,
                source=note.source,
            )
            for card, note, content in zip(cards, built.notes, hashes, strict=True)
        ),
        media=media,
        config=_config_digest(config),
        cards=len(built.notes),
        tag_counts=tuple(
            sorted(
                Counter(tag for note in built.notes for tag in note.tags).items(),
                key=lambda item: item[0].casefold(),
            )
        ),
    )


def _result(built: state.State, apkg: Path, status: str) -> BuildResult:
    return BuildResult(
        name=built.deck_name,
        output=apkg,
        status=status,
        cards=built.cards,
        tag_counts=dict(built.tag_counts),
    )


def _inputs(config: DeckConfig) -> list[str]:
    """What a deck is built from, as digests: ankigen, configuration, sources, templates."""
    from ankigen.notetype import TEMPLATE_FILES, template

    parts = [f"ankigen {__version__}", config.key]
    if config.path.endswith(CONFIG_SUFFIX):
        parts.append(state.digest(_read(Path(config.path)) or b""))
    for source in config.sources:
        parts += [source.path.name, state.digest(_read(source.path) or b"")]
    parts += map(template, TEMPLATE_FILES)
    return parts


def _fingerprint(config: DeckConfig, inputs: list[str], media: Iterable[str]) -> str:
    """One digest of ``inputs`` and the images the deck used (``media``, relative to
    its configuration's folder), to know when nothing changed."""
    folder = Path(config.path).parent
    parts = list(inputs)
    for name in media:
        parts += [name, state.digest(_read(folder / name) or b"")]
    return state.digest("\x1f".join(parts).encode())[:16]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _digest_of(path: Path) -> str | None:
    try:
        return file_digest(path)
    except FileNotFoundError:
        return None


def _reworded_warnings(
    config: DeckConfig, cards: Sequence[Card], notes: Sequence[Note], previous: state.State | None
) -> list[SourceWarning]:
    """A warning, with the pin that fixes it, for each question that looks reworded."""
    warnings = []
    for card, old in state.reworded(cards, notes, previous):
        identity = old.was or old.question
        if Path(card.source).suffix in YAML_SUFFIXES:  # the card can carry its identity itself
            fix = f"give the card the line: id: {json.dumps(identity)}"
        else:
            where = config.path if config.path.endswith(CONFIG_SUFFIX) else "a .deck.yaml file"
            pin = json.dumps({"question": card.question, "was": identity})
            fix = f"add to {where} under 'cards:': - {pin}"
        warnings.append(
            SourceWarning(
                card.source,
                card.line,
                f"card {card.number} looks like {old.question!r} reworded; as it is, learners "
                f"get it as a new card and lose that card's review history. To keep it, {fix}",
            )
        )
    return warnings


def _now() -> int:
    """The build time: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise SourceError("SOURCE_DATE_EPOCH", 1, f"must be whole seconds, not {epoch!r}")
        return int(epoch)
    return int(time.time())


def _description(config: DeckConfig, deck: Deck, render: Callable[[str], str]) -> str:
    """The deck description Anki shows before study: configured, else objectives."""
    if config.description:
        return render(config.description)
    parts = [render(deck.description)] if deck.description else []
    if deck.objectives:
        items = "".join(f"<li>{html.escape(item)}</li>" for item in deck.objectives)
        parts.append(f"<p>Objectives:</p><ul>{items}</ul>")
    return "\n".join(parts)
