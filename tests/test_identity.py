"""Identities that let a new deck version update a collection instead of duplicating it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.identity import deck_id, note_guid
from ankigen.notetype import MODEL_ID


def test_guid_ignores_case_and_spacing_but_not_words_or_deck() -> None:
    guid = note_guid("unit14", "What is K8S?")
    assert note_guid("unit14", "  what   is\nk8s? ") == guid
    assert note_guid("unit14", "What is K3S?") != guid
    assert note_guid("unit15", "What is K8S?") != guid


def test_known_values_never_change() -> None:
    # Published decks depend on these exact values: a change here duplicates
    # every learner's notes. Update them only with a migration plan.
    assert MODEL_ID == 1_732_911_604_207
    assert note_guid("unit14-orchestration-mlops-job-scheduling", "What is K8S?") == "N[^6)Of%G]"
    assert deck_id("unit14-orchestration-mlops-job-scheduling") == deck_id(
        "unit14-orchestration-mlops-job-scheduling"
    )
    assert deck_id("a") != deck_id("b")
    assert deck_id("a") > 1 << 40


@settings(max_examples=500)
@given(st.text(max_size=12), st.text(max_size=40))
def test_guids_are_genankis_encoding(key: str, question: str) -> None:
    import genanki

    from ankigen.sources.common import normalise_question

    assert note_guid(key, question) == genanki.guid_for(key, normalise_question(question))


def test_yaml_ids_are_identities(tmp_path: Path) -> None:
    from ankigen import parse_file
    from ankigen.config import default_config
    from ankigen.identity import assign_guids

    path = tmp_path / "d.yaml"
    path.write_text("cards:\n  - {question: What is a Pod?, answer: a, id: pod}\n")
    before = assign_guids(parse_file(path).cards, default_config(path))
    path.write_text("cards:\n  - {question: Define a Kubernetes Pod, answer: a, id: pod}\n")
    assert assign_guids(parse_file(path).cards, default_config(path)) == before
