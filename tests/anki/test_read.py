"""Reading packages for inspect and diff: ankigen's, Anki's own exports, and hostile ones."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ankigen.anki.read import read_package
from ankigen.errors import SourceError
from tests.conftest import SEED, build, import_apkg

if TYPE_CHECKING:
    from anki.collection import Collection


@pytest.fixture(scope="module")
def seed_apkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    build([SEED.parent], out)
    return out / "unit14-orchestration-mlops-job-scheduling.apkg"


def test_reads_an_ankigen_package(seed_apkg: Path) -> None:
    package = read_package(seed_apkg)
    assert package.collection == "collection.anki2"
    assert [name for _, name in package.decks] == [
        "Unit 14: Orchestration, MLOps and Job Scheduling"
    ]
    (note_type,) = package.note_types
    assert (note_type.name, note_type.fields) == ("ankigen Question/Answer", ("Question", "Answer"))
    assert len(package.notes) == 9
    assert package.notes[0].fields[0] == "<p>What is K8S?</p>"
    assert package.notes[0].tags == ("K8S",)


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy-anki21", "current-anki21b"])
def test_reads_packages_exported_by_anki(
    seed_apkg: Path, collection: Collection, tmp_path: Path, legacy: bool
) -> None:
    from anki.collection import ExportAnkiPackageOptions
    from anki.import_export_pb2 import ExportLimit

    import_apkg(collection, seed_apkg)
    note = collection.get_note(collection.find_notes("")[0])
    media = collection.media.write_data("diagram.png", b"\x89PNG fake")
    note["Answer"] += f'<img src="{media}">'
    collection.update_note(note)
    exported = tmp_path / "export.apkg"
    collection.export_anki_package(
        out_path=str(exported),
        options=ExportAnkiPackageOptions(with_media=True, legacy=legacy),
        limit=ExportLimit(),
    )
    package = read_package(exported)
    assert package.collection == ("collection.anki21" if legacy else "collection.anki21b")
    assert len(package.notes) == 9
    assert package.media == (media,)
    (note_type,) = package.note_types
    assert note_type.fields == ("Question", "Answer")
    assert ".card.nightMode" in note_type.css
    assert "{{Question}}" in note_type.templates[0][1]
    assert "Unit 14: Orchestration, MLOps and Job Scheduling" in [n for _, n in package.decks]


def zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_hostile_and_broken_packages_are_clear_errors(tmp_path: Path) -> None:
    cases = {
        "not-a-zip.apkg": (tmp_path / "not-a-zip.apkg", "not an Anki package"),
        "empty.apkg": (zip_with(tmp_path / "empty.apkg", {"readme": b"x"}), "no collection inside"),
        "garbage.apkg": (
            zip_with(tmp_path / "garbage.apkg", {"collection.anki2": b"not sqlite" * 100}),
            "not a readable Anki collection",
        ),
        "bomb.apkg": (
            zip_with(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * (50 << 20)}),
            "too large or too compressed",
        ),
        "missing.apkg": (tmp_path / "missing.apkg", "no such file"),
    }
    (tmp_path / "not-a-zip.apkg").write_text("hello")
    for path, message in cases.values():
        with pytest.raises(SourceError) as raised:
            read_package(path)
        assert message in raised.value.message, path
        assert str(raised.value).startswith(f"{path}: error: ")


def test_member_names_never_choose_where_files_go(tmp_path: Path, seed_apkg: Path) -> None:
    with zipfile.ZipFile(seed_apkg) as good:
        database = good.read("collection.anki2")
    evil = zip_with(
        tmp_path / "evil.apkg",
        {
            "../../escaped.txt": b"x",
            "/tmp/absolute-escape.txt": b"x",
            "collection.anki2": database,
            "media": json.dumps({"0": "../../media-escape.png"}).encode(),
            "0": b"x",
        },
    )
    package = read_package(evil)
    assert len(package.notes) == 9
    assert package.media == ("../../media-escape.png",)
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert not Path("/tmp/absolute-escape.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.apkg"]


def test_reads_a_collection_without_cards(tmp_path: Path, seed_apkg: Path) -> None:
    with zipfile.ZipFile(seed_apkg) as good:
        (tmp_path / "c.anki2").write_bytes(good.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as db:
        db.execute("DELETE FROM cards")
    zip_with(tmp_path / "x.apkg", {"collection.anki2": (tmp_path / "c.anki2").read_bytes()})
    assert {n.deck for n in read_package(tmp_path / "x.apkg").notes} == {""}
