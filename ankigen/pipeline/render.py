"""Card text to the HTML that goes into a note field, by the card's markup.

Markdown is rendered by markdown-it-py with raw HTML escaped, never passed
through: a deck built from pasted text must not carry live markup or script
into a learner's collection. Line breaks are kept because copied answers rely
on them. Math stays math: ``\\(…\\)``, ``\\[…\\]``, ``$…$`` and ``$$…$$`` reach the
field as Anki's MathJax delimiters with nothing inside them touched (the
markdown-it family's texmath and dollarmath plugins), and Anki's legacy
``[latex]…[/latex]`` and ``[$]…[/$]`` pass through as written. Plain text is
shown exactly as written. HTML is sanitised (``sanitise``). Images and sounds,
in any of them, are packed as media (``media``). Fenced code in a known
language is highlighted (``highlight``).

Two speed tricks sit beside this module, each held equal to it by tests:
``render_fast`` (plain text without markdown-it) and ``render_parallel`` (the
rest on every core).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card, Deck
from ankigen.pipeline.highlight import highlight
from ankigen.pipeline.media import Media
from ankigen.pipeline.render_fast import fast_html
from ankigen.pipeline.render_parallel import render_in_parallel
from ankigen.pipeline.sanitise import sanitise

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

# Anki's legacy LaTeX, which Anki turns into images itself: kept as written.
_LEGACY_LATEX = re.compile(r"\[(\$\$?|latex)\](.*?)\[/\1\]", re.DOTALL)
# Display math inside a line of text (texmath reads it only as a block of its own).
_DISPLAY_INLINE = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)
# The longest text a field may hold. Real cards hold a few thousand characters at
# most; Markdown's cost grows with the text (a million '[' took half a minute).
MAX_TEXT = 50_000
_INLINE_MATH = ("math_inline",)
_DISPLAY_MATH = ("math_inline_double", "math_display_inline")
_BLOCK_MATH = ("math_block", "math_block_eqno", "math_block_label")


def markdown_parser() -> MarkdownIt:
    """markdown-it as ankigen renders with it: CommonMark with tables and
    strikethrough, raw HTML shown as text, line breaks kept, math kept as math,
    code in a known language highlighted (``highlight``)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.texmath import texmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "highlight": highlight}).enable(
        ["table", "strikethrough"]
    )
    # Prices such as "$5 and $10" are not math: no space inside, no digit after.
    md.use(texmath_plugin, delimiters="brackets")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.inline.ruler.before("escape", "math_display_inline", _display_inline)
    md.inline.ruler.before("link", "anki_legacy_latex", _legacy_latex)
    for names, opening, closing in (
        (_INLINE_MATH, "\\(", "\\)"),
        (_DISPLAY_MATH, "\\[", "\\]"),
        (_BLOCK_MATH, "<p>\\[", "\\]</p>\n"),
    ):
        for name in names:
            md.add_render_rule(name, _math_renderer(opening, closing))
    return md


def _math_renderer(opening: str, closing: str) -> Callable[..., str]:
    def render(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return opening + html.escape(tokens[idx].content.strip("\n"), quote=False) + closing

    return render


def _display_inline(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("\\[", state.pos):
        return False
    match = _DISPLAY_INLINE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        state.push("math_display_inline", "math", 0).content = match.group(1)
    state.pos = match.end()
    return True


def _legacy_latex(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _LEGACY_LATEX.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        state.push("text", "", 0).content = match.group(0)
    state.pos = match.end()
    return True


# MathJax's \href (Anki loads it on first use, with no "safe" extension) makes a
# link of anything, javascript: too: a link a learner could tap.
_HREF = re.compile(r"\\href\s*(\{([^{}]*)\})?")


def safe_links(html_text: str) -> str:
    """A field with every MathJax ``\\href`` that is not to http, https or mailto
    pointed at ``#``. MathJax reads the field's text with its entities decoded, so
    entities that spell plain characters (``&#92;href``) are decoded first."""
    if "href" not in html_text and "&#" not in html_text:  # no letter has a named entity
        return html_text
    if "&" in html_text:
        html_text = _ENTITY.sub(_plain_entity, html_text)
    if "\\href" not in html_text:
        return html_text

    def link(match: re.Match[str]) -> str:
        target = html.unescape(match.group(2) or "").strip()
        scheme = target.split(":", 1)[0].casefold() if ":" in target else ""
        if match.group(1) is not None and scheme in ("", "http", "https", "mailto"):
            return match.group(0)
        return "\\href{#}"

    return _HREF.sub(link, html_text)


_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _plain_entity(match: re.Match[str]) -> str:
    """An entity for a letter, digit, backslash, brace or colon, as that character."""
    char = html.unescape(match.group(0))
    return (
        char
        if len(char) == 1 and (char.isascii() and (char.isalnum() or char in "\\{}:"))
        else match.group(0)
    )


def _check_size(card: Card) -> None:
    for part in ("question", "answer", "extra"):
        size = len(getattr(card, part))
        if size > MAX_TEXT:
            raise SourceError(
                card.source,
                card.line,
                f"card {card.number}'s {part} is {size:,} characters long; a field holds at "
                f"most {MAX_TEXT:,}",
            )


def text_html(text: str) -> str:
    """Plain text as HTML that shows exactly that text: escaped, line breaks and
    leading indentation kept, and an Anki sound tag shown as text, not played."""
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)].replace("\t", "    ").replace(" ", "\u00a0")
        lines.append(indent + html.escape(body, quote=False).replace('"', "&quot;"))
    return "<p>" + "<br />\n".join(lines).replace("[sound:", "&#91;sound:") + "</p>"


class Renderer:
    """One configured markdown-it parser, reused for every card (building one is slow),
    the media the rendered cards use (``media_folders``: see ``Media``), and the
    warnings rendering gave."""

    def __init__(self, media_folders: Mapping[str, Path] | None = None) -> None:
        self.media = Media(media_folders)
        self.warnings: list[SourceWarning] = []  # what sanitising HTML removed
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

    def card(self, card: Card) -> tuple[str, str, str]:
        """The question, answer and extra of ``card``, rendered ('' for no extra)."""
        _check_size(card)
        question, answer = (self.field(text, card) for text in (card.question, card.answer))
        return question, answer, self.field(card.extra, card) if card.extra else ""

    def field(self, text: str, card: Card, markdown: str | None = None) -> str:
        """One field of ``card`` from its ``text`` (``markdown``: that text already
        rendered, when it was rendered elsewhere)."""
        if card.markup == "text":
            return safe_links(text_html(text))
        if card.markup == "html":
            rendered = sanitise(text, card, self.media, self.warnings)
        else:
            rendered = markdown if markdown is not None else self(text, card)
        return safe_links(self.media.sounds(rendered, card))

    def cards(
        self, cards: Sequence[Card], progress: Callable[[str, int, int], None] | None = None
    ) -> list[tuple[str, str, str]]:
        """The question, answer and extra of every card, as ``card`` gives them.

        Markdown that needs markdown-it and has no images (images are collected
        here, as media) may be rendered on all cores first.
        """
        done: dict[str, str] = {}  # Markdown rendered ahead, by text
        pending = []
        for card in cards:
            _check_size(card)
            if card.markup == "markdown":
                for text in (card.question, card.answer, card.extra):
                    if text and "![" not in text:
                        fast = fast_html(text)
                        if fast is None:
                            pending.append(text)
                        else:
                            done[text] = fast
        done.update(render_in_parallel(self.md, pending, progress) if pending else {})
        return [
            (
                self.field(card.question, card, done.get(card.question)),
                self.field(card.answer, card, done.get(card.answer)),
                self.field(card.extra, card, done.get(card.extra)) if card.extra else "",
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
