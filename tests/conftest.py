"""Shared helpers: the seed deck and a writer for flashcard page text."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from anki.collection import Collection
    from anki.notes import Note

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source_cards" / "unit14-orchestration-mlops-job-scheduling.txt"
SCAFFOLD = ["How well did you know this?", "1", "Not at all", "2", "3", "4", "5", "Perfectly"]


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
            lines += SCAFFOLD
    return "\n".join(lines) + "\n"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


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


def readings(text: str) -> list[object]:
    """What each way of reading a flashcard page makes of ``text``: the deck, or the
    error message. First both fast paths (the whole page in one pass, falling back
    to the general reading with each usual card in one step), then the usual card
    step alone, then the general reading alone."""
    import re

    from ankigen import SourceError, parse_text
    from ankigen.sources import flashcard_page

    results: list[object] = []
    with pytest.MonkeyPatch.context() as patch:
        for step in ("page", "card", "general"):
            if step == "card":
                patch.setattr(flashcard_page, "_usual_page", lambda text, source: None)
            if step == "general":
                patch.setattr(flashcard_page, "_USUAL_CARD", re.compile(r"(?!)"))
            try:
                results.append(parse_text(text))
            except SourceError as error:
                results.append(str(error))
    return results
