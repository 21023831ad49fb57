"""Markdown to the HTML that goes into a note field.

Raw HTML in sources is escaped, never passed through: a deck built from pasted
text must not carry live markup or script into a learner's collection. Line
breaks are kept because copied answers rely on them (one item a line).
"""

from __future__ import annotations

from markdown_it import MarkdownIt


class Renderer:
    """One configured markdown-it parser, reused for every card (building one is slow)."""

    def __init__(self) -> None:
        self._md = (
            MarkdownIt("commonmark", {"html": False, "breaks": True})
            .enable(["table", "strikethrough"])
            # Images need their files packed as media; until then show the text.
            .disable("image")
        )

    def __call__(self, text: str) -> str:
        html: str = self._md.render(text)
        return html.strip()
