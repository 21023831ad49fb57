"""Time ``ankigen build`` against the lean genanki pipeline, side by side.

    python -m benchmarks.run [--sizes 1000 10000 100000] [--repeats 7]
                             [--corpora plain technical]

For each corpus and deck size, ``--repeats`` rounds of: the lean pipeline, a full
``ankigen build``, and three times a rebuild after editing one card and a rebuild
with nothing changed, each in a fresh process. It prints medians, the ratios
against the lean pipeline and peak memory (max RSS), checks that both pipelines
produced the same deck content, and measures start-up and parsing's share of a
build. Results also go to ``benchmarks/results.json`` and ``benchmarks/plot.svg``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_corpus

HERE = Path(__file__).resolve().parent


# Runs a command and prints its wall time, peak memory (of it and its workers, in
# KiB) and exit status. Commands are started from this small process rather than
# from the benchmark's own, which holds a whole corpus: Linux reports a process's
# peak memory as at least that of the one it was started from.
_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, status)
"""


def timed(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one run of ``command`` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True
    )
    wall, peak, status = result.stdout.split() or ("0", "0", "measuring failed")
    if status != "0":
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")
    return float(wall), int(peak) / 1024


def median(runs: list[tuple[float, float]]) -> dict[str, float]:
    """The median time, the fastest (least disturbed by other work on the machine)
    and the largest peak memory of some runs."""
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "fastest": min(r[0] for r in runs),
        "peak_mib": max(r[1] for r in runs),
    }


def deck_content(path: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    from ankigen.anki.read import read_package

    return {n.guid: (n.fields, n.tags) for n in read_package(path).notes}


def installed_python(folder: Path) -> str:
    """A Python that imports ankigen as a user's install does: a bare virtual
    environment whose one path file names this checkout and the packages of the
    running one. An editable install (``pip install -e``) finds ankigen through an
    import hook that adds about 20 ms to every start, which a user's install lacks."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    packages = Path(sysconfig.get_paths()["purelib"])
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    (folder / "lib" / version / "site-packages" / "ankigen.pth").write_text(
        f"{HERE.parent}\n{packages}\n", encoding="utf-8"
    )
    return str(folder / "bin" / "python")


def bench_size(count: int, repeats: int, work: Path, kind: str, python: str) -> dict[str, Any]:
    source = write_corpus(work / "source_cards", count, kind=kind)
    text = source.read_text(encoding="utf-8")
    lean_build = [python, "-m", "benchmarks.lean", str(source), str(work / "lean.apkg")]

    def build(out: Path) -> list[str]:
        return [python, "-m", "ankigen", "build", str(source.parent), "-o", str(out), "-q"]

    lean_runs, full_runs, edit_runs, none_runs = [], [], [], []
    rounds: list[dict[str, float]] = []
    # All four in turn, round after round: the machine's speed drifts, and each
    # ratio compares runs of one round, made under the same conditions. The short
    # rebuilds run three times a round: a long build evens out brief slow spells of
    # the machine, a short one lands in them or not.
    for index in range(repeats):
        lean_runs.append(timed(lean_build, HERE.parent))
        full_runs.append(timed(build(work / f"full-{index}"), work))
        if index:
            shutil.rmtree(work / f"full-{index}")
        for turn in range(3):
            edited = text.replace("\nA\n\n", f"\nA\n\nEdited {index}.{turn}. ", 1)
            source.write_text(edited, encoding="utf-8")
            edit_runs.append(timed(build(work / "full-0"), work))  # a rebuild after one edit
            none_runs.append(timed(build(work / "full-0"), work))
        source.write_text(text, encoding="utf-8")
        built = full_runs[-1][0]
        rounds.append(
            {
                "full_vs_lean": built / lean_runs[-1][0],
                "one_edit_vs_full": statistics.median(r[0] for r in edit_runs[-3:]) / built,
                "no_change_vs_full": statistics.median(r[0] for r in none_runs[-3:]) / built,
            }
        )
    fresh = work / "fresh"
    timed(build(fresh), work)
    same = deck_content(work / "lean.apkg") == deck_content(fresh / "benchmark.apkg")

    lean, full = median(lean_runs), median(full_runs)
    edit, nothing = median(edit_runs), median(none_runs)
    return {
        "corpus": kind,
        "cards": count,
        "bytes": len(text.encode()),
        "lean": lean,
        "full": full,
        "one_edit": edit,
        "no_change": nothing,
        # The median of each round's ratio.
        **{key: statistics.median(r[key] for r in rounds) for key in rounds[0]},
        "rounds": rounds,
        "fastest": {
            "full_vs_lean": full["fastest"] / lean["fastest"],
            "one_edit_vs_full": edit["fastest"] / full["fastest"],
            "no_change_vs_full": nothing["fastest"] / full["fastest"],
        },
        "memory_vs_lean": full["peak_mib"] / lean["peak_mib"],
        "identical_content": same,
    }


def startup(python: str, repeats: int = 21) -> dict[str, float]:
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "ankigen --version": [python, "-m", "ankigen", "--version"],
        "ankigen --help": [python, "-m", "ankigen", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            times[name].append(timed(command, HERE.parent)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def parse_seconds(count: int, kind: str, repeats: int = 9) -> float:
    """Seconds ``parse_text`` takes on a corpus (the median of ``repeats`` runs: one parse
    is short, and other work on the machine moves single runs a lot)."""
    from ankigen import parse_text
    from benchmarks.corpus import corpus

    text = corpus(count, kind=kind)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        parse_text(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plot(results: list[dict[str, Any]], path: Path) -> None:
    """Time against deck size for both pipelines on each corpus, log-log, as a small SVG."""
    import math

    width, height, pad = 560, 380, 60
    sizes = [r["cards"] for r in results]
    values = [r[k]["seconds"] for r in results for k in ("lean", "full")]
    x0, x1 = math.log10(min(sizes)), math.log10(max(sizes))
    y0, y1 = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))

    def point(cards: float, seconds: float) -> tuple[float, float]:
        x = pad + (math.log10(cards) - x0) / max(x1 - x0, 1e-9) * (width - 2 * pad)
        y = height - pad - (math.log10(seconds) - y0) / max(y1 - y0, 1e-9) * (height - 2 * pad)
        return x, y

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">'
        "Build time against deck size (log-log)</text>",
    ]
    for exponent in range(y0, y1 + 1):
        _, y = point(sizes[0], 10**exponent)
        parts.append(f'<line x1="{pad}" x2="{width - pad}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{pad - 6}" y="{y + 4}" text-anchor="end">{10**exponent:g} s</text>')
    for cards in sorted(set(sizes)):
        x, _ = point(cards, 10**y0)
        parts.append(f'<text x="{x}" y="{height - pad + 18}" text-anchor="middle">{cards:,}</text>')
    lines = [
        (kind, key, colour, dash, f"{label}, {kind} corpus")
        for kind, dash in (("plain", ""), ("technical", ' stroke-dasharray="6 4"'))
        for key, colour, label in (
            ("lean", "#c0392b", "lean genanki"),
            ("full", "#1f6feb", "ankigen build"),
        )
        if any(r["corpus"] == kind for r in results)
    ]
    for number, (kind, key, colour, dash, label) in enumerate(lines):
        rows = [r for r in results if r["corpus"] == kind]
        points = " ".join(
            "{:.1f},{:.1f}".format(*point(r["cards"], r[key]["seconds"])) for r in rows
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        for r in rows:
            x, y = point(r["cards"], r[key]["seconds"])
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
        legend_y = 44 + 18 * number
        parts.append(
            f'<line x1="{pad + 10}" x2="{pad + 26}" y1="{legend_y - 8}" y2="{legend_y - 8}" '
            f'stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        parts.append(f'<text x="{pad + 32}" y="{legend_y - 4}">{label}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 14}" text-anchor="middle">cards</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> None:
    from benchmarks.corpus import KINDS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--corpora", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--plot", type=Path, default=HERE / "plot.svg")
    args = parser.parse_args()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "ankigen")], check=True
    )

    results = []
    python_folder = tempfile.TemporaryDirectory(prefix="ankigen-bench-python-")
    python = installed_python(Path(python_folder.name))
    for kind in args.corpora:
        for count in args.sizes:
            with tempfile.TemporaryDirectory(prefix="ankigen-bench-") as work:
                result = bench_size(count, args.repeats, Path(work), kind, python)
            result["parse_seconds"] = parse_seconds(count, kind)
            results.append(result)
            fastest = result["fastest"]
            print(
                f"{kind:>9} {count:>7} cards: lean {result['lean']['seconds']:.2f} s "
                f"{result['lean']['peak_mib']:.0f} MiB | ankigen {result['full']['seconds']:.2f} s "
                f"{result['full']['peak_mib']:.0f} MiB (x{result['full_vs_lean']:.2f} time, "
                f"x{result['memory_vs_lean']:.2f} memory) | one edit "
                f"{result['one_edit']['seconds']:.2f} s (x{result['one_edit_vs_full']:.2f} of full) | "
                f"no change {result['no_change']['seconds']:.2f} s "
                f"(x{result['no_change_vs_full']:.2f}) | parsing {result['parse_seconds']:.2f} s "
                f"({result['parse_seconds'] / result['full']['seconds']:.0%} of full) | "
                f"same content: {'yes' if result['identical_content'] else 'NO'}\n"
                f"{'':>25}fastest runs: x{fastest['full_vs_lean']:.2f} of lean | one edit "
                f"x{fastest['one_edit_vs_full']:.2f} of full | no change "
                f"x{fastest['no_change_vs_full']:.2f}",
                flush=True,
            )
    start = startup(python)
    python_folder.cleanup()
    bare = start["python -c pass"]
    print(
        "start-up: "
        + ", ".join(
            f"{name} {seconds * 1000:.0f} ms (x{seconds / bare:.1f})"
            for name, seconds in start.items()
        )
    )
    args.out.write_text(json.dumps({"runs": results, "startup": start}, indent=2) + "\n")
    plot(results, args.plot)


if __name__ == "__main__":
    main()
