"""ankigen: flashcard text in, styled and tagged Anki decks out.

The public API is what this module exports; everything else is internal.
Names are loaded on first use, so that ``import ankigen`` (and ``ankigen
--version``) stays fast: the parser and the build bring YAML, Markdown and
genanki along.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ankigen.builder import build
    from ankigen.errors import SourceError, SourceWarning
    from ankigen.model import Card, Deck
    from ankigen.sources import parse_file, parse_text

__version__ = "0.2.0"

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

_HOMES = {
    "Card": "ankigen.model",
    "Deck": "ankigen.model",
    "SourceError": "ankigen.errors",
    "SourceWarning": "ankigen.errors",
    "build": "ankigen.builder",
    "parse_file": "ankigen.sources",
    "parse_text": "ankigen.sources",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'ankigen' has no attribute {name!r}")
