"""Inputs the learner names are regular files, checked before they are opened: a FIFO or a device would
block or be read forever; no parsing, no UI."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from trainer.errors import TrainerError


def check_input(path: Path, error: type[TrainerError] = TrainerError) -> Path:
    """Refuse an input that is not a regular file (a FIFO or a device would be read forever), before it is opened.

    Raises:
        error: missing, a folder, or not a regular file.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error("no such file", path=path) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise error("is a directory, not a file", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise error("is a device or pipe, not a regular file; refusing to read it", path=path)
    return path
