"""ankigen: flashcard text in, styled and tagged Anki decks out.

The public API is what this module exports; everything else is internal.
"""

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
    "parse_file",
    "parse_text",
]
