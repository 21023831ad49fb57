"""The order learners meet new cards: each note's position, following the source's order.

Anki shows new cards by their ``due`` position and keeps a package's positions
on import, but never moves a card it already has. So a note keeps the position
it was first published with, and a note added later takes one between its
neighbours': positions start ``GAP`` apart, and a new note between two others
gets a free position between theirs. No two notes share one. When no free
position is left there (after many insertions at one place), the note goes
after all others, and the build says so (``Order.crowded``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from ankigen.anki.state import State

GAP = 1000


class Order(NamedTuple):
    """Each note's position, in note order, and the notes (by index) that found no
    room between their neighbours and went to the end."""

    positions: tuple[int, ...]
    crowded: tuple[int, ...] = ()


def positions(guids: Sequence[str], previous: State | None) -> Order:
    """The positions of the notes with ``guids`` (in source order), given the last build's."""
    known = {n.guid: n.pos for n in previous.notes if n.pos is not None} if previous else {}
    result: list[int | None] = [known.get(guid) for guid in guids]
    used = sorted(p for p in result if p is not None)
    crowded: list[int] = []
    start = 0
    while start < len(result):
        if result[start] is not None:
            start += 1
            continue
        end = start
        while end < len(result) and result[end] is None:
            end += 1
        low = result[start - 1] if start else 0
        assert low is not None
        above = bisect.bisect_right(used, low)
        high = used[above] if above < len(used) else None
        count = end - start
        if high is None:
            new = [low + GAP * (i + 1) for i in range(count)]
        elif high - low > count:
            new = [low + (high - low) * (i + 1) // (count + 1) for i in range(count)]
        else:
            last = used[-1]
            new = [last + GAP * (i + 1) for i in range(count)]
            crowded += range(start, end)
        result[start:end] = new
        for position in new:
            bisect.insort(used, position)
        start = end
    return Order(tuple(p for p in result if p is not None), tuple(crowded))
