"""Where trainer keeps its files: TRAINER_HOME, TRAINER_DB and the deck folders; no parsing, no UI."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "trainer"


def data_dir() -> Path:
    """The data directory: $TRAINER_HOME, else the platform's user data dir."""
    home = os.environ.get("TRAINER_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def db_url() -> str:
    """The database URL: $TRAINER_DB, else SQLite file trainer.db in the data directory."""
    url = os.environ.get("TRAINER_DB")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'trainer.db'}"


def default_deck_dirs() -> list[Path]:
    """The folders `trainer sync` reads with no arguments: bundled decks, then the user's decks."""
    return [bundled_decks_dir(), user_decks_dir()]


def user_decks_dir() -> Path:
    """The learner's own decks folder, synced with the bundled decks."""
    return data_dir() / "decks"


def bundled_decks_dir() -> Path:
    """The decks shipped with trainer: inside the installed package, or `decks/` in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "bundled_decks"
    if installed.is_dir():
        return installed
    return here.parent / "decks"
