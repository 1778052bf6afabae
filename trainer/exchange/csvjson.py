"""CSV and JSON out: cards with their schedule and the full review log, for spreadsheets and scripts; no database.

CSV files are UTF-8 with a byte-order mark so spreadsheet programs show Chinese text correctly, and a
text cell that a spreadsheet would run as a formula (= + - @ tab CR first) is written with a leading `'`.
Every file is written atomically: a reader never sees half of one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from trainer.core.cards import Card, cards_for_deck
from trainer.core.model import Deck
from trainer.deckfile import decks as deckfile
from trainer.deckfile.fsutil import atomic_write
from trainer.errors import TrainerError
from trainer.paths import make_private_dirs
from trainer.store.export import CardSchedule, LogEntry

CARD_COLUMNS = (
    "deck",
    "card",
    "kind",
    "topic",
    "heading",
    "position",
    "answer",
    "queue",
    "due",
    "interval",
    "ease",
    "reps",
    "lapses",
    "leech",
    "last_review",
)
CSV_NAMES = ("cards.csv", "reviews.csv")
REVIEW_COLUMNS = (
    "id",
    "deck",
    "card",
    "reviewed_at",
    "day",
    "quality",
    "duration_ms",
    "queue_before",
    "reps_before",
    "ease_before",
    "interval_before",
    "due_before",
    "lapses_before",
    "queue_after",
    "reps_after",
    "ease_after",
    "interval_after",
    "due_after",
    "lapses_after",
    "via",
)


def _day(day: int) -> str:
    return date.fromordinal(day).isoformat() if day > 0 else ""


def _moment(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else ""


def card_rows(decks: list[Deck], schedules: list[CardSchedule]) -> list[dict[str, Any]]:
    """One record per card: what it asks (from the decks) and its schedule. Retired cards keep only their key."""
    content: dict[tuple[str, str], Card] = {(d.name, c.key): c for d in decks for c in cards_for_deck(d)}
    rows = []
    for s in schedules:
        card = content.get((s.deck, s.key))
        rows.append(
            {
                "deck": s.deck,
                "card": s.key,
                "kind": s.kind,
                "topic": card.topic if card else "",
                "heading": card.heading if card else "",
                "position": card.position if card else "",
                "answer": card.answer if card else "",
                "queue": s.queue,
                "due": _day(s.due_day) if s.queue not in ("new", "retired") else "",
                "interval": s.interval,
                "ease": s.ease,
                "reps": s.reps,
                "lapses": s.lapses,
                "leech": s.leech,
                "last_review": _moment(s.last_review),
            }
        )
    return rows


def review_rows(entries: Iterable[LogEntry]) -> Iterable[dict[str, Any]]:
    """One record per answer, dates as ISO text (day: the study day; reviewed_at: UTC)."""
    for e in entries:
        yield {
            "id": e.id,
            "deck": e.deck,
            "card": e.card,
            "reviewed_at": _moment(e.reviewed_at),
            "day": _day(e.day),
            "quality": e.quality,
            "duration_ms": e.duration_ms,
            "queue_before": e.queue_before,
            "reps_before": e.reps_before,
            "ease_before": e.ease_before,
            "interval_before": e.interval_before,
            "due_before": _day(e.due_before),
            "lapses_before": e.lapses_before,
            "queue_after": e.queue_after,
            "reps_after": e.reps_after,
            "ease_after": e.ease_after,
            "interval_after": e.interval_after,
            "due_after": _day(e.due_after),
            "lapses_after": e.lapses_after,
            "via": e.via,
        }


# A spreadsheet (Excel, WPS, LibreOffice) runs a cell that begins with one of these as a formula:
# `=HYPERLINK(...)` in a head would be a live link. Such a text cell gets a leading `'` (OWASP's advice).
# The full-width forms too, as a precaution: Chinese input gives ＝＋－＠, and a spreadsheet that folds
# widths when it reads a cell would run them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text: booleans as 0/1, a formula-like text quoted."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_bytes(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buf.getvalue().encode("utf-8-sig")


@dataclass(frozen=True, slots=True)
class TableReport:
    """What a CSV or JSON export wrote."""

    paths: tuple[Path, ...]
    cards: int
    reviews: int


def write_csv(directory: Path, cards: list[dict[str, Any]], reviews: Iterable[dict[str, Any]]) -> TableReport:
    """Write `cards.csv` and `reviews.csv` into `directory` (created if missing)."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise TrainerError("not a folder", path=directory)
    try:
        make_private_dirs(directory)
    except OSError as exc:
        raise TrainerError(f"cannot create folder: {exc.strerror or exc}", path=directory) from None
    review_list = list(reviews)
    paths = (directory / CSV_NAMES[0], directory / CSV_NAMES[1])
    before = paths[0].read_bytes() if paths[0].is_file() else None
    atomic_write(paths[0], _csv_bytes(CARD_COLUMNS, cards))
    try:
        atomic_write(paths[1], _csv_bytes(REVIEW_COLUMNS, review_list))
    except BaseException:
        # The pair goes together (a full disk, a signal): cards.csv back as it was, not half an export.
        paths[0].unlink(missing_ok=True) if before is None else atomic_write(paths[0], before)
        raise
    return TableReport(paths=paths, cards=len(cards), reviews=len(review_list))


def is_csv_export(path: Path, name: str) -> bool:
    """Whether `path` begins as trainer's `name` (cards.csv or reviews.csv) does: its BOM and header row."""
    head = _csv_bytes(CARD_COLUMNS if name == CSV_NAMES[0] else REVIEW_COLUMNS, [])
    with open(path, "rb") as f:
        return f.read(len(head)) == head


def write_json(
    path: Path,
    decks: list[Deck],
    cards: list[dict[str, Any]],
    reviews: Iterable[dict[str, Any]],
    *,
    exported_at: datetime,
) -> TableReport:
    """Write one JSON file: the decks (in the deck-file shape), the cards with schedules and the review log."""
    review_list = list(reviews)
    data = {
        "format": "trainer-export",
        "version": 1,
        "exported_at": _moment(exported_at),
        "decks": [deckfile.to_data(d) for d in decks],
        "cards": cards,
        "reviews": review_list,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    atomic_write(Path(path), text.encode("utf-8"))
    return TableReport(paths=(Path(path),), cards=len(cards), reviews=len(review_list))
