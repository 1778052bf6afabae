"""What a killed trainer left behind in the data directory, removed at the next start: temp files of
atomic writes, backups and restores (`.NAME....tmp`) and the private scratch folder `tmp/`; no UI.

Only files older than `STALE_S` go: a younger one may belong to another trainer process at work now.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from pathlib import Path

from trainer import paths

STALE_S = 15 * 60


def _is_temp(p: Path) -> bool:
    return p.name.startswith(".") and ".tmp" in p.name


def clean_leftovers(*, now: float | None = None) -> list[Path]:
    """Remove stale temp files in the data directory, `backups/`, `decks/` and `tmp/`; returns what went."""
    home = paths.data_dir()
    if not home.is_dir():
        return []
    found: list[Path] = []
    for folder in (home, home / "backups", home / "decks"):
        if folder.is_dir():
            found += [p for p in folder.iterdir() if _is_temp(p) and p.is_file()]
    scratch = home / "tmp"
    if scratch.is_dir():
        found += list(scratch.iterdir())
    moment = time.time() if now is None else now
    removed = []
    for p in found:
        try:
            if moment - p.lstat().st_mtime < STALE_S:
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
