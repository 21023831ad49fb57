"""``ankigen diff OLD NEW``: what differs between two versions of a deck, as a
learner's Anki would see it on import.

Notes are matched by GUID, as Anki matches them. Besides added, removed and
changed notes, it flags what would make Anki refuse or skip an update: a note
type whose fields changed (Anki marks its notes "conflicting"), a changed
note whose modification time is not newer (Anki keeps the old one), and a
removed note and an added one that look like one question reworded (learners
would lose its review history), with the pin that keeps it.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from ankigen.commands.output import plain, report, safe
from ankigen.pipeline.reworded import alike

if TYPE_CHECKING:
    from ankigen.anki.read import NoteType, Package, PackagedNote


def run(args: argparse.Namespace) -> int:
    import json

    from ankigen.config.project import find_project
    from ankigen.errors import SourceError

    try:
        state = args.state or str(find_project().output)
        old, new = (_package_of(path, state) for path in (args.old, args.new))
    except SourceError as error:
        report([error])
        return 2
    difference = compare(old, new)
    if args.format == "json":
        data = as_data(difference, old, new)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(safe(as_text(difference, old, new)))
    return 1 if difference else 0


def _package_of(path: str, state_dir: str) -> Package:
    """The package at ``path``, or the one its sources build (against the published state)."""
    import shutil
    from pathlib import Path

    from ankigen import scratch
    from ankigen.anki.read import read_package
    from ankigen.anki.state import STATE_SUFFIX
    from ankigen.commands.output import report
    from ankigen.errors import SourceError
    from ankigen.pipeline.build import build_deck
    from ankigen.pipeline.discover import find_decks

    if path.lower().endswith(".apkg"):
        return read_package(Path(path))
    found = find_decks([path])
    if found.problems:
        raise found.problems[0]
    decks = found.decks
    if len(decks) != 1:
        raise SourceError(path, None, f"holds {len(decks)} decks; diff compares one deck at a time")
    with scratch.folder() as work:
        state = Path(state_dir) / f"{decks[0].key}{STATE_SUFFIX}"
        if state.is_file():
            shutil.copy(state, work)
        built = build_deck(decks[0], work)
        report(built.warnings)
        assert built.output is not None
        return read_package(built.output)._replace(path=path)


class FieldChange(NamedTuple):
    name: str
    old: str
    new: str

    def diff(self) -> list[str]:
        """A unified text diff of the field, one HTML line a line, without headers."""
        lines = difflib.unified_diff(self.old.splitlines(), self.new.splitlines(), lineterm="", n=1)
        return [line for line in lines if not line.startswith(("---", "+++", "@@"))]


class NoteChange(NamedTuple):
    guid: str
    question: str
    fields: tuple[FieldChange, ...]
    tags_added: tuple[str, ...]
    tags_removed: tuple[str, ...]
    not_newer: bool


class Difference(NamedTuple):
    added: tuple[PackagedNote, ...] = ()
    removed: tuple[PackagedNote, ...] = ()
    changed: tuple[NoteChange, ...] = ()
    note_types: tuple[str, ...] = ()
    decks: tuple[str, ...] = ()
    reworded: tuple[tuple[PackagedNote, PackagedNote], ...] = ()  # (removed, added)

    def __bool__(self) -> bool:
        return any((self.added, self.removed, self.changed, self.note_types, self.decks))


def compare(old: Package, new: Package) -> Difference:
    old_types = {t.id: t for t in old.note_types}
    new_types = {t.id: t for t in new.note_types}
    before = {n.guid: n for n in old.notes}
    after = {n.guid: n for n in new.notes}
    changed = []
    for guid, note in after.items():
        previous = before.get(guid)
        if previous is None:
            continue
        names = _field_names(new_types.get(note.note_type), len(note.fields))
        fields = tuple(
            FieldChange(name, a, b)
            for name, a, b in zip(
                names, _padded(previous.fields, names), _padded(note.fields, names), strict=True
            )
            if a != b
        )
        tags_added = tuple(sorted(set(note.tags) - set(previous.tags)))
        tags_removed = tuple(sorted(set(previous.tags) - set(note.tags)))
        if fields or tags_added or tags_removed or note.note_type != previous.note_type:
            changed.append(
                NoteChange(
                    guid=guid,
                    question=plain(note.fields[0] if note.fields else ""),
                    fields=fields,
                    tags_added=tags_added,
                    tags_removed=tags_removed,
                    not_newer=note.mod <= previous.mod,
                )
            )
    old_decks, new_decks = {n for _, n in old.decks}, {n for _, n in new.decks}
    added = tuple(n for g, n in after.items() if g not in before)
    removed = tuple(n for g, n in before.items() if g not in after)
    return Difference(
        added=added,
        removed=removed,
        changed=tuple(changed),
        reworded=tuple(
            (removed[j], added[i])
            for i, j in alike([_first(n) for n in added], [_first(n) for n in removed])
        ),
        note_types=tuple(_note_type_changes(old_types, new_types)),
        decks=tuple(
            [f"deck added: {name}" for name in sorted(new_decks - old_decks)]
            + [f"deck removed: {name}" for name in sorted(old_decks - new_decks)]
        ),
    )


def _first(note: PackagedNote) -> str:
    return plain(note.fields[0] if note.fields else "")


def pin(removed: PackagedNote, added: PackagedNote) -> str:
    """The ``cards:`` entry of a .deck.yaml that keeps a reworded question's identity."""
    import json

    return "- " + json.dumps(
        {"question": _first(added), "was": _first(removed)}, ensure_ascii=False
    )


def _field_names(note_type: NoteType | None, count: int) -> tuple[str, ...]:
    names = note_type.fields if note_type else ()
    return tuple(names) + tuple(f"field {i + 1}" for i in range(len(names), count))


def _padded(values: tuple[str, ...], names: tuple[str, ...]) -> tuple[str, ...]:
    return values + ("",) * (len(names) - len(values))


def _note_type_changes(old: dict[int, NoteType], new: dict[int, NoteType]) -> list[str]:
    changes = []
    for type_id, note_type in sorted(new.items()):
        before = old.get(type_id)
        if before is None:
            changes.append(f"note type added: {note_type.name}")
            continue
        if before.fields != note_type.fields:
            changes.append(
                f"note type {note_type.name!r}: fields {', '.join(before.fields)} became "
                f"{', '.join(note_type.fields)}; Anki will skip updates to its existing notes "
                "(conflicting)"
            )
        if before.templates != note_type.templates or before.css != note_type.css:
            changes.append(f"note type {note_type.name!r}: card templates or style changed")
        if before.name != note_type.name:
            changes.append(f"note type renamed: {before.name!r} to {note_type.name!r}")
    changes += [f"note type removed: {t.name}" for i, t in sorted(old.items()) if i not in new]
    return changes


def as_text(difference: Difference, old: Package, new: Package) -> str:
    lines = [f"--- {old.path}", f"+++ {new.path}"]
    if not difference:
        return "\n".join([*lines, "no changes"]) + "\n"
    for note in difference.added:
        lines.append(f"+ {plain(note.fields[0] if note.fields else '')}  [{' '.join(note.tags)}]")
    for note in difference.removed:
        lines.append(f"- {plain(note.fields[0] if note.fields else '')}")
    for change in difference.changed:
        lines.append(f"~ {change.question}")
        for field_change in change.fields:
            lines.append(f"    {field_change.name}:")
            lines += [f"      {line}" for line in field_change.diff()]
        if change.tags_added or change.tags_removed:
            tags = [f"+{t}" for t in change.tags_added] + [f"-{t}" for t in change.tags_removed]
            lines.append(f"    tags: {' '.join(tags)}")
        if change.not_newer:
            lines.append("    ! its modification time is not newer: Anki will keep the old note")
    lines += [f"! {line}" for line in difference.note_types]
    lines += [f"! {line}" for line in difference.decks]
    lines += [
        f"! likely reworded: {_first(gone)!r} became {_first(new)!r}; as it is, learners get a "
        "new card and lose the old one's review history. To keep it, add to the deck's "
        f".deck.yaml under 'cards:': {pin(gone, new)}"
        for gone, new in difference.reworded
    ]
    lines.append(
        f"{len(difference.added)} added, {len(difference.changed)} changed, "
        f"{len(difference.removed)} removed"
    )
    return "\n".join(lines) + "\n"


def as_data(difference: Difference, old: Package, new: Package) -> dict[str, Any]:
    def note(n: PackagedNote) -> dict[str, Any]:
        return {
            "guid": n.guid,
            "question": plain(n.fields[0] if n.fields else ""),
            "tags": list(n.tags),
        }

    return {
        "old": old.path,
        "new": new.path,
        "changed": bool(difference),
        "added": [note(n) for n in difference.added],
        "removed": [note(n) for n in difference.removed],
        "updated": [
            {
                "guid": c.guid,
                "question": c.question,
                "fields": {
                    f.name: {"old": f.old, "new": f.new, "diff": f.diff()} for f in c.fields
                },
                "tags": {"added": list(c.tags_added), "removed": list(c.tags_removed)},
                "modification_time_not_newer": c.not_newer,
            }
            for c in difference.changed
        ],
        "note_types": list(difference.note_types),
        "decks": list(difference.decks),
        "reworded": [
            {
                "old": note(gone),
                "new": note(new),
                "pin": {"question": _first(new), "was": _first(gone)},
            }
            for gone, new in difference.reworded
        ],
    }
