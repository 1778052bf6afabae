"""The commands behind `trainer`: each reads its arguments, calls library code and prints; no logic."""

from __future__ import annotations

import builtins
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trainer import paths
from trainer.core.cards import cards_for_deck
from trainer.core.safetext import clean_text
from trainer.errors import TrainerError
from trainer.sched.days import study_day
from trainer.services.config import load_settings
from trainer.services.database import backup_now, open_default, open_default_store, restore_backup

if TYPE_CHECKING:
    import argparse

    from trainer.core.model import Deck
    from trainer.parse import SectionNote


def print(*values: object, file: TextIO | None = None) -> None:
    """The builtin `print`, with file names and deck text cleaned of terminal control codes (a file named
    `\x1b]0;x\x07.yaml`, a head stored before text was cleaned on entry): one choke point for this module."""

    builtins.print(*(clean_text(str(v)) for v in values), file=file)


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


def outline_text(deck: Deck, notes: dict[tuple[str, str, str], SectionNote] | None = None) -> str:
    """A deck as an indented outline: topics, sections with their kind (and how sure the builder is
    of them, when `notes` has them), numbered heads."""
    lines = [f"{deck.name}"]
    for topic in deck.topics:
        lines.append(f"  {topic.title}" + (f"（{topic.subtitle}）" if topic.subtitle else ""))
        for section in topic.sections:
            note = (notes or {}).get((topic.title, section.heading, section.kind.value))
            sure = f"  (confidence {note.confidence:.2f}: {note.why})" if note else ""
            lines.append(f"    [{KIND_LABELS[section.kind.value]}] {section.heading}{sure}")
            for k, point in enumerate(section.points, 1):
                lines.append(f"      {k}. {point.head}")
    return "\n".join(lines) + "\n"


def cmd_build(args: argparse.Namespace) -> int:
    """Turn documents into one YAML deck; over an existing deck, merge keeping the learner's changes."""
    from trainer.cli.build_report import next_step, readings_text, warning_lines
    from trainer.deckfile import decks
    from trainer.parse import lint
    from trainer.services.library import build_with_notes, other_readings, previous_deck
    from trainer.services.outputs import check_deck_output
    from trainer.services.rebuilds import change_lines, deck_points, rebuild, summary, updated_line

    if args.output and not args.dry_run:
        check_deck_output(Path(args.output), inputs=[Path(d) for d in args.documents])
    previous, problem = previous_deck(Path(args.output)) if args.output else (None, "")
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    reading = getattr(args, "reading", 1)
    if reading != 1 and (len(args.documents) != 1 or getattr(args, "review", False)):
        raise TrainerError("--reading builds one reading of one document (in --review, r chooses it)")
    if getattr(args, "review", False):
        return _review(args, previous)
    fresh, notes = build_with_notes([Path(d) for d in args.documents], name=args.name, reading=reading)
    result = rebuild(fresh, previous, name=args.name)
    if reading != 1:
        # Another reading is the learner's choice: the deck remembers the builder's own outline as its
        # last build, so a later plain build keeps the reading as a change of theirs.
        own = rebuild(build_with_notes([Path(args.documents[0])], name=args.name)[0], previous, name=args.name).built
        result = replace(result, deck=decks.with_built(result.deck, own), built=own)
    deck = result.deck
    topics = len(deck.topics)
    sections = sum(len(t.sections) for t in deck.topics)
    points = len(deck.points())
    ncards = len(cards_for_deck(deck))
    for warning in warning_lines(lint(deck)):
        print(f"warning: {warning}", file=sys.stderr)
    for note in notes.values():
        if note.low:
            print(
                f"warning: {note.topic} / {note.heading}: check this section, the builder is not sure of it "
                f"(confidence {note.confidence:.2f}: {note.why})",
                file=sys.stderr,
            )
    if args.dry_run:
        sys.stdout.write(outline_text(deck, notes))
        if len(args.documents) == 1 and (others := other_readings(Path(args.documents[0]))):
            sys.stdout.write(readings_text(others, reading))
        if previous is not None:
            lines = change_lines(result, everything=True)
            sys.stdout.write(f"\nthe rebuild would make {len(lines)} changes to {args.output}:\n")
            sys.stdout.writelines(f"  {line}\n" for line in lines)
    else:
        for line in change_lines(result, everything=False):
            print(line, file=sys.stderr)
        if args.output is None:
            sys.stdout.write(decks.dumps(deck))
        else:
            if Path(args.output).resolve().parent == paths.user_decks_dir().resolve():  # a new learner's first deck
                paths.make_private_dirs(paths.user_decks_dir())
            decks.save(deck, Path(args.output))
    if previous is not None:  # a deck was there: say so first, in one line (`would update` on a dry run)
        line = updated_line(deck.name, deck_points(previous), deck)
        print(line.replace("updated", "would update", 1) if args.dry_run else line, file=sys.stderr)
    if not args.dry_run and len(args.documents) == 1 and (others := other_readings(Path(args.documents[0]))):
        print(
            f"this document can be read {len(others)} other way(s): --dry-run lists them, --reading N builds one",
            file=sys.stderr,
        )
    if kept := summary(result, previous):
        print(kept, file=sys.stderr)
    print(
        f"{deck.name}: {topics} topics, {sections} sections, {points} points, {ncards} cards"
        + ("" if args.dry_run or args.output is None else f" -> {args.output}"),
        file=sys.stderr,
    )
    tty = sys.stdout.isatty()
    if not args.dry_run and (step := next_step(args.documents, args.output, paths.user_decks_dir(), to_terminal=tty)):
        print(step, file=sys.stderr)
    return 0


def _review(args: argparse.Namespace, previous: Deck | None) -> int:
    """`trainer build DOC --review`: the outline screen on the document; 保存 writes and syncs the deck."""
    from trainer.services.outline_draft import open_document
    from trainer.tui.app import make_app
    from trainer.tui.screens.outline import push_outline

    if len(args.documents) != 1 or args.dry_run:
        raise TrainerError("--review opens one document (and writes only when you save it); drop --dry-run")
    draft = open_document(Path(args.documents[0]), output=Path(args.output) if args.output else None)
    if args.name:
        draft = replace(draft, deck=replace(draft.deck, name=args.name))
    app = make_app(open_default_store(), settings=load_settings())
    app.start_with = lambda a: push_outline(a, draft, then_exit=True)
    saved = app.run()
    # The end of an in-app flow, said as the app says it (the rest of the CLI speaks English).
    print(f"已保存并同步：{draft.target}" if saved else "没有保存任何文件", file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Load deck files or folders into the database."""
    from trainer.services.library import find_deck_files, sync_files

    if args.paths:
        targets = [Path(p) for p in args.paths]
        files = find_deck_files(targets)
        folders = [p for p in targets if p.is_dir()]
    else:
        files = find_deck_files(paths.default_deck_dirs(), missing_ok=True)
        folders = [paths.user_decks_dir()]
    for r in sync_files(open_default(), files, now=_now(), folders=folders, revive=bool(args.paths)):
        if r.gone:
            print(f"{r.path}: {r.deck}: file deleted, deck removed ({r.retired} cards retired, history kept)")
        elif r.removed:
            print(f"{r.path}: {r.deck}: removed deck, skipped (`trainer sync {r.path}` brings it back)")
        elif r.shadowed:
            print(f"{r.path}: {r.deck}: skipped, your own deck of that name is used")
        elif r.skipped:
            print(f"{r.path}: unchanged")
        else:
            print(f"{r.path}: {r.deck}: {r.added} added, {r.kept} kept, {r.retired} retired")
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    """List, rename or remove decks."""
    from trainer.services import deckadmin

    engine = open_default_store()
    match args.action:
        case "rename":
            done = deckadmin.rename(engine, args.old, args.new)
            where = (
                ""
                if done.path is None
                else f" (file: {done.path}{', a copy of the bundled deck' if done.copied else ''})"
            )
            print(f"renamed {done.old} -> {done.new}; every card and answer kept{where}")
        case "remove":
            gone = deckadmin.remove(engine, args.name)
            print(f"removed {gone.name}: {gone.retired} cards retired, history kept")
            if gone.path:
                print(f"`trainer sync {gone.path}` brings it back")
        case _:
            for d in deckadmin.list_all(engine):
                state = "removed" if d.removed else f"{d.cards} cards"
                print(f"{d.name}\t{state}\t{d.path or '-'}")
    return 0


def cmd_db_replay(args: argparse.Namespace) -> int:
    """Rebuild every card's schedule from the review log and compare it with the stored one."""
    from trainer.store.replay import replay

    with open_default().read() as r:
        report = replay(r.session)
    for m in report.mismatches:
        print(f"card {m.card_id} ({m.deck} {m.key}): {m.field} stored {m.stored!r}, log gives {m.rebuilt!r}")
    cards = len({m.card_id for m in report.mismatches})
    verdict = "all match" if report.ok else f"{cards} cards differ"
    print(f"{report.cards} cards, {report.reviews} reviews replayed: {verdict}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_leeches(args: argparse.Namespace) -> int:
    """List the cards forgotten so often that they were suspended."""
    from trainer.store import queries

    with open_default().read() as r:
        found = queries.leeches(r.session)
        cards = queries.load_cards(r.session, [lc.card_id for lc in found]) if found else {}
    for lc in found:
        card = cards[lc.card_id].card
        print(f"{card.context(lc.deck)}  忘记 {lc.lapses} 次\n  {card.answer}")
    print(f"{len(found)} leeches", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print study statistics."""
    import json

    from trainer.store.export import deck_ids_by_name
    from trainer.store.stats import overview

    settings = load_settings()
    today = study_day(_now(), settings.tz(), settings.day_start_hour)
    from trainer.store.distributions import distributions

    tz = settings.tz()
    offset = tz.utcoffset(_now().astimezone(tz))
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    with open_default().read() as r:
        deck_ids = list(deck_ids_by_name(r.session, args.deck).values()) if args.deck else None
        result = overview(r.session, today, deck_ids, forecast=args.days, weakest=args.weakest)
        spread = distributions(r.session, deck_ids, utc_offset_minutes=minutes)
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
    from trainer.exchange.jobs import check_export_targets, export_apkg, export_tables

    if not (args.apkg or args.csv or args.json):
        raise TrainerError("nothing to export: give --apkg FILE, --csv DIR and/or --json FILE")
    check_export_targets(*(Path(p) if p else None for p in (args.apkg, args.csv, args.json)))
    engine = open_default().engine
    names = args.deck or None
    if args.apkg:
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
    if len(done.parts) > 1:
        print(f"too big for one deck file: split into {len(done.parts)} decks: " + ", ".join(map(str, done.parts)))
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
    from trainer.services.deck_backup import archive_path
    from trainer.store.snapshots import list_backups

    if args.list:
        for b in list_backups():
            print(f"{b.path}\t{b.reason}\t{b.path.stat().st_size} bytes")
        return 0
    made = backup_now()
    print(f"backup written: {made}")
    if (decks_zip := archive_path(made)).exists():
        print(f"decks folder backed up: {decks_zip}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a checked backup."""
    saved, decks_back = restore_backup(Path(args.file))
    print(f"restored {args.file}")
    if decks_back:
        print(f"restored the decks folder {paths.user_decks_dir()} saved with it")
    else:
        print("that backup has no decks folder beside it; your deck files were left as they are")
    if saved is not None:
        print(f"the database and decks folder it replaced were saved as {saved}")
    return 0
