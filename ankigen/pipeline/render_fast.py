"""Text that Markdown would leave plain, rendered without markdown-it: a speed trick.

Most flashcard text is one plain paragraph, or a plain paragraph followed by a
plain ``*`` list. For such text markdown-it's output is known in advance, and
producing it directly skips about 90 µs a text. ``fast_html`` answers None for
anything else; property tests and the benchmark corpus hold its output equal to
markdown-it's (``render.markdown``).
"""

from __future__ import annotations

import re

# No character that can start markup or math, every line starting with a letter or digit
# (not a list number) and ending without white space, no blank lines.
_MARKERS = ("* ", "- ", "+ ")
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&~|$\0\r]|^(?:\W|\d+[.)])|\s$", re.MULTILINE)


def fast_html(text: str) -> str | None:
    """markdown-it's HTML for ``text`` when it is plain text or a plain list, else None."""
    return plain_paragraph(text) or plain_list(text)


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
