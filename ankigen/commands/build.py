"""``ankigen build``: every deck through the pipeline, one summary line each."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.commands.output import report
    from ankigen.commands.progress import ProgressBar
    from ankigen.errors import SourceError
    from ankigen.pipeline.build import DEFAULT_SOURCES, build_deck
    from ankigen.pipeline.discover import find_decks
    from ankigen.pipeline.write import Status

    failed = False
    progress = ProgressBar()
    for config in find_decks(args.paths or [DEFAULT_SOURCES]):
        try:
            result = build_deck(config, Path(args.output), check=args.check, progress=progress)
        except SourceError as error:
            progress.close()
            print(error, file=sys.stderr)
            failed = True
            continue
        progress.close()
        report(result.warnings)
        if result.status is Status.OUT_OF_DATE:
            print(f"{result.output}: out of date: run 'ankigen build'", file=sys.stderr)
            failed = True
        if not args.quiet:
            print(result.summary())
    return 1 if failed else 0
