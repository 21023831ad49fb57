"""Finding decks: a problem stops only the decks it concerns, and says where it is."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import page, run


def test_broken_configurations_and_odd_names_fail_alone_at_their_lines(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.deck.yaml").write_text("sources: [sub]\n")  # a folder where a file should be
    (src / "b.deck.yaml").write_text(f"key: {'x' * 300}\nsources: [named.txt]\n")
    (src / "named.txt").write_text(page([("q", "a")]))  # b names it: not built while b is broken
    (src / "c.yaml").write_text(f"cards:\n  - question: q\n    answer: '![i]({'y' * 300}.png)'\n")
    (src / "fine.txt").write_text(page([("What is a Pod?", "A unit.")]))
    result = run("build", str(src), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{src / 'named.txt'}: warning: not built: the deck configuration beside it that names "
        "it has an error",
        f"{src / 'a.deck.yaml'}:1: error: 'sub' is a folder: name a source file",
        f"{src / 'b.deck.yaml'}:1: error: 'key' is 300 characters long; at most 100",
        f"{src / 'c.yaml'}:2: error: card 1: image '{'y' * 300}.png' cannot be read: File name too long",
    ]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.apkg")) == ["fine.apkg"]
