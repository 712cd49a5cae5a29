"""Anki packages for the tests: one with every note type and odd media names
(`sample`), and hostile ones (`HOSTILE`), written with
scripts/anki_package_writer.py."""

from __future__ import annotations

from anki_package_writer import (  # noqa: F401  (re-exported for the tests)
    BASIC, CLOZE, REVERSED, TYPE_IN, VOCAB, Note, Package, png, wav, zip_of)

ODD_NAMES = ["Piet Mondrian - Red Tree (1911).jpg", "#1 what?.png", "łódź 你好.png"]
PNG = png()


def sample(modern: bool) -> Package:
    notes = [
        Note(BASIC, ["What is <b>2+2</b>?", "4"], tags="math::arithmetic easy", guid="g-basic"),
        Note(REVERSED, ["chleb", "bread [sound:chleb.wav]"], deck="Polish::Food"),
        Note(CLOZE, ["{{c1::Warsaw}} is the capital of {{c2::Poland::country}}; \\(x^{2}\\)", "Extra fact"],
             deck="Polish::Food"),
        Note(VOCAB, ["dom", f'<img src="{ODD_NAMES[0]}">', "house", "Mój dom.", "[sound:dom.mp3]"]),
        Note(TYPE_IN, ["Capital of France?", "Paris"]),
        Note(BASIC, [f'Odd file names <img src="{ODD_NAMES[1]}"> <img src="{ODD_NAMES[2]}">', "three odd names"]),
        Note(BASIC, ["Where is the picture?", '<img src="not-there.png">']),
    ]
    media = {name: png(100 + i) for i, name in enumerate(ODD_NAMES)} | {"chleb.wav": wav(), "dom.mp3": b"ID3dom"}
    return Package(notes, media, modern)


def _bomb() -> bytes:
    return zip_of({"collection.anki2": b"\0" * (60 << 20)})


HOSTILE = {
    "traversal.apkg": (lambda: Package([Note(BASIC, ["Traversal?", '<img src="x.png">'])],
                                       {"../../x.png": PNG, "/etc/passwd": b"root", "ok.png": PNG}).build(),
                       "refused"),
    "bomb.apkg": (_bomb, "zip bomb"),
    "truncated.apkg": (lambda: sample(False).build()[:600], "skipped"),
    "not-a-zip.apkg": (lambda: b"\x00\x01\x02 definitely not a zip" * 50, "skipped"),
    "corrupt.apkg": (lambda: zip_of({"collection.anki2": b"SQLite format 3\x00" + b"\xff" * 4000}), "SQLite"),
    "no-collection.apkg": (lambda: zip_of({"readme.txt": b"hello"}), "without an Anki collection"),
}
