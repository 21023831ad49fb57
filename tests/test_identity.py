"""Identities that let a new deck version update a collection instead of duplicating it."""

from __future__ import annotations

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
