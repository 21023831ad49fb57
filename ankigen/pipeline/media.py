"""Images in cards: each checked once, packed once, under a name made from its content.

An image must be a file inside its source's folder. Names are ``<stem>-<content
hash><suffix>``: two different files never share a name in a learner's media
folder, and one file used twice (or by two paths) is packed once.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from ankigen.errors import SourceError
from ankigen.model import Card, MediaFile

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp")


class Media:
    """The images a deck's cards use, by path."""

    def __init__(self) -> None:
        self._by_path: dict[Path, MediaFile] = {}

    @property
    def files(self) -> tuple[MediaFile, ...]:
        unique = {file.name: file for file in self._by_path.values()}
        return tuple(unique[name] for name in sorted(unique))

    def add(self, src: str, card: Card) -> str:
        """The media name for image ``src`` of ``card``, or a SourceError saying what is wrong."""
        path = self._local_path(unquote(src), card)
        known = self._by_path.get(path)
        if known is None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "image"
            known = MediaFile(f"{stem}-{digest}{path.suffix.lower()}", path)
            self._by_path[path] = known
        return known.name

    @staticmethod
    def _local_path(src: str, card: Card) -> Path:
        def fail(problem: str) -> SourceError:
            return SourceError(
                card.source, card.line, f"card {card.number}: image {src!r} {problem}"
            )

        if urlparse(src).scheme or src.startswith("//"):
            raise fail("is not a file beside the source (remote and inline images are not packed)")
        if src.startswith(("/", "\\")) or Path(src).is_absolute():
            raise fail("is an absolute path: give it relative to the source file")
        base = Path(card.source).parent.resolve()
        target = base
        for part in Path(src).parts:
            target = target / part
            if target.is_symlink():
                raise fail("goes through a link, which is not followed")
        target = target.resolve()
        if not target.is_relative_to(base):
            raise fail("is outside the source's folder")
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            raise fail(f"is not an image ({', '.join(IMAGE_SUFFIXES)})")
        if not target.is_file():
            raise fail("does not exist")
        return target
