"""What the commands print beside their results: warnings, and fields as one line."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ankigen.errors import SourceWarning


def report(warnings: Iterable[SourceWarning]) -> None:
    """Warnings on stderr, one a line, as editors and CI logs understand them."""
    for warning in warnings:
        print(warning, file=sys.stderr)


def plain(html: str, width: int = 70) -> str:
    """A field as one line of text, for listings."""
    text = " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())
    return text if len(text) <= width else text[: width - 1] + "…"
