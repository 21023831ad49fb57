"""``ankigen parse PATH``: the cards a source holds, before configuration or rendering."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ankigen.model import Deck
    from ankigen.sources import SourceSpec


def run(args: argparse.Namespace) -> int:
    import json

    from ankigen.commands.output import report
    from ankigen.sources import read_source

    deck = read_source(spec(args))
    report(deck.warnings)
    data = deck_as_dict(deck)
    if args.format == "yaml":
        import yaml

        sys.stdout.write(
            yaml.dump(data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=10**6)
        )
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def spec(args: argparse.Namespace) -> SourceSpec:
    """How to read the source: as its deck configuration says, then as the options say."""
    from pathlib import Path

    from ankigen.config.deck import CONFIG_SUFFIX
    from ankigen.errors import SourceError
    from ankigen.pipeline.discover import find_decks
    from ankigen.sources import SourceSpec
    from ankigen.sources.table import ROLES

    path = Path(args.path)
    decks = find_decks([path])
    if decks.problems:
        raise decks.problems[0]
    (config,) = decks.decks
    if path.name.endswith(CONFIG_SUFFIX):
        names = ", ".join(str(s.path) for s in config.sources)
        raise SourceError(
            args.path, None, f"this is a deck configuration; parse one of its sources: {names}"
        )
    found = next(
        (s for s in config.sources if s.path.resolve() == path.resolve()), SourceSpec(path)
    )
    columns = dict(found.table.columns)
    for role in ROLES:
        value = getattr(args, role)
        if value:
            refs = value if isinstance(value, list) else [value]
            columns[role] = tuple(int(r) if r.isdigit() else r for r in refs)
            other = {"question": "cloze", "cloze": "question"}.get(role)
            if other:  # one replaces the other
                columns.pop(other, None)
    table = found.table._replace(
        separator=_unescaped(args.separator) or found.table.separator,
        row_separator=_unescaped(args.row_separator) or found.table.row_separator,
        header=found.table.header if args.header is None else args.header,
        markup=args.cells or found.table.markup,
        columns=columns,
    )
    return found._replace(encoding=args.encoding or found.encoding, table=table)


def _unescaped(value: str | None) -> str | None:
    """A separator as typed in a shell: ``\\t`` for a tab, ``\\n`` for a line end."""
    return value.replace("\\t", "\t").replace("\\n", "\n") if value else None


def deck_as_dict(deck: Deck) -> dict[str, Any]:
    """The deck as plain data, in the documented JSON shape."""
    return {
        "title": deck.title,
        "objectives": list(deck.objectives),
        "description": deck.description,
        "source": deck.source,
        "cards": [
            {**{k: v for k, v in card._asdict().items() if k != "source"}, "tags": list(card.tags)}
            for card in deck.cards
        ],
    }


def _yaml_dumper() -> Any:
    """A YAML dumper that writes multi-line text as literal blocks, as people write it."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper
