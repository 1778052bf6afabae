"""Where trainer keeps its files: TRAINER_HOME, TRAINER_DB and the deck folders; no parsing, no UI."""

from __future__ import annotations

import os
from pathlib import Path

from trainer.errors import TrainerError

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


def make_private_dirs(folder: Path) -> Path:
    """Create `folder` and any missing parents, each new one mode 0700 (`Path.mkdir(parents=True)` gives
    new parents the umask's mode, readable by others); existing folders are left as they are."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:
            if not new.is_dir():
                raise
            continue  # made meanwhile by another process
        os.chmod(new, 0o700)  # whatever the umask took away or left
    return folder


def private_work_dir() -> Path:
    """trainer's own scratch folder, `$TRAINER_HOME/tmp` (mode 0700): a copy of a learner's collection
    never goes to the shared system temp folder; what a crash leaves here is removed at the next start."""
    folder = make_private_dirs(data_dir() / "tmp")
    if not folder.is_dir():
        raise TrainerError("trainer's scratch folder is not a folder (a file or a pipe?); move it away", path=folder)
    return folder
