"""genanki imported without asyncio writes the very packages it writes with it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Writes a package of every note type, in a fresh process (what is imported is the
# point), and says what genanki got as its cached_property.
_WRITE = """
import hashlib, json, sys
if sys.argv[2] == "backport-first":
    import cached_property
from pathlib import Path
from ankigen.anki import notetype, package
from ankigen.model import BuiltDeck, Note

notes = tuple(
    Note(f"guid-{kind.id}", tuple(f"<b>{name}</b> {{{{c1::x}}}}" for name in kind.fields),
         ("K8S",), "h", note_type=kind.id)
    for kind in notetype.BY_ID.values()
)
deck = BuiltDeck("Parent::Child", 1 << 41, "<p>about</p>", notes)
path = Path(sys.argv[1])
package.write_package(deck, (1_700_000_100,) * len(notes), 1_700_000_300, range(len(notes)), path)
print(json.dumps({
    "digest": hashlib.sha256(path.read_bytes()).hexdigest(),
    "asyncio": "asyncio" in sys.modules,
    "cached_property": package.genanki.model.cached_property.__module__,
    "backport left importable": "cached_property" not in sys.modules
        or hasattr(sys.modules["cached_property"], "threaded_cached_property"),
}))
"""


def _write(path: Path, how: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _WRITE, str(path), how],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_genanki_gets_functools_cached_property_and_writes_the_same_package(
    tmp_path: Path,
) -> None:
    ours = _write(tmp_path / "ours.apkg", "ankigen-first")
    theirs = _write(tmp_path / "theirs.apkg", "backport-first")
    assert ours["cached_property"] == "functools" and ours["asyncio"] is False
    # A program that imported the backport first keeps it, and genanki uses it.
    assert theirs["cached_property"] == "cached_property"
    assert ours["digest"] == theirs["digest"]
    assert ours["backport left importable"] and theirs["backport left importable"]


def test_the_stand_in_does_not_outlive_the_import() -> None:
    script = (
        "import sys, ankigen.anki.package\n"
        "import cached_property\n"  # the real backport, as any other program would get it
        "print(hasattr(cached_property, 'threaded_cached_property'))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr
