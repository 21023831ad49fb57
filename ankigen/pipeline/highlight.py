"""Code blocks in a known language, highlighted by Pygments at build time.

No script runs on a card: the tokens become ``<span class="k">`` and the like
(Pygments' short class names), which the note types' CSS colours for light
and dark mode. A block of no language, or of one Pygments does not know, stays
plain code.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pygments.formatters import HtmlFormatter
    from pygments.lexer import Lexer


def highlight(code: str, language: str, attributes: str) -> str:
    """``code`` as Pygments' token spans, or '' where it stays plain (markdown-it's
    ``highlight`` option: it escapes and wraps the plain ones itself)."""
    lexer = _lexer(language.casefold()) if language else None
    if lexer is None:
        return ""
    from pygments import highlight as pygments_highlight

    return str(pygments_highlight(code, lexer, _formatter()))


@cache
def _lexer(language: str) -> Lexer | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        # Every line as written: no blank lines dropped at the ends, no tabs expanded.
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@cache
def _formatter() -> HtmlFormatter:  # type: ignore[type-arg]
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)
