"""What a killed trainer left behind, removed at the next start: temp files of atomic writes, backups and
restores (`.NAME....tmp`) in the data directory, the temp files beside outputs elsewhere that the scratch
folder's notes name, and the private scratch folder `tmp/`; a decks folder swap cut in half by a kill is
finished; no UI.

Only files older than `STALE_S` go, or younger ones whose name says their writer is no longer running: a
younger one may belong to another trainer process at work now.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path

from trainer import paths
from trainer.deckfile.staging import NOTE_PREFIX, is_temp_name, pending_leftovers, writer_gone

STALE_S = 15 * 60


def _is_temp(p: Path) -> bool:
    return is_temp_name(p.name) and not p.is_symlink()


def _finish_decks_swap(home: Path) -> None:
    """`restore` swaps the decks folder by two renames (decks -> decks.before-restore, the restored one ->
    decks); a kill between them leaves no decks folder: put the learner's own one back."""
    decks, old = home / "decks", home / "decks.before-restore"
    if old.is_dir() and not old.is_symlink() and not decks.exists() and not decks.is_symlink():
        old.rename(decks)


def clean_leftovers(*, now: float | None = None) -> list[Path]:
    """Remove stale temp files in the data directory, `backups/`, `decks/` and `tmp/`, and the temp files
    beside outputs that the notes in `tmp/` name once their writer is gone; returns what went."""
    home = paths.data_dir()
    if not home.is_dir():
        return []
    moment = time.time() if now is None else now
    with contextlib.suppress(OSError):
        _finish_decks_swap(home)
    found: list[Path] = []
    for folder in (home, home / "backups", home / "decks"):
        if folder.is_dir():
            found += [p for p in folder.iterdir() if _is_temp(p)]
    scratch = home / "tmp"
    removed: list[Path] = []
    if scratch.is_dir():
        removed += pending_leftovers(scratch, stale_s=STALE_S, now=moment)
        found += [p for p in scratch.iterdir() if not p.name.startswith(NOTE_PREFIX)]
    for p in found:
        try:
            if moment - p.lstat().st_mtime < STALE_S and not writer_gone(p.name):
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the next start tries again
        removed.append(p)
    return removed


def clean_leftovers_quietly() -> None:
    """`clean_leftovers`, for start-up: a failure to clean never stops a command."""
    with contextlib.suppress(OSError):
        clean_leftovers()
