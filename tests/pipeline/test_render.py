"""Markdown rendering: line breaks kept, Markdown works, raw HTML never live."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ankigen.errors import SourceError
from ankigen.model import Card
from ankigen.pipeline.render import Renderer
from tests.conftest import PNG, run

render = Renderer()


def test_line_breaks_are_kept() -> None:
    assert (
        render("Runai\nPaperspace\nDeterminedAI")
        == "<p>Runai<br />\nPaperspace<br />\nDeterminedAI</p>"
    )


def test_star_lines_after_a_paragraph_become_a_list() -> None:
    html = render("Workload mgmt: objects\n* Job: once\n* DaemonSet: every node")
    assert html == (
        "<p>Workload mgmt: objects</p>\n<ul>\n<li>Job: once</li>\n<li>DaemonSet: every node</li>\n</ul>"
    )


def test_emphasis_code_links_and_tables() -> None:
    assert render("*a* **b** `c<d`") == "<p><em>a</em> <strong>b</strong> <code>c&lt;d</code></p>"
    assert (
        render("[docs](https://kubernetes.io)") == '<p><a href="https://kubernetes.io">docs</a></p>'
    )
    assert "<table>" in render("| a | b |\n|---|---|\n| 1 | 2 |")
    assert render("```\n  indented\n```") == "<pre><code>  indented\n</code></pre>"


def test_raw_html_is_shown_as_text() -> None:
    html = render('<script>alert(1)</script>\n<img src=x onerror="alert(1)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_javascript_links_are_not_links() -> None:
    html = render("[click](javascript:alert(1)) <javascript:alert(2)>")
    assert "<a" not in html
    assert "href" not in html


H = hashlib.sha256(PNG).hexdigest()[:12]


def card_in(folder: Path, answer: str, markup: str = "markdown") -> Card:
    return Card(1, 3, "q", answer, source=str(folder / "deck.txt"), markup=markup)


def test_images_beside_the_source_are_packed_once_under_content_names(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "pod diagram.png").write_bytes(PNG)
    (tmp_path / "copy.png").write_bytes(PNG)
    renderer = Renderer()
    text = "![a pod](img/pod%20diagram.png) ![again](<img/pod diagram.png>) ![copy](copy.png)"
    _, html, _ = renderer.card(card_in(tmp_path, text))
    assert html == (
        f'<p><img src="pod-diagram-{H}.png" alt="a pod"> '
        f'<img src="pod-diagram-{H}.png" alt="again"> '
        f'<img src="copy-{H}.png" alt="copy"></p>'
    )
    assert [f.name for f in renderer.media.files] == [f"copy-{H}.png", f"pod-diagram-{H}.png"]


@pytest.mark.parametrize(
    ("src", "problem"),
    [
        ("https://example.com/t.png", "is not a file beside the source"),
        ("//example.com/t.png", "is not a file beside the source"),
        ("data:image/png;base64,iVBORw0KGgo=", "is not a file beside the source"),
        ("/etc/passwd.png", "is an absolute path"),
        ("../outside.png", "is outside the source's folder"),
        ("linked/x.png", "goes through a link"),
        ("missing.png", "does not exist"),
        ("notes.txt", "is not an image"),
    ],
)
def test_bad_image_paths_are_errors(tmp_path: Path, src: str, problem: str) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (tmp_path / "outside.png").write_bytes(PNG)
    (deck / "notes.txt").write_text("x")
    (deck / "linked").symlink_to(tmp_path)
    with pytest.raises(SourceError) as raised:
        Renderer().card(card_in(deck, f"![x]({src})"))
    assert str(raised.value).startswith(f"{deck / 'deck.txt'}:3: error: card 1: image ")
    assert problem in raised.value.message


def test_html_cells_are_sanitised(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    cell = (
        '<b onclick="x()">bold</b><script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:alert(1)">js</a> <a href="https://k8s.io" target=_blank>ok</a>'
        '<img src="a.png" onerror="alert(1)"><font color=red>plain</font><br>'
        "<table><tr><td colspan=2 style='x'>cell</td></tr></table><p>open &amp; shut"
    )
    renderer = Renderer()
    _, html, _ = renderer.card(card_in(tmp_path, cell, "html"))
    assert html == (
        '<b>bold</b><a>js</a> <a href="https://k8s.io">ok</a>'
        f'<img src="a-{H}.png">plain<br>'
        '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table><p>open &amp; shut</p>'
    )
    (warning,) = renderer.warnings  # what was removed with its content is named
    assert warning.message.startswith("card 1: <script> removed, with everything inside it")


@pytest.mark.parametrize(
    ("cell", "html"),
    [
        ("before<svg/>after", "beforeafter"),  # an empty svg, as browsers read it
        ("a<svg><script>x()</script>b</svg>c", "ac"),
        ("<script/>after", ""),  # a script runs to its end tag, as in a browser: warned
        ('<a href="page.html">relative</a>', "<a>relative</a>"),
        ('<a href=" JAVASCRIPT:x">x</a><a href="data:text/html,x">y</a>', "<a>x</a><a>y</a>"),
        ("<img src=x onerror=alert(1)>", None),  # an image that is not there: an error
        ("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>", "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>"),
        ('<td colspan="2; x">a</td>', "a"),
        ("<!-- hidden --><i>shown</i>", "<i>shown</i>"),
    ],
)
def test_html_is_cleaned_as_a_browser_reads_it(tmp_path: Path, cell: str, html: str | None) -> None:
    card = card_in(tmp_path, cell, "html")
    if html is None:
        with pytest.raises(SourceError):
            Renderer().card(card)
    else:
        assert Renderer().card(card)[1] == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        (
            r"Euler: \(e^{i\pi} = -1\) and \[\int_0^1 x\,dx\]",
            r"<p>Euler: \(e^{i\pi} = -1\) and \[\int_0^1 x\,dx\]</p>",
        ),
        (r"\(a_1 * b_2 \{x\}\)", r"<p>\(a_1 * b_2 \{x\}\)</p>"),  # nothing inside touched
        ("inline $a_{i}^*$ ok", r"<p>inline \(a_{i}^*\) ok</p>"),
        ("$$x^2$$ too", r"<p>\[x^2\] too</p>"),
        ("$$\n\\sum_{k} x_k\n$$", r"<p>\[\sum_{k} x_k\]</p>"),
        ("$5 and $10", "<p>$5 and $10</p>"),  # prices are not math
        (r"\(<b>x</b>\)", r"<p>\(&lt;b&gt;x&lt;/b&gt;\)</p>"),  # markup inside math stays inert
        (
            "[latex]x_1 * y_2[/latex] and [$]a_b[/$]",
            "<p>[latex]x_1 * y_2[/latex] and [$]a_b[/$]</p>",
        ),
    ],
)
def test_math_reaches_the_field_as_mathjax_untouched(markdown: str, html: str) -> None:
    assert Renderer()(markdown) == html


MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\x00" * 32


def test_sounds_are_packed_in_markdown_and_html(tmp_path: Path) -> None:
    (tmp_path / "hallo.mp3").write_bytes(MP3)
    (tmp_path / "pod.png").write_bytes(PNG)
    renderer = Renderer()
    _, answer, _ = renderer.card(card_in(tmp_path, "Hallo! [sound:hallo.mp3]"))
    name = f"hallo-{hashlib.sha256(MP3).hexdigest()[:12]}.mp3"
    assert answer == f"<p>Hallo! [sound:{name}]</p>"
    cell = (
        '<audio src="hallo.mp3" autoplay onplay="x()"></audio><img src="pod.png"> [sound:hallo.mp3]'
    )
    _, answer, _ = renderer.card(card_in(tmp_path, cell, "html"))
    assert answer == (
        f'<audio src="{name}" controls="controls"></audio><img src="pod-{H}.png"> [sound:{name}]'
    )
    assert [f.name for f in renderer.media.files] == [name, f"pod-{H}.png"]


@pytest.mark.parametrize(
    ("answer", "markup", "problem"),
    [
        ("[sound:missing.mp3]", "markdown", "sound 'missing.mp3' does not exist"),
        ("[sound:notes.txt]", "markdown", "sound 'notes.txt' is not a sound"),
        ("[sound:fake.mp3]", "markdown", "sound 'fake.mp3' is not a sound file"),
        ("![x](fake.png)", "markdown", "image 'fake.png' is not an image file"),
        ('<img src="missing.png">', "html", "image 'missing.png' does not exist"),
        ("![x](a%00.png)", "markdown", "image 'a%00.png' is not a file name"),
    ],
)
def test_media_that_is_not_there_or_not_media_is_an_error(
    tmp_path: Path, answer: str, markup: str, problem: str
) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "fake.mp3").write_text("not a sound")
    (tmp_path / "fake.png").write_text("not an image")
    with pytest.raises(SourceError) as raised:
        Renderer().card(card_in(tmp_path, answer, markup))
    assert problem in raised.value.message


def test_a_hard_link_to_a_file_elsewhere_is_not_packed(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    (deck / "linked.png").hardlink_to(tmp_path / "secret.png")
    with pytest.raises(SourceError, match="is a hard link"):
        Renderer().card(card_in(deck, "![x](linked.png)"))


def test_a_configured_media_folder_is_searched_too(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "pod.png").write_bytes(PNG)
    card = card_in(tmp_path, '<img src="pod.png">', "html")
    renderer = Renderer({card.source: tmp_path / "media"})
    assert renderer.card(card)[1] == f'<img src="pod-{H}.png">'


def test_a_field_beyond_the_bound_is_an_error_at_its_card(tmp_path: Path) -> None:
    """Markdown's cost grows with its text: a million '[' once took half a minute."""
    from ankigen.pipeline.render import MAX_TEXT

    (tmp_path / "d.tsv").write_text("q\t" + "[" * (MAX_TEXT + 1) + "\nfine\tshort\n")
    result = run("build", str(tmp_path / "d.tsv"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path / 'd.tsv'}:1: error: card 1's answer is {MAX_TEXT + 1:,} characters long; "
        f"a field holds at most {MAX_TEXT:,}\n"
    )
    (tmp_path / "d.tsv").write_text("q\t" + "[" * MAX_TEXT + "\n")
    assert run("build", str(tmp_path / "d.tsv"), "-o", str(tmp_path / "out")).returncode == 0
