"""Hostile inputs against their size: time and memory must grow linearly.

    python -m benchmarks.adversarial [--sizes 12500 25000 50000 1600000]

Each case is a source built to make a careless reader, renderer or check slow (long
runs of one character that regular expressions and Markdown retry, thousands of
replaced questions for the rewording check, tag patterns that backtrack), read and
rendered as a build does, at growing sizes. It prints the seconds, the peak memory
Python allocated, and the seconds per million characters (or items): linear growth
keeps that last column flat. A field beyond ``render.MAX_TEXT`` characters is
refused, and the refusal is timed too. No test asserts a time; this is the record.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ankigen.errors import SourceError
from ankigen.pipeline.render import Renderer
from ankigen.pipeline.reworded import alike
from ankigen.sources import parse_file


def _page(answer: str) -> str:
    return f"T Flashcards\n\n1\nQ\n\nq?\n\nA\n\n{answer}\n"


# name -> (file name, the source for a size); each is read and rendered.
SOURCES: dict[str, tuple[str, Callable[[int], str]]] = {
    "page: an answer of digits": ("p.txt", lambda n: _page("1" * n)),
    "page: a line of '['": ("p.txt", lambda n: _page("[" * n)),
    "page: a line of '*'": ("p.txt", lambda n: _page("*" * n)),
    "page: lone Q lines": ("p.txt", lambda n: "T\n\n" + "1\nQ\n\nq\n\nA\n\na\n\n" * (n // 16)),
    "TSV: a cell of '['": ("t.tsv", lambda n: "q\t" + "[" * n + "\n"),
    "CSV: quotes": ("t.csv", lambda n: 'q,"' + '""' * (n // 2) + '"\n'),
    "CSV: many rows": ("t.csv", lambda n: "question,answer\n" + "q,a\n" * (n // 4)),
    "Markdown: a line of '['": ("m.md", lambda n: "# D\n\n## q\n\n" + "[" * n + "\n"),
    "Markdown: a line of '$'": ("m.md", lambda n: "# D\n\n## q\n\n" + "$a" * (n // 2) + "\n"),
    "YAML: a long answer": (
        "y.yaml",
        lambda n: 'cards:\n  - {question: q, answer: "' + "[" * n + '"}\n',
    ),
    "page copy: many terms": ("c.txt", lambda n: "Title\n\n" + "term\ndefinition\n\n" * (n // 17)),
    "Obsidian note: a run of '[['": (
        "o.md",
        lambda n: "START\nBasic\nFront: q\nBack: " + "[[" * (n // 2) + "\nEND\n",
    ),
    "inka: a run of '{'": ("i.md", lambda n: "---\n1. " + "{" * n + "\n---\n"),
    "Spaced Repetition: '`::' runs": (
        "s.md",
        lambda n: "#flashcards\n\n" + "`::" * (n // 3) + "\n",
    ),
    "Spaced Repetition: '==' runs": ("s.md", lambda n: "#flashcards\n\n" + "==a" * (n // 3) + "\n"),
    "Spaced Repetition: '<!--' runs": (
        "s.md",
        lambda n: "#flashcards\n\nq::a " + "<!--" * (n // 4) + "\n",
    ),
    "Logseq: a run of '![' ": ("l.md", lambda n: "- q #card\n\t- " + "![" * (n // 2) + "\n"),
    "Logseq: a deep outline": (
        "l.md",
        lambda n: "- q #card\n" + "".join("\t" * (i % 200 + 1) + "- a\n" for i in range(n // 100)),
    ),
    "Logseq: a run of '{{cloze '": ("l.md", lambda n: "- " + "{{cloze " * (n // 8) + " #card\n"),
    "labelled: many cards": ("q.txt", lambda n: "Q: q\nA: a\n" * (n // 10)),
    "CrowdAnki: many notes": (
        "d.json",
        lambda n: (
            '{"note_models": [{"crowdanki_uuid": "m", "flds": [{"name": "Front"}, '
            '{"name": "Back"}]}], "notes": ['
            + ",".join(
                f'{{"fields": ["q{i}", "a"], "guid": "g{i}", "note_model_uuid": "m"}}'
                for i in range(n // 60)
            )
            + "]}"
        ),
    ),
}


def _read_and_render(path: Path) -> str:
    """'' when read and rendered, else ' (refused)': the time to refuse is what counts."""
    try:
        Renderer().cards(parse_file(path).cards)
    except SourceError:
        return " (refused)"
    return ""


def _reworded(count: int) -> None:
    removed = [f"What does tool {i} do in cluster {i % 7}?" for i in range(count)]
    added = [f"In cluster {i % 7}, what does tool {i} do?" for i in range(count)]
    alike(added, removed)


def _measure(run: Callable[[], object]) -> tuple[float, float, object]:
    """Seconds (the faster of two runs), peak MiB (a third run, traced), and the result."""
    seconds = []
    for _ in range(2):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / (1 << 20)
    tracemalloc.stop()
    return min(seconds), peak, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[12_500, 25_000, 50_000, 1_600_000])
    args = parser.parse_args(argv)
    print(f"{'case':34} {'size':>10} {'seconds':>9} {'peak MiB':>9} {'s per million':>14}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (file_name, make) in SOURCES.items():
            path = Path(folder) / file_name
            for size in args.sizes:
                path.write_text(make(size), encoding="utf-8")
                seconds, peak, refused = _measure(lambda: _read_and_render(path))  # noqa: B023
                _row(name, size, seconds, peak, str(refused))
        for count in (1_000, 4_000, 16_000):
            seconds, peak, _ = _measure(lambda: _reworded(count))  # noqa: B023 (called at once)
            _row("rewording check: replaced cards", count, seconds, peak)


def _row(name: str, size: int, seconds: float, peak: float, note: str = "") -> None:
    per = seconds / size * 1e6
    print(f"{name:34} {size:>10,} {seconds:>9.3f} {peak:>9.1f} {per:>14.3f}{note}", flush=True)


if __name__ == "__main__":
    main()
