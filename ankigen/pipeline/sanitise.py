"""HTML from a source cell, cut down to formatting: no script, styles or handlers.

The cleaning is nh3's (the binding to ammonia, a maintained HTML sanitiser that
parses as browsers do): an allow-list of formatting tags, a few harmless
attributes, links to http, https or mailto only. Images and sounds are files
beside the source, packed as media (``media``).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ankigen.errors import SourceError, SourceWarning
from ankigen.model import Card
from ankigen.pipeline.media import Media

TAGS = {
    "a", "audio", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "small", "source", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# Removed with all they hold: a script's or a style's text is not card text.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math",
    "textarea", "select", "button", "form", "title", "head",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt"},
    "audio": {"src"},
    "source": {"src"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_DROPPED = re.compile(rf"<\s*({'|'.join(sorted(DROPPED_WITH_CONTENT))})\b", re.IGNORECASE)


def sanitise(html: str, card: Card, media: Media, warnings: list[SourceWarning]) -> str:
    """HTML from a source cell, cut down to formatting: no script, styles or handlers.

    Allowed tags keep only harmless attributes; other tags are dropped, and
    script-like ones with their content, which a warning in ``warnings`` names.
    A missing or unsafe image or sound is a SourceError at the card.
    """
    import nh3

    problems: list[SourceError] = []

    def attribute(tag: str, name: str, value: str) -> str | None:
        try:
            if name == "href":
                return (
                    value
                    if urlparse(value.strip()).scheme.lower() in ("http", "https", "mailto")
                    else None
                )
            if name == "src":
                return media.add(value, card, "image" if tag == "img" else "sound")
            if name in ("colspan", "rowspan"):
                return value if value.isdigit() else None
            return value
        except SourceError as error:  # nh3 swallows what a filter raises: kept for later
            problems.append(error)
            return None

    clean = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        set_tag_attribute_values={"audio": {"controls": "controls"}},
    )
    if problems:
        raise problems[0]
    dropped = _DROPPED.search(html)
    if dropped:
        warnings.append(
            SourceWarning(
                card.source,
                card.line,
                f"card {card.number}: <{dropped.group(1).lower()}> removed, with everything "
                "inside it (cards hold formatting, never script or embedded content)",
            )
        )
    return clean
