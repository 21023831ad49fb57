"""Project settings: [tool.ankigen] in pyproject.toml, or ankigen.toml, checked at the edge."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.config.project import Project, find_project
from tests.conftest import assert_error_at


def test_no_settings_are_the_defaults(tmp_path: Path) -> None:
    assert find_project(tmp_path) == Project()


def test_pyproject_settings_apply_in_the_project_and_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.ankigen]\nsources = ["decks", "more"]\n'
        'output = "dist/decks"\nexclude = ["decks/drafts", "*.tmp"]\nstrict = true\n'
    )
    (tmp_path / "decks" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    project = find_project()
    assert project.sources == (Path("decks"), Path("more"))
    assert (project.output, project.exclude, project.strict) == (
        Path("dist/decks"),
        ("decks/drafts", "*.tmp"),
        True,
    )
    monkeypatch.chdir(tmp_path / "decks" / "deep")
    found = find_project()  # the project's settings, their paths from here
    assert (found.output, found.exclude) == (
        Path("../../dist/decks"),
        ("../../decks/drafts", "*.tmp"),
    )


def test_ankigen_toml_comes_first_and_a_pyproject_without_a_table_is_passed_over(
    tmp_path: Path,
) -> None:
    (tmp_path / "ankigen.toml").write_text('output = "out"\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_project(tmp_path / "sub").output.name == "out"


def test_bad_settings_name_the_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.ankigen]\nsources = "decks"\nouptut = "out"\n')
    assert_error_at(
        path,
        3,
        "[tool.ankigen] 'ouptut' is not a setting (did you mean 'output'?)",
        lambda: find_project(tmp_path),
    )
    path.write_text("[tool.ankigen]\nstrict = 1\n")
    assert_error_at(path, 2, "'strict' must be true or false", lambda: find_project(tmp_path))
    path.write_text("[tool.ankigen]\nexclude = [1]\n")
    assert_error_at(
        path, 2, "'exclude' must be a path or a list of paths", lambda: find_project(tmp_path)
    )
    path.write_text("[tool.ankigen\n")
    with pytest.raises(Exception, match="not valid TOML"):
        find_project(tmp_path)
