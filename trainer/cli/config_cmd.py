"""`trainer config`: show or change the settings kept in config.yaml."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from trainer.cli.commands import print
from trainer.errors import ConfigError
from trainer.sched.days import day_to_date, study_day
from trainer.services import config
from trainer.services.database import open_default

if TYPE_CHECKING:
    import argparse


def cmd_config(args: argparse.Namespace) -> int:
    """Show or change settings in the config file."""
    deck = getattr(args, "deck", None)
    match args.action:
        case "set":
            if deck is not None and args.key in config.DECK_KEYS and deck not in (names := _deck_names()):
                known = ", ".join(names) or "none; run `trainer sync` first"
                raise ConfigError(f"--deck: no deck named {deck!r} (decks: {known})")
            today = _study_date() if args.key == "exam-date" else None  # a past exam date is refused
            print(f"{args.key} = {config.set_value(args.key, args.value, deck=deck, today=today)}")
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
    from trainer.store import queries

    store = open_default()
    try:
        with store.read() as r:
            return sorted(queries.deck_names(r.session).values())
    finally:
        store.close()


def _study_date() -> date:
    """Today's study day as a date, by the config's zone and day start (the defaults when the config
    cannot be read: setting the date is then refused for that, with its own line)."""
    try:
        settings = config.load_settings()
    except ConfigError:
        settings = config.Settings()
    return day_to_date(study_day(datetime.now(UTC), settings.tz(), settings.day_start_hour))
