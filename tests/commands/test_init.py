"""``ankigen init``: a deck repository that builds cleanly and imports into Anki."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ankigen.commands.init import ACTION, FILES
from tests.conftest import import_apkg, run

if TYPE_CHECKING:
    from anki.collection import Collection


def test_init_writes_a_repository_that_builds_without_a_warning(
    tmp_path: Path, collection: Collection
) -> None:
    result = run("init", str(tmp_path / "decks"))
    assert result.returncode == 0
    assert (
        result.stdout.splitlines()[-1]
        == f"next: cd {tmp_path / 'decks'} && ankigen build && ankigen preview"
    )
    for name in FILES:
        assert (tmp_path / "decks" / name).is_file(), name
    built = run("build", cwd=tmp_path / "decks")
    assert (built.returncode, built.stderr) == (0, "")
    decks = sorted((tmp_path / "decks" / "build").glob("*.apkg"))
    assert [d.stem for d in decks] == ["german", "kubernetes-basics", "mlops", "slurm"]
    new = [len(import_apkg(collection, deck).new) for deck in decks]
    assert new == [3, 3, 2, 2]
    assert collection.card_count() == 6 + 4 + 2 + 2  # reversed words; a cloze of two
    workflow = yaml.safe_load(
        (tmp_path / "decks" / ".github" / "workflows" / "decks.yml").read_text()
    )
    assert workflow["jobs"]["decks"]["steps"][1]["uses"] == ACTION


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my own readme\n")
    result = run("init", cwd=tmp_path)
    assert f"{Path('README.md')}: kept (it exists already)" in result.stdout
    assert (tmp_path / "README.md").read_text() == "my own readme\n"
    assert result.stdout.splitlines()[-1] == "next: ankigen build && ankigen preview"
