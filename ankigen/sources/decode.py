"""Bytes to text, the first step of every source format, with the same careful
messages for all: binary data and bytes that are not the encoding name their line."""

from __future__ import annotations

import codecs
from pathlib import Path

from ankigen.errors import SourceError


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
        return data.decode(encoding)
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
