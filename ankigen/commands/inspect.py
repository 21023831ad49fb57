"""``ankigen inspect``: a package's decks, note types and notes as a table or data."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ankigen.commands.output import plain, safe

if TYPE_CHECKING:
    from ankigen.anki.read import Package


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ankigen.anki.read import read_package

    package = read_package(Path(args.path))
    if args.format == "json":
        sys.stdout.write(json.dumps(as_data(package), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(safe(as_text(package)))
    return 0


def as_text(package: Package) -> str:
    types = {t.id: t.name for t in package.note_types}
    lines = [
        f"{package.path}: {len(package.notes)} notes, {len(package.media)} media files "
        f"({package.collection})",
        "",
        "decks:",
        *(f"  {deck_id}  {name}" for deck_id, name in package.decks),
        "",
        "note types:",
    ]
    for note_type in package.note_types:
        lines.append(f"  {note_type.id}  {note_type.name}")
        lines.append(f"      fields: {', '.join(note_type.fields)}")
        lines.append(f"      cards: {', '.join(t[0] for t in note_type.templates)}")
    lines += ["", "notes:"]
    rows = [("GUID", "NOTE TYPE", "DECK", "TAGS", "FIRST FIELD")]
    rows += [
        (
            n.guid,
            types.get(n.note_type, str(n.note_type)),
            n.deck,
            " ".join(n.tags),
            plain(n.fields[0] if n.fields else "", 50),
        )
        for n in package.notes
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  " + "  ".join([*padded, row[4]]))
    if package.media:
        lines += ["", "media:", *(f"  {name}" for name in package.media)]
    return "\n".join(lines) + "\n"


def as_data(package: Package) -> dict[str, Any]:
    types = {t.id: t.fields for t in package.note_types}
    return {
        "path": package.path,
        "collection": package.collection,
        "decks": [{"id": deck_id, "name": name} for deck_id, name in package.decks],
        "note_types": [
            {
                "id": t.id,
                "name": t.name,
                "fields": list(t.fields),
                "templates": [{"name": n, "front": q, "back": a} for n, q, a in t.templates],
                "css": t.css,
            }
            for t in package.note_types
        ],
        "notes": [
            {
                **{k: v for k, v in n._asdict().items() if k != "fields"},
                "tags": list(n.tags),
                "fields": dict(zip(types.get(n.note_type, ()), n.fields, strict=False))
                or list(n.fields),
            }
            for n in package.notes
        ],
        "media": list(package.media),
    }
