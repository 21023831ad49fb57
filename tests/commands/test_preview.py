"""``ankigen preview``: the page a reviewer opens, checked in headless Chromium."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from ankigen.commands.preview import render_template
from tests.browser import measure, needs_chromium
from tests.conftest import PNG, ROOT, SEED, page, run

CHECK = """
<script>
var doc = document, cards = doc.querySelectorAll('.preview-card');
var result = {
  cards: cards.length,
  hidden: Array.prototype.filter.call(doc.querySelectorAll('.side .card'),
    function (c) { return c.getBoundingClientRect().height < 20; }).length,
  sideways: doc.documentElement.scrollWidth - window.innerWidth,
  images: Array.prototype.map.call(doc.querySelectorAll('img'), function (i) { return i.naturalWidth; }),
  text: doc.body.innerText,
};
doc.getElementById('mode').click();
result.darkCards = doc.querySelectorAll('.card.nightMode.night_mode').length;
result.allCards = doc.querySelectorAll('.card').length;
result.cardBackground = getComputedStyle(doc.querySelector('.card')).backgroundColor;
doc.getElementById('mode').click();
result.lightAgain = doc.querySelectorAll('.card.nightMode').length;
parent.document.getElementById('result').textContent = JSON.stringify(result);
</script>
"""


def test_render_template_sections_and_fields() -> None:
    template = "{{#Tags}}<i>{{Tags}}</i>{{/Tags}}{{^Extra}}none{{/Extra}} {{ Question }}"
    assert (
        render_template(template, {"Tags": "K8S", "Question": "<p>q</p>"})
        == "<i>K8S</i>none <p>q</p>"
    )
    assert render_template(template, {"Tags": " ", "Extra": "x"}) == " "


@pytest.fixture
def preview(tmp_path: Path) -> Path:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "pod.png").write_bytes(PNG)
    (tmp_path / "pods.txt").write_text(
        page(
            [("What does a Pod look like?", "![pod](img/pod.png)"), ("<script>x()</script>?", "a")]
        )
    )
    out = tmp_path / "out" / "preview.html"
    result = run("preview", str(SEED), str(tmp_path / "pods.txt"), "-o", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}: 11 cards from 2 decks\n"
    return out


def test_the_page_is_self_contained(preview: Path) -> None:
    text = preview.read_text()
    assert "data:image/png;base64," in text
    assert "<script>x()</script>" not in text
    assert "&lt;script&gt;x()&lt;/script&gt;?" in text
    assert 'src="pod-' not in text
    assert ".card.nightMode" in text


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_the_page_in_a_browser(preview: Path, tmp_path: Path, width: int) -> None:
    framed = tmp_path / "framed.html"
    framed.write_text(
        f"<!doctype html><html><body style='margin:0'>"
        f"<iframe style='width:{width}px;height:900px;border:0' "
        f"srcdoc='{html.escape(preview.read_text() + CHECK)}'></iframe>"
        f"<pre id='result'></pre></body></html>"
    )
    result: Any = measure(framed, 1400)
    assert result["console_errors"] == []
    assert result["cards"] == 11
    assert result["hidden"] == 0
    assert result["sideways"] <= 0
    assert result["images"] == [1]
    assert "Name MLOps Partners" in result["text"]
    assert "K8S SLURM" in result["text"]
    assert (result["darkCards"], result["allCards"], result["lightAgain"]) == (22, 22, 0)
    assert result["cardBackground"] == "rgb(30, 30, 30)"  # the note type's own dark style


def test_bad_input_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("no cards here\n")
    result = run("preview", str(tmp_path / "bad.txt"), "-o", str(tmp_path / "p.html"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'bad.txt'}:1: error: no cards found")
    assert not (tmp_path / "p.html").exists()


KINDS = """\
name: Kinds
cards:
  - cloze: "A {{c1::Pod}} holds {{c2::containers::what?}}."
    extra: "Hear it: [sound:pod.mp3]"
  - question: "Euler: \\\\(e^{i\\\\pi} + 1 = 0\\\\)"
    answer: "```python\\nprint('hi')\\n```"
"""
KINDS_CHECK = """
<script>
var doc = document, fronts = [], backs = [];
doc.querySelectorAll('.preview-card').forEach(function (card) {
  var sides = card.querySelectorAll('.side .card');
  fronts.push(sides[0].innerText.trim());
  backs.push(sides[1].innerText.trim());
});
var audio = doc.querySelector('audio');
var result = {
  fronts: fronts, backs: backs,
  clozes: Array.prototype.map.call(doc.querySelectorAll('.cloze'), function (c) {
    return getComputedStyle(c).fontWeight;
  }),
  audio: audio ? audio.controls && audio.src.indexOf('data:audio/mpeg;base64,') === 0 : false,
  mathNote: (doc.getElementById('math-note') || {innerText: ''}).innerText,
  tokens: doc.querySelectorAll('pre code span.nb').length,
};
parent.document.getElementById('result').textContent = JSON.stringify(result);
</script>
"""


@needs_chromium
def test_every_kind_of_card_in_the_preview(tmp_path: Path) -> None:
    """Cloze cards one a deletion, hidden on the front; a sound with a player; math
    left as TeX, with the page saying why; code highlighted."""
    (tmp_path / "kinds.yaml").write_text(KINDS)
    (tmp_path / "pod.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\x00" * 32)
    out = tmp_path / "preview.html"
    result = run("preview", str(tmp_path / "kinds.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}: 3 cards from 1 decks\n"
    framed = tmp_path / "framed.html"
    framed.write_text(
        "<!doctype html><html><body style='margin:0'><iframe style='width:800px;height:900px;"
        f"border:0' srcdoc='{html.escape(out.read_text() + KINDS_CHECK)}'></iframe>"
        "<pre id='result'></pre></body></html>"
    )
    shown: Any = measure(framed, 1400)
    assert shown["fronts"][:2] == ["A [...] holds containers.", "A Pod holds [what?]."]
    assert shown["backs"][0].startswith("A Pod holds containers.")
    assert shown["backs"][1].startswith("A Pod holds containers.")
    assert shown["clozes"] == ["700"] * 4
    assert shown["audio"] is True
    assert "Anki typesets it with its own MathJax" in shown["mathNote"]
    assert shown["fronts"][2] == "Euler: \\(e^{i\\pi} + 1 = 0\\)"
    assert shown["tokens"] == 1  # print, a builtin, highlighted
