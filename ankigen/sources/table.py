"""Tables: CSV and TSV files, Anki's "Notes in Plain Text" exports, Quizlet exports.

Read as Anki's own text import reads them (``rslib/src/import_export/text/csv``):

- header lines at the top: ``tags:`` (historic), then ``#key:value`` lines:
  ``#separator:``, ``#html:``, ``#tags:``, ``#columns:``, ``#deck:``,
  ``#notetype:``, ``#tags column:``, ``#guid column:``, ``#deck column:`` and
  ``#notetype column:`` (columns count from 1);
- quotes with any one-character separator (a quoted cell may hold separators,
  quotes doubled and line breaks); a quote inside an unquoted cell is text;
- a record that starts with ``#`` is a comment.

Beyond that, for material no Anki wrote: the separator is detected (tab,
comma, semicolon or pipe, else Quizlet's usual custom separators), a first row
that names columns (``question``/``front``/``term``/``expression``/``word``,
``answer``/``back``/``definition``/``meaning``/``translation``,
``extra``/``back extra``/``note``/``notes``/``hint``/``remarks``, ``text``,
``tags``, ``id``, ``guid``) is read as the column map when it reads as names
(``_columns``), a column whose cells hold cloze deletions (``{{c1::…}}``) is the
text of cloze cards, and a first row that looks like a header but is not read as
one is kept as a card with a warning. A deck configuration may choose the
columns, the separator, the header and the markup; columns nobody reads are
named in a warning, never dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from ankigen.errors import NoCards, SourceError, SourceWarning
from ankigen.model import Card, Deck, is_cloze_text, is_reversed_note_type, tag_problem
from ankigen.sources.common import checked_tag

ROLE_NAMES = {
    "question": "question",
    "front": "question",
    "term": "question",
    "expression": "question",
    "word": "question",
    "answer": "answer",
    "back": "answer",
    "definition": "answer",
    "meaning": "answer",
    "translation": "answer",
    "text": "question",
    "extra": "extra",
    "back extra": "extra",
    "note": "extra",
    "notes": "extra",
    "hint": "extra",
    "remarks": "extra",
    "tags": "tags",
    "id": "id",
    "guid": "guid",
}
ROLES = ("question", "answer", "extra", "cloze", "tags", "id", "guid")
_ANKI_SEPARATORS = {
    "comma": ",",
    "semicolon": ";",
    "tab": "\t",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
# Separators tried when none is given: (between cells, between rows, quoted?).
_CANDIDATES = (
    ("\t", "\n", True),
    (",", "\n", True),
    (";", "\n", True),
    ("|", "\n", True),
)
# Quizlet's export lets the user choose both; these are the usual choices.
_QUIZLET_CANDIDATES = tuple(
    (cells, rows, False)
    for rows in ("\n", ";", ";;", "\n\n")
    for cells in ("\t", ",", " - ", "---", " -- ")
    if (cells, rows) not in (("\t", "\n"), (",", "\n"))
)
# Anki's test for HTML in a field it is not told about (#html:), roughly: a tag.
_HTML_TAG = re.compile(
    r"<(?:/?(?:a|b|i|u|s|em|strong|br|div|p|span|img|ul|ol|li|table|tr|td|th|sub|sup|hr|"
    r"code|pre|h[1-6]|font|audio|source|blockquote|small|mark|del|ins)\b[^>]*>)",
    re.IGNORECASE,
)
# A header cell: a label of up to three words, no digits or sentence punctuation.
_LABEL = re.compile(r"[^\W\d_]+(?:[ _/-][^\W\d_]+){0,2}")
# A column name as tools write them: "region code", "capital:de", "guid:zh-tw", "TTS_1".
_NAME = re.compile(r"[^\W\d_]\w*(?:[ :_/.-]\w+){0,3}")
_LABEL_WORDS = {
    "word", "words", "translation", "example", "sentence", "sentences", "note", "notes",
    "type", "category", "english", "german", "deutsch", "french", "français", "spanish",
    "español", "italian", "japanese", "chinese", "russian", "portuguese", "kanji", "reading",
    "hiragana", "pinyin", "hint", "source", "extra", "remarks",
}  # fmt: skip


class TableOptions(NamedTuple):
    """What a deck configuration (or ``ankigen parse``) says about a table.

    ``columns`` maps a role (``question``, ``answer``, ``extra``, ``cloze``,
    ``tags``, ``id``, ``guid``) to the columns it is read from: header names or
    numbers (1 = first). Several answer (or extra) columns are joined, one a
    line, empty ones left out. A ``cloze`` column is the question of cloze cards.
    """

    separator: str | None = None
    row_separator: str | None = None
    header: bool | None = None
    markup: str | None = None
    columns: Mapping[str, tuple[str | int, ...]] = MappingProxyType({})


class _Meta:
    """What an Anki export's header lines say (filled in as they are read)."""

    separator: str | None = None
    html: bool | None = None
    tags: tuple[str, ...] = ()
    labels: str | None = None
    deck: str | None = None
    notetype: str = ""
    lines: int = 0

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}  # role -> 0-based column


class _Layout(NamedTuple):
    separator: str
    row_separator: str
    quoted: bool


def parse(text: str, source: str, options: TableOptions | None = None) -> Deck:
    """Read a table into a Deck; raise SourceError on bad input.

    The file's suffix says what to expect when nothing else does: a tab in a
    ``.tsv``, a comma or another usual separator in a ``.csv``, and anything,
    Quizlet's custom separators included, in any other file.
    """
    options = options or TableOptions()
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NoCards(source, 1, "file is empty: expected rows of question and answer")
    meta, start = _meta(text, source)
    layout = _layout(text, start, options, meta, Path(source).suffix.lower(), source)
    warnings: list[SourceWarning] = []
    comments: list[int] = []
    records = [
        r for r in _records(text, start, layout, source, comments) if any(map(str.strip, r[1]))
    ]
    if comments and not meta.lines:
        warnings.append(
            SourceWarning(
                source,
                comments[0],
                f"{len(comments)} line(s) starting with '#' read as comments, as Anki reads "
                "them, and skipped",
            )
        )
    if not records:
        raise NoCards(source, 1, "no cards found: expected rows of question and answer")
    columns, records = _columns(records, options, meta, layout, source, warnings)
    markup = options.markup or _markup(meta, records)
    cards: list[Card] = []
    decks: dict[str, int] = {}
    for line, cells in records:
        card = _card(line, cells, columns, markup, meta, source, len(cards) + 1, warnings)
        if card is not None:
            cards.append(card)
        if "deck" in columns and columns["deck"][0] < len(cells):
            decks.setdefault(cells[columns["deck"][0]].strip(), line)
    if not cards:
        raise NoCards(source, 1, "no cards found: every row has an empty question")
    title = meta.deck or Path(source).stem
    if len(decks) == 1:
        title = next(iter(decks)) or title
    elif len(decks) > 1:
        names = ", ".join(repr(name) for name in list(decks)[:3])
        warnings.append(
            SourceWarning(
                source,
                min(decks.values()),
                f"the deck column names {len(decks)} decks ({names}...); all these cards go "
                f"into one deck: split the rows into a source per deck to keep them apart",
            )
        )
    return Deck(
        title=title,
        source=source,
        cards=tuple(cards),
        warnings=tuple(sorted(warnings, key=lambda w: w.line or 0)),
    )


def _meta(text: str, source: str) -> tuple[_Meta, int]:
    """The header lines of an Anki export, and where the rows begin."""
    meta = _Meta()
    pos = line = 0
    if text.startswith("tags:"):
        end = _line_end(text, 0)
        meta.tags = _tags(text[5:end], source, 1)
        pos, line = end + 1, 1
    while text.startswith("#", pos):
        end = _line_end(text, pos)
        key, colon, value = text[pos + 1 : end].partition(":")
        key = key.strip().lower()
        if not colon or key not in (
            "separator", "html", "tags", "columns", "deck", "notetype",
            "tags column", "guid column", "deck column", "notetype column",
        ):  # fmt: skip
            break
        line += 1
        value = value.strip()
        if key == "separator":
            meta.separator = _ANKI_SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
        elif key == "html":
            meta.html = value.lower() == "true"
        elif key == "tags":
            meta.tags = _tags(value, source, line)
        elif key == "columns":
            meta.labels = value
        elif key == "deck":
            meta.deck = value
        elif key == "notetype":
            meta.notetype = value
        elif key.endswith(" column"):
            if not value.isdigit() or int(value) < 1:
                raise SourceError(source, line, f"'#{key}:' must be a column number, not {value!r}")
            role = {"tags column": "tags", "guid column": "guid", "deck column": "deck"}.get(
                key, "notetype"
            )
            meta.columns[role] = int(value) - 1
        pos = end + 1
    meta.lines = line
    return meta, pos


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _layout(
    text: str, start: int, options: TableOptions, meta: _Meta, suffix: str, source: str
) -> _Layout:
    """The separators: configured, declared by an Anki header, else detected."""
    separator = options.separator or meta.separator or ("\t" if suffix == ".tsv" else None)
    row_separator = options.row_separator or "\n"
    if separator is not None:
        quoted = len(separator) == 1 and row_separator == "\n"
        return _Layout(separator, row_separator, quoted)
    sample = text[start : start + 64 * 1024]
    found = _best(sample, _CANDIDATES, 2, source)
    if found is None and suffix != ".csv":
        found = _best(sample, _QUIZLET_CANDIDATES, 1, source)
    return found or _Layout("," if suffix == ".csv" else "\t", "\n", True)


def looks_like_table(text: str) -> bool:
    """Whether a text of no telling suffix is rows of cells: three or more rows that all
    split alike by one of the usual separators, or by Quizlet's."""
    sample = text.removeprefix("\ufeff")[: 64 * 1024].replace("\r\n", "\n")
    for candidates in (_CANDIDATES, _QUIZLET_CANDIDATES):
        layout = _best(sample, candidates, 3, "", consistency=1.0)
        if layout is not None:
            return True
    return False


def _best(
    sample: str,
    candidates: Sequence[tuple[str, str, bool]],
    min_rows: int,
    source: str,
    consistency: float = 0.8,
) -> _Layout | None:
    """The candidate by which at least ``min_rows`` sample rows, and most of them, have the
    same number (two or more) of cells: the most consistent, then the one that makes
    the most rows, then the first."""
    best: tuple[float, int, _Layout] | None = None
    for separator, row_separator, quoted in candidates:
        layout = _Layout(separator, row_separator, quoted)
        rows = _records(sample, 0, layout, source, [], sample=True)
        counts = [len(cells) for _, cells in rows if any(map(str.strip, cells))][:200]
        if len(counts) < min_rows:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts)
        if (
            common >= 2
            and score >= consistency
            and (best is None or (score, len(counts)) > best[:2])
        ):
            best = (score, len(counts), layout)
    return best[2] if best else None


def _records(
    text: str,
    pos: int,
    layout: _Layout,
    source: str,
    comments: list[int],
    sample: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on, in one pass over the text.

    The next separator and row end are found with scans in C and remembered, so
    that a long text is read in linear time whatever it holds.
    """
    separator, row_separator = layout.separator, layout.row_separator
    line = text.count("\n", 0, pos) + 1
    next_separator = next_row = -1
    end = len(text)
    while pos < end:
        start, start_line = pos, line
        if row_separator == "\n" and text.startswith("#", pos):  # a comment, as Anki reads it
            pos = _line_end(text, pos) + 1
            comments.append(line)
            line += 1
            continue
        cells: list[str] = []
        while True:
            if layout.quoted and text.startswith('"', pos):
                close = pos + 1
                while True:
                    close = text.find('"', close)
                    if close < 0:
                        if sample:  # a sample may end inside a quoted cell
                            return
                        raise SourceError(source, start_line, "a quoted cell is never closed")
                    if not text.startswith('"', close + 1):
                        break
                    close += 2
                cell = text[pos + 1 : close].replace('""', '"')
                pos = close + 1
            else:
                cell = ""
            if next_separator < pos:
                found = text.find(separator, pos)
                next_separator = end if found < 0 else found
            if next_row < pos:
                found = text.find(row_separator, pos)
                next_row = end if found < 0 else found
            stop = min(next_separator, next_row)
            cells.append(cell + text[pos:stop])  # text after a closing quote is kept
            pos = stop
            if pos >= end or pos == next_row:
                pos += len(row_separator)
                break
            pos += len(separator)
        line += text.count("\n", start, min(pos, end))
        yield start_line, cells


def _columns(
    records: list[tuple[int, list[str]]],
    options: TableOptions,
    meta: _Meta,
    layout: _Layout,
    source: str,
    warnings: list[SourceWarning],
) -> tuple[dict[str, tuple[int, ...]], list[tuple[int, list[str]]]]:
    """Which columns hold what (0-based), and the records that are cards."""
    first_line, first = records[0]
    labels = [cell.strip() for cell in first]
    if meta.labels is not None:
        labels = next(_records(meta.labels, 0, layout, source, []), (0, []))[1]
    roles = {i: ROLE_NAMES.get(label.casefold()) for i, label in enumerate(labels)}
    known = {role for role in roles.values() if role}
    header = options.header
    if header is None and any(
        isinstance(r, str) for refs in options.columns.values() for r in refs
    ):
        header = True  # columns named in the configuration are named by the header
    if header is None and meta.labels is not None:
        header = False  # the export's '#columns:' line names them
    if header is None:
        # Anki reads every row as a card; a first row is taken for column names only
        # when it reads as such: two cells naming columns ("Front", "Back"), or one
        # above rows unlike labels ("Word" above sentences), and no cell that is
        # content (a cloze deletion, HTML, a long text). Then a vocabulary deck whose
        # first card is "word, Wort" keeps it.
        content = any(
            len(cell) > 40 or is_cloze_text(cell) or _HTML_TAG.search(cell) for cell in labels
        )
        header = not content and (
            len(known) > 1 or (len(known) == 1 and _labels_above_text(records))
        )
        listed = ", ".join(map(repr, labels))
        if header and len(known) == 1:
            warnings.append(
                SourceWarning(
                    source,
                    first_line,
                    f"the first row ({listed}) is read as the names of the columns, not as a "
                    "card; if it is a card, give the source 'header: false' in a .deck.yaml "
                    "('header: true' says it is the names)",
                )
            )
        elif not header and _looks_like_header(records):
            knows = "" if known else f" but names no column ankigen knows ({', '.join(ROLES)})"
            warnings.append(
                SourceWarning(
                    source,
                    first_line,
                    f"the first row ({listed}) looks like a header{knows}: it is read as a "
                    "card; if it is a header, give the source 'header: true' and its columns "
                    "(question: ..., answer: ...) in a .deck.yaml",
                )
            )
    rows = records[1:] if header else records
    width = max(len(cells) for _, cells in records)

    def number(ref: str | int, role: str) -> int:
        if isinstance(ref, int):
            if not 1 <= ref <= width:
                raise SourceError(
                    source, first_line, f"'{role}: {ref}': the table has {width} columns"
                )
            return ref - 1
        if not header and meta.labels is None:
            raise SourceError(
                source, first_line, f"'{role}: {ref}' names a column, but the table has no header"
            )
        matches = [i for i, label in enumerate(labels) if label.casefold() == ref.casefold()]
        if not matches:
            raise SourceError(
                source,
                first_line,
                f"'{role}: {ref}' names no column; the columns are {', '.join(map(repr, labels))}",
            )
        return matches[0]

    columns: dict[str, tuple[int, ...]] = {r: (c,) for r, c in meta.columns.items()}
    for role, refs in options.columns.items():
        columns[role] = tuple(number(ref, role) for ref in refs)
    if "question" not in columns and "cloze" not in columns:
        found = _cloze_column(rows, width)
        if found is not None:
            columns["cloze"] = (found,)
    if header or meta.labels is not None:  # header names serve the roles not configured
        for index, named in roles.items():
            if named == "question" and "cloze" in columns:
                continue
            if named and named not in columns and index not in _claimed(columns):
                columns[named] = (index,)
    taken = _claimed(columns)
    free = [i for i in range(width) if i not in taken]
    if "cloze" in columns and "question" in columns:
        raise SourceError(
            source,
            first_line,
            "a table's cards have a 'question' column or a 'cloze' one, not both",
        )
    for role in ("answer",) if "cloze" in columns else ("question", "answer"):
        if role not in columns and free:
            columns[role] = (free.pop(0),)
    if "question" not in columns and "cloze" not in columns:
        raise SourceError(source, first_line, "no column is left for the question")
    if width == 3 and free and "tags" not in columns and not options.columns and not header:
        # Anki reads a third column as tags: so does ankigen, if they are tags.
        candidate = free[0]
        if all(_are_tags(cells[candidate]) for _, cells in rows if candidate < len(cells)):
            columns["tags"] = (candidate,)
            free.pop(0)
    unused = [i for i in free if any(i < len(cells) and cells[i].strip() for _, cells in rows)]
    if unused:
        names = ", ".join(
            repr(labels[i]) if (header or meta.labels) and i < len(labels) else str(i + 1)
            for i in unused
        )
        warnings.append(
            SourceWarning(
                source,
                rows[0][0] if rows else first_line,
                f"column(s) {names} are not read: to use them, name them in the source's "
                "configuration (for example answer: [2, 3])",
            )
        )
    return columns, rows


def _cloze_column(rows: list[tuple[int, list[str]]], width: int) -> int | None:
    """The column whose cells, in the first rows, all hold a cloze deletion, if one does:
    the text of cloze cards, whatever the header calls it."""
    sample = rows[:20]
    for index in range(width):
        cells = [cells[index] for _, cells in sample if index < len(cells) and cells[index].strip()]
        if cells and all(map(is_cloze_text, cells)):
            return index
    return None


def _claimed(columns: Mapping[str, tuple[int, ...]]) -> set[int]:
    return {index for indexes in columns.values() for index in indexes}


def _looks_like_header(records: list[tuple[int, list[str]]]) -> bool:
    """Whether the first row reads like column labels: every cell a short label or column
    name, and either a cell a common label word or the rows after it unlike labels."""
    first = [cell.strip() for cell in records[0][1]]
    if len(first) < 2 or not all(_NAME.fullmatch(cell) and len(cell) > 2 for cell in first):
        return False
    return any(cell.casefold() in _LABEL_WORDS for cell in first) or _labels_above_text(records)


def _labels_above_text(records: list[tuple[int, list[str]]]) -> bool:
    """Whether a cell of the rows after the first is unlike a label (a sentence, a number)."""
    later = [cell.strip() for _, cells in records[1:6] for cell in cells if cell.strip()]
    return any(not _LABEL.fullmatch(cell) for cell in later)


def _are_tags(cell: str) -> bool:
    return all(tag_problem(tag) is None for tag in cell.split())


def _markup(meta: _Meta, records: list[tuple[int, list[str]]]) -> str:
    """Declared by the export (#html:), else HTML if a cell of the first rows holds an
    HTML tag, as Anki decides, else plain text."""
    if meta.html is not None:
        return "html" if meta.html else "text"
    sample = (cell for _, cells in records[:5] for cell in cells)
    return "html" if any(_HTML_TAG.search(cell) for cell in sample) else "text"


def _card(
    line: int,
    cells: list[str],
    columns: Mapping[str, tuple[int, ...]],
    markup: str,
    meta: _Meta,
    source: str,
    number: int,
    warnings: list[SourceWarning],
) -> Card | None:
    def cell(role: str) -> str:
        index = columns.get(role, (None,))[0]
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def joined(role: str) -> str:
        indexes = columns.get(role, ())
        return "\n".join(cells[i].strip() for i in indexes if i < len(cells) and cells[i].strip())

    cloze = "cloze" in columns
    question = cell("cloze" if cloze else "question")
    answer = joined("answer")
    if not question:
        warnings.append(
            SourceWarning(source, line, "this row has an empty question (an image?); skipped")
        )
        return None
    if not answer and not cloze and not is_cloze_text(question):
        warnings.append(SourceWarning(source, line, f"card {number} has an empty answer"))
    tags = (*meta.tags, *_tags(cell("tags"), source, line))
    return Card(
        number=number,
        line=line,
        question=question,
        answer=answer,
        tags=tuple(dict.fromkeys(tags)),
        source=source,
        id=cell("id") or None,
        markup=markup,
        guid=cell("guid") or None,
        extra=joined("extra"),
        cloze=cloze,
        # An "optional reversed" row is read as one-way, the extra column warned about.
        reverse=is_reversed_note_type(cell("notetype") or meta.notetype),
    )


def _tags(text: str, source: str, line: int) -> tuple[str, ...]:
    return tuple(checked_tag(tag, source, line) for tag in text.split())
