"""Bytes to text, the first step of every source format, with the same careful
messages for all: binary data, bytes that are not the encoding and control
characters name their line."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ankigen.errors import SourceError

# Control characters Anki cannot keep in a field: U+001F separates fields, so one of
# them makes Anki refuse a whole package. Tab, line ends and form feed are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Every byte but those: in UTF-8 each of them is that character and no part of another.
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))


def read_bytes(source: str) -> bytes:
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise SourceError(
            source, None, f"cannot read the file: {error.strerror or error}"
        ) from None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text, or a SourceError that says which byte on which line is wrong.

    By default the text must be UTF-8 (a BOM, UTF-8 or UTF-16, is honoured).
    """
    if encoding is None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8"
            nul = data.find(b"\0")
            if nul >= 0:
                raise SourceError(
                    source,
                    data.count(b"\n", 0, nul) + 1,
                    "binary data (a NUL byte), not text: is this the right file?",
                )
    try:
        text = data.decode(encoding)
    except LookupError:
        raise SourceError(source, None, f"unknown encoding '{encoding}'") from None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            source,
            line,
            f"not valid {encoding}: byte 0x{data[error.start]:02x} at column {column}; "
            "if the file uses a legacy encoding, name it in the deck's .deck.yaml "
            "(sources: [{path: ..., encoding: cp1252}]; ankigen parse --encoding tries one)",
        ) from None
    except (UnicodeError, ValueError) as error:  # codecs such as 'undefined' or 'punycode'
        raise SourceError(source, None, f"cannot read it as {encoding}: {error}") from None
    # In UTF-8 the bytes tell whether there is one, at a tenth of the regular
    # expression's cost (a large deck's text is millions of characters).
    if encoding == "utf-8" and not data.translate(None, _NOT_CONTROL):
        return text
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise SourceError(
            source,
            line,
            f"a control character (U+{ord(control.group()):04X}) at column {column}: Anki "
            "cannot keep it in a card; remove it",
        )
    return text
