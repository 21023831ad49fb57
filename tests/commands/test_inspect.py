"""``ankigen inspect``: what any .apkg holds, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import APKG, SEED, build, run


def test_inspect_command(tmp_path: Path) -> None:
    build([SEED.parent], tmp_path)
    seed_apkg = tmp_path / APKG
    text = run("inspect", str(seed_apkg))
    assert text.returncode == 0, text.stderr
    assert "9 notes, 0 media files" in text.stdout
    assert "fields: Question, Answer" in text.stdout
    assert "K8S SLURM  What is the difference between orchestration and" in text.stdout
    data = json.loads(run("inspect", str(seed_apkg), "--format", "json").stdout)
    assert data["notes"][8]["fields"] == {
        "Question": "<p>Name MLOps Partners</p>",
        "Answer": "<p>Runai<br />\nPaperspace<br />\nDeterminedAI</p>",
    }
    (tmp_path / "x.apkg").write_text("no")
    bad = run("inspect", str(tmp_path / "x.apkg"))
    assert bad.returncode == 1
    assert bad.stderr.startswith(f"{tmp_path / 'x.apkg'}: error: not an Anki package")
