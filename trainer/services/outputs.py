"""The one guard every writer calls before it creates or replaces a file the learner named: never the live
database, its -wal/-shm/-journal, a backup or one of the command's own inputs; a deck file is replaced only
by a deck; no UI."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.exc import ArgumentError

from trainer import paths
from trainer.deckfile.guard import check_input
from trainer.errors import TrainerError
from trainer.services.config import config_path
from trainer.store.engine import sqlite_path
from trainer.store.lite import sqlite_file

_DB_SIDECARS = ("", "-wal", "-shm", "-journal")
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _live_database() -> Path | None:
    """The SQLite file of $TRAINER_DB (None for a server database or an in-memory one)."""
    url = paths.db_url()
    found = sqlite_file(url)
    if found is not None:
        return found
    try:
        return sqlite_path(url)
    except ArgumentError:  # a malformed URL is reported by the command that opens the store
        return None


def protected_files() -> list[Path]:
    """The live database and its side files (-wal, -shm, -journal) and the settings file: no command may
    write over them."""
    found: list[Path] = [config_path()]
    db = _live_database()
    if db is not None:
        found += [db.with_name(db.name + suffix) for suffix in _DB_SIDECARS]
    return found


def _backups_dir() -> Path:
    return paths.data_dir() / "backups"


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same resolved path, or (both existing) the same inode."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path, *, inputs: Iterable[Path] = (), what: str = "output", deck_writer: bool = False) -> Path:
    """Refuse an output path that would destroy something the learner owns.

    Args:
        path: The file a command is about to create or replace.
        inputs: The files the command reads (its source documents, package, deck).
        what: How the message names the output (`output`, `deck file` ...).
        deck_writer: The command writes a deck (build, import, edit): it may replace a deck file.

    Returns:
        `path`, for chaining.

    Raises:
        TrainerError: `path` is the database or one of its side files, the settings file, a backup (or
            inside the backups folder), one of `inputs`, an existing thing that is not a regular file, or
            (unless `deck_writer`) a deck file.
    """
    path = Path(path)
    for protected in protected_files():
        if _same(path, protected):
            whose = "settings" if protected.name == config_path().name else "database"
            raise TrainerError(f"refusing to write the {what} over trainer's {whose}", path=path)
    try:
        inside_backups = path.resolve().parent == _backups_dir().resolve()
    except (OSError, RuntimeError):
        inside_backups = False
    if inside_backups:
        raise TrainerError(f"refusing to write the {what} into the backups folder", path=path)
    for source in inputs:
        if _same(path, Path(source)):
            raise TrainerError(f"refusing to write the {what} over its own input", path=path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise TrainerError(f"the {what} is a folder, not a file", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise TrainerError(f"the {what} is a device or pipe, not a file; refusing to write to it", path=path)
    if not deck_writer and path.suffix in (".yaml", ".yml") and is_deck_file(path):
        raise TrainerError(f"refusing to write the {what} over a deck file", path=path)
    return path


def check_output_dir(directory: Path, names: Iterable[str], *, inputs: Iterable[Path] = ()) -> None:
    """`check_output` for each file `names` a command writes into `directory`."""
    for name in names:
        check_output(Path(directory) / name, inputs=inputs)


def is_deck_file(path: Path, *, limit: int = 50_000_000) -> bool:
    """Whether `path` holds YAML whose top level is a mapping with a `deck` key (a deck, maybe an invalid one)."""
    try:
        check_input(path)
        if os.stat(path).st_size > limit:
            return False
        text = Path(path).read_bytes().decode("utf-8-sig")
        data = yaml.load(text, Loader=_LOADER)
    except (TrainerError, OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "deck" in data


def check_deck_output(path: Path, *, inputs: Iterable[Path] = ()) -> Path:
    """`check_output`, and an existing file is replaced only when it is a deck (YAML with a `deck` key).

    Raises:
        TrainerError: as `check_output`, or the existing file is not a deck.
    """
    check_output(path, inputs=inputs, what="deck file", deck_writer=True)
    if Path(path).exists() and not is_deck_file(path):
        raise TrainerError(
            "exists and is not a deck file (YAML with a `deck:` key); refusing to replace it"
            " (choose another -o, or move that file away first)",
            path=path,
        )
    return Path(path)
