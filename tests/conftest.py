"""What the tests share: the seed deck, page text, the command line, real Anki."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from ankigen.model import normalise_question
from ankigen.sources.flashcard_page import RATING_LINES, SCAFFOLD_HEAD, SCAFFOLD_LINES

# Property and fuzz tests: a modest run in the normal suite; more with
# ``python -m pytest --hypothesis-profile=long``.
settings.register_profile("default", max_examples=40)
settings.register_profile("long", max_examples=2000)
settings.load_profile("default")

if TYPE_CHECKING:
    from anki.collection import Collection
    from anki.notes import Note
    from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_cards" / "unit14-orchestration-mlops-job-scheduling.txt"
SEED_CONFIG = ROOT / "source_cards" / "unit14-orchestration-mlops-job-scheduling.deck.yaml"
KEY = "unit14-orchestration-mlops-job-scheduling"
APKG = f"{KEY}.apkg"
STATE = f"{KEY}.state.jsonl"
SEED_TITLE = "Unit 14 Orchestration, MLOps and Job Scheduling Flashcards"
SEED_DECK = "Unit 14: Orchestration, MLOps and Job Scheduling"
T1, T2, T3 = 1_700_000_000, 1_700_086_400, 1_700_172_800

EXPECTED_SEED_TAGS = {
    "What is K8S?": ("K8S",),
    "What is the difference between orchestration and scheduling?": ("K8S", "SLURM"),
    "What is SLURM?": ("SLURM",),
    "What is MLOps?": ("MLOps",),
    "list Kubernetes Components": ("K8S",),
    "NVIDIA GPU Operator": ("K8S",),
    "Container Engine": ("K8S",),
    "NVIDIA Network Operator": ("K8S",),
    "Name MLOps Partners": ("MLOps",),
}

# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a3b4e3a30000000049454e44ae426082"
)


def page(
    cards: Sequence[tuple[str, str]],
    title: str = "Test Deck Flashcards",
    scaffold: bool = True,
    first: int = 1,
) -> str:
    """Flashcard page text in the copied-page layout the seed uses."""
    lines = [title, ""]
    for number, (question, answer) in enumerate(cards, start=first):
        lines += [str(number), "Q", "", question, "", "A", "", answer, ""]
        if scaffold:
            lines += SCAFFOLD_LINES
    return "\n".join(lines) + "\n"


_RATING = {SCAFFOLD_HEAD, *RATING_LINES}

# A line of card text: anything printable, but not a line that is structure on its own.
_line = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda s: s not in ("", "Q", "A") and s.casefold() not in _RATING and not s.isdigit())
)
_text = st.lists(_line, min_size=1, max_size=4).map("\n".join)


@st.composite
def page_cards(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Cards for ``page``: distinct questions, no line that is page structure on its own."""
    cards = draw(st.lists(st.tuples(_text, _text), min_size=1, max_size=6))
    unique: dict[str, tuple[str, str]] = {}
    for question, answer in cards:
        unique.setdefault(normalise_question(question), (question, answer))
    return list(unique.values())


def markdown_reference() -> MarkdownIt:
    """markdown-it configured as the renderer configures it, without any fast path."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )


def seed_cards() -> list[tuple[str, str]]:
    from ankigen import parse_file

    return [(card.question, card.answer) for card in parse_file(SEED).cards]


def write_seed(project: Path, cards: list[tuple[str, str]]) -> None:
    """Replace the seed's cards in a project's copy of source_cards."""
    (project / "source_cards" / SEED.name).write_text(page(cards, title=SEED_TITLE))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's source_cards, as a maintainer's checkout has it."""
    shutil.copytree(ROOT / "source_cards", tmp_path / "source_cards")
    return tmp_path


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection (Anki's own engine, from the ``anki`` package)."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_apkg(col: Collection, path: Path) -> Any:
    """Import an .apkg as Anki's File > Import does, with its default options; return the log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def notes_by_question(col: Collection) -> dict[str, Note]:
    """Every note in the collection, by its question field."""
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    return {note["Question"]: note for note in notes}


def assert_error_at(path: Path | str, line: int, message: str, call: Callable[[], object]) -> None:
    """``call()`` fails with a SourceError at ``path``:``line`` whose message holds ``message``."""
    from ankigen.errors import SourceError

    with pytest.raises(SourceError) as raised:
        call()
    assert str(raised.value).startswith(f"{path}:{line}: error: ")
    assert message in raised.value.message


def build(paths: Sequence[str | Path], output: str | Path) -> list[Any]:
    """``ankigen.build``, raising the first error a deck met, as a test wants to see it."""
    from ankigen.pipeline.build import build as build_decks

    results = build_decks(paths, output)
    for result in results:
        if result.error is not None:
            raise result.error
    return results


@dataclass(frozen=True)
class Ran:
    """What a run of the command line did."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Ran:
    """Run ``ankigen`` as a user would in a shell, but in this process (it is faster):
    in ``cwd``, with ``env`` added to an environment without SOURCE_DATE_EPOCH."""
    from ankigen.commands.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ.update(env or {})
    try:
        with (
            contextlib.chdir(cwd or Path.cwd()),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse: --help, --version and usage errors
                code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Ran(code, out.getvalue(), err.getvalue())


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``ankigen`` in a process of its own, for what only a fresh process shows."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "ankigen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environment, **(env or {})},
        check=False,
    )
