"""Topic tags: rules from the deck configuration, applied to each card's text.

A rule's words become one regular expression of ours (literal words between
word boundaries: it cannot backtrack). Its patterns are the maintainer's, and a
pattern can backtrack for ever (``(a|aa)+$``). So each is compiled on its own
(its flags, group names and back-references are its own) by the ``regex``
module, which Python's own ``re`` syntax is a subset of and which gives up on a
search after ``PATTERN_SECONDS``: that is an error naming the pattern's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ankigen.config.deck import DeckConfig, TagRule
from ankigen.errors import SourceError
from ankigen.model import Card, normalise_question, tag_problem

if TYPE_CHECKING:
    import regex


PATTERN_SECONDS = 1.0


def compile_rule(rule: TagRule, path: str = "") -> Callable[[str], bool]:
    """Whether a card's text matches a rule, case-insensitively (``path``: the
    configuration, for errors).

    A word matches whole words only (``pod`` is not in ``tripod``); a trailing
    ``*`` allows any ending (``container*``); spaces inside a word match any
    run of white space, so a phrase survives a line break.
    """
    checks: list[Callable[[str], bool]] = []
    if rule.words:
        # One pair of boundary checks around all the words: four times faster
        # than a pair around each.
        words = "|".join(_word(word) for word in rule.words)
        words_rx = re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
        checks.append(lambda text: words_rx.search(text) is not None)
    if rule.patterns:
        import regex

        lines = rule.pattern_lines or (rule.line,) * len(rule.patterns)
        for pattern, line in zip(rule.patterns, lines, strict=True):
            compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
            checks.append(_bounded(compiled, pattern, rule.tag, path, line))
    return lambda text: any(check(text) for check in checks)


def _bounded(
    compiled: regex.Pattern[str], pattern: str, tag: str, path: str, line: int
) -> Callable[[str], bool]:
    def search(text: str) -> bool:
        try:
            return compiled.search(text, timeout=PATTERN_SECONDS) is not None
        except TimeoutError:
            raise SourceError(
                path,
                line,
                f"the pattern {pattern!r} for '{tag}' took over {PATTERN_SECONDS:g} s on one "
                "card: it backtracks without end (nested or adjacent repeats such as (a+)+ "
                "or \\w*\\s*\\w*); write it more simply",
            ) from None

    return search


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
    rules = [(rule.tag, compile_rule(rule, config.path)) for rule in config.tag_rules]
    overrides = {normalise_question(o.question): o for o in config.cards}
    tagged: list[tuple[str, ...]] = []
    for card in cards:
        text = f"{card.question}\n{card.answer}"
        tags = {*card.tags, *config.tags, *(tag for tag, matches in rules if matches(text))}
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
