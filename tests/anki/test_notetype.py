"""The note types as a learner sees them: Anki's rendered HTML and CSS in headless Chromium.

Each card of every note type is rendered by Anki itself, put in a page the way
Anki's reviewer shows it (``<body class="card card1 [nightMode night_mode]">``),
and measured at a phone width and a desktop width, light and dark.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ankigen.anki import notetype
from tests.browser import measure, needs_chromium
from tests.conftest import SEED, build, import_apkg, page

if TYPE_CHECKING:
    from anki.collection import Collection

pytestmark = needs_chromium

STRESS = [
    (
        "How is a `Deployment` declared in **YAML**?",
        "Like this:\n\n```\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: a-container-with-a-really-long-name-that-never-ends\n"
        "          image: registry.example.com/team/project/some-image:1.2.3-with-a-long-tag\n```\n"
        "See [the docs](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/) "
        "or https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#creating-a-deployment",
    ),
    (
        "Compare the tools",
        "| Tool | Kind | Notes |\n|---|---|---|\n| SLURM | scheduler | HPC, bare metal |\n"
        "| Kubernetes | orchestrator | containers |\n\n> Quote: *choose by workload*\n\n"
        "1. First\n   * nested one\n   * nested two\n2. Second ~~old~~",
    ),
]
CODE = {
    "python": 'import os\n\n@cache\ndef f(x: int = 0x1F) -> str:\n    """Doc."""\n    return f"{x}" if x is not None else os.sep  # why\n',
    "yaml": "apiVersion: apps/v1\nkind: Deployment  # a comment\nspec:\n  replicas: 3\n  name: 'web'\n",
    "bash": '#!/bin/bash\nfor n in $(seq 3); do echo "job $n" | tee -a log; done\nexport X=1\n',
    "diff": "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-old line\n+new line\n",
    "json": '{"name": "pod", "replicas": 2, "ready": true, "x": null}\n',
    "dockerfile": 'FROM python:3.11\nRUN pip install genanki\nCMD ["python", "-m", "x"]\n',
    "c": '#include <stdio.h>\nint main(void) { printf("%d\\n", 42); return 0; }\n',
    "html": '<div class="a" id=b><!-- c --><b>&amp;</b></div>\n',
    "sql": "SELECT id, name FROM pods WHERE ready = 1 ORDER BY name;\n",
    "console": "$ kubectl get pods\nNAME   READY\nweb    1/1\n",
    "rust": 'fn main() { let v: Vec<u8> = vec![1, 2]; println!("{:?}", v); }\n',
    "go": 'package main\nimport "fmt"\nfunc main() { fmt.Println(1.5e3) }\n',
    "javascript": "const re = /a+b/g; class A extends B { async f() { return `t${x}`; } }\n",
}
KINDS = """\
name: Every kind
cards:
  - question: What is a Node?
    answer: A machine that runs Pods.
    extra: "*Source:* the Kubernetes docs, [concepts](https://kubernetes.io/docs/concepts/)"
  - cloze: "A {{c1::Pod}} holds {{c2::one or more::how many?}} containers."
    extra: Pods share a network namespace.
"""
JAPANESE = """\
cards:
  - question: 漢字[かんじ]
    answer: kanji
  - cloze: "{{c1::日本語[にほんご]}}を 話[はな]します。"
"""

MEASURE = """
<script>
function rgba(c) {
  const m = c.match(/[\\d.]+/g).map(Number);
  return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1};
}
function lum(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c.a > 0) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
const texts = [];
const walker = document.createTreeWalker(document.getElementById('qa'), NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (!node.textContent.trim()) continue;
  const el = node.parentElement, style = getComputedStyle(el);
  const a = lum(rgba(style.color)), b = lum(background(el));
  texts.push({
    text: node.textContent.trim().slice(0, 40), tag: el.tagName,
    size: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
    contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    align: style.textAlign, whiteSpace: style.whiteSpace,
    code: !!el.closest('pre'), color: style.color,
  });
}
const clozes = Array.prototype.map.call(document.querySelectorAll('.cloze'), function (el) {
  const style = getComputedStyle(el);
  return {weight: parseInt(style.fontWeight, 10), line: style.textDecorationLine};
});
const answer = document.querySelector('.answer');
const result = {
  width: window.innerWidth,
  sideways: document.documentElement.scrollWidth - window.innerWidth,
  bodySize: parseFloat(getComputedStyle(document.body).fontSize),
  answerWidth: answer ? answer.getBoundingClientRect().width : 0,
  emWidth: answer ? 40 * parseFloat(getComputedStyle(answer).fontSize) : 0,
  texts: texts,
  clozes: clozes,
  rubies: document.querySelectorAll('ruby rt').length,
};
parent.document.getElementById('result').textContent = JSON.stringify(result);
</script>
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    """Every card's back (question and answer) as Anki renders it, and the note type's CSS."""
    from anki.collection import Collection

    tmp = tmp_path_factory.mktemp("style")
    code = [(f"Read this {lang}", f"```{lang}\n{text}```") for lang, text in CODE.items()]
    (tmp / "stress.txt").write_text(page([*STRESS, *code]), encoding="utf-8")
    (tmp / "kinds.yaml").write_text(KINDS, encoding="utf-8")
    (tmp / "words.txt").write_text("Hund\tdog\nKatze\tcat\n", encoding="utf-8")
    (tmp / "words.deck.yaml").write_text("reverse: true\nsources: [words.txt]\n")
    (tmp / "jp.yaml").write_text(JAPANESE, encoding="utf-8")
    (tmp / "jp-words.txt").write_text(" 猫[ねこ]\tcat\n", encoding="utf-8")
    (tmp / "jp.deck.yaml").write_text(
        "furigana: true\nsources: [jp.yaml, {path: jp-words.txt, reverse: true}]\n"
    )
    decks = ("stress.txt", "kinds.yaml", "words.deck.yaml", "jp.deck.yaml")
    build([SEED, *(tmp / name for name in decks)], tmp / "out")
    col: Collection = Collection(str(tmp / "c.anki2"))
    try:
        for apkg in sorted((tmp / "out").glob("*.apkg")):
            import_apkg(col, apkg)
        outputs = [col.get_card(cid).render_output() for cid in col.find_cards("")]
        kinds = {col.get_card(cid).note_type()["name"] for cid in col.find_cards("")}
        assert kinds == {kind.name for kind in notetype.ALL}
        sides = [o.question_text for o in outputs] + [o.answer_text for o in outputs]
        return sides, outputs[0].css
    finally:
        col.close()


def reviewer_page(path: Path, cards: list[str], css: str, night: bool, width: int) -> Path:
    """A page whose frame, ``width`` CSS px wide, shows the cards as Anki's reviewer would.

    The frame sets the viewport width (headless windows have a minimum width),
    so the CSS's own media queries see a phone.
    """
    body_class = "card card1 nightMode night_mode" if night else "card card1"
    # One card a page is what Anki shows; stacking them checks them all in one load.
    qa = "\n<hr>\n".join(cards)
    card = (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head>"
        f"<body class='{body_class}'><div id='qa'>{qa}</div>{MEASURE}</body></html>"
    )
    path.write_text(
        f"<!doctype html><html><body style='margin:0'>"
        f"<iframe style='width:{width}px;height:900px;border:0' srcdoc='{html.escape(card)}'>"
        f"</iframe><pre id='result'></pre></body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("night", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_cards_are_readable(
    rendered: tuple[list[str], str], tmp_path: Path, width: int, night: bool
) -> None:
    cards, css = rendered
    page_path = reviewer_page(tmp_path / "card.html", cards, css, night, width)
    result: Any = measure(page_path, 1400)
    assert result["width"] == width
    assert result["sideways"] <= 0, "a card scrolls sideways"
    assert 16 <= result["bodySize"] <= 28
    assert result["answerWidth"] <= result["emWidth"] + 1
    texts = result["texts"]
    assert len(texts) > 50
    for text in texts:
        assert text["size"] >= 14, text
        assert text["contrast"] >= 4.5, text
        assert text["lineHeight"] >= 1.3 * text["size"], text
        if text["tag"] == "LI":
            assert text["align"] in ("start", "left"), text
    code = [t for t in texts if t["tag"] == "CODE" and "apiVersion" in t["text"]]
    assert code and code[0]["whiteSpace"] == "pre-wrap"
    # Highlighted code: its tokens in colours of their own, each readable (above).
    assert len({t["color"] for t in texts if t["code"] and t["tag"] == "SPAN"}) >= 7
    # Cloze deletions stand out by more than colour; furigana sits above its kanji.
    assert len(result["clozes"]) >= 6
    for cloze in result["clozes"]:
        assert cloze["weight"] >= 700 and "underline" in cloze["line"], cloze
    assert result["rubies"] >= 4


def test_the_note_type_hash_follows_the_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    from ankigen.anki import notetype

    before = notetype.note_type_hash()
    original = notetype.template
    monkeypatch.setattr(notetype, "template", lambda name: original(name) + " ")
    assert notetype.note_type_hash() != before
