"""The decks folder beside each database backup: `trainer-<stamp>-<reason>.db` gets a
`trainer-<stamp>-<reason>.decks.zip` of `$TRAINER_HOME/decks/`, and a restore puts it back; no UI.

The learner's deck files hold what the database cannot rebuild (hand edits, the last build's outline),
so a restore of the database alone would bring back cards whose files are gone or changed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from trainer import paths
from trainer.deckfile.staging import staged
from trainer.errors import StoreError

SUFFIX = ".decks.zip"


def archive_path(db_backup: Path) -> Path:
    """Where the decks folder of a database backup is kept."""
    db_backup = Path(db_backup)
    return db_backup.with_name(db_backup.name.removesuffix(".db") + SUFFIX)


def archive_decks(db_backup: Path, decks_dir: Path | None = None) -> Path | None:
    """Zip the decks folder beside a database backup (mode 0600); None when there is no decks folder.

    Raises:
        StoreError: the archive cannot be written (nothing is left half-written).
    """
    folder = Path(decks_dir or paths.user_decks_dir())
    if not folder.is_dir():
        return None
    target = archive_path(db_backup)
    try:
        # Shaped in trainer's scratch folder and renamed in: a kill leaves nothing in the backups folder.
        with staged(target) as tmp, tmp.open("wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(folder.rglob("*")):
                if f.is_file() and not f.is_symlink():
                    zf.write(f, f.relative_to(folder).as_posix())
    except OSError as exc:
        raise StoreError(f"could not back up the decks folder: {exc.strerror or exc}", path=target) from None
    return target


def _safe_members(zf: zipfile.ZipFile, archive: Path) -> list[zipfile.ZipInfo]:
    members = []
    for info in zf.infolist():
        name = PurePosixPath(info.filename)
        if info.is_dir():
            continue
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename or not name.parts:
            raise StoreError(f"unsafe file name {info.filename!r} in the decks backup; refusing it", path=archive)
        members.append(info)
    return members


def restore_decks(db_backup: Path, decks_dir: Path | None = None) -> bool:
    """Put back the decks folder saved beside a database backup; False when that backup has none.

    The folder is unpacked beside the decks folder first and swapped in with renames, so a failure
    leaves the current folder as it was.

    Raises:
        StoreError: the archive is damaged or holds unsafe names, or the folder cannot be replaced.
    """
    archive = archive_path(db_backup)
    if not archive.is_file():
        return False
    folder = Path(decks_dir or paths.user_decks_dir())
    paths.make_private_dirs(folder.parent)
    staging = Path(tempfile.mkdtemp(prefix=".decks-restore-", suffix=".tmp", dir=folder.parent))
    old = folder.with_name(folder.name + ".before-restore")
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                for info in _safe_members(zf, archive):
                    dest = staging.joinpath(*PurePosixPath(info.filename).parts)
                    paths.make_private_dirs(dest.parent)
                    # The learner's decks are private: 0600, whatever the archive or the umask says.
                    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    with zf.open(info) as src, os.fdopen(fd, "wb") as out:
                        shutil.copyfileobj(src, out)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise StoreError(
                f"the decks backup is damaged ({exc}); decks folder left as it was", path=archive
            ) from None
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise StoreError(f"could not restore the decks folder: {exc.strerror or exc}", path=folder) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True
