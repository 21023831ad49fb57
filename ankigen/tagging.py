"""Topic tags: rules from the deck configuration, applied to each card's text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ankigen.config import DeckConfig, TagRule
from ankigen.errors import SourceError
from ankigen.model import Card
from ankigen.sources.common import normalise_question


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


def tag_cards(
    cards: Sequence[Card], config: DeckConfig, known: Sequence[tuple[str, ...] | None] = ()
) -> list[tuple[str, ...]]:
    """Each card's tags: its own and the deck's, then matching rules, then per-card fixes.

    Rules read the question and the answer. ``known``, in step with ``cards``,
    holds tags found before under the same configuration (reused) or None. An
    override that names no card is an error, because a silent miss would leave
    the fix it was written for undone.
    """
    rules = [(rule.tag, compile_rule(rule)) for rule in config.tag_rules]
    overrides = {normalise_question(o.question): o for o in config.cards}
    tagged: list[tuple[str, ...]] = []
    for card, before in zip(cards, known or [None] * len(cards), strict=True):
        if before is not None:
            if overrides:
                overrides.pop(normalise_question(card.question), None)
            tagged.append(before)
            continue
        text = f"{card.question}\n{card.answer}"
        tags = {*card.tags, *config.tags, *(tag for tag, rx in rules if rx.search(text))}
        override = overrides.pop(normalise_question(card.question), None) if overrides else None
        if override:
            tags = (tags | set(override.add_tags)) - set(override.remove_tags)
        tagged.append(tuple(sorted(tags, key=str.casefold)))
    if overrides:
        unused = min(overrides.values(), key=lambda o: o.line)
        raise SourceError(config.path, unused.line, f"no card has the question {unused.question!r}")
    return tagged
