"""The commands behind `trainer`: each reads its arguments, calls library code and prints; no logic."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import paths
from trainer.errors import TrainerError

if TYPE_CHECKING:
    import argparse

    from sqlalchemy import Engine

    from trainer.core.model import Deck


def _now() -> datetime:
    return datetime.now(UTC)


def cmd_tui(args: argparse.Namespace) -> int:
    """Open the review TUI (the default command)."""
    import gc

    from trainer.tui.app import run_app

    try:
        return run_app()
    finally:
        gc.enable()  # `main` turns it off for the start-up; the app turns it on once it has painted


KIND_LABELS = {
    "significance": "意义",
    "problems": "问题",
    "countermeasures": "对策",
    "achievements": "成效",
    "other": "其他",
}


def outline_text(deck: Deck) -> str:
    """A deck as an indented outline: topics, sections with their kind, numbered heads."""
    lines = [f"{deck.name}"]
    for topic in deck.topics:
        lines.append(f"  {topic.title}" + (f"（{topic.subtitle}）" if topic.subtitle else ""))
        for section in topic.sections:
            lines.append(f"    [{KIND_LABELS[section.kind.value]}] {section.heading}")
            for k, point in enumerate(section.points, 1):
                lines.append(f"      {k}. {point.head}")
    return "\n".join(lines) + "\n"


def cmd_build(args: argparse.Namespace) -> int:
    """Turn documents into one YAML deck."""
    from trainer.core.cards import cards_for_deck
    from trainer.deckfile import decks
    from trainer.parse import lint
    from trainer.services.library import build_deck, previous_deck

    previous, problem = previous_deck(Path(args.output)) if args.output else (None, "")
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    deck = build_deck([Path(d) for d in args.documents], name=args.name, previous=previous)
    topics = len(deck.topics)
    sections = sum(len(t.sections) for t in deck.topics)
    points = len(deck.points())
    ncards = len(cards_for_deck(deck))
    for warning in lint(deck):
        print(f"warning: {warning}", file=sys.stderr)
    if args.dry_run:
        sys.stdout.write(outline_text(deck))
    elif args.output is None:
        sys.stdout.write(decks.dumps(deck))
    else:
        decks.save(deck, Path(args.output))
    print(
        f"{deck.name}: {topics} topics, {sections} sections, {points} points, {ncards} cards"
        + ("" if args.dry_run or args.output is None else f" -> {args.output}"),
        file=sys.stderr,
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Load deck files or folders into the database."""
    from trainer.services.database import open_default_store
    from trainer.services.library import find_deck_files, sync_files

    if args.paths:
        files = find_deck_files([Path(p) for p in args.paths])
    else:
        files = find_deck_files(paths.default_deck_dirs(), missing_ok=True)
    engine = open_default_store()
    for r in sync_files(engine, files, now=_now()):
        if r.shadowed:
            print(f"{r.path}: {r.deck}: skipped, your own deck of that name is used")
        elif r.skipped:
            print(f"{r.path}: unchanged")
        else:
            print(f"{r.path}: {r.deck}: {r.added} added, {r.kept} kept, {r.retired} retired")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    """Show or change settings in the config file."""
    from trainer.errors import ConfigError
    from trainer.services import config

    deck = getattr(args, "deck", None)
    match args.action:
        case "set":
            if deck is not None and args.key in config.DECK_KEYS and deck not in (names := _deck_names()):
                known = ", ".join(names) or "none; run `trainer sync` first"
                raise ConfigError(f"--deck: no deck named {deck!r} (decks: {known})")
            print(f"{args.key} = {config.set_value(args.key, args.value, deck=deck)}")
        case "unset":
            config.unset_value(args.key, deck=deck)
        case "get":
            print(config.get_value(args.key, deck=deck))
        case _:
            for key, value, is_set in config.list_values():
                print(f"{key} = {value}" + ("" if is_set else "  (default)"))
            print(f"# file: {config.config_path()}")
    return 0


def _deck_names() -> list[str]:
    """The decks in the database (a per-deck setting for any other would be kept, and never apply)."""
    from sqlalchemy.orm import Session

    from trainer.services.database import open_default_store
    from trainer.store import queries
    from trainer.store.engine import reader

    engine = open_default_store()
    try:
        with Session(reader(engine)) as s:
            return sorted(queries.deck_names(s).values())
    finally:
        engine.dispose()


def cmd_db_replay(args: argparse.Namespace) -> int:
    """Rebuild every card's schedule from the review log and compare it with the stored one."""
    from sqlalchemy.orm import Session

    from trainer.services.database import open_default_store
    from trainer.store.engine import reader
    from trainer.store.replay import replay

    engine = open_default_store()
    with Session(reader(engine)) as s:
        report = replay(s)
    for m in report.mismatches:
        print(f"card {m.card_id} ({m.deck} {m.key}): {m.field} stored {m.stored!r}, log gives {m.rebuilt!r}")
    cards = len({m.card_id for m in report.mismatches})
    verdict = "all match" if report.ok else f"{cards} cards differ"
    print(f"{report.cards} cards, {report.reviews} reviews replayed: {verdict}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_leeches(args: argparse.Namespace) -> int:
    """List the cards forgotten so often that they were suspended."""
    from sqlalchemy.orm import Session

    from trainer.services.database import open_default_store
    from trainer.store import queries
    from trainer.store.engine import reader

    engine = open_default_store()
    with Session(reader(engine)) as s:
        found = queries.leeches(s)
        cards = queries.load_cards(s, [lc.card_id for lc in found]) if found else {}
    for lc in found:
        card = cards[lc.card_id].card
        print(f"{card.context(lc.deck)}  忘记 {lc.lapses} 次\n  {card.answer}")
    print(f"{len(found)} leeches", file=sys.stderr)
    return 0


def _deck_ids(engine: Engine, names: list[str] | None) -> list[int] | None:
    from sqlalchemy.orm import Session

    from trainer.store.engine import reader
    from trainer.store.export import deck_ids_by_name

    if not names:
        return None
    with Session(reader(engine)) as s:
        return list(deck_ids_by_name(s, names).values())


def cmd_stats(args: argparse.Namespace) -> int:
    """Print study statistics."""
    import json

    from sqlalchemy.orm import Session

    from trainer.sched.days import study_day
    from trainer.services.config import load_settings
    from trainer.services.database import open_default_store
    from trainer.store.engine import reader
    from trainer.store.stats import overview

    settings = load_settings()
    today = study_day(_now(), settings.tz(), settings.day_start_hour)
    engine = open_default_store()
    deck_ids = _deck_ids(engine, args.deck)
    from trainer.store.distributions import distributions

    tz = settings.tz()
    offset = tz.utcoffset(_now().astimezone(tz))
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    with Session(reader(engine)) as s:
        result = overview(s, today, deck_ids, forecast=args.days, weakest=args.weakest)
        spread = distributions(s, deck_ids, utc_offset_minutes=minutes)
    if args.json:
        print(json.dumps({**result.to_dict(), "distributions": spread.to_dict()}, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.text import Text

    from trainer.cli.stats_report import render
    from trainer.tui.widgets.distribution import distribution_text

    console = Console()
    console.print(render(result))
    console.print(Text(distribution_text(spread)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export decks and history to Anki, CSV or JSON."""
    from trainer.exchange.jobs import export_apkg, export_tables
    from trainer.services.database import open_default_store

    if not (args.apkg or args.csv or args.json):
        raise TrainerError("nothing to export: give --apkg FILE, --csv DIR and/or --json FILE")
    engine = open_default_store()
    names = args.deck or None
    if args.apkg:
        from trainer.services.config import load_settings

        if args.no_scheduling:
            r = export_apkg(engine, Path(args.apkg), names)
        else:
            r = export_apkg(engine, Path(args.apkg), names, now=_now(), settings=load_settings())
        print(f"{r.path}: {r.notes} notes, {r.cards} cards in {r.subdecks} Anki decks")
    if args.csv or args.json:
        csv_dir = Path(args.csv) if args.csv else None
        json_path = Path(args.json) if args.json else None
        for t in export_tables(engine, now=_now(), csv_dir=csv_dir, json_path=json_path, names=names):
            print(f"{', '.join(map(str, t.paths))}: {t.cards} cards, {t.reviews} reviews")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Turn an Anki package or a CSV file into a deck file, with the Anki review history."""
    from trainer.exchange.jobs import import_deck
    from trainer.services.database import open_default_store

    done = import_deck(
        Path(args.file),
        output=Path(args.output) if args.output else None,
        name=args.name,
        topic=args.topic,
        force=args.force,
        history=not args.no_history,
        open_engine=open_default_store,
        now=_now(),
    )
    result, target = done.result, done.target
    for reason in result.skipped:
        print(f"warning: {args.file}: skipped {reason}", file=sys.stderr)
    deck = result.deck
    points = len(deck.points())
    print(f"{target}: {deck.name}: {len(deck.topics)} topics, {points} points")
    found = result.history
    if done.history is not None and done.sync is not None:
        h, sy = done.history, done.sync
        print(f"synced: {sy.cards_added} added, {sy.cards_kept} kept, {sy.cards_retired} retired")
        print(
            f"Anki history: {h.answers} answers imported onto {h.cards} cards, replayed through trainer's "
            f"{'SM-2' if h.scheduler == 'sm2' else h.scheduler.upper()} (the schedules are trainer's own, not Anki's intervals)"
        )
        if h.kept:
            print(f"  {h.kept} cards already had history in trainer or were not new (suspended, buried): left alone")
        unmapped = found.unmapped + h.missing
        if unmapped:
            print(
                f"  {unmapped} Anki cards with answers have no trainer card (slogan clozes of other notes, reverse cards)"
            )
        if found.left_out:
            print(f"  {found.left_out} Anki log entries were not answers (manual reschedules): left out")
        return 0
    if found.reviews and args.no_history:
        print(f"Anki history not imported (--no-history): {found.reviews} answers left out")
    if args.output is None:
        print("run `trainer sync` to study it")
    else:
        print(f"run `trainer sync {target}` to study it")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database now."""
    from trainer.services.database import backup_now
    from trainer.store.snapshots import list_backups

    if args.list:
        for b in list_backups():
            print(f"{b.path}\t{b.reason}\t{b.path.stat().st_size} bytes")
        return 0
    print(f"backup written: {backup_now()}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a checked backup."""
    from trainer.services.database import restore_backup

    saved = restore_backup(Path(args.file))
    print(f"restored {args.file}")
    if saved is not None:
        print(f"the database it replaced was saved as {saved}")
    return 0
