"""Small file helpers: atomic writes and reading user files with clear errors; no parsing, no UI."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from trainer.errors import TrainerError


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` all at once: a temp file in the same folder, fsync, then rename.

    A crash or a full disk leaves the old file untouched, never a half-written one.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise TrainerError(f"cannot write: {exc.strerror or exc}", path=path) from exc


def read_bytes(path: Path, error: type[TrainerError] = TrainerError, *, limit: int | None = None) -> bytes:
    """Read a file the user named, turning OS errors into a TrainerError naming the file.

    Args:
        path: The file.
        error: The TrainerError subclass to raise.
        limit: Refuse (before reading it) a file larger than this many bytes.
    """
    path = Path(path)
    if path.is_dir():
        raise error("is a directory, not a file", path=path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if limit is not None and size > limit:
                raise error(
                    f"the file is {size / 1e6:.1f} MB; files over {limit / 1e6:g} MB are refused "
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
