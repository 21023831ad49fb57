"""The plain-text fast path gives exactly what markdown-it gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.pipeline.render_fast import fast_html, plain_list, plain_paragraph
from ankigen.sources import parse_text
from benchmarks.corpus import corpus
from tests.conftest import markdown_reference

REFERENCE = markdown_reference()


def test_fast_rendering_equals_markdown_it_on_the_benchmark_corpus() -> None:
    cards = parse_text(corpus(2000)).cards
    texts = [text for card in cards for text in (card.question, card.answer)]
    fast = [(text, fast_html(text)) for text in texts]
    assert sum(html is not None for _, html in fast) > len(texts) / 2  # it carries most of them
    for text, html in fast:
        if html is not None:
            assert html == REFERENCE.render(text).strip()


_TRICKY = st.sampled_from(
    [
        *"aZ09 \t\n.,;:!?\"'()#+-=$%^/@{}é调\u00a0\u2028\u2029\x0b\x0c\x85\r",
        *["1.", "2)", "* ", "- ", "> ", "```", "---", "===", "  ", "&amp;", "<b>", "_x_", "[a](b)"],
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TRICKY, max_size=30).map("".join))
def test_the_plain_paragraph_fast_path_matches_markdown_it(text: str) -> None:
    fast = plain_paragraph(text)
    if fast is not None:
        assert fast == REFERENCE.render(text).strip()


def test_the_fast_path_takes_ordinary_text() -> None:
    assert plain_paragraph("Runai\nPaperspace\nDeterminedAI") is not None
    assert plain_paragraph('Kubernetes is an "orchestrator", isn\'t it?') is not None
    for markup in ("*a*", "1. a", "a\n\nb", "# a", "a\n===", " a", "a\r\nb", "<b>", "a & b"):
        assert plain_paragraph(markup) is None, markup


_LIST_PART = st.sampled_from(
    [
        *"aZ09 .,;:!?\"'()#=$%/é调\t\u00a0",
        *["* ", "- ", "+ ", "\n", "\n* ", "\n- ", "\n+ ", "  ", "1. ", "*", "**", "\n\n"],
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_LIST_PART, max_size=20).map("".join))
def test_the_plain_list_fast_path_matches_markdown_it(text: str) -> None:
    fast = plain_list(text)
    if fast is not None:
        assert fast == REFERENCE.render(text).strip()


def test_the_list_fast_path_takes_the_usual_list_answers() -> None:
    assert plain_list("Workload mgmt: objects\n* Job: once\n* DaemonSet: every node") == (
        "<p>Workload mgmt: objects</p>\n<ul>\n<li>Job: once</li>\n<li>DaemonSet: every node</li>\n</ul>"
    )
    for markup in ("* a\n- b", "* a\nlazy", "* *a*", "a\n\n* b", "*  a", "plain"):
        assert plain_list(markup) is None, markup
