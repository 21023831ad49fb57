"""ankigen: flashcard text in, styled and tagged Anki decks out.

The public API is what this module exports; everything else is internal.
"""

from typing import Any

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card, Deck
from ankigen.sources import parse_file, parse_text

__version__ = "0.1.0"

__all__ = [
    "Card",
    "Deck",
    "SourceError",
    "SourceWarning",
    "__version__",
    "build",
    "parse_file",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    """``ankigen.build`` is loaded on first use: it brings genanki and friends along."""
    if name == "build":
        from ankigen.builder import build

        return build
    raise AttributeError(f"module 'ankigen' has no attribute {name!r}")
