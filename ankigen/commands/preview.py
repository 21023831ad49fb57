"""``ankigen preview``: every card, front and back, in one self-contained HTML page.

The cards are rendered with the note type's own templates and CSS, so the page
shows what learners will see; images are inlined as data URIs so the page can
be opened from a pull request's artifacts with nothing beside it.
"""

from __future__ import annotations

import argparse
import base64
import mimetypes
import re
import sys
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from ankigen.anki.notetype import FIELDS, TEMPLATE_FILES, template

if TYPE_CHECKING:
    from ankigen.model import BuiltDeck


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.commands.output import report
    from ankigen.errors import SourceError
    from ankigen.pipeline.build import DEFAULT_SOURCES, prepare
    from ankigen.pipeline.discover import find_decks
    from ankigen.pipeline.write import write_atomic

    built, failed = [], False
    found = find_decks(args.paths or [DEFAULT_SOURCES])
    report(found.warnings)
    for problem in found.problems:
        print(problem, file=sys.stderr)
        failed = True
    for config in found.decks:
        try:
            sources, deck = prepare(config)
        except SourceError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        report(w for source in sources for w in source.warnings)
        built.append(deck)
    if failed:
        return 1
    if not built:
        where = ", ".join(map(str, args.paths or [DEFAULT_SOURCES]))
        print(f"{where}: error: no deck found", file=sys.stderr)
        return 1
    write_atomic(Path(args.output), page(built).encode())
    print(f"{args.output}: {sum(len(d.notes) for d in built)} cards from {len(built)} decks")
    return 0


_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#^/}][^}]*)\}\}")


def render_template(text: str, fields: Mapping[str, str]) -> str:
    """Fill an Anki card template: ``{{Field}}``, ``{{#Field}}…{{/Field}}``, ``{{^Field}}…``.

    Enough of Anki's template language for the project's own templates; field
    values are HTML already and go in as they are, as in Anki.
    """

    def section(match: re.Match[str]) -> str:
        kind, name, body = match.groups()
        shown = bool(fields.get(name.strip(), "").strip()) == (kind == "#")
        return render_template(body, fields) if shown else ""

    text = _SECTION.sub(section, text)
    return _FIELD.sub(lambda m: fields.get(m.group(1).strip(), ""), text)


def page(decks: Sequence[BuiltDeck]) -> str:
    """The preview page for ``decks``."""
    front, back, css = map(template, TEMPLATE_FILES)
    question_field, answer_field = FIELDS
    total = sum(len(deck.notes) for deck in decks)
    sections = []
    for index, deck in enumerate(decks, start=1):
        media = {file.name: _data_uri(file.path.read_bytes(), file.name) for file in deck.media}
        cards = []
        for number, note in enumerate(deck.notes, start=1):
            fields = {
                question_field: _inline(note.question, media),
                answer_field: _inline(note.answer, media),
                "Tags": escape(" ".join(note.tags)),
            }
            question = render_template(front, fields)
            answer = render_template(back, {**fields, "FrontSide": question})
            cards.append(
                f'<article class="preview-card" id="deck{index}-card{number}">'
                f'<div class="side"><div class="label">Front · {number}</div>'
                f'<div class="card card1">{question}</div></div>'
                f'<div class="side"><div class="label">Back</div>'
                f'<div class="card card1">{answer}</div></div></article>'
            )
        sections.append(
            f'<section class="deck"><h2>{escape(deck.name)}</h2>'
            f'<p class="count">{len(deck.notes)} cards</p>{"".join(cards)}</section>'
        )
    return _PAGE.format(
        css=css, chrome=_CHROME, count=total, decks="".join(sections), script=_SCRIPT
    )


def _inline(html: str, media: Mapping[str, str]) -> str:
    """Point image sources at inlined data, as the page travels alone."""
    return re.sub(
        r'<img src="([^"]*)"',
        lambda m: f'<img src="{media.get(m.group(1), m.group(1))}"',
        html,
    )


def _data_uri(data: bytes, name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ankigen preview</title>
<style>{chrome}</style>
<style>{css}</style>
</head>
<body>
<header class="bar">
<h1>Preview · {count} cards</h1>
<button id="mode" type="button" aria-pressed="false">Dark mode</button>
</header>
<main>{decks}</main>
<script>{script}</script>
</body>
</html>
"""

_CHROME = """
body { margin: 0; font-family: system-ui, sans-serif; background: #f3f4f6; color: #1f2328; }
body.dark { background: #111315; color: #e6e6e6; }
.bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 1em; align-items: center;
  justify-content: space-between; padding: 8px 12px; background: inherit;
  border-bottom: 1px solid #8c959f; }
.bar h1 { font-size: 18px; margin: 0; }
#mode { font: inherit; font-size: 16px; padding: 6px 12px; border-radius: 6px;
  border: 1px solid #8c959f; background: transparent; color: inherit; cursor: pointer; }
main { max-width: 1100px; margin: 0 auto; padding: 8px; }
.deck h2 { font-size: 20px; margin: 16px 4px 0; }
.count { margin: 4px; font-size: 15px; }
.preview-card { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
  gap: 8px; margin: 12px 0; }
.side { display: flex; flex-direction: column; border: 1px solid #8c959f; border-radius: 8px;
  overflow: hidden; min-width: 0; }
.side .card { flex: 1; }
.label { font-size: 14px; padding: 4px 10px; border-bottom: 1px solid #8c959f; }
"""

_SCRIPT = """
(function () {
  var button = document.getElementById('mode');
  function set(dark) {
    document.body.classList.toggle('dark', dark);
    document.querySelectorAll('.card').forEach(function (card) {
      card.classList.toggle('nightMode', dark);
      card.classList.toggle('night_mode', dark);
    });
    button.setAttribute('aria-pressed', String(dark));
    button.textContent = dark ? 'Light mode' : 'Dark mode';
  }
  button.addEventListener('click', function () {
    set(!document.body.classList.contains('dark'));
  });
  set(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
})();
"""
