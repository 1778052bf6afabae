"""Small file helpers: atomic writes and reading user files with clear errors; no parsing, no UI."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from trainer.deckfile.guard import check_input
from trainer.deckfile.staging import staged
from trainer.errors import TrainerError

# A new file is the learner's alone (decks and settings are private study material).
NEW_FILE_MODE = 0o600
# What `fsync` on a folder gives where the system cannot sync folders (the rename itself is done).
_NO_DIR_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EISDIR}


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` all at once: a temp file (`staging.staged`), fsync, rename, fsync the folder.

    A crash or a full disk leaves the old file untouched, never a half-written one; once this returns,
    the new file survives a power cut. The file keeps the mode it had (a learner's 0644 deck stays
    0644); a new file gets `mode`, default 0600.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = NEW_FILE_MODE
    try:
        with staged(path, mode=mode) as tmp, tmp.open("wb") as fh:
            fh.write(data)
    except OSError as exc:  # a full disk, or no room for the temp file: the old file is untouched
        raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    _sync_folder(directory, path)


def _sync_folder(directory: Path, path: Path) -> None:
    """fsync a folder, so a rename into it is on disk (skipped where folders cannot be synced)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # e.g. Windows, where a folder cannot be opened; the rename is done either way
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _NO_DIR_SYNC:
            raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    finally:
        os.close(fd)


def read_bytes(
    path: Path, error: type[TrainerError] = TrainerError, *, limit: int | None = None, kind: str = "files"
) -> bytes:
    """Read a file the user named, turning OS errors into a TrainerError naming the file.

    Args:
        path: The file.
        error: The TrainerError subclass to raise.
        limit: Refuse (before reading it) a file larger than this many bytes.
        kind: What the limit message calls such files (`documents`, `deck files` ...).
    """
    path = check_input(Path(path), error)  # before opening: a FIFO or a device would block or never end
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if limit is not None and size > limit:
                raise error(
                    f"the file is {size / 1e6:.1f} MB; {kind} over {limit / 1e6:g} MB are refused "
                    "(is it the right file? split it into smaller ones)",
                    path=path,
                )
            return fh.read()
    except FileNotFoundError as exc:
        raise error("no such file", path=path) from exc
    except PermissionError as exc:
        raise error("permission denied", path=path) from exc
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path=path) from exc
