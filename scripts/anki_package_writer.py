"""Anki packages written from Python, for the tests and the benchmark's
generated corpus (corpus.py), in both layouts Anki writes: legacy
(collection.anki2, note types as JSON, a JSON media map) and current
(collection.anki21b zstd-compressed, schema-18 tables with protobuf configs,
a protobuf `meta`, a zstd protobuf media list, zstd media files). The
protobuf is written by hand from the wire format, independently of the
reader's own declarations."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tempfile
import wave
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

BASIC = ("Basic", ["Front", "Back"], [("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")], False)
REVERSED = ("Basic (and reversed card)", ["Front", "Back"],
            [("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"), ("{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")],
            False)
CLOZE = ("Cloze", ["Text", "Back Extra"], [("{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")], True)
VOCAB = ("Vocab", ["Word", "Picture", "Meaning", "Example", "Audio"],
         [("{{Word}}<br>{{Picture}}", "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Audio}}")], False)
TYPE_IN = ("Basic (type in the answer)", ["Front", "Back"], [("{{Front}}\n{{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}")],
           False)


@dataclass
class Note:
    note_type: tuple
    fields: list[str]
    tags: str = ""
    deck: str = "Default"
    guid: str = ""


@dataclass
class Package:
    notes: list[Note]
    media: dict[str, bytes] = field(default_factory=dict)
    modern: bool = False

    def build(self) -> bytes:
        types = {}
        for note in self.notes:
            types.setdefault(note.note_type[0], (1000 + len(types), note.note_type))
        decks = {name: 1 if name == "Default" else 2000 + i for i, name in enumerate(dict.fromkeys(n.deck for n in self.notes))}
        collection = _collection(self.notes, types, decks, self.modern)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            if self.modern:
                _write(archive, "meta", _message(_varint_field(1, 3)))  # version LATEST
                _write(archive, "collection.anki21b", zstandard.ZstdCompressor().compress(collection))
                _write(archive, "collection.anki2", _collection([], {}, {}, False))  # the stub for old Ankis
                entries = b"".join(_bytes_field(1, _bytes_field(1, name.encode()) + _varint_field(2, len(data)))
                                   for name, data in self.media.items())
                _write(archive, "media", zstandard.ZstdCompressor().compress(entries))
                for i, data in enumerate(self.media.values()):
                    _write(archive, str(i), zstandard.ZstdCompressor().compress(data))
            else:
                _write(archive, "collection.anki2", collection)
                _write(archive, "media", json.dumps({str(i): name for i, name in enumerate(self.media)}))
                for i, data in enumerate(self.media.values()):
                    _write(archive, str(i), data)
        return out.getvalue()


def _collection(notes: list[Note], types: dict, decks: dict, modern: bool) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.db"
        db = sqlite3.connect(path)
        db.executescript("""
            create table col (id integer primary key, ver int, models text, decks text);
            create table notes (id integer primary key, guid text, mid int, tags text, flds text);
            create table cards (id integer primary key, nid int, did int, ord int);""")
        models = {str(mid): {"id": mid, "name": name, "type": 1 if cloze else 0,
                             "flds": [{"name": f, "ord": i} for i, f in enumerate(fields)],
                             "tmpls": [{"name": f"Card {i + 1}", "ord": i, "qfmt": q, "afmt": a}
                                       for i, (q, a) in enumerate(templates)]}
                  for mid, (name, fields, templates, cloze) in types.values()}
        deck_json = {str(did): {"id": did, "name": name} for name, did in decks.items()}
        db.execute("insert into col values (1, ?, ?, ?)", (18 if modern else 11, "" if modern else json.dumps(models),
                                                           "" if modern else json.dumps(deck_json)))
        if modern:
            db.executescript("""
                create table notetypes (id integer primary key, name text, config blob);
                create table fields (ntid int, ord int, name text, config blob);
                create table templates (ntid int, ord int, name text, config blob);
                create table decks (id integer primary key, name text);""")
            for mid, (name, fields, templates, cloze) in types.values():
                db.execute("insert into notetypes values (?, ?, ?)", (mid, name, _varint_field(1, 1) if cloze else b""))
                for i, f in enumerate(fields):
                    db.execute("insert into fields values (?, ?, ?, ?)", (mid, i, f, b""))
                for i, (q, a) in enumerate(templates):
                    config = _bytes_field(1, q.encode()) + _bytes_field(2, a.encode()) + _varint_field(9, 7)
                    db.execute("insert into templates values (?, ?, ?, ?)", (mid, i, f"Card {i + 1}", config))
            for name, did in decks.items():
                db.execute("insert into decks values (?, ?)", (did, name.replace("::", "\x1f")))
        for n, note in enumerate(notes, start=1):
            mid = types[note.note_type[0]][0]
            db.execute("insert into notes values (?, ?, ?, ?, ?)",
                       (1_600_000_000_000 + n, note.guid or f"guid{n:04d}", mid, f" {note.tags} " if note.tags else "",
                        "\x1f".join(note.fields)))
            for ordinal in range(max(len(note.note_type[2]), 1)):
                db.execute("insert into cards (nid, did, ord) values (?, ?, ?)",
                           (1_600_000_000_000 + n, decks[note.deck], ordinal))
        db.commit()
        if modern:
            db.execute("pragma journal_mode=wal")  # as Anki leaves it
        db.close()
        return path.read_bytes()


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _bytes_field(number: int, data: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _message(*parts: bytes) -> bytes:
    return b"".join(parts)


def _write(archive: zipfile.ZipFile, name: str, data: bytes | str) -> None:
    """A member dated 1980-01-01, not now: the same package gives the same
    bytes whenever it is made (a build's fingerprint reads the sources' bytes)."""
    archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=archive.compression)


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            _write(archive, name, data)
    return out.getvalue()


def png(red: int = 200) -> bytes:
    """A real 2×2 PNG, which a browser decodes (its colour tells two apart)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes([red, 40, 40]) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def wav(seconds: float = 0.2) -> bytes:
    """A real (silent) sound file, which a browser can load and play."""
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * int(8000 * seconds))
    return out.getvalue()
