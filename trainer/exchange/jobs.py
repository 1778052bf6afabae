"""Export and import as the CLI runs them: read the store, write files, save imported decks and their
Anki history; no printing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer import paths
from trainer.deckfile import decks as deckfile
from trainer.deckfile.fsutil import atomic_write
from trainer.errors import TrainerError
from trainer.exchange.apkg import ExportReport, write_apkg
from trainer.exchange.apkgsched import CardPlan, LoggedAnswer, Scheduling
from trainer.exchange.csvjson import TableReport, card_rows, review_rows, write_csv, write_json
from trainer.exchange.importing import ImportResult, read_any
from trainer.store.engine import reader

if TYPE_CHECKING:
    from trainer.services.config import Settings
    from trainer.store.export import CardSchedule, LogEntry
    from trainer.store.imported import HistoryReport
    from trainer.store.sync import SyncResult


def export_apkg(
    engine: Engine,
    path: Path,
    names: Collection[str] | None = None,
    *,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> ExportReport:
    """Write the named decks (all for None) as an Anki package; with `now` and `settings`, with every
    card's schedule and the review log (Anki's "include scheduling information")."""
    from trainer.store.export import card_schedules, load_decks, review_log

    with Session(reader(engine)) as s:
        decks = load_decks(s, names)
        scheduling = None
        if now is not None and settings is not None:
            scheduling = _scheduling(card_schedules(s, names), review_log(s, names), now, settings)
    return write_apkg(decks, path, scheduling)


def _scheduling(
    cards: Iterable[CardSchedule], log: Iterable[LogEntry], now: datetime, settings: Settings
) -> Scheduling:
    from trainer.sched.days import study_day

    tz, hour = settings.tz(), settings.day_start_hour
    today = study_day(now, tz, hour)
    start = datetime.combine(date.fromordinal(today), time(hour), tzinfo=tz)
    plans = {
        (c.deck, c.key): CardPlan(c.queue, c.due_day, c.interval, c.ease, c.lapses, c.leech)
        for c in cards
        if not c.retired
    }
    answers: dict[tuple[str, str], list[LoggedAnswer]] = {}
    for e in log:
        answers.setdefault((e.deck, e.card), []).append(
            LoggedAnswer(
                at_ms=int(e.reviewed_at.timestamp() * 1000),
                day=e.day,
                quality=e.quality,
                duration_ms=e.duration_ms,
                repeat=e.repeat,
                new_before=e.queue_before == "new",
                interval_before=e.interval_before,
                interval_after=e.interval_after,
                ease_after=e.ease_after,
            )
        )
    return Scheduling(today=today, day_start=int(start.timestamp()), day_start_hour=hour, cards=plans, answers=answers)


def export_tables(
    engine: Engine,
    *,
    now: datetime,
    csv_dir: Path | None = None,
    json_path: Path | None = None,
    names: Collection[str] | None = None,
) -> list[TableReport]:
    """Write cards with schedules and the full review log as CSV files in `csv_dir` and/or one JSON file."""
    from trainer.store.export import card_schedules, load_decks, review_log

    reports = []
    with Session(reader(engine)) as s:
        decks = load_decks(s, names)
        cards = card_rows(decks, card_schedules(s, names))
        reviews = list(review_rows(review_log(s, names)))
    if csv_dir is not None:
        reports.append(write_csv(csv_dir, cards, reviews))
    if json_path is not None:
        reports.append(write_json(json_path, decks, cards, reviews, exported_at=now))
    return reports


def deck_file_name(name: str) -> str:
    """A safe file name for a deck: characters that paths or shells trip on become `_`."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "deck"
    return f"{stem}.yaml"


@dataclass(frozen=True, slots=True)
class Imported:
    """What `import_deck` did: the deck read, the file written, and the history written (if any)."""

    result: ImportResult
    target: Path
    history: HistoryReport | None = None
    sync: SyncResult | None = None


def _deck_named(name: str, folder: Path, *, besides: Path) -> Path | None:
    """A deck file in `folder` (other than `besides`) holding the deck `name`, which sync would refuse
    beside the imported one; files that do not load are not this importer's concern."""
    from trainer.services.library import find_deck_files

    for f in find_deck_files([folder], missing_ok=True):
        if f.resolve() == besides.resolve():
            continue
        try:
            if deckfile.load(f).name == name:
                return f
        except TrainerError:
            continue
    return None


def import_deck(
    source: Path,
    *,
    output: Path | None = None,
    name: str | None = None,
    topic: str | None = None,
    force: bool = False,
    history: bool = True,
    open_engine: Callable[[], Engine] | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Imported:
    """Read an Anki package or CSV file and save it as a deck file; with Anki history, sync it and
    replay the history onto its cards.

    When the package holds answers for cards of the deck (and `history` is set), the deck file is
    synced and the answers written through trainer's answer path in one transaction; if that fails,
    the deck file is put back as it was, so nothing is half-written.

    Args:
        source: The .apkg/.colpkg or .csv file.
        output: The deck file to write (default: `$TRAINER_HOME/decks/<deck name>.yaml`).
        name: The deck name (default: the Anki root deck, or the file name).
        topic: For CSV, the topic title (default: the file name).
        force: Overwrite an existing deck file.
        history: Import the Anki review history (False: notes only).
        open_engine: Opens the store; needed only when there is history to write.
        settings: The learner's settings (day start, zone, exam date); loaded when None.
        now: The sync time (default: the current time).

    Raises:
        TrainerError: the source cannot be read, `output` exists and `force` is not set, or the
            store refuses the sync or the history.
    """
    result = read_any(Path(source), name=name, topic=topic)
    target = Path(output) if output is not None else paths.user_decks_dir() / deck_file_name(result.deck.name)
    if target.exists() and not force:
        raise TrainerError("deck file exists; pass --force to overwrite it, or -o to write elsewhere", path=target)
    if output is None and (other := _deck_named(result.deck.name, paths.user_decks_dir(), besides=target)):
        raise TrainerError(
            f"a deck named {result.deck.name!r} is already in {other}; import it under another name with"
            " --name NEW, or write over that file with -o",
            path=source,
        )
    text = deckfile.dumps(result.deck)
    deckfile.loads(text, path=str(target))  # what we write must load back as a normal deck file
    engine = None
    if history and result.history.reviews and open_engine is not None:
        if settings is None:
            from trainer.services.config import load_settings

            settings = load_settings()
        engine = open_engine()  # before anything is written: a store that cannot open stops here
    previous = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    deckfile.save(result.deck, target)
    if engine is None or settings is None:
        return Imported(result, target)
    try:
        synced, report = _sync_with_history(engine, result, target, settings, now or datetime.now(UTC))
    except BaseException:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            atomic_write(target, previous)
        raise
    return Imported(result, target, history=report, sync=synced)


def _sync_with_history(
    engine: Engine, result: ImportResult, target: Path, settings: Settings, now: datetime
) -> tuple[SyncResult, HistoryReport]:
    """Sync the deck file and write its Anki history, in one transaction."""
    from trainer.sched.days import study_day
    from trainer.store.imported import PastAnswer, write_history
    from trainer.store.sync import sync_deck

    data = target.read_bytes()
    answers = {
        key: [PastAnswer(datetime.fromtimestamp(r.at_ms / 1000, UTC), r.quality, r.duration_ms) for r in reviews]
        for key, reviews in result.history.answers.items()
    }
    zone, hour = settings.tz(), settings.day_start_hour
    path = str(target.resolve())
    with Session(engine) as s, s.begin():
        synced = sync_deck(s, result.deck, path=path, content_hash=hashlib.sha256(data).hexdigest(), now=now)
        report = write_history(
            s,
            result.deck.name,
            answers,
            policy_for=settings.policy,
            day_of=lambda moment: study_day(moment, zone, hour),
        )
    return synced, report
