"""Topic tags: rules from the deck configuration, applied to each card's text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.config.deck import DeckConfig, TagRule
from ankigen.errors import SourceError
from ankigen.model import Card, tag_problem
from ankigen.pipeline.identity import normalise_question


def compile_rule(rule: TagRule) -> re.Pattern[str]:
    """One case-insensitive regex for a rule.

    A word matches whole words only (``pod`` is not in ``tripod``); a trailing
    ``*`` allows any ending (``container*``); spaces inside a word match any
    run of white space, so a phrase survives a line break.
    """
    parts = [f"(?:{p})" for p in rule.patterns]
    if rule.words:
        # One pair of boundary checks around all the words: four times faster
        # than a pair around each.
        words = "|".join(_word(word) for word in rule.words)
        parts.insert(0, rf"(?<!\w)(?:{words})(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE)


def _word(word: str) -> str:
    stem = word.strip()
    ending = r"\w*" if stem.endswith("*") else ""
    return r"\s+".join(re.escape(part) for part in stem.rstrip("*").split()) + ending


def tag_cards(cards: Sequence[Card], config: DeckConfig) -> list[tuple[str, ...]]:
    """Each card's tags: its own and the deck's, then matching rules, then per-card fixes.

    Rules read the question and the answer. A tag that could be markup in a
    template is refused at the card: readers and the configuration refuse them
    already, but cards may come from elsewhere (the library).
    """
    rules = [(rule.tag, compile_rule(rule)) for rule in config.tag_rules]
    overrides = {normalise_question(o.question): o for o in config.cards}
    tagged: list[tuple[str, ...]] = []
    for card in cards:
        text = f"{card.question}\n{card.answer}"
        tags = {*card.tags, *config.tags, *(tag for tag, rx in rules if rx.search(text))}
        override = overrides.get(normalise_question(card.question)) if overrides else None
        if override:
            tags = (tags | set(override.add_tags)) - set(override.remove_tags)
        for tag in card.tags:
            problem = tag_problem(tag)
            if problem:
                raise SourceError(card.source, card.line, f"card {card.number}: {problem}")
        tagged.append(tuple(sorted(tags, key=tag_order)))
    return tagged


def tag_order(tag: str) -> tuple[str, str]:
    """Tags in alphabetical order, any case; ``Zeta`` and ``zeta`` in a fixed order too."""
    return tag.casefold(), tag


def check_overrides(cards: Sequence[Card], config: DeckConfig) -> None:
    """An override that names no card is an error: a silent miss would leave the fix
    it was written for undone."""
    if not config.cards:
        return
    questions = {normalise_question(card.question) for card in cards}
    unused = [o for o in config.cards if normalise_question(o.question) not in questions]
    if unused:
        first = min(unused, key=lambda o: o.line)
        raise SourceError(config.path, first.line, f"no card has the question {first.question!r}")
