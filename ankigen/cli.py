"""The ``ankigen`` command: argument parsing and wiring, nothing else.

Exit codes: 0 done, 1 bad input (``PATH:LINE: error: ...`` on stderr),
2 wrong usage. Heavy modules (genanki, markdown-it-py, yaml) are imported
inside the commands that need them, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from ankigen import __version__
from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Deck


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SourceError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (``| head``): not an error
        return 0
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ankigen",
        description="Turn flashcard text into styled, tagged Anki decks.",
    )
    parser.add_argument("--version", action="version", version=f"ankigen {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse", help="print the cards a source holds", description="Print a source's cards."
    )
    parse.add_argument("path", metavar="PATH", help="a flashcard source file")
    parse.add_argument("--format", choices=("json", "yaml"), default="json")
    parse.add_argument("--encoding", help="the file's encoding, if not UTF-8 (e.g. cp1252)")
    parse.set_defaults(run=_parse)

    build = commands.add_parser(
        "build",
        help="build .apkg decks from sources",
        description="Build one .apkg per deck. With no PATH, every deck under ./source_cards.",
    )
    build.add_argument(
        "paths", nargs="*", metavar="PATH", help="source files, .deck.yaml or folders"
    )
    build.add_argument("-o", "--output", default="build", metavar="DIR", help="default: ./build")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the output is not what the sources produce",
    )
    build.set_defaults(run=_build)
    return parser


def _parse(args: argparse.Namespace) -> int:
    from ankigen.sources import parse_file

    deck = parse_file(args.path, encoding=args.encoding)
    _report(deck.warnings)
    data = deck_as_dict(deck)
    if args.format == "yaml":
        import yaml

        sys.stdout.write(
            yaml.dump(data, Dumper=_YamlDumper(), allow_unicode=True, sort_keys=False, width=10**6)
        )
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.builder import DEFAULT_SOURCES, build_deck, find_decks

    failed = False
    for config in find_decks(args.paths or [DEFAULT_SOURCES]):
        try:
            result = build_deck(config, Path(args.output), check=args.check)
        except SourceError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        _report(result.warnings)
        if result.status == "out of date":
            print(f"{result.output}: out of date: run 'ankigen build'", file=sys.stderr)
            failed = True
        if not args.quiet:
            print(result.summary())
    return 1 if failed else 0


def deck_as_dict(deck: Deck) -> dict[str, Any]:
    """The deck as plain data, in the documented JSON shape."""
    return {
        "title": deck.title,
        "objectives": list(deck.objectives),
        "description": deck.description,
        "source": deck.source,
        "cards": [
            {**{k: v for k, v in asdict(card).items() if k != "source"}, "tags": list(card.tags)}
            for card in deck.cards
        ],
    }


def _report(warnings: Iterable[SourceWarning]) -> None:
    for warning in warnings:
        print(warning, file=sys.stderr)


def _YamlDumper() -> Any:
    """A YAML dumper that writes multi-line text as literal blocks, as people write it."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper
