"""ankigen: flashcard material in, styled and tagged Anki decks out.

The public API is what this module exports; everything else is internal::

    import ankigen

    results = ankigen.build(["source_cards"], "build")   # what `ankigen build` does
    deck = ankigen.parse_file("deck.txt")                # any source format
    deck = ankigen.parse_text(text, source="pasted.txt")

Names are loaded on first use, so that ``import ankigen`` (and ``ankigen
--version``) stays fast: the parsers and the build bring YAML, Markdown and
genanki along. Type checkers see the names as plain imports.
"""

from __future__ import annotations

from ankigen.version import VERSION as __version__

# Not typing's: importing typing would cost every ``ankigen --version`` a few
# milliseconds. Type checkers take any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ankigen.errors import SourceError, SourceWarning
    from ankigen.model import Card, Deck
    from ankigen.pipeline.build import BuildResult, build
    from ankigen.sources import parse_file, parse_text

__all__ = [
    "BuildResult",
    "Card",
    "Deck",
    "SourceError",
    "SourceWarning",
    "__version__",
    "build",
    "parse_file",
    "parse_text",
]

_HOMES = {
    "BuildResult": "ankigen.pipeline.build",
    "Card": "ankigen.model",
    "Deck": "ankigen.model",
    "SourceError": "ankigen.errors",
    "SourceWarning": "ankigen.errors",
    "build": "ankigen.pipeline.build",
    "parse_file": "ankigen.sources",
    "parse_text": "ankigen.sources",
}

if not TYPE_CHECKING:  # to a type checker, a module __getattr__ would make any name exist

    def __getattr__(name: str) -> Any:
        if name in _HOMES:
            from importlib import import_module

            return getattr(import_module(_HOMES[name]), name)
        raise AttributeError(f"module 'ankigen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
