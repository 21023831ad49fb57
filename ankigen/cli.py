"""The ``ankigen`` command: argument parsing and wiring, nothing else.

Exit codes: 0 done, 1 bad input (``PATH:LINE: error: ...`` on stderr),
2 wrong usage. Heavy modules (genanki, markdown-it-py, yaml) are imported
inside the commands that need them, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ankigen import __version__

if TYPE_CHECKING:
    from ankigen.errors import SourceWarning
    from ankigen.model import Deck


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # --help and --version end here
    from ankigen.errors import SourceError

    try:
        return int(args.run(args))
    except SourceError as error:
        print(error, file=sys.stderr)
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (``| head``): not an error
        return 0
    except OSError as error:  # the disk, not the input: say what and where, no traceback
        print(f"{error.filename or 'ankigen'}: error: {error.strerror or error}", file=sys.stderr)
        return 1
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

    preview = commands.add_parser(
        "preview",
        help="write one HTML page showing every card",
        description="Write a self-contained HTML page with every card's front and back, "
        "as the note type renders them, with a light/dark switch.",
    )
    preview.add_argument("paths", nargs="*", metavar="PATH", help="default: ./source_cards")
    preview.add_argument("-o", "--output", default="build/preview.html", metavar="FILE.html")
    preview.set_defaults(run=_preview)

    inspect = commands.add_parser(
        "inspect",
        help="show what an .apkg holds",
        description="Show the decks, note types and notes of any .apkg.",
    )
    inspect.add_argument("path", metavar="DECK.apkg")
    inspect.add_argument("--format", choices=("text", "json"), default="text")
    inspect.set_defaults(run=_inspect)

    diff = commands.add_parser(
        "diff",
        help="show what changed between two versions of a deck",
        description="Compare two decks as Anki would on import. Either may be a source "
        "(file, folder or .deck.yaml), built on the fly against the state in --state. "
        "Exit 0: no change; 1: changed; 2: bad input or usage.",
    )
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument(
        "--state", default="build", metavar="DIR", help="where built decks keep their state"
    )
    diff.set_defaults(run=_diff)
    return parser


def _parse(args: argparse.Namespace) -> int:
    import json

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
    from ankigen.errors import SourceError
    from ankigen.progress import Progress

    failed = False
    progress = Progress()
    for config in find_decks(args.paths or [DEFAULT_SOURCES]):
        try:
            result = build_deck(config, Path(args.output), check=args.check, progress=progress)
        except SourceError as error:
            progress.close()
            print(error, file=sys.stderr)
            failed = True
            continue
        progress.close()
        _report(result.warnings)
        if result.status == "out of date":
            print(f"{result.output}: out of date: run 'ankigen build'", file=sys.stderr)
            failed = True
        if not args.quiet:
            print(result.summary())
    return 1 if failed else 0


def _preview(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.builder import DEFAULT_SOURCES, find_decks, prepare
    from ankigen.errors import SourceError
    from ankigen.files import write_atomic
    from ankigen.preview import page

    built, failed = [], False
    for config in find_decks(args.paths or [DEFAULT_SOURCES]):
        try:
            decks, _, deck = prepare(config)
        except SourceError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        _report(w for source in decks for w in source.warnings)
        built.append(deck)
    if failed:
        return 1
    write_atomic(Path(args.output), page(built).encode())
    print(f"{args.output}: {sum(len(d.notes) for d in built)} cards from {len(built)} decks")
    return 0


def _inspect(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ankigen import listing
    from ankigen.apkg import read_package

    package = read_package(Path(args.path))
    if args.format == "json":
        sys.stdout.write(json.dumps(listing.as_data(package), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(listing.as_text(package))
    return 0


def _diff(args: argparse.Namespace) -> int:
    import json

    from ankigen import compare
    from ankigen.errors import SourceError

    try:
        old, new = (_package_of(path, args.state) for path in (args.old, args.new))
    except SourceError as error:
        print(error, file=sys.stderr)
        return 2
    difference = compare.compare(old, new)
    if args.format == "json":
        data = compare.as_data(difference, old, new)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(compare.as_text(difference, old, new))
    return 1 if difference else 0


def _package_of(path: str, state_dir: str) -> Any:
    """The package at ``path``, or the one its sources build (against the published state)."""
    import dataclasses
    import shutil
    import tempfile
    from pathlib import Path

    from ankigen.apkg import read_package
    from ankigen.builder import build_deck, find_decks
    from ankigen.errors import SourceError
    from ankigen.state import STATE_SUFFIX

    if path.lower().endswith(".apkg"):
        return read_package(Path(path))
    decks = find_decks([path])
    if len(decks) != 1:
        raise SourceError(path, 1, f"holds {len(decks)} decks; diff compares one deck at a time")
    with tempfile.TemporaryDirectory(prefix="ankigen-") as scratch:
        state = Path(state_dir) / f"{decks[0].key}{STATE_SUFFIX}"
        if state.is_file():
            shutil.copy(state, scratch)
        built = build_deck(decks[0], Path(scratch))
        _report(built.warnings)
        return dataclasses.replace(read_package(built.output), path=path)


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
