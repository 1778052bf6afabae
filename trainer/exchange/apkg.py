"""Anki packages out: decks become one Cloze note per point, written with genanki; no database, no UI.

Each point is a note of the "trainer 申论 cloze" note type: `{{c1::head}}` first, then the body, whose
slogans (phrases of 2–20 characters in “…”) become c2, c3, ... A section of two or more points also
gives a list note (when the deck asks for list cards, as trainer's own list card): every head in
order, all under c1, so its one card asks for the whole list. Notes go to the Anki subdeck
`deck::topic`; the section heading and 第k点/共n点 (全部n点) are on every card. Ids are derived from the deck
and point ids, so exporting again updates the notes already in Anki instead of duplicating them.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from trainer.core.cards import CardKind, deck_kinds, head_key, list_key
from trainer.core.cloze import MANUAL, SLOGAN, part_key
from trainer.core.model import Deck, Section, Topic, section_id
from trainer.deckfile.staging import staged
from trainer.errors import TrainerError
from trainer.exchange.apkgsched import Scheduling, write_scheduling
from trainer.paths import private_work_dir

MODEL_ID = 1_607_392_319  # fixed forever: Anki matches the note type of later exports by this id
MODEL_NAME = "trainer 申论 cloze"
FIELDS = ("Text", "Context", "Topic", "Heading", "Kind", "PointID")

CSS = """\
.card { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
        font-size: 22px; text-align: left; color: #222; background: #fff; line-height: 1.6; }
.ctx { font-size: 15px; color: #777; margin-bottom: 12px; }
.cloze { font-weight: bold; color: #1565c0; }
.nightMode .card { color: #ddd; background: #222; }
"""
QFMT = '<div class="ctx">{{Context}}</div>\n{{cloze:Text}}'
AFMT = '<div class="ctx">{{Context}}</div>\n{{cloze:Text}}'


def _guard(text: str, in_cloze: bool) -> str:
    # `{{` could open a cloze; inside one, `::` and `}}` would end it early. A zero-width space
    # keeps them readable but inert (the importer drops it again).
    text = text.replace("{{", "{\u200b{")
    return text.replace("::", ":\u200b:").replace("}}", "}\u200b}") if in_cloze else text


def _html(text: str, in_cloze: bool = False) -> str:
    return html.escape(_guard(text, in_cloze), quote=False).replace("\n", "<br>")


# A cloze the learner wrote by hand, `{{answer::hint}}`, is a real Anki cloze inside this span, so an
# import of trainer's own note can tell it from a slogan's and write it back as `{{answer::hint}}`.
MANUAL_CLASS = "trainer-cloze"


def point_clozes(head: str, body: str, point_id: str = "") -> tuple[str, dict[int, str]]:
    """The Text field of a point's note and the trainer card key of each cloze number.

    `{{c1::head::N字}}` first; then the body, where each distinct slogan in “…” is one more cloze and
    each distinct hand-written `{{answer}}` / `{{answer::hint}}` another (c2, c3, ... in order of
    appearance).
    """
    keys = {1: head_key(point_id)}
    numbers: dict[tuple[str, str], int] = {}

    def number(kind: str, text: str) -> int:
        key = (kind, text)
        if key not in numbers:
            numbers[key] = len(numbers) + 2
            keys[numbers[key]] = f"{point_id}:{kind}:{part_key(text)}"
        return numbers[key]

    def slogans(text: str) -> str:
        parts, last = [], 0
        for m in SLOGAN.finditer(text):
            parts.append(_html(text[last : m.start()]))
            parts.append(f"“{{{{c{number('slogan', m.group(1))}::{_html(m.group(1), True)}}}}}”")
            last = m.end()
        parts.append(_html(text[last:]))
        return "".join(parts)

    parts, last = [], 0
    for m in MANUAL.finditer(body):
        answer, hint = m.group(1), (m.group(2) or "").strip()
        parts.append(slogans(body[last : m.start()]))
        tail = f"::{_html(hint, True)}" if hint else ""
        cloze = f"{{{{c{number('cloze', answer)}::{_html(answer, True)}{tail}}}}}"
        parts.append(f'<span class="{MANUAL_CLASS}">{cloze}</span>')
        last = m.end()
    parts.append(slogans(body[last:]))
    text = f"{{{{c1::{_html(head, True)}::{len(head)}字}}}}"
    rendered = "".join(parts)
    return (f"{text}<br>{rendered}" if rendered else text), keys


def cloze_text(head: str, body: str) -> str:
    """The Text field of a point's note (see `point_clozes`)."""
    return point_clozes(head, body)[0]


def list_cloze_text(heads: list[str]) -> str:
    """The Text field of a list note: `k. {{c1::head::N字}}` per point, one per line."""
    return "<br>".join(f"{k}. {{{{c1::{_html(h, True)}::{len(h)}字}}}}" for k, h in enumerate(heads, 1))


LIST_ID_PREFIX = "list:"  # a list note's PointID: the section's id after it (importing skips these notes)


def _stable_id(*parts: str) -> int:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def anki_deck_name(deck: str, topic: str) -> str:
    """The Anki subdeck for a topic: `deck::topic` (a `::` inside a name would nest deeper, so it is folded)."""
    return f"{deck.replace('::', '：')}::{topic.replace('::', '：')}"


def _tag(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip()) or "_"


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    decks: int
    subdecks: int
    notes: int
    cards: int


def _model() -> Any:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Cloze", "qfmt": QFMT, "afmt": AFMT}],
        css=CSS,
        model_type=genanki.Model.CLOZE,
        sort_field_index=0,
    )


def _notes(model: Any, deck: Deck, topic: Topic, section: Section, *, lists: bool) -> list[tuple[Any, dict[int, str]]]:
    """The section's notes, each with the trainer card key of its cards by Anki ord (cloze number - 1)."""
    n = len(section.points)
    notes = []
    if lists and n >= 2:
        skey = section_id(topic.title, section.kind, section.heading)
        sid = LIST_ID_PREFIX + skey
        context = f"{topic.title} › {section.heading} › 全部{n}点"
        fields = [list_cloze_text([p.head for p in section.points]), _html(context), _html(topic.title)]
        fields += [_html(section.heading), section.kind.value, sid]
        tags = [_tag(section.kind.value), _tag(section.heading), "list"]
        note = genanki.Note(model=model, fields=fields, guid=genanki.guid_for(deck.name, sid), tags=tags)
        notes.append((note, {0: list_key(skey)}))
    for k, p in enumerate(section.points, 1):
        context = f"{topic.title} › {section.heading} › 第{k}点/共{n}点"
        text, keys = point_clozes(p.head, p.body, p.id)
        fields = [text, _html(context), _html(topic.title), _html(section.heading)]
        fields += [section.kind.value, p.id]
        note = genanki.Note(
            model=model,
            fields=fields,
            guid=genanki.guid_for(deck.name, p.id),
            tags=[_tag(section.kind.value), _tag(section.heading)] + (["long_head"] if p.long_head else []),
        )
        notes.append((note, {number - 1: key for number, key in keys.items()}))
    return notes


def write_apkg(decks: list[Deck], path: Path, scheduling: Scheduling | None = None) -> ExportReport:
    """Write `decks` as one Anki package at `path`, atomically (temp file, then rename).

    With `scheduling`, each card that is a trainer card gets its schedule and its review log, as
    Anki's "include scheduling information" writes them (see `trainer.exchange.apkgsched`).

    Raises:
        TrainerError: there is nothing to export, or the file cannot be written.
    """
    path = Path(path)
    model = _model()
    anki_decks = []
    notes = cards = 0
    targets: dict[str, tuple[str, dict[int, str]]] = {}  # note guid -> (deck, trainer key by ord)
    for deck in decks:
        lists = CardKind.LIST in deck_kinds(deck)
        for topic in deck.topics:
            name = anki_deck_name(deck.name, topic.title)
            anki_deck = genanki.Deck(_stable_id("deck", name), name)
            for section in topic.sections:
                for note, keys in _notes(model, deck, topic, section, lists=lists):
                    if scheduling is not None and scheduling.leech(deck.name, keys.values()):
                        note.tags.append("leech")
                    anki_deck.add_note(note)
                    targets[note.guid] = (deck.name, keys)
                    notes += 1
                    cards += len(note.cards)
            if anki_deck.notes:
                anki_decks.append(anki_deck)
    if not notes:
        raise TrainerError("nothing to export: no points in the chosen decks (run `trainer sync` first)")
    try:
        with staged(path) as tmp:
            _write_package(genanki.Package(anki_decks), str(tmp), scheduling, targets)
    except OSError as exc:
        raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from None
    return ExportReport(path=path, decks=len(decks), subdecks=len(anki_decks), notes=notes, cards=cards)


def _write_package(
    package: Any,
    target: str,
    scheduling: Scheduling | None = None,
    targets: dict[str, tuple[str, dict[int, str]]] | None = None,
) -> None:
    """genanki's `Package.write_to_file` without its leak: that one leaves its temporary collection
    (the learner's whole deck) in the system temp folder for good. Ours is in trainer's scratch folder
    (0600 in a 0700 folder), where the next start removes what a kill left."""
    fd, collection = tempfile.mkstemp(prefix=".collection.", suffix=".tmp", dir=private_work_dir())
    os.close(fd)
    try:
        conn = sqlite3.connect(collection)
        try:
            timestamp = time.time()
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            if scheduling is not None:
                write_scheduling(conn, scheduling, targets or {})
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(target, "w") as out:
            out.write(collection, "collection.anki2")
            out.writestr("media", json.dumps({}))  # no media files: every note is text
    finally:
        with contextlib.suppress(OSError):
            os.unlink(collection)
