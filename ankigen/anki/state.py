"""What the last build published, kept beside the .apkg in ``<key>.state.jsonl``.

Anki updates a note it already has only when the incoming note's modification
time is newer than its own, so a republished deck must know, per note, the time
and a digest of what was published (see ``pipeline.stamp``). This file remembers
them. It is JSON Lines: a header record first (enough to tell whether a deck is
up to date, read without the notes), then one note a line, so a pull request
shows which notes a change touched.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import QA_ID

STATE_SUFFIX = ".state.jsonl"
_FORMAT_1_SUFFIX = ".state.json"  # ankigen 0.2: one JSON document; read, then replaced
FORMAT = 2
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class NoteState(NamedTuple):
    """One published note (a named tuple, as it is made once per card).

    ``question`` is the card's question as written; ``was`` the pinned wording
    its identity comes from, if any; ``source`` the key of what it was made
    from (``pipeline.reuse``); ``note_type`` its note type's id; ``pos`` its place
    in the order of new cards (``pipeline.order``; None from ankigen 0.3, which
    kept none); ``clozes`` a cloze note's deletion numbers.
    """

    guid: str
    mod: int
    hash: str
    question: str
    tags: tuple[str, ...] = ()
    was: str | None = None
    source: str = ""
    note_type: int = QA_ID
    pos: int | None = None
    clozes: tuple[int, ...] = ()


class State(NamedTuple):
    deck_key: str
    deck_name: str
    deck_id: int
    inputs: str
    package: str
    note_type_hash: str
    note_type_mod: int
    notes: tuple[NoteState, ...]
    media: tuple[str, ...] = ()
    config: str = ""
    cards: int = 0
    tag_counts: tuple[tuple[str, int], ...] = ()
    note_count: int = 0
    warnings: tuple[SourceWarning, ...] = ()  # what the build said, said again while current
    # Each note's line as read (``load``; empty in a state made by a build), for
    # ``write`` to copy.
    lines: tuple[str, ...] = ()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_head(path: Path) -> State | None:
    """The state without its notes: enough to tell whether a deck is up to date."""
    found = _located(path)
    if found is None:
        return None
    with found.open(encoding="utf-8") as file:
        first = file.readline()
        text = first + file.read() if first.strip() == "{" else first  # format 1: all of it
    return _state(_json(text, found), found, with_notes=False)


def load(path: Path) -> State | None:
    """The state of the last build, or None when there was none."""
    found = _located(path)
    if found is None:
        return None
    with found.open(encoding="utf-8") as file:
        first = file.readline()
        if first.strip() == "{":  # format 1: one JSON document
            return _state(_json(first + file.read(), found), found, with_notes=True)
        head = _json(first, found)
        if not isinstance(head, dict):
            raise SourceError(str(found), 1, "broken state file: no header record")
        lines = file.readlines()
        head["notes"] = _notes(lines, found)
    lines = [line if line.endswith("\n") else line + "\n" for line in lines]  # the last one
    return _state(head, found, with_notes=True)._replace(lines=tuple(lines))


def _notes(lines: list[str], path: Path) -> Any:
    """The note records, one a line: parsed as one JSON array (one call instead of
    one a line), and line by line only to find a broken one."""
    try:
        return json.loads("[" + ",".join(lines) + "]")
    except json.JSONDecodeError:
        return [_json(line, path, number) for number, line in enumerate(lines, start=2)]


def format_1_path(path: Path) -> Path:
    """Where ankigen 0.2 kept the state that ``path`` holds now."""
    return path.with_name(path.name.removesuffix(STATE_SUFFIX) + _FORMAT_1_SUFFIX)


def _located(path: Path) -> Path | None:
    """The state file, or the format-1 file it replaces; None when there is neither."""
    return next((p for p in (path, format_1_path(path)) if p.is_file()), None)


def _json(text: str, path: Path, line: int = 1) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = line + error.lineno - 1
        raise SourceError(str(path), where, f"broken state file: {error.msg}") from None


def _state(data: Any, path: Path, with_notes: bool) -> State:
    name = str(path)
    try:
        if data.get("format") not in (1, FORMAT):
            raise SourceError(name, 1, f"unknown state format {data.get('format')!r}")
        return State(
            deck_key=data["deck"]["key"],
            deck_name=data["deck"]["name"],
            deck_id=data["deck"]["id"],
            inputs=data["inputs"],
            package=data["package"],
            note_type_hash=data["note_type"]["hash"],
            note_type_mod=data["note_type"]["mod"],
            notes=tuple(
                NoteState(
                    note["guid"],
                    note["mod"],
                    note["hash"],
                    note["question"],
                    tuple(note.get("tags", ())),
                    note.get("was"),
                    note.get("source", ""),
                    note.get("type", QA_ID),
                    note.get("pos"),
                    tuple(note.get("clozes", ())),
                )
                for note in data["notes"]
            )
            if with_notes
            else (),
            media=tuple(data.get("media", ())),
            config=data.get("config", ""),
            cards=data.get("cards", 0),
            note_count=data.get("note_count", data.get("cards", 0)),
            warnings=tuple(SourceWarning(*w) for w in data.get("warnings", ())),
            tag_counts=tuple((tag, count) for tag, count in data.get("tags", {}).items()),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise SourceError(
            name, 1, f"broken state file ({error!r}); restore it from version control"
        ) from None


def write(state: State, file: TextIO, last: State | None = None) -> None:
    """The state as JSON Lines, a line at a time (a large deck's state would
    otherwise sit in memory twice over).

    A note recorded exactly as in ``last`` (the state as ``load`` read it) gets
    its line copied from there, unless it has no source key: the key holds
    ankigen's version, so that line was written by this very code, and the copy
    is what encoding would give, at a sixth of the cost (tests hold the two equal).
    """
    head = {
        "format": FORMAT,
        "deck": {"key": state.deck_key, "name": state.deck_name, "id": state.deck_id},
        "inputs": state.inputs,
        "package": state.package,
        "note_type": {"hash": state.note_type_hash, "mod": state.note_type_mod},
        "media": list(state.media),
        "config": state.config,
        "cards": state.cards,
        "note_count": state.note_count,
        "warnings": [[w.path, w.line, w.message] for w in state.warnings],
        "tags": dict(state.tag_counts),
    }
    file.write(_ENCODER.encode(head) + "\n")
    # A format-1 state has no lines to copy.
    copied = dict(zip(last.notes, last.lines, strict=False)) if last else {}
    for note in state.notes:
        line = copied.get(note) if note.source else None
        file.write(line or _note_line(note))


def _note_line(note: NoteState) -> str:
    record: dict[str, object] = {
        "guid": note.guid,
        "mod": note.mod,
        "hash": note.hash,
        "question": note.question,
        "tags": note.tags,
    }
    if note.was is not None:
        record["was"] = note.was
    if note.source:
        record["source"] = note.source
    if note.note_type != QA_ID:
        record["type"] = note.note_type
    if note.pos is not None:
        record["pos"] = note.pos
    if note.clozes:
        record["clozes"] = note.clozes
    return _ENCODER.encode(record) + "\n"
