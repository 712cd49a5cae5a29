"""Anki packages (.apkg, .colpkg): a zip holding a SQLite collection and its
media, in each layout Anki wrote over the years:

  collection.anki2    legacy (schema 11): note types and decks as JSON in `col`
  collection.anki21   the same, Anki 2.1.x
  collection.anki21b  current (schema 18): zstd-compressed, note types, fields
                      and templates in their own tables (protobuf configs), a
                      protobuf `meta`, a zstd protobuf media list and
                      zstd-compressed media files

Each note becomes one card, its fields in the roles its note type's templates
give them (see anki_notes.py). The package is read in memory: nothing is
unpacked to disk, and media reach the site only through their checked names.

zstandard and protobuf are imported only when a package is read."""

from __future__ import annotations

import io
import json
import posixpath
import sqlite3
import zipfile

from ..cards.model import ERROR, WARNING, Problem
from .anki_notes import NoteType, note_card
from .base import ReadResult

NAME = "anki package"

ZIP_MAGIC = b"PK\x03\x04"
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")  # newest first
# Limits against zip bombs and runaway packages: the largest real decks are a
# few hundred MB of media, with compression ratios far below these.
MAX_UNPACKED = 2 * 1024**3  # bytes, the whole package
MAX_RATIO = 200  # unpacked / packed, for any member over 1 MB unpacked
MAX_MEDIA_FILES = 50_000


class PackageError(Exception):
    """The package cannot be read at all; the message says why."""


def is_package(raw: bytes) -> bool:
    """A zip (content decides, not the file's extension): a broken or hostile
    one is still given to read(), which explains what is wrong with it."""
    return raw.startswith(ZIP_MAGIC)


def read(raw: bytes, file: str, deck: str) -> ReadResult:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return _failed(file, f"not a readable zip ({exc})")
    try:
        unpacked = _Unpacker(archive)
        collection_name = next((n for n in COLLECTIONS if n in members), None)
        if collection_name is None:
            return _failed(file, "a zip without an Anki collection (collection.anki2/.anki21/.anki21b)")
        modern = collection_name.endswith("b")
        data = unpacked.read(members[collection_name])
        if modern:
            data = _unzstd(data)
        result = _read_collection(data, file, deck)
        media, problems = _media(archive, members, unpacked, modern, file)
        result.media, result.problems = media, result.problems + problems
        return result
    except PackageError as exc:
        return _failed(file, str(exc))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        return _failed(file, f"damaged package ({exc})")


def _failed(file: str, why: str) -> ReadResult:
    return ReadResult(problems=[Problem(file, 0, ERROR, f"skipped: {why}")], skipped=True)


class _Unpacker:
    """Reads members while counting what they really unpack to (a zip's
    declared sizes can lie)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive, self.total = archive, 0

    def read(self, info: zipfile.ZipInfo) -> bytes:
        chunks, size = [], 0
        with self.archive.open(info) as member:
            while chunk := member.read(1 << 20):
                size += len(chunk)
                self.total += len(chunk)
                if self.total > MAX_UNPACKED:
                    raise PackageError(f"unpacks to more than {MAX_UNPACKED // 1024**2} MB (a zip bomb?)")
                if size > (1 << 20) and size > MAX_RATIO * max(info.compress_size, 1):
                    raise PackageError(f"{info.filename} unpacks more than {MAX_RATIO}× its packed size (a zip bomb?)")
                chunks.append(chunk)
        return b"".join(chunks)


def _unzstd(data: bytes, limit: int = MAX_UNPACKED) -> bytes:
    import zstandard  # only when a current package is read

    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
            out = reader.read(limit + 1)
    except zstandard.ZstdError as exc:
        raise PackageError(f"damaged zstd data ({exc})") from exc
    if len(out) > limit:
        raise PackageError(f"unpacks to more than {limit // 1024**2} MB (a zip bomb?)")
    return out


# --------------------------------------------------------------------------
# The collection


def _read_collection(data: bytes, file: str, deck: str) -> ReadResult:
    db = sqlite3.connect(":memory:")
    if data[:16] == b"SQLite format 3\x00" and data[18:20] == b"\x02\x02":
        # Anki saves in WAL mode, which an in-memory database cannot open:
        # the header's read/write versions say rollback journal instead.
        data = data[:18] + b"\x01\x01" + data[20:]
    try:
        db.deserialize(data)
        tables = {name for (name,) in db.execute("select name from sqlite_master where type='table'")}
        if not {"notes", "cards", "col"} <= tables:
            raise PackageError("the collection has no notes/cards tables (not an Anki collection)")
        note_types, deck_names = (_schema18(db) if "notetypes" in tables else _legacy(db))
        return _notes(db, note_types, deck_names, file, deck)
    except sqlite3.DatabaseError as exc:
        raise PackageError(f"the collection is not a readable SQLite database ({exc})") from exc
    finally:
        db.close()


def _legacy(db: sqlite3.Connection) -> tuple[dict[int, NoteType], dict[int, str]]:
    models_json, decks_json = db.execute("select models, decks from col").fetchone()
    note_types = {}
    for model in json.loads(models_json or "{}").values():
        fields = [f["name"] for f in sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))]
        templates = [(t.get("qfmt", ""), t.get("afmt", ""))
                     for t in sorted(model.get("tmpls", []), key=lambda t: t.get("ord", 0))]
        note_types[int(model["id"])] = NoteType(model.get("name", ""), fields, templates, model.get("type") == 1)
    decks = {int(d["id"]): d.get("name", "") for d in json.loads(decks_json or "{}").values()}
    return note_types, decks


def _schema18(db: sqlite3.Connection) -> tuple[dict[int, NoteType], dict[int, str]]:
    from . import anki_protobuf as pb  # only when a current package is read

    fields: dict[int, list[str]] = {}
    for ntid, name in db.execute("select ntid, name from fields order by ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[tuple[str, str]]] = {}
    for ntid, config in db.execute("select ntid, config from templates order by ntid, ord"):
        template = pb.template_config(config)
        templates.setdefault(ntid, []).append((template.q_format, template.a_format))
    note_types = {ntid: NoteType(name, fields.get(ntid, []), templates.get(ntid, []), pb.is_cloze(config))
                  for ntid, name, config in db.execute("select id, name, config from notetypes")}
    decks = {did: name.replace("\x1f", "::") for did, name in db.execute("select id, name from decks")}
    return note_types, decks


def _notes(db, note_types: dict[int, NoteType], deck_names: dict[int, str], file: str, deck: str) -> ReadResult:
    result = ReadResult()
    deck_of_note, ordinals = {}, {}
    for nid, did, ordinal in db.execute("select nid, did, ord from cards order by nid, ord desc"):
        deck_of_note[nid] = did  # the deck of the note's first card (ord 0) wins
        ordinals.setdefault(nid, set()).add(ordinal)
    rows = db.execute("select id, guid, mid, tags, flds from notes order by id")
    for number, (nid, guid, mid, tags, flds) in enumerate(rows, start=1):
        note_type = note_types.get(mid)
        values = (flds or "").split("\x1f")
        if note_type is None:
            result.problems.append(Problem(file, number, WARNING, f"note {nid}: unknown note type {mid}; "
                                                                  "first field read as the front"))
            note_type = NoteType("", [f"Field {i + 1}" for i in range(len(values))], [], False)
        subdeck = deck_names.get(deck_of_note.get(nid), "")
        subdeck = "" if subdeck == "Default" else subdeck  # Anki's deck for cards put in none
        reverse = note_type.reverse_template
        result.cards.append(note_card(note_type, values, deck=deck, file=file, line=number,
                                      tags=(tags or "").split(), guid=guid or "", subdeck=subdeck,
                                      reversed_card=reverse is not None and reverse in ordinals.get(nid, ())))
    return result


# --------------------------------------------------------------------------
# Media


def _media(archive, members, unpacked: _Unpacker, modern: bool, file: str) -> tuple[dict[str, bytes], list[Problem]]:
    if "media" not in members:
        return {}, []
    listing = unpacked.read(members["media"])
    if modern and not listing.lstrip().startswith(b"{"):
        from . import anki_protobuf as pb

        names = {str(entry.legacy_zip_filename if entry.HasField("legacy_zip_filename") else i): entry.name
                 for i, entry in enumerate(pb.media_entries(_unzstd(listing)))}
    else:
        try:
            names = {str(k): v for k, v in json.loads(listing.decode("utf-8") or "{}").items()}
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
            return {}, [Problem(file, 0, ERROR, f"media list unreadable ({exc}); no media published")]
    problems = []
    if len(names) > MAX_MEDIA_FILES:
        return {}, [Problem(file, 0, ERROR, f"{len(names)} media files, more than the {MAX_MEDIA_FILES} "
                                            "a package may hold here; no media published")]
    media = {}
    for member, name in names.items():
        if not is_safe_media_name(name):
            problems.append(Problem(file, 0, ERROR, f"media name {name!r} refused (a path, not a file name)"))
            continue
        if member not in members:
            problems.append(Problem(file, 0, WARNING, f"media {name!r} is listed but not in the package"))
            continue
        content = unpacked.read(members[member])
        if modern and content.startswith(b"\x28\xb5\x2f\xfd"):  # zstd frame
            content = _unzstd(content)
        media[name] = content
    return media, problems


def is_safe_media_name(name: str) -> bool:
    """A plain file name: no folders, no parent, nothing hidden or unprintable."""
    return (isinstance(name, str) and 0 < len(name) <= 255 and name == posixpath.basename(name)
            and "\\" not in name and not name.startswith(".") and name.isprintable())
