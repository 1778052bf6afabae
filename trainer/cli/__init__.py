"""The `trainer` command line: the argument parser and the entry point; commands live in commands.py."""

from __future__ import annotations

import gc
import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from trainer import __version__
from trainer.cli.commands import (
    cmd_backup,
    cmd_build,
    cmd_db_replay,
    cmd_deck,
    cmd_export,
    cmd_import,
    cmd_leeches,
    cmd_restore,
    cmd_stats,
    cmd_sync,
    cmd_tui,
)
from trainer.cli.config_cmd import cmd_config
from trainer.cli.plan_report import cmd_plan
from trainer.cli.stopping import Stopped as _Stopped
from trainer.cli.stopping import stop_cleanly_on as _stop_cleanly_on
from trainer.core.safetext import clean_text  # the error path only: not on the start-up path
from trainer.errors import TrainerError

if TYPE_CHECKING:
    import argparse

EPILOG = """\
environment:
  TRAINER_HOME  data directory (default: the platform's user data dir)
  TRAINER_DB    database URL (default: sqlite:///$TRAINER_HOME/trainer.db),
                e.g. postgresql+psycopg://user@host/trainer
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Spaced-repetition cloze drills for 申论 material. With no command, opens the review TUI.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str, desc: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_,
            description=desc,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    p = add(
        "build",
        cmd_build,
        "turn documents (.txt, .md) into a YAML deck",
        "Parse 申论 documents (UTF-8, GBK/GB18030 or UTF-16; any numbering style) into topics, "
        "sections and points, and write them as one YAML deck. The deck file remembers what the builder "
        "produced (its `built:` key), so building again over an existing DECK.yaml is a three-way merge: "
        "your changes (titles, kinds, heads, bodies, cloze marks, removed and added points, order) are "
        "kept, the document's changes to what you left alone are taken, and where both changed one thing "
        "yours is kept and the conflict listed. Point ids (and so review history) survive changed "
        "titles, headings and lightly edited heads.",
    )
    p.add_argument("documents", nargs="+", metavar="DOC", help="document files (.txt, .md)")
    p.add_argument("-o", "--output", metavar="DECK.yaml", help="deck file to write (default: print to stdout)")
    p.add_argument("--name", help="deck name (default: the first document's title)")
    p.add_argument(
        "--review",
        action="store_true",
        help="open the outline beside the document in the TUI to fix it, then save (default file: "
        "$TRAINER_HOME/decks/DOC.yaml, or -o) and sync",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="print the outline (topics, sections, heads) and, over an existing deck, what the rebuild would change; write nothing",
    )
    p.add_argument(
        "--reading",
        type=int,
        default=1,
        metavar="N",
        help="which reading of the document to build: 1 the builder's own (default), 2 and on the other "
        "readings --dry-run lists (a group of numbered items read as points instead of headings, or the "
        "other way round)",
    )

    p = add(
        "sync",
        cmd_sync,
        "load decks into the database",
        "Load deck files or folders into the database. With no PATH, syncs the bundled decks and "
        "the decks folder in the data directory. Files whose content has not changed are skipped; "
        "review history is never deleted.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="deck files or folders")

    p = add(
        "deck",
        cmd_deck,
        "list, rename or remove decks",
        "Manage the decks in the database. `list` prints every deck with its live cards and file; "
        "`rename OLD NEW` renames a deck in the database and in its file (a bundled deck is copied to "
        "$TRAINER_HOME/decks/ under the new name), keeping every card and answer; `remove NAME` retires "
        "the deck's cards and keeps their history: syncing its file by name (`trainer sync FILE`) or a "
        "changed version of it brings the deck back with its history. A deck file deleted from "
        "$TRAINER_HOME/decks/ is removed the same way at the next sync.",
    )
    p.set_defaults(action="list")
    deck_actions = p.add_subparsers(title="actions", metavar="ACTION")
    a = deck_actions.add_parser(
        "list", help="every deck, its cards and its file", description="Every deck, its cards and its file."
    )
    a.set_defaults(action="list")
    a = deck_actions.add_parser(
        "rename",
        help="rename a deck, keeping its cards and answers",
        description="Rename a deck, keeping its cards and answers.",
    )
    a.set_defaults(action="rename")
    a.add_argument("old", metavar="OLD", help="the deck's name now")
    a.add_argument("new", metavar="NEW", help="its new name")
    a = deck_actions.add_parser(
        "remove",
        help="retire a deck's cards, keeping their history",
        description="Retire a deck's cards, keeping their history.",
    )
    a.set_defaults(action="remove")
    a.add_argument("name", metavar="NAME", help="the deck to remove")

    p = add(
        "config",
        cmd_config,
        "show or change settings (exam date, daily limits, day start, time zone)",
        "Show or change the settings kept in config.yaml in the data directory. Keys: exam-date, "
        "new-per-day, reviews-per-day, minutes-per-day, day-start-hour, timezone, fuzz, typed (reviews open in "
        "typed-answer mode), time-limit (seconds on a card's front before its answer is shown; 0: none). With "
        "--deck NAME (a deck in the database), new-per-day, reviews-per-day, minutes-per-day and typed apply to "
        "that deck only.",
    )
    p.set_defaults(action="list")
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    for action, help_ in (
        ("set", "set a value, e.g. `trainer config set exam-date 2027-03-28`"),
        ("get", "print the value in effect"),
        ("unset", "remove a value so the default applies"),
        ("list", "print every setting"),
    ):
        a = actions.add_parser(action, help=help_, description=help_)
        a.set_defaults(action=action)
        if action != "list":
            a.add_argument("key", metavar="KEY", help="setting name, e.g. exam-date")
        if action == "set":
            a.add_argument("value", metavar="VALUE", help="new value (`none` clears a date)")
        if action != "list":
            a.add_argument(
                "--deck", metavar="NAME", help="per-deck setting (new-per-day, reviews-per-day, typed, minutes-per-day)"
            )

    p = add(
        "plan",
        cmd_plan,
        "the exam plan (备考计划): projected exam-day recall, minutes needed",
        "Show the exam plan: days to the exam date, points seen and unseen, each topic's and list's "
        "projected recall on the exam day (mean, points below 95 %), the minutes a day the plan needs "
        "beside `minutes-per-day`, and what would fix a budget too small. Needs `exam-date`.",
    )
    p.add_argument("--json", action="store_true", help="print the plan as JSON")

    p = add(
        "db",
        cmd_tui,
        "check the database",
        "Database maintenance. `trainer db replay` rebuilds every card's schedule from the review log.",
    )
    db_parser = p

    def db_help(_args: argparse.Namespace) -> int:
        db_parser.print_help()
        return 2

    p.set_defaults(func=db_help)
    db_actions = p.add_subparsers(title="actions", metavar="ACTION")
    r = db_actions.add_parser(
        "replay",
        help="rebuild schedules from the review log and report cards that differ",
        description="Rebuild every card's schedule from the append-only review log and compare it with the "
        "stored one. Exits 0 when all match, 1 and lists the cards when some differ. Changes nothing.",
    )
    r.set_defaults(func=cmd_db_replay)

    add(
        "leeches",
        cmd_leeches,
        "list cards forgotten 8 times (suspended) so you can rewrite them",
        "List the cards forgotten 8 times after being learned. They are suspended until rewritten.",
    )

    p = add(
        "stats",
        cmd_stats,
        "show study statistics",
        "Show reviews today and this week, the streak of study days, retention (share of answers "
        "graded 3 or better), cards by state, the due forecast, a heatmap of the past year, mastery per "
        "topic and section, and the weakest points. --json prints the same for scripts (keys in README).",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.add_argument("--deck", action="append", metavar="NAME", help="only this deck (repeatable)")
    days, weakest = _whole(1, 3650), _whole(0, 10_000)  # a forecast of 10**9 days would never end
    p.add_argument("--days", type=days, default=7, metavar="N", help="days of due forecast, 1-3650 (default: 7)")
    p.add_argument(
        "--weakest", type=weakest, default=10, metavar="N", help="how many weak points to list (default: 10)"
    )

    p = add(
        "export",
        cmd_export,
        "export to Anki (.apkg), CSV or JSON",
        "Export the decks in the database. --apkg writes an Anki package: one Cloze note per point "
        "({{c1::head}}, slogans in “…” in the body as c2, c3, ...), in Anki subdecks deck::topic, with "
        "topic › section › 第k点/共n点 on every card; exporting again updates the same notes in Anki. "
        "Hand-written {{…}} clozes become clozes too. Each card's schedule (due, interval, ease, reps, "
        'lapses) and the review log go with it, as Anki\'s "include scheduling information" '
        "(--no-scheduling leaves them out). "
        "--csv writes cards.csv (cards with their schedule) and reviews.csv (the full review log) into "
        "DIR; --json writes the decks, cards and review log as one file.",
    )
    p.add_argument("--apkg", metavar="FILE.apkg", help="write an Anki package")
    p.add_argument(
        "--no-scheduling",
        action="store_true",
        help="--apkg without the schedules and review log (every card arrives in Anki as new)",
    )
    p.add_argument("--csv", metavar="DIR", help="write cards.csv and reviews.csv into DIR")
    p.add_argument("--json", metavar="FILE", help="write one JSON file")
    p.add_argument("--deck", action="append", metavar="NAME", help="only this deck (repeatable; default: all)")

    p = add(
        "import",
        cmd_import,
        "turn an Anki package or CSV file into a deck",
        "Read an Anki package (.apkg/.colpkg) or a CSV file and write a normal YAML deck file you can "
        "edit. From Anki: Cloze and Basic notes, one topic per Anki deck; a Cloze note's first cloze "
        "becomes the head, a Basic note's front the head and its back the body. Notes exported by "
        "trainer come back with their topics, sections and ids. From CSV: rows of head,body or "
        "section,head,body (comma, tab or semicolon; UTF-8 or GBK; a header row is skipped). "
        "Then run `trainer sync` to study it. A package exported from Anki with scheduling brings "
        "the review history along: the deck is synced at once, and each answer of a note's head card "
        "(a Cloze note's c1, a Basic note's card) is replayed in time order onto the point's head card "
        "(Again=1, Hard=3, Good=4, Easy=5), so the schedules are trainer's own (SM-2, or the deck's "
        "scheduler), not Anki's intervals. Cards that already have history in trainer are left alone, "
        "so importing a package again adds nothing.",
    )
    p.add_argument("file", metavar="FILE", help="an .apkg, .colpkg or .csv file")
    p.add_argument(
        "-o", "--output", metavar="DECK.yaml", help="deck file to write (default: $TRAINER_HOME/decks/NAME.yaml)"
    )
    p.add_argument("--name", help="deck name (default: the Anki deck, or the file name)")
    p.add_argument("--topic", help="topic title for a CSV file (default: the file name)")
    p.add_argument("--force", action="store_true", help="overwrite an existing deck file")
    p.add_argument("--no-history", action="store_true", help="import the notes only, not Anki's review history")

    p = add(
        "backup",
        cmd_backup,
        "back up the database now",
        "Write a consistent snapshot of the SQLite database to $TRAINER_HOME/backups/ (file mode 0600), "
        "using SQLite's online backup API, so it is safe while a review is in progress. trainer also "
        "backs up once a day on start (keeping the last 7 daily backups) and before every schema migration.",
    )
    p.add_argument("--list", action="store_true", help="list the backups instead of making one")

    p = add(
        "restore",
        cmd_restore,
        "replace the database with a backup",
        "Check FILE with PRAGMA integrity_check and refuse it (exit 2, nothing changed) if it is corrupt, "
        "not SQLite, not a trainer database, or from a newer trainer. Otherwise the current database is "
        "first saved as a pre-restore backup, then FILE is copied over it; an older schema is migrated.",
    )
    p.add_argument("file", metavar="FILE", help="a backup, e.g. one listed by `trainer backup --list`")
    return parser


_TEXT_ARGS = ("name", "topic", "old", "new", "value", "deck")  # names and values, not paths


def _check_text_args(args: Any) -> None:
    """A name or value given in bytes that are not UTF-8 (`--name $'\\xff'`) is refused in one line: it
    cannot be stored, written to a deck file or printed."""
    for key in _TEXT_ARGS:
        value = getattr(args, key, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\udc80" <= c <= "\udcff" for c in text):
                raise TrainerError(f"{key}: {text.encode('utf-8', 'surrogateescape')!r} is not valid UTF-8 text")


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (anything else is argparse's one-line error)."""
    import argparse

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"expected a number from {low} to {high}, not {number}")
        return number

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; expected failures print one message to stderr and exit with code 2."""
    words = sys.argv[1:] if argv is None else list(argv)
    # `trainer` alone opens the TUI without importing argparse and building every subcommand's parser
    # (~10 ms of a cold start).
    if not words:
        # Start-up allocates much and frees little: the cyclic collector would walk every new object
        # several times before the first card. The app turns it back on once it is painted (warm-up).
        gc.disable()
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show Chinese (LANG=C, PYTHONIOENCODING=ascii) gets escapes, not a crash.
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
    args: Any = build_parser().parse_args(words) if words else SimpleNamespace(func=cmd_tui)
    if words:  # the TUI restores the terminal on these signals itself
        _stop_cleanly_on(signal.SIGTERM, signal.SIGHUP)
    try:
        _check_text_args(args)
        result: int = args.func(args)
        return result
    except TrainerError as exc:
        _say_error(str(exc))
        return 2
    except (KeyboardInterrupt, _Stopped) as exc:
        return 128 + exc.signum if isinstance(exc, _Stopped) else 130
    except BrokenPipeError:
        # `trainer config | head -1`: the reader has gone; what is left unprinted goes nowhere, quietly
        # (and not again at exit, when Python flushes stdout).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command stopped by SIGPIPE
    except Exception as exc:
        # A bug, not the learner's input: still one line (TRAINER_DEBUG=1 shows the traceback).
        if os.environ.get("TRAINER_DEBUG"):
            raise
        _say_error(f"unexpected {type(exc).__name__}: {exc} (a bug; please report it)")
        return 2


def _say_error(message: str) -> None:
    """One line on stderr; a file name or deck text in it never reaches the terminal as control codes."""

    print(f"trainer: error: {clean_text(message).replace(chr(10), ' ')}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
