"""``ankigen build``: every deck through the pipeline, one summary line each."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.commands.output import report
    from ankigen.commands.progress import ProgressBar
    from ankigen.pipeline.build import DEFAULT_SOURCES, build
    from ankigen.pipeline.write import Status

    progress = ProgressBar()
    failed = False
    results = build(args.paths or [DEFAULT_SOURCES], Path(args.output), args.check, progress)
    progress.close()
    for result in results:
        report(result.warnings)
        if result.error is not None:
            print(result.error, file=sys.stderr)
            failed = True
        elif result.status is Status.OUT_OF_DATE:
            print(f"{result.output}: out of date: run 'ankigen build'", file=sys.stderr)
            failed = True
        if result.status not in (Status.FAILED, Status.SKIPPED) and not args.quiet:
            print(result.summary())
    if not any(r.status not in (Status.FAILED, Status.SKIPPED) for r in results) and not failed:
        where = ", ".join(map(str, args.paths or [DEFAULT_SOURCES]))
        print(f"{where}: error: no deck found", file=sys.stderr)
        return 1
    return 1 if failed else 0
