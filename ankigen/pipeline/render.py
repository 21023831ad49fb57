"""Card text to the HTML that goes into a note field.

Markdown is rendered by markdown-it-py with raw HTML escaped, never passed
through: a deck built from pasted text must not carry live markup or script
into a learner's collection. Line breaks are kept because copied answers rely
on them. Cells declared as HTML are sanitised (``sanitise``). Images, in either,
are packed as media (``media``).

Two speed tricks sit beside this module, each held equal to it by tests:
``render_fast`` (plain text without markdown-it) and ``render_parallel`` (the
rest on every core).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ankigen.model import Card, Deck
from ankigen.pipeline.media import Media
from ankigen.pipeline.render_fast import fast_html
from ankigen.pipeline.render_parallel import render_in_parallel
from ankigen.pipeline.sanitise import sanitise

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def markdown_parser() -> MarkdownIt:
    """markdown-it as ankigen renders with it: CommonMark with tables and
    strikethrough, raw HTML shown as text, line breaks kept."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )


class Renderer:
    """One configured markdown-it parser, reused for every card (building one is slow),
    and the media the rendered cards use."""

    def __init__(self) -> None:
        self.media = Media()
        self._md: MarkdownIt | None = None

    @property
    def md(self) -> MarkdownIt:
        """The parser, made (and markdown-it imported) only when some text needs it."""
        if self._md is None:
            self._md = markdown_parser()

            def image(
                renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
            ) -> str:
                return self._image(tokens[idx], env)

            self._md.add_render_rule("image", image)
        return self._md

    def __call__(self, text: str, card: Card | None = None) -> str:
        """Markdown ``text`` as HTML; ``card`` locates its images and any error."""
        fast = fast_html(text)
        if fast is not None:
            return fast
        rendered: str = self.md.render(text, {"card": card})
        return rendered.strip()

    def card(self, card: Card) -> tuple[str, str]:
        """The question and answer fields of ``card``."""
        if card.html:
            return sanitise(card.question, card, self.media), sanitise(
                card.answer, card, self.media
            )
        return self(card.question, card), self(card.answer, card)

    def cards(
        self, cards: Sequence[Card], progress: Callable[[str, int, int], None] | None = None
    ) -> list[tuple[str, str]]:
        """The fields of every card, as ``card`` gives them.

        Markdown that needs markdown-it and has no images (images are collected
        here, as media) may be rendered on all cores first.
        """
        fast: dict[str, str] = {}  # rendered on the fast path, kept so as to do it once
        pending = []
        for card in cards:
            if not card.html:
                for text in (card.question, card.answer):
                    if "![" not in text:
                        done = fast_html(text)
                        if done is None:
                            pending.append(text)
                        else:
                            fast[text] = done
        rendered = render_in_parallel(self.md, pending, progress) if pending else {}
        rendered.update(fast)
        return [
            self.card(card)
            if card.html
            else (
                rendered.get(card.question) or self(card.question, card),
                rendered.get(card.answer) or self(card.answer, card),
            )
            for card in cards
        ]

    def description(self, text: str | None, deck: Deck) -> str:
        """The deck description Anki shows before study: ``text`` (configured), else
        the first source's own description and objectives."""
        if text:
            return self(text)
        parts = [self(deck.description)] if deck.description else []
        if deck.objectives:
            items = "".join(f"<li>{html.escape(item)}</li>" for item in deck.objectives)
            parts.append(f"<p>Objectives:</p><ul>{items}</ul>")
        return "\n".join(parts)

    def _image(self, token: Token, env: dict[str, Any]) -> str:
        alt = html.escape("".join(child.content for child in token.children or []))
        card = env.get("card")
        if card is None:  # text outside cards (a deck description) packs no media
            return alt
        name = self.media.add(str(token.attrGet("src")), card)
        return f'<img src="{html.escape(name)}" alt="{alt}">'
