"""Bytes to text: every reader gets clean LF-separated Unicode, and every byte
that could not be read is reported with its line."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..cards.model import ERROR, INFO, Problem
from ..markup.spans import cjk_count

# Files that are media by their content, whatever their names: PNG, JPEG, GIF,
# RIFF (WAV, WebP, AVI), PDF, MP3 with an ID3 tag, Ogg, FLAC, Matroska/WebM (EBML)
MEDIA_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"%PDF", b"ID3", b"OggS", b"fLaC", b"\x1a\x45\xdf\xa3")
_ISO_MEDIA = (b"ftyp",)  # at offset 4: MP4, M4A, MOV, AVIF, HEIC


@dataclass
class Decoded:
    text: str | None  # None: not text at all
    problems: list[Problem] = field(default_factory=list)
    why_not: str = ""  # why it is not text


def is_media(raw: bytes) -> bool:
    return (raw.startswith(MEDIA_MAGIC) or raw[4:8] in _ISO_MEDIA or _mpeg_audio_frame(raw)
            or raw.lstrip()[:5].lower() == b"<svg ")


def _mpeg_audio_frame(raw: bytes) -> bool:
    """An MP3 without an ID3 tag starts with a frame: 11 sync bits, then Layer
    III (not a UTF-16 byte order mark, FF FE, which would be Layer I), and a
    valid bitrate and sample rate."""
    return (len(raw) >= 4 and raw[0] == 0xFF and raw[1] & 0xE6 == 0xE2
            and raw[2] >> 4 not in (0x0, 0xF) and (raw[2] >> 2) & 0x3 != 0x3)


def decode(raw: bytes, name: str) -> Decoded:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _finish(raw.decode("utf-16", errors="replace"), name, [])
    if _looks_binary(raw):
        return Decoded(None, why_not="binary content (NUL or control bytes), not a text export")
    try:
        return _finish(raw.decode("utf-8"), name, [])
    except UnicodeDecodeError:
        pass
    legacy = _legacy_chinese(raw)
    if legacy is not None:
        note = Problem(name, 0, INFO, "not UTF-8; read as GB18030 (Chinese legacy encoding)")
        return _finish(legacy, name, [note])
    text, problems = _utf8_line_by_line(raw, name)
    return _finish(text, name, problems)


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if not sample:
        return False
    controls = sum(b < 9 or 13 < b < 32 for b in sample if b != 27)
    return sample.count(0) > len(sample) // 100 + 1 or controls > len(sample) // 10


def _legacy_chinese(raw: bytes) -> str | None:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    cjk = cjk_count(text)
    return text if cjk >= 2 else None


def _utf8_line_by_line(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    lines, problems = [], []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            lines.append(chunk.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, number, ERROR,
                                    f"invalid UTF-8 byte 0x{chunk[exc.start]:02x} at column {exc.start + 1}; replaced with �"))
            lines.append(chunk.decode("utf-8", errors="replace"))
    return "\n".join(lines), problems


def _finish(text: str, name: str, problems: list[Problem]) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        for number, line in enumerate(text.split("\n"), start=1):
            if "\x00" in line:
                problems.append(Problem(name, number, ERROR, "NUL byte removed"))
        text = text.replace("\x00", "")
    return Decoded(text, problems)
