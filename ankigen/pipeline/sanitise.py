"""HTML from a source cell, cut down to formatting: no script, styles or handlers."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from urllib.parse import urlparse

from ankigen.model import Card
from ankigen.pipeline.media import Media

_ALLOWED = {
    "a", "audio", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "small", "source", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_VOID = {"br", "hr", "img", "source"}
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
        elif tag in ("audio", "source") and attrs.get("src"):
            kept.append(("src", self.media.add(str(attrs["src"]), self.card, "sound")))
            if tag == "audio":
                kept.append(("controls", "controls"))
        elif tag in ("td", "th"):
            kept += [
                (k, v)
                for k, v in attrs.items()
                if k in ("colspan", "rowspan") and v and v.isdigit()
            ]
        return "".join(f' {name}="{escape(value)}"' for name, value in kept)
