"""genanki, imported without asyncio: a speed trick for every build that writes a deck.

genanki takes its ``cached_property`` from the backport of that name, which imports
asyncio for coroutine properties that genanki never has: 30 to 45 ms of every
process that writes a package, the largest single import of a rebuild
(``benchmarks/README.md``). Python's own ``functools.cached_property`` does all that
genanki asks of it (a value computed on first use, kept in the instance), so genanki
is handed that one while it is imported. The stand-in is gone right after: a program
that imports the backport itself gets the real one, and one that imported it before
ankigen gives it to genanki too. ``tests/anki/test_genanki_import.py`` holds the
packages written either way equal.

Use ``from ankigen.anki.genanki_import import genanki``.
"""

from __future__ import annotations

import functools
import sys
import types

_STAND_IN = types.ModuleType("cached_property")
_STAND_IN.cached_property = functools.cached_property  # type: ignore[attr-defined]

sys.modules.setdefault("cached_property", _STAND_IN)
try:
    import genanki
finally:
    if sys.modules.get("cached_property") is _STAND_IN:
        del sys.modules["cached_property"]

__all__ = ["genanki"]
