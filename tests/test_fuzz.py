"""Fuzzing every reader and the build, on real sources mutated and on generated ones.

Whatever the bytes, a source is read into cards or refused with a located
SourceError: never another exception, never a hang. A deck that builds is one
Anki accepts: each note has its note type's fields, no field holds Anki's field
separator, and every tag is one Anki keeps as it is.

The normal suite runs a modest number of examples; ``--hypothesis-profile=long``
(registered in conftest) runs many more.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ankigen import SourceError, parse_file
from ankigen.anki.notetype import BY_ID
from ankigen.model import tag_problem
from ankigen.pipeline.build import build
from ankigen.pipeline.write import Status
from tests.conftest import ROOT, SEED

REAL = [
    *sorted(
        path
        for path in (ROOT / "tests" / "real").rglob("*")
        if path.suffix in (".txt", ".csv", ".tsv", ".md", ".yaml", ".json")
        and not path.name.endswith(".deck.yaml")
    ),
    SEED,
]
SECONDS = 20  # a hang, not a slow example


@contextlib.contextmanager
def bounded(seconds: int = SECONDS) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"over {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def anki_accepts(apkg: Path, tmp: Path) -> None:
    """The built package by Anki's own rules for notes: fields per note type, no field
    separator inside a field, tags without spaces or control characters."""
    with zipfile.ZipFile(apkg) as archive:
        (tmp / "check.anki2").write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(tmp / "check.anki2") as db:
        for mid, fields, tags in db.execute("SELECT mid, flds, tags FROM notes"):
            assert len(fields.split("\x1f")) == len(BY_ID[mid].fields)
            for tag in tags.split():
                assert tag_problem(tag) is None, tag
            assert tags == f" {' '.join(tags.split())} " or tags.strip() == ""
        ords = db.execute("SELECT count() FROM cards").fetchone()[0]
        assert ords >= db.execute("SELECT count() FROM notes").fetchone()[0]


def read_and_build(path: Path, tmp: Path) -> None:
    with bounded():
        with contextlib.suppress(SourceError):
            parse_file(path)
        for result in build([path], tmp / "out"):
            if result.status is Status.BUILT:
                assert result.output is not None
                anki_accepts(result.output, tmp)
            else:
                assert result.error is not None or result.warnings


def mutated(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, delete, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + delete :]
    return data


PIECES = st.sampled_from(
    [
        "1\n", "2\n", "Q\n", "A\n", "\n", "\n\n", "\t", ",", ";", '"', "#", "#separator:tab\n",
        "#html:true\n", "[", "]", "{{c1::", "{{c2::", "}}", "::", "$", "$$", "\\(", "\\)", "`",
        "```python\n", "*", "**", "|", "---\n", "%\n", "## ", "# ", "- ", ":", "![i](x.png)",
        "[sound:a.mp3]", "<b>", "</b>", "<script>", "<img src=x>", "&#31;", "&amp;", "\u2028",
        "\x85", "\x0c", "\x1f", "\x1b", "é", "日本語[にほんご]", "How well did you know this?\n",
        "cards:\n", "  - question: ", "    answer: ", "key: ", "tags: [", "\\href{javascript:x}",
        "START\n", "END\n", "Basic\n", "Cloze\n", "Front: ", "Back: ", "Text: ", "Tags: ",
        "TARGET DECK: ", "<!--ID: 123-->\n", "[[", "]]", "![[", "Deck: ", "1. ", "> ", "{", "}",
        "#flashcards\n", ":::", "?\n", "??\n", "==", ";;", "<!--SR:!2024-01-01,1,250-->",
        "Q: ", "A: ", "- ", "\t- ", " #card", "{{cloze ", "card-repeats:: 1\n", "title:: ",
        '{"notes": [', '{"fields": ["', '", "', '"], "note_model_uuid": "m", "guid": "g"}',
        '], "note_models": [{"crowdanki_uuid": "m", "flds": [{"name": "Front"}], "type": 1}]}',
        '"tags": ["', '"children": [', "null", "[]",
    ]
)  # fmt: skip
EDIT = st.tuples(st.integers(0, 10**6), st.integers(0, 8), st.binary(max_size=6))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(source=st.sampled_from(REAL), edits=st.lists(EDIT, min_size=1, max_size=6))
def test_mutated_real_sources(
    tmp_path_factory: object, source: Path, edits: list[tuple[int, int, bytes]]
) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = tmp / source.name
    path.write_bytes(mutated(source.read_bytes()[:20_000], edits))
    read_and_build(path, tmp)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    suffix=st.sampled_from([".txt", ".csv", ".tsv", ".md", ".yaml", ".json"]),
    pieces=st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60),
)
def test_generated_sources(tmp_path_factory: object, suffix: str, pieces: list[str]) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = tmp / f"deck{suffix}"
    path.write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
    read_and_build(path, tmp)
