"""Anki packages and CSV files in: notes and rows become a typed Deck to save as YAML; no database, no UI.

From an Anki package, Cloze and Basic notes become points: one topic per Anki deck, the head is a
Cloze note's first cloze (a Basic note's front), the body the rest of the text. Notes that trainer
itself exported keep their topic, section, kind and point id, so a round trip gives the same points.
The package's review history comes along, by trainer card key (see `trainer.exchange.ankihistory`).
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from trainer.core.cards import head_key, list_key
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.core.safetext import clean_deck, clean_text
from trainer.deckfile.fsutil import read_bytes
from trainer.deckfile.guard import check_input
from trainer.errors import DocumentError
from trainer.exchange.ankihistory import AnkiHistory, read_history
from trainer.exchange.apkg import LIST_ID_PREFIX, MANUAL_CLASS, MODEL_NAME, point_clozes
from trainer.exchange.unpack import MAX_CSV_BYTES, check_collection, time_bounded, unpack_collection
from trainer.paths import private_work_dir

GENERIC_HEADING = "要点"
# Linear in the text: the answer and the hint never hold `{{` or `}}` (nor the answer `::`), and the
# possessive `*+` never backtracks, so a text of many unclosed `{{c1::` is read in one pass, not n^2.
_CLOZE_BODY = r"\{\{c(\d+)::((?:[^{}:]|:(?!:)|\{(?!\{)|\}(?!\}))*+)(?:::((?:[^{}]|\{(?!\{)|\}(?!\}))*+))?\}\}"
_CLOZE = re.compile(_CLOZE_BODY)
# A hand-written cloze in trainer's own note (see `trainer.exchange.apkg.MANUAL_CLASS`); same linear body.
_OWN_MANUAL = re.compile(
    r'<span class="' + MANUAL_CLASS + r'">\{\{c\d+::((?:[^{}:]|:(?!:)|\{(?!\{)|\}(?!\}))*+)'
    r"(?:::((?:[^{}]|\{(?!\{)|\}(?!\}))*+))?\}\}</span>"
)
_BREAK = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*(?:div|p|li)\s*>", re.I)
_TAG = re.compile(r"<[^<>]*>")  # not `[^>]*`: a text of many lone `<` would be scanned to its end from each
_STYLE_OPEN = re.compile(r"<(style|script)\b", re.I)
_STYLE_CLOSE = {"style": re.compile(r"</style\s*>", re.I), "script": re.compile(r"</script\s*>", re.I)}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The deck built from a file, and what was left out."""

    deck: Deck
    notes: int
    skipped: tuple[str, ...] = field(default=())
    history: AnkiHistory = field(default_factory=AnkiHistory)


def plain_text(field_html: str) -> str:
    """An Anki field as plain text: line breaks kept, tags dropped, entities decoded, spaces trimmed."""
    text = _drop_style(field_html)
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text)).replace("\u200b", "").replace("\xa0", " ")
    text = clean_text(text)  # `&#27;` decodes to ESC: terminal control is dropped after the entities
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def _drop_style(text: str) -> str:
    """`text` without <style> and <script> elements, in one pass (an unclosed one runs to the end)."""
    parts, at = [], 0
    while (opened := _STYLE_OPEN.search(text, at)) is not None:
        parts.append(text[at : opened.start()])
        closed = _STYLE_CLOSE[opened.group(1).lower()].search(text, opened.end())
        if closed is None:
            return "".join(parts)
        at = closed.end()
    parts.append(text[at:])
    return "".join(parts)


def _head_cloze(found: list[re.Match[str]]) -> re.Match[str]:
    return min(found, key=lambda m: (int(m.group(1)), m.start()))


def head_cloze_number(text: str) -> int | None:
    """The number of the cloze `split_cloze` takes as the head (its Anki card is ord number - 1)."""
    found = list(_CLOZE.finditer(text))
    return int(_head_cloze(found).group(1)) if found else None


def split_cloze(text: str) -> tuple[str, str] | None:
    """(head, body) of a cloze text: the head is cloze 1 (else the lowest number, first seen).

    The body is the text with every cloze revealed; when the text opens with the head, the head is
    cut from the body (trainer's own `{{c1::head}}<br>body` shape). None when there is no cloze.
    """
    found = list(_CLOZE.finditer(text))
    if not found:
        return None
    first = _head_cloze(found)
    head = plain_text(first.group(2))
    rest = text if plain_text(text[: first.start()]) else text[first.end() :]
    body = plain_text(_CLOZE.sub(lambda m: m.group(2), rest))
    return head, body


def section_kind_of(heading: str) -> SectionKind:
    """Guess a section's kind from its heading (意义, 问题, 对策, 成效 ...)."""
    rules = (
        (SectionKind.SIGNIFICANCE, ("意义", "重要性", "必要性", "作用", "significance")),
        (SectionKind.PROBLEMS, ("问题", "不足", "困境", "挑战", "原因", "problem")),
        (SectionKind.COUNTERMEASURES, ("对策", "措施", "建议", "举措", "做法", "路径", "countermeasure")),
        (SectionKind.ACHIEVEMENTS, ("成效", "成就", "成绩", "经验", "achievement")),
    )
    low = heading.lower()
    for kind, words in rules:
        if any(w in low for w in words):
            return kind
    return SectionKind.OTHER


class _Builder:
    """Collects points into topics and sections in first-seen order, dropping duplicate ids."""

    def __init__(self) -> None:
        self.topics: dict[str, dict[tuple[SectionKind, str], list[Point]]] = {}
        self.ids: set[str] = set()
        self.skipped: list[str] = []
        self.count = 0
        self.targets: dict[int, dict[int, str]] = {}  # Anki note id -> {card ord: trainer card key}

    def add(self, topic: str, kind: SectionKind, heading: str, point: Point, where: str) -> bool:
        """Add a point; False (and a line in `skipped`) when an earlier point has its id."""
        if point.id in self.ids:
            self.skipped.append(f"{where}: duplicate of an earlier point ({point.head})")
            return False
        self.ids.add(point.id)
        self.topics.setdefault(topic, {}).setdefault((kind, heading), []).append(point)
        self.count += 1
        return True

    def deck(self, name: str) -> Deck:
        topics = tuple(
            Topic(title=t, sections=tuple(Section(kind=k, heading=h, points=tuple(ps)) for (k, h), ps in ss.items()))
            for t, ss in self.topics.items()
        )
        return Deck(name=name, topics=topics)


# ---- Anki packages ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NoteType:
    name: str
    cloze: bool
    fields: tuple[str, ...]


def _note_types(db: sqlite3.Connection, tables: set[str]) -> dict[int, _NoteType]:
    if "notetypes" in tables:  # schema 18 (Anki 2.1.28+ packages)
        names = {r[0]: r[1] for r in db.execute("SELECT id, name FROM notetypes")}
        # NotetypeConfig's first field is `kind`; CLOZE (1) serializes as the bytes 08 01.
        kinds = {
            r[0]: bytes(r[1] or b"").startswith(b"\x08\x01") for r in db.execute("SELECT id, config FROM notetypes")
        }
        fields: dict[int, list[str]] = {}
        for ntid, _ord, fname in db.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(ntid, []).append(fname)
        return {i: _NoteType(names[i], kinds[i], tuple(fields.get(i, []))) for i in names}
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0] or "{}")
    return {
        int(mid): _NoteType(
            m.get("name", ""),
            m.get("type") == 1,
            tuple(f["name"] for f in sorted(m.get("flds", []), key=lambda f: f.get("ord", 0))),
        )
        for mid, m in models.items()
    }


def _deck_names(db: sqlite3.Connection, tables: set[str]) -> dict[int, str]:
    if "notetypes" in tables and "decks" in tables:
        return {r[0]: clean_text(str(r[1]).replace("\x1f", "::")) for r in db.execute("SELECT id, name FROM decks")}
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0] or "{}")
    return {int(did): clean_text(str(d.get("name", ""))) for did, d in decks.items()}


def _anki_notes(db: sqlite3.Connection) -> Iterator[tuple[int, int, list[str], str, int | None]]:
    rows = db.execute(
        "SELECT n.id, n.mid, n.flds, n.tags, (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1)"
        " FROM notes n ORDER BY n.id"
    )
    for nid, mid, flds, tags, did in rows:
        yield nid, mid, str(flds).split("\x1f"), str(tags or ""), did


def read_apkg(path: Path, *, name: str | None = None, history: bool = True) -> ImportResult:
    """Build a deck from the Cloze and Basic notes of an Anki package (.apkg or .colpkg), with the
    review history of the Anki cards that map to its cards.

    A note's head card maps to the point's head card: a Cloze note's card of the head cloze (c1), a
    Basic note's first card. A trainer list note's c1 maps to its section's list card.

    Raises:
        DocumentError: not a zip, no collection inside, a damaged collection, or no usable note.
    """
    path = check_input(Path(path), DocumentError)
    with tempfile.TemporaryDirectory(prefix="import-", dir=private_work_dir()) as tmp:
        copy = Path(tmp) / "collection.sqlite"
        with os.fdopen(os.open(copy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as out:  # private
            unpack_collection(path, out)
        db = sqlite3.connect(copy)
        try:
            with contextlib.closing(db), time_bounded(db, path):
                tables = check_collection(db, path, history=history)
                # Our private copy: without this index (a package may leave it out) finding each note's
                # first card is a scan of every card per note, n^2.
                db.execute("CREATE INDEX IF NOT EXISTS trainer_cards_by_note ON cards (nid, ord)")
                types, deck_names = _note_types(db, tables), _deck_names(db, tables)
                notes = list(_anki_notes(db))
                builder, deck_name = _build(notes, types, deck_names, name or None, path)
                answers = read_history(db, tables, builder.targets)
        except (sqlite3.DatabaseError, KeyError, ValueError, TypeError, AttributeError) as exc:
            raise DocumentError(f"damaged Anki collection: {exc}", path=path) from None
    if not builder.count:
        raise DocumentError("no Cloze or Basic notes with text in this package", path=path)
    return ImportResult(deck=builder.deck(deck_name), notes=len(notes), skipped=tuple(builder.skipped), history=answers)


def _build(
    notes: list[tuple[int, int, list[str], str, int | None]],
    types: dict[int, _NoteType],
    deck_names: dict[int, str],
    name: str | None,
    path: Path,
) -> tuple[_Builder, str]:
    roots = {deck_names.get(did or 0, "Default").split("::")[0] for *_, did in notes}
    deck_name = name or (roots.pop() if len(roots) == 1 else path.stem)
    builder = _Builder()
    for nid, mid, fields, tags, did in notes:
        where = f"note {nid}"
        anki_deck = deck_names.get(did or 0, "Default")
        parts = anki_deck.split("::")
        topic = " › ".join(parts[1:]) if len(parts) > 1 else parts[0]
        nt = types.get(mid, _NoteType("", False, ()))
        if nt.name == MODEL_NAME and len(fields) >= 6:
            _add_own_note(builder, nid, fields, tags, where)
            continue
        split = split_cloze(fields[0]) if fields else None
        if split is None and nt.cloze:
            builder.skipped.append(f"{where}: a Cloze note without a cloze")
            continue
        if split is not None:
            head, body = split
            extra = [plain_text(f) for f in fields[1:]]
        else:
            head, extra, body = plain_text(fields[0]) if fields else "", [plain_text(f) for f in fields[1:]], ""
        body = "\n".join(t for t in [body, *extra] if t)
        if not head:
            builder.skipped.append(f"{where}: no text to use as the head")
            continue
        kind = SectionKind.OTHER
        point = Point(id=point_id(topic, kind, head), head=head, body=body)
        if builder.add(topic, kind, GENERIC_HEADING, point, where):
            # A Cloze note has a card per cloze number (ord = number - 1); any other note its first card.
            number = head_cloze_number(fields[0]) if nt.cloze else 1
            builder.targets[nid] = {(number or 1) - 1: head_key(point.id)}
    return builder, deck_name


def _add_own_note(builder: _Builder, nid: int, fields: list[str], tags: str, where: str) -> None:
    text, _context, topic, heading, kind_value, pid = (f for f in fields[:6])
    if plain_text(pid).startswith(LIST_ID_PREFIX):
        # A section's list note: its points come as notes of their own; its c1 asks for the list.
        builder.targets[nid] = {0: list_key(plain_text(pid)[len(LIST_ID_PREFIX) :])}
        return
    # Hand-written clozes go back to `{{answer::hint}}` in the body; slogan clozes are revealed.
    split = split_cloze(
        _OWN_MANUAL.sub(lambda m: "{{" + m.group(1) + (f"::{m.group(2)}" if m.group(2) else "") + "}}", text)
    )
    if split is None:
        builder.skipped.append(f"{where}: a trainer note without its cloze")
        return
    head, body = split
    try:
        kind = SectionKind(plain_text(kind_value))
    except ValueError:
        kind = SectionKind.OTHER
    topic, heading = plain_text(topic), plain_text(heading)
    pid = plain_text(pid) or point_id(topic, kind, head)
    point = Point(id=pid, head=head, body=body, long_head="long_head" in tags.split())
    if builder.add(topic, kind, heading, point, where):
        # Every cloze maps to its card, as the export numbered them: the head, slogans, hand-written ones.
        keys = point_clozes(head, body, point.id)[1]
        builder.targets[nid] = {number - 1: key for number, key in keys.items()}


# ---- CSV ---------------------------------------------------------------------------------------

HEADER_WORDS = {
    "head", "body", "section", "front", "back", "text", "extra", "question", "answer", "heading", "topic",
    "要点", "标题", "内容", "说明", "阐述", "正文", "分类", "栏目", "小节", "板块", "问题", "答案", "题目", "正面", "背面",
}  # fmt: skip


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError("cannot decode this CSV file (expected UTF-8 or GBK/GB18030)", path=path)


def _is_header(row: list[str]) -> bool:
    return any(cell.strip().lower() in HEADER_WORDS for cell in row)


def read_csv(path: Path, *, name: str | None = None, topic: str | None = None) -> ImportResult:
    """Build a one-topic deck from a CSV file of `head,body` or `section,head,body` rows.

    The delimiter (comma, tab or semicolon) and a header row are detected; UTF-8 and GBK are read.

    Raises:
        DocumentError: an undecodable file, a row with too many columns, an empty head (with its line).
    """
    path = Path(path)
    text = clean_text(_decode(read_bytes(path, DocumentError, limit=MAX_CSV_BYTES), path))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and sum(1 for ln in lines if any(d in ln for d in ",\t;")) * 2 < len(lines):
        raise DocumentError(
            "this reads as a document, not a table of rows: `trainer build FILE -o DECK.yaml` turns"
            " documents into decks (import reads Anki packages and CSV/TSV tables)",
            path=path,
        )
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    title = topic or path.stem
    builder = _Builder()
    width = 0
    rows = 0
    try:
        for row in reader:
            line = reader.line_num
            cells = [c.strip() for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if width == 0:
                width = 3 if len(cells) >= 3 else 2
                if len(cells) > 3:
                    raise DocumentError(
                        f"{len(cells)} columns; expected head,body or section,head,body", path=path, line=line
                    )
                if _is_header(cells):
                    continue
            if len(cells) > width:
                raise DocumentError(f"{len(cells)} columns, but the file has {width}", path=path, line=line)
            cells += [""] * (width - len(cells))
            section, head, body = cells if width == 3 else [GENERIC_HEADING, *cells]
            if not head:
                raise DocumentError("empty head", path=path, line=line)
            section = section or GENERIC_HEADING
            kind = section_kind_of(section)
            point = Point(id=point_id(title, kind, head), head=head, body=body)
            builder.add(title, kind, section, point, f"line {line}")
            rows += 1
    except csv.Error as exc:
        raise DocumentError(f"bad CSV: {exc}", path=path, line=reader.line_num) from None
    if not builder.count:
        raise DocumentError("no rows to import", path=path)
    return ImportResult(deck=builder.deck(name or path.stem), notes=rows, skipped=tuple(builder.skipped))


def read_any(path: Path, *, name: str | None = None, topic: str | None = None, history: bool = True) -> ImportResult:
    """Import by file type: .apkg/.colpkg as an Anki package (its review log unless not `history`),
    .csv/.tsv/.txt as CSV."""
    suffix = Path(path).suffix.lower()
    if suffix in (".apkg", ".colpkg"):
        result = read_apkg(Path(path), name=name, history=history)
    elif suffix in (".csv", ".tsv", ".txt"):
        result = read_csv(Path(path), name=name, topic=topic)
    else:
        raise DocumentError("cannot import this file type (use .apkg, .colpkg or .csv)", path=path)
    # Text from another program is data: no terminal control codes get into the deck file.
    return replace(result, deck=clean_deck(result.deck))
