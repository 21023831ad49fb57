"""Markdown decks, in the layouts Markdown flashcard users already write.

mdanki (``ashlinchak/mdanki``): a ``# Title`` names the deck; every ``## ``
heading starts a card, the heading is the front and what follows the back; a
line ``%`` splits a longer front (the heading and the lines after it) from the
back; a line of tag links ``[#tag](...) [#other tag]()`` gives the card's tags
(spaces become ``_``)::

    ## What is a Pod?
    The smallest deployable unit.
    [#K8S]() [#workloads]()

ankdown (``benwr/ankdown``): cards split by lines ``---``, each card's fields
by lines ``%``: the front, the back, then tags (separated by commas or spaces)::

    Expected value of \\(f(x)\\)
    %
    \\[\\mathbb{E}[f(x)] = \\sum_x p(x)f(x)\\]
    %
    math, probability

inka and inka2: cards in sections between lines ``---``, optional ``Deck:``
and ``Tags:`` lines, each card a numbered question and its answer quoted; a
card without an answer is a cloze card (``{hidden}``, ``{2::hidden}`` or
``{{c1::hidden}}``)::

    ---
    Deck: Kubernetes
    Tags: K8S workloads
    1. What is a Pod?
    > The smallest deployable unit.
    2. A {Deployment} keeps {Pods} running.
    ---

Obsidian_to_Anki: notes between lines ``START`` and ``END``, the note type on
the first line, then fields as ``Name: text`` (``Front``/``Back``, or ``Text``
/``Extra`` for a cloze note) and ``Tags:``; "Basic (and reversed card)" is read
as a reversed card. ``TARGET DECK: name`` names the deck, the plugin's
``<!--ID: 1686170330152-->`` (or ``ID: …``) is the card's identity, and Obsidian's links
(``[[page|shown]]``) show as their text, its embeds (``![[image.png]]``) as
images::

    START
    Basic
    Front: What is a Pod?
    Back: The smallest deployable unit.
    Tags: K8S
    END

Obsidian Spaced Repetition (``st3v3nmw/obsidian-spaced-repetition``, with its default
settings): in a note tagged ``#flashcards`` (``#flashcards/deck/sub`` names the deck),
a line ``question::answer`` is a card and ``question:::answer`` a reversed one; lines
above a line ``?`` (``??`` reversed) are the front and the lines below it the back, up
to a blank line; a paragraph with ``==highlights==`` is a cloze card, each highlight a
deletion (``==2;;text;;hint==`` numbers one and gives its hint). The plugin's
scheduling comments (``<!--SR:...-->``) are dropped::

    #flashcards/networking

    What does DNS stand for::Domain Name System

    What are the layers of the OSI model?
    ?
    Physical, data link, network, transport, session, presentation, application

Lines inside fenced code blocks are never structure. Images are Markdown
images, found beside the file like any source's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import (
    IMAGE_SUFFIXES,
    SOUND_SUFFIXES,
    Card,
    Deck,
    is_reversed_note_type,
)
from ankigen.sources import labelled, logseq
from ankigen.sources.common import checked_tag, stem, trim

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CARD_HEADING = re.compile(r"^##\s+(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^#\s+(.*?)\s*#*\s*$")
_TAG_LINE = re.compile(r"^\s*\[#[^\]]+\]")
_TAG_LINK = re.compile(r"\[#([^\]]+)\](?:\([^)]*\))?")
HINT = (
    "expected '## question' headings (mdanki), cards split by lines '---' with a "
    "line '%' between front and back (ankdown), numbered questions with '> ' answers "
    "between lines '---' (inka), notes between lines START and END (Obsidian_to_Anki), "
    "'question::answer' lines and lines '?' between front and back in a note tagged "
    "#flashcards (Obsidian Spaced Repetition), blocks tagged #card (Logseq), or lines "
    "'Q: question' and 'A: answer'"
)
_INKA_CARD = re.compile(r"^(\d+)\.\s+(.*)$")
_INKA_CLOZE = re.compile(r"(?<!\{)\{(?:c?(\d+)::)?([^{}]+)\}(?!\})")
_FIELD_LINE = re.compile(r"^([A-Za-z][\w ]*?):\s?(.*)$")


def parse(text: str, source: str) -> Deck:
    """Read a Markdown deck; raise SourceError on bad input."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NoCards(source, 1, "file is empty: " + HINT)
    lines = list(_outside_code(text.split("\n")))
    prose = [line for line, code in lines if not code]
    if any(line.strip() == "START" for line in prose):
        return _obsidian(lines, source)
    if logseq.is_logseq(prose):
        return logseq.parse(text.split("\n"), source)
    if _spaced_repetition_tag(lines):  # before mdanki: such notes have headings too
        return _spaced_repetition(lines, source)
    if labelled.looks_labelled(prose):
        return labelled.parse(text, source, markup="markdown")
    if _inka_sections(lines):
        return _inka(lines, source)
    if any(_CARD_HEADING.match(line) for line in prose):
        return _mdanki(lines, source)
    if any(line.strip() == "%" for line in prose):
        return _ankdown(lines, source)
    raise NoCards(source, 1, "no cards found: " + HINT)


def _outside_code(lines: list[str]) -> Iterator[tuple[str, bool]]:
    """Each line, and whether it is inside (or opens or closes) a fenced code block."""
    fence = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            yield line, True
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield line, True
        else:
            yield line, False


def _mdanki(lines: list[tuple[str, bool]], source: str) -> Deck:
    title = ""
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    start: int | None = None
    for index, (line, code) in enumerate([*lines, ("## ", False)]):
        heading = None if code else _CARD_HEADING.match(line)
        if heading is None:
            if start is None and not code and not title and _TITLE.match(line):
                title = _TITLE.match(line).group(1)  # type: ignore[union-attr]
            continue
        if start is not None:
            card = _mdanki_card(lines[start:index], start, len(cards) + 1, source, warnings)
            if card:
                cards.append(card)
        start = index
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(title or stem(source), source, tuple(cards), warnings=tuple(warnings))


def _mdanki_card(
    block: list[tuple[str, bool]],
    start: int,
    number: int,
    source: str,
    warnings: list[SourceWarning],
) -> Card | None:
    heading = _CARD_HEADING.match(block[0][0])
    assert heading is not None
    body = block[1:]
    split = next(
        (i for i, (line, code) in enumerate(body) if not code and line.strip() == "%"), None
    )
    front = [heading.group(1)]
    if split is not None:
        front += [line for line, _ in body[:split]]
        body = body[split + 1 :]
    tags: list[str] = []
    back = []
    for line, code in body:
        if not code and _TAG_LINE.match(line):
            tags += _tag_links(line, source, start + 1)
        else:
            back.append(line)
    question = trim("\n".join(front))
    if not question:
        warnings.append(SourceWarning(source, start + 1, "a card with an empty heading; skipped"))
        return None
    answer = trim("\n".join(back))
    if not answer:
        warnings.append(SourceWarning(source, start + 1, f"card {number} has an empty answer"))
    return Card(number, start + 1, question, answer, tuple(dict.fromkeys(tags)), source)


def _tag_links(line: str, source: str, card_line: int) -> list[str]:
    tags = [match.group(1).strip().replace(" ", "_") for match in _TAG_LINK.finditer(line)]
    return [checked_tag(tag, source, card_line) for tag in tags if tag]


def _ankdown(lines: list[tuple[str, bool]], source: str) -> Deck:
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    block: list[tuple[int, str, bool]] = []
    for index, (line, code) in enumerate([*lines, ("---", False)]):
        if code or line.strip() != "---":
            block.append((index, line, code))
            continue
        if any(text.strip() for _, text, _ in block):
            card = _ankdown_card(block, len(cards) + 1, source, warnings)
            if card:
                cards.append(card)
        block = []
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(stem(source), source, tuple(cards), warnings=tuple(warnings))


def _ankdown_card(
    block: list[tuple[int, str, bool]], number: int, source: str, warnings: list[SourceWarning]
) -> Card | None:
    fields: list[list[str]] = [[]]
    for _, text, code in block:
        if not code and text.strip() == "%":
            fields.append([])
        else:
            fields[-1].append(text)
    texts = [trim("\n".join(field)) for field in fields]
    line = next(index for index, text, _ in block if text.strip()) + 1
    if len(texts) < 2:
        raise SourceError(source, line, f"card {number} has no line '%' between front and back")
    question, answer = texts[0], texts[1]
    if not question:
        warnings.append(SourceWarning(source, line, f"card {number} has an empty front; skipped"))
        return None
    tags = [
        checked_tag(tag, source, line)
        for text in texts[2:3]
        for tag in re.split(r"[,\s]+", text)
        if tag
    ]
    if len(texts) > 3:
        warnings.append(
            SourceWarning(
                source, line, f"card {number} has fields after its tags, which are not read"
            )
        )
    return Card(number, line, question, answer, tuple(dict.fromkeys(tags)), source)


def _inka_sections(lines: list[tuple[str, bool]]) -> bool:
    """Whether the cards are inka's: numbered questions in sections between lines
    ``---``, and no ``##`` card heading (mdanki's, with rules between cards) or
    line ``%`` (ankdown's, whose fronts may be numbered lists) in them."""
    inside = numbered = False
    for line, code in lines:
        if code:
            continue
        if line.strip() == "---":
            inside = not inside
        elif inside and (_CARD_HEADING.match(line) or line.strip() == "%"):
            return False
        elif inside and _INKA_CARD.match(line):
            numbered = True
    return numbered


def _inka(lines: list[tuple[str, bool]], source: str) -> Deck:
    title, tags = "", tuple[str, ...]()
    cards: list[Card] = []
    inside = False
    card: list[int] = []  # the lines of the card being read
    for index, (line, code) in enumerate([*lines, ("---", False)]):
        if not code and line.strip() == "---":
            if card:
                cards.append(_inka_card(lines, card, len(cards) + 1, tags, source))
            inside, card, tags = not inside, [], ()
            continue
        if not inside or (code and not card):
            continue
        field = None if code else _FIELD_LINE.match(line)
        if not card and field and field.group(1) in ("Deck", "Tags"):
            if field.group(1) == "Deck":
                title = title or field.group(2).strip()
            else:
                tags = tuple(checked_tag(t, source, index + 1) for t in field.group(2).split())
            continue
        if not code and _INKA_CARD.match(line):
            if card:
                cards.append(_inka_card(lines, card, len(cards) + 1, tags, source))
            card = [index]
        elif card:
            card.append(index)
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(title or stem(source), source, tuple(cards))


def _inka_card(
    lines: list[tuple[str, bool]],
    indexes: list[int],
    number: int,
    tags: tuple[str, ...],
    source: str,
) -> Card:
    first = _INKA_CARD.match(lines[indexes[0]][0])
    assert first is not None
    question, answer = [first.group(2)], list[str]()
    for index in indexes[1:]:
        line, code = lines[index]
        if (not code and line.startswith(">")) or answer:
            answer.append(line[1:].removeprefix(" ") if line.startswith(">") else line)
        else:
            question.append(line)
    text = trim("\n".join(question))
    cloze = not answer and _INKA_CLOZE.search(text) is not None and "{{c" not in text
    if cloze:  # inka's short cloze syntax: {text} numbered in turn, {2::text} as it says
        count = itertools.count(1)
        text = _INKA_CLOZE.sub(
            lambda m: f"{{{{c{m.group(1) or next(count)}::{m.group(2)}}}}}", text
        )
    return Card(number, indexes[0] + 1, text, trim("\n".join(answer)), tags, source, cloze=cloze)


_TARGET_DECK = re.compile(r"^TARGET DECK:?\s*(.*)$")
_NOTE_ID = re.compile(r"^\s*(?:<!--\s*)?ID:\s*(\d+)\s*(?:-->)?\s*$")  # comment or not
# No bracket inside a link: with them, a run of "[[" made the search quadratic.
_EMBED = re.compile(r"!\[\[([^\[\]|]+)(?:\|[^\[\]]*)?\]\]")
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|]+\|)?([^\[\]]+)\]\]")


def _obsidian(lines: list[tuple[str, bool]], source: str) -> Deck:
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    note: list[int] | None = None
    opened = 0
    title = ""
    for index, (line, code) in enumerate(lines):
        deck = None if code or note is not None else _TARGET_DECK.match(line.strip())
        if deck and not title:  # the first one counts, as the plugin reads it
            title = deck.group(1).strip() or (
                lines[index + 1][0].strip() if index + 1 < len(lines) else ""
            )
        elif not code and line.strip() == "START":
            note, opened = [], index + 1
        elif not code and line.strip() == "END" and note is not None:
            if note:
                cards.append(_obsidian_card(lines, note, len(cards) + 1, source, warnings))
            note = None
        elif note is not None:
            note.append(index)
    if note is not None:
        raise SourceError(source, opened, "a note opened with START has no END")
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    return Deck(title or stem(source), source, tuple(cards), warnings=tuple(warnings))


_OBSIDIAN_ROLES = {"front": "question", "text": "question", "back": "answer", "extra": "extra",
                   "back extra": "extra", "tags": "tags"}  # fmt: skip


def _obsidian_card(
    lines: list[tuple[str, bool]],
    indexes: list[int],
    number: int,
    source: str,
    warnings: list[SourceWarning],
) -> Card:
    kind = lines[indexes[0]][0].strip()
    start = indexes[0] + 1
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    card_id = None
    for index in indexes[1:]:
        line, code = lines[index]
        known = None if code else _NOTE_ID.match(line)
        if known:
            card_id = known.group(1)
            continue
        field = None if code else _FIELD_LINE.match(line)
        role = _OBSIDIAN_ROLES.get(field.group(1).strip().casefold()) if field else None
        if field and role:
            current = fields.setdefault(role, [])
            current.append(field.group(2))
        elif current is not None:
            current.append(line)
        elif line.strip():
            raise SourceError(source, index + 1, f"note {number}: expected a field, 'Front: ...'")
    text = {
        role: _obsidian_text(trim("\n".join(value)), source, start, warnings)
        for role, value in fields.items()
    }
    if not text.get("question"):
        raise SourceError(source, start, f"note {number} ({kind}) has no Front or Text field")
    tags = tuple(checked_tag(tag, source, start) for tag in text.get("tags", "").split())
    return Card(
        number,
        start,
        text["question"],
        text.get("answer", ""),
        tags,
        source,
        id=card_id,
        extra=text.get("extra", ""),
        cloze=kind.casefold().startswith("cloze"),
        reverse=is_reversed_note_type(kind),
    )


def _obsidian_text(text: str, source: str, line: int, warnings: list[SourceWarning]) -> str:
    """Obsidian's own Markdown as CommonMark: embedded images as images, embedded sounds
    as Anki's sounds, links as their text. An embedded note (``![[Note#Section]]``)
    becomes its name, with a warning: its text is in another file."""
    if "[[" not in text:
        return text

    def embed(match: re.Match[str]) -> str:
        name = match.group(1)
        suffix = Path(name).suffix.lower()
        if suffix in SOUND_SUFFIXES:
            return f"[sound:{name}]"
        if suffix in IMAGE_SUFFIXES:
            return f"![{name}](<{name}>)"
        warnings.append(
            SourceWarning(
                source,
                line,
                f"![[{name}]] embeds another note, which ankigen does not read: the card "
                f"shows its name; copy the text into the card to show it",
            )
        )
        return name

    return _WIKILINK.sub(lambda m: m.group(1), _EMBED.sub(embed, text))


# Obsidian Spaced Repetition's defaults: its deck tag, its front matter's tags, its
# highlight clozes (``==[N;;]text[;;hint]==``); HTML comments hold its scheduling.
_SR_DECK_TAG = re.compile(r"(?<![^\s])#flashcards(?:/([^\s#]+))?(?![^\s])")
_SR_FRONT_TAG = re.compile(r"^(?:tags:.*|\s*-\s*)[\s\[,'\"]#?flashcards\b", re.MULTILINE)
_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->")  # stops at an opener: linear
_TAGS_ONLY = re.compile(r"^\s*#[^\s#]+(?:\s+#[^\s#]+)*\s*$")
_HIGHLIGHT = re.compile(r"==(?:(\d+);;)?((?:(?!==|;;).)+)(?:;;((?:(?!==).)+))?==")


def _spaced_repetition_tag(lines: list[tuple[str, bool]]) -> bool:
    """Whether a note carries Obsidian Spaced Repetition's deck tag, in its text or in its
    front matter's tags."""
    front = _front_matter(lines)
    if front and _SR_FRONT_TAG.search("\n".join(line for line, _ in lines[1 : front - 1])):
        return True
    return any(_SR_DECK_TAG.search(line) for line, code in lines[front:] if not code)


def _front_matter(lines: list[tuple[str, bool]]) -> int:
    """How many lines the note's YAML front matter takes (with its two lines ``---``)."""
    if not lines or lines[0][0].strip() != "---":
        return 0
    end = next((i for i, (line, _) in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    return 0 if end is None else end + 1


def _spaced_repetition(lines: list[tuple[str, bool]], source: str) -> Deck:
    """Cards as Obsidian Spaced Repetition finds them, paragraph by paragraph (in a note
    tagged for it only: elsewhere ``key:: value`` lines are Dataview's and Logseq's
    properties)."""
    start = _front_matter(lines)
    deck = next(
        (m.group(1) for line, code in lines[start:] if not code
         for m in _SR_DECK_TAG.finditer(line) if m.group(1)),
        None,
    )  # fmt: skip
    cards: list[Card] = []
    warnings: list[SourceWarning] = []
    block: list[tuple[int, str, bool]] = []
    for index, text, code in [*_uncommented(lines, start), (len(lines), "", False)]:
        if code or text.strip():
            if code or not _TAGS_ONLY.match(text):
                block.append((index, text, code))
        elif block:
            cards += _sr_cards(block, len(cards), source, warnings)
            block = []
    if not cards:
        raise NoCards(source, 1, "no cards found: " + HINT)
    title = deck.strip("/").replace("/", "::") if deck else stem(source)
    return Deck(title, source, tuple(cards), warnings=tuple(warnings))


def _uncommented(lines: list[tuple[str, bool]], start: int) -> Iterator[tuple[int, str, bool]]:
    """Each line from ``start`` with its HTML comments (the plugin's scheduling ones
    among them) taken out, as Obsidian hides them; a line that was all comment is gone,
    not blank."""
    inside = False
    for index, (line, code) in enumerate(lines[start:], start):
        if code:
            yield index, line, code
            continue
        text = line
        if inside:
            if "-->" not in text:
                continue
            text, inside = text.split("-->", 1)[1], False
        text = _COMMENT.sub("", text)
        if "<!--" in text:
            text, inside = text.split("<!--", 1)[0], True
        if text.strip() or (not line.strip() and not inside):
            yield index, text.rstrip(), code


def _sr_cards(
    block: list[tuple[int, str, bool]], count: int, source: str, warnings: list[SourceWarning]
) -> list[Card]:
    """The cards of one paragraph: a card a line ``front::back``; or the lines above a
    line ``?`` (or ``??``) and below it; or, with highlights, one cloze card."""
    cards: list[Card] = []

    def card(line: int, front: str, back: str, reverse: bool = False, cloze: bool = False) -> None:
        front, back = (_obsidian_text(trim(t), source, line + 1, warnings) for t in (front, back))
        number = count + len(cards) + 1
        if not front:
            warnings.append(SourceWarning(source, line + 1, "a card with an empty front; skipped"))
            return
        if not back and not cloze:
            warnings.append(SourceWarning(source, line + 1, f"card {number} has an empty answer"))
        cards.append(
            Card(number, line + 1, front, back, source=source, cloze=cloze, reverse=reverse)
        )

    first = 0  # where the card being read begins in the block
    for at, (index, text, code) in enumerate(block):
        if code:
            continue
        if text.strip() in ("?", "??") and at > first:
            front = "\n".join(t for _, t, _ in block[first:at])
            back = "\n".join(t for _, t, _ in block[at + 1 :])
            card(block[first][0], front, back, reverse=text.strip() == "??")
            return cards
        separator, split = _inline_separator(text)
        if separator:
            card(index, text[:split], text[split + len(separator) :], separator == ":::")
            first = at + 1
    rest = block[first:]
    if not cards and any(_HIGHLIGHT.search(t) for _, t, code in rest if not code):
        card(rest[0][0], _clozes("\n".join(t for _, t, _ in rest)), "", cloze=True)
    return cards


def _inline_separator(text: str) -> tuple[str, int]:
    """``:::`` or ``::`` and where it stands, when the line holds one outside inline
    code; else ``("", -1)``."""
    for separator in (":::", "::"):
        at = _outside_backticks(text, separator) if separator in text else -1
        if at >= 0:
            return separator, at
    return "", -1


def _outside_backticks(text: str, separator: str) -> int:
    """Where ``separator`` first stands outside inline code (an even number of backticks
    before it), or -1."""
    at = text.find(separator)
    ticks = text.count("`", 0, at) if at >= 0 else 0
    while at >= 0 and ticks % 2:  # counted on from the last place: linear on any line
        following = text.find(separator, at + 1)
        ticks += text.count("`", at, following) if following >= 0 else 0
        at = following
    return at


def _clozes(text: str) -> str:
    """``==text==`` highlights as Anki's deletions, numbered in turn, or as ``N;;`` says."""
    numbers = itertools.count(1)

    def deletion(match: re.Match[str]) -> str:
        number = match.group(1) or next(numbers)
        hint = f"::{match.group(3)}" if match.group(3) else ""
        return f"{{{{c{number}::{match.group(2)}{hint}}}}}"

    return _HIGHLIGHT.sub(deletion, text)
