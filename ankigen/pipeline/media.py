"""Images and sounds in cards: each checked once, packed once, named by its content.

A media file must be inside its source's folder (or the folder a source
configures for its media). Names are ``<stem>-<content hash><suffix>``: two
different files never share a name in a learner's media folder, and one file
used twice (or by two paths) is packed once. A file is packed only when its
content is what its name says (an image, a sound): a text file named ``x.png``
is an error, not a broken image.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlparse

from ankigen.errors import SourceError
from ankigen.model import IMAGE_SUFFIXES, SOUND_SUFFIXES, Card, MediaFile

# Anki's sound tag, as it finds it in a field's HTML.
SOUND_TAG = re.compile(r"\[sound:([^\]]+)\]")
_MAX_NAME = 120  # characters of a media name kept from the original file name


def _is_image(head: bytes) -> bool:
    return (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or head[4:12] in (b"ftypavif", b"ftypavis")
        or b"<svg" in head[:1024].lower()
    )


def _is_sound(head: bytes) -> bool:
    return (
        head.startswith((b"ID3", b"OggS", b"fLaC", b"\x1a\x45\xdf\xa3"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
        or head[4:8] == b"ftyp"
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # an MPEG/AAC frame
    )


class Media:
    """The media files a deck's cards use, by path.

    ``folders`` maps a source (as cards name it) to the folder its media are in,
    when that is not the source's own folder.
    """

    def __init__(self, folders: Mapping[str, Path] | None = None) -> None:
        self._by_path: dict[Path, MediaFile] = {}
        self._folders = dict(folders or {})

    @property
    def files(self) -> tuple[MediaFile, ...]:
        unique = {file.name: file for file in self._by_path.values()}
        return tuple(unique[name] for name in sorted(unique))

    def add(self, src: str, card: Card, kind: str = "image") -> str:
        """The media name for file ``src`` (an image or a sound) of ``card``, or a
        SourceError saying what is wrong with it."""
        try:
            path = self._local_path(src, card, kind)
            known = self._by_path.get(path)
            data = path.read_bytes() if known is None else b""
        except OSError as error:  # a name too long, a file that cannot be read...
            raise _problem(src, card, kind, f"cannot be read: {error.strerror or error}") from None
        if known is None:
            if not (_is_image(data[:2048]) if kind == "image" else _is_sound(data[:2048])):
                raise _problem(
                    src, card, kind, f"is not {_a(kind)} file (its content says otherwise)"
                )
            digest = hashlib.sha256(data).hexdigest()[:12]
            stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")[:_MAX_NAME] or kind
            known = MediaFile(f"{stem}-{digest}{path.suffix.lower()}", path)
            self._by_path[path] = known
        return known.name

    def sounds(self, field: str, card: Card) -> str:
        """A field's HTML with every ``[sound:name]`` packed and renamed."""
        if "[sound:" not in field:
            return field

        def packed(match: re.Match[str]) -> str:
            name = self.add(html.unescape(match.group(1)), card, "sound")
            return f"[sound:{html.escape(name)}]"

        return SOUND_TAG.sub(packed, field)

    def _local_path(self, src: str, card: Card, kind: str) -> Path:
        def fail(problem: str) -> SourceError:
            return _problem(src, card, kind, problem)

        name = unquote(src).strip()
        if not name or "\0" in name:
            raise fail("is not a file name")
        if urlparse(name).scheme or name.startswith("//"):
            raise fail("is not a file beside the source (remote and inline media are not packed)")
        if name.startswith(("/", "\\")) or Path(name).is_absolute():
            raise fail("is an absolute path: give it relative to the source file")
        suffixes = IMAGE_SUFFIXES if kind == "image" else SOUND_SUFFIXES
        if Path(name).suffix.lower() not in suffixes:
            raise fail(f"is not {_a(kind)} ({', '.join(suffixes)})")
        base = Path(card.source).parent.resolve()
        folders = [base]
        if card.source in self._folders:
            folders.append(self._folders[card.source].resolve())
        for folder in folders:
            target = folder
            for part in Path(name).parts:
                target = target / part
                if target.is_symlink():
                    raise fail("goes through a link, which is not followed")
            target = target.resolve()
            if not target.is_relative_to(folder):
                raise fail("is outside the source's folder")
            if target.is_file():
                if target.stat().st_nlink > 1:
                    raise fail("is a hard link, which is not followed")
                return target
        raise fail("does not exist")


def _a(kind: str) -> str:
    return "an image" if kind == "image" else "a sound"


def _problem(src: str, card: Card, kind: str, problem: str) -> SourceError:
    return SourceError(card.source, card.line, f"card {card.number}: {kind} {src!r} {problem}")
