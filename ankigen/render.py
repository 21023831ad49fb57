"""Card text to the HTML that goes into a note field.

Markdown is rendered by markdown-it-py with raw HTML escaped, never passed
through: a deck built from pasted text must not carry live markup or script
into a learner's collection. Line breaks are kept because copied answers rely
on them. Cells declared as HTML are sanitised to a small set of formatting
tags. Images, in either, must be files beside the source; they are packed as
media under names derived from their content.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from ankigen.errors import SourceError
from ankigen.model import Card, MediaFile

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp")

# Bump when rendering changes, so fields rendered by an older version are not reused.
RENDERER_VERSION = "1"

# Text that Markdown would leave as one plain paragraph: no character that can
# start markup, every line starting with a letter or digit (not a list number)
# and ending without white space, no blank lines. For such text markdown-it's
# output is known in advance (tests compare the two on generated corpora), and
# most flashcard text is like this.
_MARKERS = ("* ", "- ", "+ ")
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&~|\0\r]|^(?:\W|\d+[.)])|\s$", re.MULTILINE)


def source_key(card: Card) -> str:
    """What a card's fields, tags and identity are made from, as a key for reusing them.

    Cards with images or HTML get no key: their media must be collected (and
    checked) again on every build.
    """
    if card.html or "![" in card.question or "![" in card.answer:
        return ""
    text = f"{RENDERER_VERSION}\x1f{card.question}\x1f{card.answer}\x1f{' '.join(card.tags)}"
    if card.id is not None:
        text += f"\x1fid:{card.id}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def plain_paragraph(text: str) -> str | None:
    """markdown-it's HTML for ``text`` when it is a plain paragraph, else None."""
    if not text or _NOT_PLAIN.search(text):
        return None
    return "<p>" + text.replace('"', "&quot;").replace("\n", "<br />\n") + "</p>"


def plain_list(text: str) -> str | None:
    """markdown-it's HTML for an optional plain paragraph followed by a list of plain
    one-line items (``* item``, the other common shape of an answer), else None."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line[:2] in _MARKERS), None)
    if first is None:
        return None
    marker = lines[first][:2]
    items = [line[2:] for line in lines[first:]]
    if any(not line.startswith(marker) for line in lines[first:]):
        return None
    html_items = [plain_paragraph(item) for item in items]
    lead = plain_paragraph("\n".join(lines[:first])) if first else ""
    if lead is None or any(item is None for item in html_items):
        return None
    body = "".join(f"<li>{item[3:-4]}</li>\n" for item in html_items if item)
    return (f"{lead}\n" if lead else "") + f"<ul>\n{body}</ul>"


class Media:
    """The images a deck's cards use, each checked once and packed once.

    Names are ``<stem>-<content hash><suffix>``: two different files never
    share a name in a learner's media folder, and one file used twice (or by
    two paths) is packed once.
    """

    def __init__(self) -> None:
        self._by_path: dict[Path, MediaFile] = {}

    @property
    def files(self) -> tuple[MediaFile, ...]:
        unique = {file.name: file for file in self._by_path.values()}
        return tuple(unique[name] for name in sorted(unique))

    def add(self, src: str, card: Card) -> str:
        """The media name for image ``src`` of ``card``, or a SourceError saying what is wrong."""
        path = self._local_path(unquote(src), card)
        known = self._by_path.get(path)
        if known is None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "image"
            known = MediaFile(f"{stem}-{digest}{path.suffix.lower()}", path)
            self._by_path[path] = known
        return known.name

    @staticmethod
    def _local_path(src: str, card: Card) -> Path:
        def fail(problem: str) -> SourceError:
            return SourceError(
                card.source, card.line, f"card {card.number}: image {src!r} {problem}"
            )

        if urlparse(src).scheme or src.startswith("//"):
            raise fail("is not a file beside the source (remote and inline images are not packed)")
        if src.startswith(("/", "\\")) or Path(src).is_absolute():
            raise fail("is an absolute path: give it relative to the source file")
        base = Path(card.source).parent.resolve()
        target = base
        for part in Path(src).parts:
            target = target / part
            if target.is_symlink():
                raise fail("goes through a link, which is not followed")
        target = target.resolve()
        if not target.is_relative_to(base):
            raise fail("is outside the source's folder")
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            raise fail(f"is not an image ({', '.join(IMAGE_SUFFIXES)})")
        if not target.is_file():
            raise fail("does not exist")
        return target


class Renderer:
    """One configured markdown-it parser, reused for every card (building one is slow)."""

    def __init__(self, media: Media | None = None) -> None:
        self.media = media or Media()
        self._md: MarkdownIt | None = None

    @property
    def md(self) -> MarkdownIt:
        """The parser, made (and markdown-it imported) only when some text needs it."""
        if self._md is None:
            from markdown_it import MarkdownIt

            self._md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
                ["table", "strikethrough"]
            )

            def image(
                renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
            ) -> str:
                return self._image(tokens[idx], env)

            self._md.add_render_rule("image", image)
        return self._md

    def __call__(self, text: str, card: Card | None = None) -> str:
        """Markdown ``text`` as HTML; ``card`` locates its images and any error."""
        plain = plain_paragraph(text) or plain_list(text)
        if plain is not None:
            return plain
        html: str = self.md.render(text, {"card": card})
        return html.strip()

    def card(self, card: Card) -> tuple[str, str]:
        """The question and answer fields of ``card``."""
        if card.html:
            return sanitise(card.question, card, self.media), sanitise(
                card.answer, card, self.media
            )
        return self(card.question, card), self(card.answer, card)

    def cards(
        self,
        cards: Sequence[Card],
        known: Sequence[tuple[str, str] | None] = (),
        progress: Callable[[str, int, int], None] | None = None,
    ) -> list[tuple[str, str]]:
        """The fields of every card, as ``card`` gives them.

        ``known``, in step with ``cards``, holds fields rendered before (reused)
        or None. In a large deck the Markdown that needs markdown-it (not
        plain, no images: those are collected here, as media) is rendered on
        all cores.
        """
        known = known or [None] * len(cards)
        plain: dict[str, str] = {}  # rendered on the fast path, kept so as to do it once
        pending = []
        for card, fields in zip(cards, known, strict=True):
            if fields is None and not card.html:
                for text in (card.question, card.answer):
                    if "![" not in text:
                        html = plain_paragraph(text) or plain_list(text)
                        if html is None:
                            pending.append(text)
                        else:
                            plain[text] = html
        done = (
            _render_in_parallel(self.md, pending, progress) if len(pending) >= PARALLEL_MIN else {}
        )
        done.update(plain)
        return [
            fields
            or (
                self.card(card)
                if card.html
                else (
                    done.get(card.question) or self(card.question, card),
                    done.get(card.answer) or self(card.answer, card),
                )
            )
            for card, fields in zip(cards, known, strict=True)
        ]

    def _image(self, token: Token, env: dict[str, Any]) -> str:
        alt = escape("".join(child.content for child in token.children or []))
        card = env.get("card")
        if card is None:  # text outside cards (a deck description) packs no media
            return alt
        name = self.media.add(str(token.attrGet("src")), card)
        return f'<img src="{escape(name)}" alt="{alt}">'


# Below this many Markdown texts, starting worker processes costs more than it saves.
PARALLEL_MIN = 2000
_CHUNK = 250
_worker_md: MarkdownIt | None = None


def _render_in_parallel(
    md: MarkdownIt, texts: list[str], progress: Callable[[str, int, int], None] | None = None
) -> dict[str, str]:
    """``texts`` rendered by forked copies of ``md``, one per core; {} where that is
    not possible (one core, or no ``fork``), and the caller renders them itself."""
    global _worker_md
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or sys.platform != "linux":
        return {}
    import multiprocessing

    _worker_md = md
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            chunks = [texts[i : i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
            rendered: list[str] = []
            for chunk in pool.imap(_render_chunk, chunks):
                rendered += chunk
                if progress:
                    progress("rendering", len(rendered), len(texts))
            return dict(zip(texts, rendered, strict=True))
    finally:
        _worker_md = None


def _render_chunk(texts: list[str]) -> list[str]:
    assert _worker_md is not None, "set before the workers were forked"
    return [str(_worker_md.render(text)).strip() for text in texts]


_ALLOWED = {
    "a", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_VOID = {"br", "hr", "img"}
_DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "textarea", "select", "button", "form", "title", "head",
}  # fmt: skip


def sanitise(html: str, card: Card, media: Media) -> str:
    """HTML from a source cell, cut down to formatting: no script, styles or handlers.

    Allowed tags keep only harmless attributes (links to http, https or mailto;
    images that are files beside the source); other tags are dropped, and
    script-like ones with their content.
    """
    parser = _Sanitiser(card, media)
    parser.feed(html)
    parser.close()
    return parser.result()


class _Sanitiser(HTMLParser):
    def __init__(self, card: Card, media: Media) -> None:
        super().__init__(convert_charrefs=True)
        self.card, self.media = card, media
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in _DROPPED_WITH_CONTENT:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag not in _ALLOWED:
            return
        kept = self._attributes(tag, dict(attrs))
        self.out.append(f"<{tag}{kept}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if tag in self.open:
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))

    def _attributes(self, tag: str, attrs: dict[str, str | None]) -> str:
        kept: list[tuple[str, str]] = []
        if tag == "a":
            href = (attrs.get("href") or "").strip()
            if urlparse(href).scheme.lower() in ("http", "https", "mailto"):
                kept.append(("href", href))
        elif tag == "img" and attrs.get("src"):
            kept.append(("src", self.media.add(str(attrs["src"]), self.card)))
            kept.append(("alt", attrs.get("alt") or ""))
        elif tag in ("td", "th"):
            kept += [
                (k, v)
                for k, v in attrs.items()
                if k in ("colspan", "rowspan") and v and v.isdigit()
            ]
        return "".join(f' {name}="{escape(value)}"' for name, value in kept)
