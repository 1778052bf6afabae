"""Managing decks for `trainer deck` and home: list, rename (the file's `deck:` too) and remove."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer import paths
from trainer.core.safetext import clean_text
from trainer.deckfile import decks
from trainer.deckfile.fsutil import atomic_write, read_bytes
from trainer.errors import DeckError
from trainer.services.library import is_bundled
from trainer.store.deck_admin import DeckInfo, deck_row, list_decks, mark_file_removed, remove_deck, rename_deck

MAX_NAME = 80  # characters: 80 CJK characters are 240 bytes, under the 255 a file name may hold

__all__ = ["DeckInfo", "Removed", "Renamed", "list_all", "remove", "rename"]


def list_all(engine: Engine) -> list[DeckInfo]:
    """Every deck the database knows, removed ones included."""
    with Session(engine) as s:
        return list_decks(s)


@dataclass(frozen=True, slots=True)
class Removed:
    """A removed deck: how many cards were retired, and the file that would bring it back."""

    name: str
    retired: int
    path: str


def remove(engine: Engine, name: str) -> Removed:
    """Retire a deck's cards and points (history kept). Its file is left alone: syncing that file by
    name, or a changed version of it, brings the deck back with its history.

    Raises:
        DeckError: there is no deck of that name.
    """
    with Session(engine) as s, s.begin():
        path = deck_row(s, name).path
        retired = remove_deck(s, name)
    return Removed(name, retired, path)


@dataclass(frozen=True, slots=True)
class Renamed:
    """A renamed deck and the file that now holds the new name (a copy when the old one was bundled)."""

    old: str
    new: str
    path: Path | None
    copied: bool


def rename(engine: Engine, old: str, new: str) -> Renamed:
    """Rename a deck in the database and in its file, so its cards and answers stay with it.

    The file is rewritten atomically; a bundled (or unwritable) file is copied under the new name to
    `$TRAINER_HOME/decks/`, and the original marked removed so it does not come back as the old deck.

    Raises:
        DeckError: no deck `old`, `new` is empty or taken, or the deck's file cannot be read.
    """
    new = new.strip()
    with Session(engine) as s:
        row = deck_row(s, old)
        path = Path(row.path) if row.path else None
        removed = row.content_hash.startswith("removed:")
    if not new:
        raise DeckError("a deck name cannot be empty")
    if clean_text(new) != new or any(c in "\n\t" or "\ud800" <= c <= "\udfff" for c in new) or len(new) > MAX_NAME:
        # A line break, a control or bidi character or undecodable bytes (a surrogate) would garble
        # every list the name is shown in; a name past MAX_NAME would not fit a file name.
        raise DeckError(f"a deck name is one line of at most {MAX_NAME} printable characters")
    if path is None or not path.is_file():
        with Session(engine) as s, s.begin():
            rename_deck(s, old, new)
        return Renamed(old, new, None, False)
    data = read_bytes(path, DeckError, limit=decks.MAX_DECK_BYTES)
    deck = decks.loads(data.decode("utf-8-sig", errors="replace"), path=str(path))
    text = decks.dumps(replace(deck, name=new)).encode("utf-8")
    digest = hashlib.sha256(text).hexdigest()
    copied = is_bundled(path) or not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    target = paths.user_decks_dir() / f"{_file_name(new)}.yaml" if copied else path
    if copied and target.exists():
        raise DeckError(f"{target} exists already; rename it or choose another name", path=target)
    written = False
    try:
        with Session(engine) as s, s.begin():
            rename_deck(s, old, new, path=str(target.resolve()), content_hash=("removed:" if removed else "") + digest)
            if copied:
                mark_file_removed(s, old, str(path.resolve()), hashlib.sha256(data).hexdigest())
            paths.make_private_dirs(target.parent)
            atomic_write(target, text)  # last: a failure here rolls the database back
            written = True
    except BaseException:
        # The commit failed after the file was written (a read-only or busy database): the file goes
        # back too, or the next sync would find a deck of the new name beside the old one.
        if written:
            target.unlink(missing_ok=True) if copied else atomic_write(target, data)
        raise
    return Renamed(old, new, target, copied)


def _file_name(name: str) -> str:
    """A deck name as a file name: path separators and control characters replaced."""
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(". ")
    return cleaned or "deck"
