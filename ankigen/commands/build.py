"""``ankigen build``: every deck through the pipeline, one summary line each."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.commands.output import report, style
    from ankigen.commands.progress import ProgressBar
    from ankigen.config.project import find_project
    from ankigen.errors import SourceError
    from ankigen.pipeline.build import build
    from ankigen.pipeline.write import Status

    project = find_project()
    paths = args.paths or list(project.sources)
    strict = args.strict or project.strict
    how = style(args.problems)
    progress = ProgressBar()
    failed = False
    output = Path(args.output) if args.output else project.output
    try:
        results = build(paths, output, args.check, progress, project.exclude, strict)
    finally:
        progress.close()  # before anything else is printed, an interruption's line too
    for result in results:
        report(result.warnings, how, strict)
        failed |= strict and bool(result.warnings)
        if result.error is not None:
            report([result.error], how)
            failed = True
        elif result.status is Status.OUT_OF_DATE:
            report([SourceError(str(result.output), None, "out of date: run 'ankigen build'")], how)
            failed = True
        if result.status not in (Status.FAILED, Status.SKIPPED) and not args.quiet:
            print(result.summary())
    if not any(r.status not in (Status.FAILED, Status.SKIPPED) for r in results) and not failed:
        where = ", ".join(map(str, paths))
        report([SourceError(where, None, "no deck found")], how)
        return 1
    return 1 if failed else 0
