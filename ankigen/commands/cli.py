"""The ``ankigen`` command: argument parsing and dispatch, nothing else.

Exit codes: 0 done, 1 bad input (``PATH:LINE: error: ...`` on stderr),
2 wrong usage. Every verb's arguments are here; its work is ``run`` in a module
of its own, imported only when it runs, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from ankigen.version import VERSION

TYPE_CHECKING = False  # typing's would import typing, milliseconds of every start
if TYPE_CHECKING:
    from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    top = parser()
    args, unknown = top.parse_known_args(argv)  # --help and --version end here
    if unknown:  # said by the command's own parser, with its own usage
        _commands(top)[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    from ankigen.errors import SourceError

    try:
        return int(import_module(f"ankigen.commands.{args.command}").run(args))
    except SourceError as error:
        from ankigen.commands.output import report

        report([error])
        return 1
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (``| head``): not an error
        return 0
    except OSError as error:  # the disk, not the input: say what and where, no traceback
        print(f"{error.filename or 'ankigen'}: error: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "ankigen: interrupted: decks finished before it are written; the one in progress "
            "and any after it are left as they were",
            file=sys.stderr,
        )
        return 130


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="ankigen", description="Turn flashcard material into styled, tagged Anki decks."
    )
    top.add_argument("--version", action="version", version=f"ankigen {VERSION}")
    commands = top.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for add in (_build, _preview, _diff, _inspect, _parse, _init):
        add(commands)
    return top


def _init(commands: Any) -> None:
    init = commands.add_parser(
        "init",
        help="start a deck repository",
        description="Write a deck repository to start from: an example deck in each format, "
        "a deck configuration, a CI workflow, a .gitignore and a README. Existing files "
        "are kept.",
    )
    init.add_argument(
        "folder", nargs="?", default=".", metavar="DIR", help="where (default: the current folder)"
    )
    init.set_defaults(command="init")


def _commands(top: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each command's own parser, by name."""
    action = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _build(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build .apkg decks from sources",
        description="Build one .apkg per deck. With no PATH, every deck under ./source_cards.",
    )
    build.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="source files, .deck.yaml files or folders (default: the project's 'sources' "
        "setting, else ./source_cards)",
    )
    build.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="where decks go (default: the project's 'output' setting, else ./build)",
    )
    build.add_argument(
        "--strict", action="store_true", help="every warning is an error (default: 'strict')"
    )
    _problems(build)
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the output is not what the sources produce",
    )
    build.set_defaults(command="build")


def _output_format(command: argparse.ArgumentParser, *choices: str) -> None:
    command.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def _problems(command: argparse.ArgumentParser) -> None:
    """The option that says how errors and warnings are printed."""
    command.add_argument(
        "--format",
        dest="problems",
        choices=("text", "github"),
        help="errors and warnings as PATH:LINE: lines, or as GitHub Actions annotations "
        "(default: github on GitHub Actions, else text)",
    )


def _preview(commands: Any) -> None:
    preview = commands.add_parser(
        "preview",
        help="write one HTML page showing every card",
        description="Write a self-contained HTML page with every card's front and back, "
        "as the note type renders them, with a light/dark switch.",
    )
    preview.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="source files, .deck.yaml files or folders (default: the project's 'sources' "
        "setting, else ./source_cards)",
    )
    preview.add_argument(
        "-o",
        "--output",
        metavar="FILE.html",
        help="the page to write (default: preview.html in the project's output, ./build)",
    )
    preview.add_argument(
        "--watch",
        action="store_true",
        help="serve the preview on 127.0.0.1 and remake it when a source changes "
        "(needs pip install 'ankigen[watch]')",
    )
    preview.add_argument(
        "--port", type=int, default=8000, help="the port --watch serves on (default: 8000)"
    )
    _problems(preview)
    preview.set_defaults(command="preview")


def _diff(commands: Any) -> None:
    diff = commands.add_parser(
        "diff",
        help="show what changed between two versions of a deck",
        description="Compare two decks as Anki would on import. Either may be a source "
        "(file, folder or .deck.yaml), built on the fly against the state in --state. "
        "Exit 0: no change; 1: changed; 2: bad input or usage.",
    )
    diff.add_argument(
        "old", metavar="OLD", help="the published deck, e.g. build/deck.apkg (or a source)"
    )
    diff.add_argument(
        "new", metavar="NEW", help="the new version, e.g. source_cards/deck.deck.yaml (or an .apkg)"
    )
    _output_format(diff, "text", "json")
    diff.add_argument(
        "--state",
        metavar="DIR",
        help="where built decks keep their state (default: the project's output, ./build)",
    )
    diff.set_defaults(command="diff")


def _inspect(commands: Any) -> None:
    inspect = commands.add_parser(
        "inspect",
        help="show what an .apkg holds",
        description="Show the decks, note types and notes of any .apkg.",
    )
    inspect.add_argument("path", metavar="DECK.apkg", help="any .apkg, e.g. build/deck.apkg")
    _output_format(inspect, "text", "json")
    inspect.set_defaults(command="inspect")


def _parse(commands: Any) -> None:
    parse = commands.add_parser(
        "parse",
        help="print the cards a source holds",
        description="Print a source's cards as JSON or YAML, read as its deck configuration "
        "says; the table options below try other readings.",
    )
    parse.add_argument("path", metavar="PATH", help="a source file, e.g. source_cards/deck.csv")
    _output_format(parse, "json", "yaml")
    parse.add_argument("--encoding", help="the file's encoding, if not UTF-8 (e.g. cp1252)")
    table = parse.add_argument_group("tables (CSV, TSV, Anki and Quizlet exports)")
    table.add_argument("--separator", metavar="S", help="between cells (default: detected)")
    table.add_argument("--row-separator", metavar="S", help="between rows (default: a line end)")
    table.add_argument(
        "--header", action=argparse.BooleanOptionalAction, help="the first row names the columns"
    )
    table.add_argument(
        "--cells",
        choices=("text", "markdown", "html"),
        help="what the cells hold (default: detected)",
    )
    for role, example in (
        ("question", "1 or a header name"),
        ("answer", "2, or several: --answer 2 3"),
        ("extra", "shown below the answer; one or several"),
        ("cloze", "the text of cloze cards ({{c1::...}}), instead of --question"),
        ("tags", "a column of space-separated tags"),
        ("id", "a column of card identities"),
        ("guid", "a column of Anki note GUIDs"),
    ):
        table.add_argument(
            f"--{role}",
            nargs="+" if role in ("answer", "extra") else None,
            metavar="COL",
            help=example,
        )
    parse.set_defaults(command="parse")
