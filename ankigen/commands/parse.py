"""``ankigen parse PATH``: the cards a source holds, before configuration or rendering."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ankigen.model import Deck


def run(args: argparse.Namespace) -> int:
    import json

    from ankigen.commands.output import report
    from ankigen.sources import parse_file

    deck = parse_file(args.path, encoding=args.encoding)
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
