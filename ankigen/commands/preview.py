"""``ankigen preview``: every card, front and back, in one self-contained HTML page.

The cards are rendered with the note types' own templates and CSS (and Anki's
cloze and furigana filters emulated), so the page shows what learners will see;
images and sounds are inlined as data URIs, sounds with a player, so the page
can be opened from a pull request's artifacts with nothing beside it. Math is
left as TeX, and the page says why.
"""

from __future__ import annotations

import argparse
import base64
import mimetypes
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from ankigen.anki.notetype import BY_ID, STYLE, template

if TYPE_CHECKING:
    from pathlib import Path

    from ankigen.errors import SourceError, SourceWarning
    from ankigen.model import BuiltDeck


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ankigen.commands.output import report, style
    from ankigen.config.project import find_project
    from ankigen.pipeline.write import write_atomic

    project = find_project()
    paths = args.paths or list(project.sources)
    if args.watch:
        from ankigen.commands.watch import serve

        return serve(paths, project.exclude, args.port)
    made = make(paths, project.exclude)
    report(made.problems, style(args.problems))
    if made.page is None:
        return 1
    output = Path(args.output) if args.output else project.output / "preview.html"
    write_atomic(output, made.page.encode())
    print(f"{output}: {made.cards} cards from {made.decks} decks")
    return 0


class Made(NamedTuple):
    """A preview page (None when an error stopped it), what it shows, and the errors
    and warnings met on the way."""

    page: str | None
    problems: list[SourceError | SourceWarning]
    cards: int = 0
    decks: int = 0


def make(paths: Sequence[str | Path], exclude: Sequence[str] = ()) -> Made:
    """The preview page of the decks under ``paths``."""
    from ankigen.errors import SourceError
    from ankigen.pipeline.build import prepare
    from ankigen.pipeline.discover import find_decks

    try:
        found = find_decks(paths, exclude)
    except SourceError as error:
        return Made(None, [error])
    problems: list[SourceError | SourceWarning] = [*found.warnings, *found.problems]
    built: list[BuiltDeck] = []
    for config in found.decks:
        try:
            sources, deck = prepare(config)
        except SourceError as error:
            problems.append(error)
            continue
        problems += [w for source in sources for w in source.warnings]
        built.append(deck)
    if any(isinstance(p, SourceError) for p in problems):
        return Made(None, problems)
    if not built:
        return Made(
            None, [*problems, SourceError(", ".join(map(str, paths)), None, "no deck found")]
        )
    cards = sum(len(BY_ID[n.note_type].ords(n.fields)) for deck in built for n in deck.notes)
    return Made(page(built), problems, cards, len(built))


_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{([^#^/}][^}]*)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::([^{}]*?))?\}\}", re.DOTALL)
_RUBY = re.compile(r" ?([^ >\[\]]+?)\[([^\]]+)\]")
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_MATH = ("\\(", "\\[")


def render_template(
    text: str, fields: Mapping[str, str], cloze: int = 0, answer: bool = False
) -> str:
    """Fill an Anki card template: ``{{Field}}``, ``{{#Field}}…{{/Field}}``, ``{{^Field}}…``,
    and the ``cloze:`` and ``furigana:`` filters.

    Enough of Anki's template language for the project's own templates; field
    values are HTML already and go in as they are, as in Anki. ``cloze`` is the
    deletion a cloze card asks for, ``answer`` whether it is the card's back.
    """

    def section(match: re.Match[str]) -> str:
        kind, name, body = match.groups()
        shown = bool(fields.get(name.strip(), "").strip()) == (kind == "#")
        return render_template(body, fields, cloze, answer) if shown else ""

    def field(match: re.Match[str]) -> str:
        *filters, name = match.group(1).strip().split(":")
        value = fields.get(name, "")
        for name in reversed(filters):
            if name == "cloze":
                value = _cloze(value, cloze, answer)
            elif name == "furigana":
                value = _RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", value)
        return value

    return _FIELD.sub(field, _SECTION.sub(section, text))


def _cloze(text: str, number: int, answer: bool) -> str:
    """A cloze text as Anki shows it for deletion ``number``: hidden (or shown, on the
    back) where it is that deletion, as plain text where it is another."""

    def deletion(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return f'<span class="cloze-inactive">{match.group(2)}</span>'
        shown = match.group(2) if answer else f"[{match.group(3) or '...'}]"
        return f'<span class="cloze">{shown}</span>'

    while True:
        replaced = _CLOZE.sub(deletion, text)
        if replaced == text:
            return text
        text = replaced


def page(decks: Sequence[BuiltDeck]) -> str:
    """The preview page for ``decks``: every card of every note, front and back."""
    total = 0
    sections = []
    for index, deck in enumerate(decks, start=1):
        media = {file.name: _data_uri(file.path.read_bytes(), file.name) for file in deck.media}
        cards = []
        for number, note in enumerate(deck.notes, start=1):
            kind = BY_ID[note.note_type]
            fields = {
                **{n: _inline(v, media) for n, v in zip(kind.fields, note.fields, strict=True)},
                "Tags": escape(" ".join(note.tags)),
            }
            formats = kind.formats()
            for ord in kind.ords(note.fields):
                name, front, back = formats[0 if kind.cloze else ord]
                label = f"c{ord + 1}" if kind.cloze else name
                question = render_template(front, fields, ord + 1)
                answer = render_template(back, {**fields, "FrontSide": question}, ord + 1, True)
                total += 1
                cards.append(
                    f'<article class="preview-card" id="deck{index}-card{number}-{ord + 1}">'
                    f'<div class="side"><div class="label">Front · {number} · {escape(label)}'
                    f'</div><div class="card card{ord + 1}">{question}</div></div>'
                    f'<div class="side"><div class="label">Back</div>'
                    f'<div class="card card{ord + 1}">{answer}</div></div></article>'
                )
        sections.append(
            f'<section class="deck"><h2>{escape(deck.name)}</h2>'
            f'<p class="count">{len(cards)} cards</p>{"".join(cards)}</section>'
        )
    math = any(mark in f for d in decks for n in d.notes for f in n.fields for mark in _MATH)
    return _PAGE.format(
        css=template(STYLE),
        chrome=_CHROME,
        count=total,
        math=_MATH_NOTE if math else "",
        decks="".join(sections),
        script=_SCRIPT,
    )


def _inline(html: str, media: Mapping[str, str]) -> str:
    """Point images at inlined data and give sounds a player, as the page travels alone."""
    html = re.sub(
        r'<img src="([^"]*)"',
        lambda m: f'<img src="{media.get(m.group(1), m.group(1))}"',
        html,
    )
    return _SOUND.sub(
        lambda m: (
            f'<audio controls preload="none" src="{media[m.group(1)]}" '
            f'title="{m.group(1)}"></audio>'
            if m.group(1) in media
            else f'<span class="no-sound">[sound: {m.group(1)} is not in the deck]</span>'
        ),
        html,
    )


_MATH_NOTE = (
    '<p class="note" id="math-note">Math is shown here as TeX between \\( \\) or \\[ \\]. '
    "Anki typesets it with its own MathJax when a card is shown; this page, made to be "
    "opened offline, carries no MathJax.</p>"
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
<main>{math}{decks}</main>
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
.note { font-size: 15px; margin: 8px 4px; }
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
