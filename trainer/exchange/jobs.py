"""Export and import as the CLI runs them: read the store, write files, save imported decks and their
Anki history; no printing."""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer import paths
from trainer.core.cards import cards_for_deck
from trainer.core.model import Deck
from trainer.deckfile import decks as deckfile
from trainer.deckfile.fsutil import atomic_write
from trainer.errors import TrainerError
from trainer.exchange.apkg import ExportReport, write_apkg
from trainer.exchange.apkgsched import CardPlan, LoggedAnswer, Scheduling
from trainer.exchange.csvjson import (
    CSV_NAMES,
    TableReport,
    card_rows,
    is_csv_export,
    review_rows,
    write_csv,
    write_json,
)
from trainer.exchange.importing import ImportResult, read_any
from trainer.exchange.split import add_reports, part_paths, split_deck
from trainer.sched.days import study_day
from trainer.services.config import load_settings
from trainer.services.library import find_deck_files
from trainer.services.outputs import check_deck_output, check_output, check_output_dir
from trainer.store import imported
from trainer.store.export import CardSchedule, LogEntry, card_schedules, load_decks, review_log
from trainer.store.handle import Store
from trainer.store.imported import PastAnswer
from trainer.store.sync import sync_deck

if TYPE_CHECKING:
    from trainer.services.config import Settings
    from trainer.store.imported import HistoryReport
    from trainer.store.sync import SyncResult


def write_history(*args: Any, **kwargs: Any) -> HistoryReport:
    """`trainer.store.imported.write_history`, looked up when called (so a test may stand in for either)."""
    return imported.write_history(*args, **kwargs)


def check_export_targets(apkg: Path | None, csv_dir: Path | None, json_path: Path | None) -> None:
    """Refuse, before anything is opened or written, an export over the database, a backup or a non-file,
    over an existing file that is not an earlier export of its kind (the learner's notes), or two outputs
    onto one file."""
    targets: list[tuple[Path, Callable[[Path], bool]]] = []
    if apkg is not None:
        check_output(apkg)
        targets.append((apkg, _is_apkg))
    if csv_dir is not None:
        check_output_dir(csv_dir, CSV_NAMES)
        targets += [(Path(csv_dir) / n, lambda p, n=n: is_csv_export(p, n)) for n in CSV_NAMES]
    if json_path is not None:
        check_output(json_path)
        targets.append((json_path, _is_json_export))
    seen: dict[Path, Path] = {}
    for path, looks_exported in targets:
        key = Path(path).resolve()
        if key in seen:
            raise TrainerError(f"two outputs of one export name the same file ({seen[key]})", path=path)
        seen[key] = Path(path)
        try:
            foreign = Path(path).is_file() and not looks_exported(Path(path))
        except OSError as exc:
            raise TrainerError(f"cannot read: {exc.strerror or exc}", path=path) from None
        if foreign:
            raise TrainerError(
                "exists and is not an earlier export of this kind; refusing to replace it"
                " (choose another name, or move that file away first)",
                path=path,
            )


def _is_apkg(path: Path) -> bool:
    """An Anki package (a zip holding a collection), not any zip (a .docx is one)."""
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.startswith("collection.anki2") for n in z.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False


def _is_json_export(path: Path) -> bool:
    with open(path, "rb") as f:
        return b'"format": "trainer-export"' in f.read(200)


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

    check_output(path)
    with Store(engine).read() as r:
        s = r.session
        decks = load_decks(s, names)
        scheduling = None
        if now is not None and settings is not None:
            scheduling = _scheduling(card_schedules(s, names), review_log(s, names), now, settings)
    return write_apkg(decks, path, scheduling)


def _scheduling(
    cards: Iterable[CardSchedule], log: Iterable[LogEntry], now: datetime, settings: Settings
) -> Scheduling:

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

    check_export_targets(None, csv_dir, json_path)
    reports = []
    with Store(engine).read() as r:
        decks = load_decks(r.session, names)
        cards = card_rows(decks, card_schedules(r.session, names))
        reviews = list(review_rows(review_log(r.session, names)))
    if csv_dir is not None:
        reports.append(write_csv(csv_dir, cards, reviews))
    if json_path is not None:
        reports.append(write_json(json_path, decks, cards, reviews, exported_at=now))
    return reports


def deck_file_name(name: str) -> str:
    """A safe file name for a deck: characters that paths or shells trip on become `_`."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "deck"
    # A file name holds 255 bytes: a longer name (`--name` of 200 characters) is cut, whole characters.
    stem = stem[:200]
    while len(stem.encode("utf-8", "surrogateescape")) > 200:
        stem = stem[:-1]
    return f"{stem}.yaml"


@dataclass(frozen=True, slots=True)
class Imported:
    """What `import_deck` did: the deck read, the file written, and the history written (if any)."""

    result: ImportResult
    target: Path
    history: HistoryReport | None = None
    sync: SyncResult | None = None
    parts: tuple[Path, ...] = ()  # every deck file written: `target`, then the parts of a split deck


def _deck_named(name: str, folder: Path, *, besides: Path) -> Path | None:
    """A deck file in `folder` (other than `besides`) holding the deck `name`, which sync would refuse
    beside the imported one; files that do not load are not this importer's concern."""
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

    When the package holds answers for cards of the deck (and `history` is set), the deck is synced
    and the answers written through trainer's answer path in one transaction, and the deck file is
    written once that has committed: if the transaction fails, no file is written; if the process dies
    after the commit, running the import again finishes it (the file is written, nothing doubled).

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
    result = read_any(Path(source), name=name, topic=topic, history=history)
    target = Path(output) if output is not None else paths.user_decks_dir() / deck_file_name(result.deck.name)
    # One size contract: a deck too big for the file sync reads is written as several deck files.
    split = split_deck(result.deck)
    parts, texts = [deck for deck, _ in split], [text for _, text in split]
    targets = part_paths(target, len(parts))
    for part, path in zip(parts, targets, strict=True):
        if path.exists() and not force:
            raise TrainerError("deck file exists; pass --force to overwrite it, or -o to write elsewhere", path=path)
        check_deck_output(path, inputs=[Path(source)])
        if output is None and (other := _deck_named(part.name, paths.user_decks_dir(), besides=path)):
            raise TrainerError(
                f"a deck named {part.name!r} is already in {other}; import it under another name with"
                " --name NEW, or write over that file with -o",
                path=source,
            )
    for text, path in zip(texts, targets, strict=True):
        deckfile.loads(text, path=str(path))  # what we write must load back as a normal deck file
    engine = None
    if history and result.history.reviews and open_engine is not None:
        if settings is None:
            settings = load_settings()
        engine = open_engine()  # before anything is written: a store that cannot open stops here
    paths.make_private_dirs(target.parent)
    datas = [text.encode("utf-8") for text in texts]
    if engine is None or settings is None:
        for data, path in zip(datas, targets, strict=True):
            atomic_write(path, data)
        return Imported(result, target, parts=tuple(targets))
    # The history is committed first and the files written after: a crash in between leaves no file,
    # so running the import again goes through (cards that have history are left alone) and writes them.
    synced, report = _sync_with_history(
        engine, result, list(zip(parts, targets, datas, strict=True)), settings, now or datetime.now(UTC)
    )
    for data, path in zip(datas, targets, strict=True):
        atomic_write(path, data)
    return Imported(result, target, history=report, sync=synced, parts=tuple(targets))


def _sync_with_history(
    engine: Engine,
    result: ImportResult,
    parts: list[tuple[Deck, Path, bytes]],
    settings: Settings,
    now: datetime,
) -> tuple[SyncResult, HistoryReport]:
    """Sync each part's deck (its file content `data`, as if at its path) and write its share of the Anki
    history, all in one transaction."""

    answers = {
        key: [PastAnswer(datetime.fromtimestamp(r.at_ms / 1000, UTC), r.quality, r.duration_ms) for r in reviews]
        for key, reviews in result.history.answers.items()
    }
    zone, hour = settings.tz(), settings.day_start_hour
    synced: SyncResult | None = None
    report: HistoryReport | None = None
    with Session(engine) as s, s.begin():
        for deck, target, data in parts:
            digest = hashlib.sha256(data).hexdigest()
            one = sync_deck(s, deck, path=str(target.resolve()), content_hash=digest, now=now)
            keys = {c.key for c in cards_for_deck(deck)} if len(parts) > 1 else set(answers)
            written = write_history(
                s,
                deck.name,
                {k: a for k, a in answers.items() if k in keys},
                policy_for=settings.policy,
                day_of=lambda moment: study_day(moment, zone, hour),
            )
            synced = one if synced is None else add_reports(synced, one)
            report = written if report is None else add_reports(report, written)
    assert synced is not None and report is not None  # at least one part
    return synced, report
