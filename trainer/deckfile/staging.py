"""Where a file trainer writes takes shape before it replaces the named one, so a kill leaves nothing in
the learner's folders: trainer's scratch folder, or a noted temp file beside the output; no parsing, no UI.

A file is written whole under a temp name, then renamed over the output in one step, so the output is
always the old file or the whole new one. The temp name lives in `$TRAINER_HOME/tmp` (0700) when that
folder is on the output's file system: a SIGKILL then leaves nothing beside the output, and the next
start removes what it left. Elsewhere (another file system) the temp file must sit beside the output;
before it is created, a note naming it is written to the scratch folder, and the next start removes the
temp file it names once its writer is gone (`pending_leftovers`). Without a home yet (a `build -o`
before trainer's first start) the temp file sits beside the output, un-noted, as it always did.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from trainer import paths
from trainer.errors import TrainerError

NOTE_PREFIX = "pending-"
_NAME_KEEP = 80  # of the output's name in the temp name (a 255-byte name plus a suffix is too long)


def temp_name(path: Path) -> str:
    """A fresh hidden temp name for `path` (`.NAME.PID-XXXXXXXXXXXX.tmp`), which start-up cleanup
    recognises; the writer's process id in it lets the next start remove it as soon as that process is
    gone, not only once it is stale."""
    return f".{path.name[:_NAME_KEEP]}.{os.getpid()}-{secrets.token_hex(6)}.tmp"


_WRITER = re.compile(r"\.(\d{1,10})-[0-9a-f]{12}\.tmp$")


def writer_gone(name: str) -> bool:
    """Whether a temp name says which process wrote it and that process is no longer running."""
    m = _WRITER.search(name)
    return m is not None and not _alive(int(m.group(1)))


def is_temp_name(name: str) -> bool:
    """Whether `name` is one of trainer's temp names (hidden, with `.tmp` in it)."""
    return name.startswith(".") and ".tmp" in name


def _scratch() -> Path | None:
    if not paths.data_dir().is_dir():  # writing a file is no reason to create trainer's home
        return None
    try:
        folder = paths.private_work_dir()
    except (OSError, TrainerError):  # a read-only home, `tmp` a file: the temp file goes beside the output, un-noted
        return None
    return folder if folder.is_dir() and not folder.is_symlink() else None  # `tmp` a file or a link: not ours


def _same_device(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def _create(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _beside(target: Path, scratch: Path | None) -> tuple[Path, Path | None]:
    """A new empty temp file beside `target`, and the note that names it (None without a scratch folder)."""
    tmp = target.parent / temp_name(target)
    note = None
    if scratch is not None:
        note = scratch / f"{NOTE_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
        fd = os.open(note, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(str(tmp.absolute()))
    try:
        _create(tmp)
    except BaseException:
        if note is not None:
            note.unlink(missing_ok=True)
        raise
    return tmp, note


@contextlib.contextmanager
def staged(path: Path, *, mode: int = 0o600) -> Iterator[Path]:
    """A new empty private file to write `path`'s new content into; when the block ends without an
    exception, it gets `mode`, is synced and replaces `path` in one rename. On an exception (or a
    signal that raises) it is removed and `path` is untouched.

    Raises:
        OSError: the temp file cannot be created, written or renamed.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    scratch = _scratch()
    note: Path | None = None
    if scratch is not None and _same_device(scratch, directory):
        tmp = scratch / temp_name(path)
        _create(tmp)
    else:
        tmp, note = _beside(path, scratch)
    try:
        yield tmp
        os.chmod(tmp, mode)
        _fsync(tmp)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            if exc.errno != errno.EXDEV:  # the same device, but another mount: copy beside, then rename
                raise
            beside, note2 = _beside(path, scratch)
            try:
                shutil.copyfile(tmp, beside)
                os.chmod(beside, mode)
                _fsync(beside)
                os.replace(beside, path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(beside)
                if note2 is not None:
                    note2.unlink(missing_ok=True)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: a process by that id exists
        return True
    return True


def pending_leftovers(scratch: Path, *, stale_s: float, now: float | None = None) -> list[Path]:
    """Remove the temp files beside outputs that the notes in `scratch` name, once their writer is gone
    (or the note is older than `stale_s`), and the notes; returns the temp files removed.

    Only a file with one of trainer's temp names is removed, whatever a note says.
    """
    moment = time.time() if now is None else now
    removed = []
    for note in scratch.glob(f"{NOTE_PREFIX}*"):
        try:
            pid = int(note.name.removeprefix(NOTE_PREFIX).split("-", 1)[0])
            age = moment - note.lstat().st_mtime
            if _alive(pid) and age < stale_s:
                continue
            named = Path(note.read_text(encoding="utf-8").strip())
            if is_temp_name(named.name) and named.is_file() and not named.is_symlink():
                named.unlink()
                removed.append(named)
            note.unlink()
        except (OSError, ValueError, UnicodeDecodeError):
            continue  # unreadable or gone meanwhile: the next start tries again
    return removed
