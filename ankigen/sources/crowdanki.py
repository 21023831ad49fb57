"""CrowdAnki decks: the JSON the CrowdAnki add-on exports (``deck.json``), as deck
repositories keep and share them.

A deck holds its note models (named fields; standard or cloze), its notes (fields in
their model's order, tags, Anki's GUID) and its subdecks (``children``). Each note is
a card: the field a table's header would name the question (``Front``, ``Text``, ...;
else the first), the answer (``Back``, ...; else the second) and the extra (``Back
Extra``, ...). The GUID is kept, so learners who have the deck get updates, not
duplicates. Fields are HTML. Fields nothing reads, and notes of subdecks (all of one
deck here), are named in a warning.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, TypeGuard

from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck, is_reversed_note_type
from ankigen.sources.common import checked_tag
from ankigen.sources.table import ROLE_NAMES

_CLOZE_MODEL = 1  # a note model's "type" for cloze


def parse(text: str, source: str) -> Deck:
    """Read a CrowdAnki deck; raise SourceError on bad input (NoCards on JSON that is
    not a CrowdAnki deck)."""
    try:
        root = json.loads(text.removeprefix("\ufeff"), strict=False)  # a raw tab, say
    except json.JSONDecodeError as error:
        raise SourceError(source, error.lineno, f"not valid JSON: {error.msg}") from None
    if not isinstance(root, dict) or root.get("__type__", "Deck") != "Deck" or "notes" not in root:
        raise NoCards(source, 1, "not a CrowdAnki deck: a JSON object with 'notes' expected")
    decks = list(_decks(root, source))
    models = {
        model["crowdanki_uuid"]: model
        for deck in decks
        for model in _list(deck, "note_models", source)
        if isinstance(model, dict) and isinstance(model.get("crowdanki_uuid"), str)
    }
    warnings: list[SourceWarning] = []
    cards: list[Card] = []
    unread: dict[str, tuple[int, set[str]]] = {}  # model name -> first line, field names
    spaced: tuple[int, str] | None = None  # the first tag with a space, and its line
    subdeck: tuple[int, str] | None = None  # the first note of a subdeck: its line, deck
    found, line = 0, 1  # where the last note was found in the text, and its line
    for deck, note in _notes(root, source):
        key = note.get("guid") or note.get("crowdanki_uuid")
        at = text.find(json.dumps(key), found) if isinstance(key, str) else -1
        if at > found:  # lines counted on from the last note's: linear in the text
            line += text.count("\n", found, at)
            found = at
        card, unused = _card(note, models, len(cards) + 1, line, source)
        if card is not None:
            cards.append(card)
        else:
            warnings.append(SourceWarning(source, line, "a note with an empty question; skipped"))
        if unused:
            model = str(models[_uuid(note)].get("name", ""))
            unread.setdefault(model, (line, set()))[1].update(unused)
        if spaced is None:
            tag = next((t for t in note.get("tags") or () if " " in t.strip()), None)
            spaced = (line, tag) if tag else None
        if subdeck is None and deck is not root:
            subdeck = (line, str(deck.get("name")))
    if spaced:
        warnings.append(
            SourceWarning(
                source,
                spaced[0],
                f"tags with spaces ({spaced[1]!r} and any others) are split at them, as "
                "Anki splits them: one tag a word",
            )
        )
    if subdeck:
        warnings.append(
            SourceWarning(
                source,
                subdeck[0],
                f"the subdeck {subdeck[1]!r} and any others: their notes go into "
                "this one deck; give each subdeck a source of its own to keep them apart",
            )
        )
    for model, (line, names) in unread.items():
        listed = ", ".join(map(repr, sorted(names)))
        warnings.append(
            SourceWarning(source, line, f"the fields {listed} of note type {model!r} are not read")
        )
    if not cards:
        raise NoCards(source, 1, "no cards found: the deck has no notes")
    title = str(root.get("name") or "") or source
    desc = root.get("desc")
    description = desc if isinstance(desc, str) else ""
    return Deck(
        title,
        source,
        tuple(cards),
        description=description,
        warnings=tuple(sorted(warnings, key=lambda w: w.line or 0)),
    )


def _decks(deck: Mapping[str, Any], source: str) -> Iterator[Mapping[str, Any]]:
    yield deck
    for child in _list(deck, "children", source):
        if isinstance(child, dict):
            yield from _decks(child, source)


def _notes(
    deck: Mapping[str, Any], source: str
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """Each note with its deck, in the order of the text (subdecks where they stand)."""
    for key in deck:
        if key == "children":
            for child in _list(deck, "children", source):
                if isinstance(child, dict):
                    yield from _notes(child, source)
        elif key == "notes":
            for note in _list(deck, "notes", source):
                if not isinstance(note, dict):
                    raise SourceError(source, None, "a note is not a JSON object")
                yield deck, note


def _list(deck: Mapping[str, Any], key: str, source: str) -> list[Any]:
    value = deck.get(key) or []
    if not isinstance(value, list):
        raise SourceError(source, None, f"'{key}' of deck {deck.get('name')!r} is not a list")
    return value


def _card(
    note: Mapping[str, Any],
    models: Mapping[Any, Mapping[str, Any]],
    number: int,
    line: int,
    source: str,
) -> tuple[Card | None, list[str]]:
    """A note's card (None for one with an empty question), and the names of its
    fields with text that no role reads."""
    model = models.get(_uuid(note))
    fields, tags, guid = note.get("fields"), note.get("tags") or [], note.get("guid")
    if model is None:
        raise SourceError(source, line, f"note {number}: its note model is not in the deck")
    if not _texts(fields) or not _texts(tags):
        raise SourceError(source, line, f"note {number}: 'fields' and 'tags' are lists of texts")
    tags = [
        checked_tag(part, source, line) for tag in tags for part in tag.split()
    ]  # split as Anki splits
    names = [str(f.get("name", "")) for f in model.get("flds") or () if isinstance(f, dict)]
    names += [str(i + 1) for i in range(len(names), len(fields))]
    cloze = model.get("type") == _CLOZE_MODEL
    roles: dict[str, int] = {}  # role -> field index, by the fields' names
    for index, name in enumerate(names[: len(fields)]):
        role = ROLE_NAMES.get(name.casefold())
        if cloze and role == "extra":
            role = "answer"  # a cloze note's Back Extra is its back, as in a table
        if role in ("question", "answer", "extra") and role not in roles:
            roles[role] = index
    free = [i for i in range(len(fields)) if i not in roles.values()]
    for role in ("question",) if cloze else ("question", "answer"):
        if role not in roles and free:
            roles[role] = free.pop(0)
    unused = [names[i] for i in free if fields[i].strip()]
    text = {role: fields[index].strip() for role, index in roles.items()}
    if not text.get("question"):
        return None, unused
    card = Card(
        number=number,
        line=line,
        question=text["question"],
        answer=text.get("answer", ""),
        tags=tuple(dict.fromkeys(tags)),
        source=source,
        markup="html",
        guid=guid if isinstance(guid, str) and guid else None,
        extra=text.get("extra", ""),
        cloze=cloze,
        reverse=is_reversed_note_type(str(model.get("name", ""))),
    )
    return card, unused


def _texts(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _uuid(note: Mapping[str, Any]) -> str:
    """The id of a note's model ('' for none that could be one)."""
    uuid = note.get("note_model_uuid")
    return uuid if isinstance(uuid, str) else ""
