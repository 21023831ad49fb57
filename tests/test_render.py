"""Markdown rendering: line breaks kept, Markdown works, raw HTML never live."""

from __future__ import annotations

from ankigen.render import Renderer

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


def test_images_are_not_loaded() -> None:
    assert "<img" not in render("![tracker](https://example.com/t.png)")
