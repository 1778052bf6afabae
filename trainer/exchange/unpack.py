"""Anki packages opened with bounded work: the collection is streamed out of the zip (and zstd) in chunks
and refused by its declared and its actual size; the entry count and the table sizes are checked before
anything is read whole, and reading it is bounded in time; no deck building, no UI."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import zstandard

from trainer.errors import DocumentError

MAX_ZIP_ENTRIES = 100_000  # media files count too; each costs zipfile ~500 bytes of memory
_EOCD = b"PK\x05\x06"


def _zip_entries(path: Path) -> int | None:
    """The entry count from the zip's end record (read from its last 64 KB), before zipfile reads them all."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 66_000))
        tail = fh.read()
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    (total,) = struct.unpack("<H", tail[at + 10 : at + 12])
    return int(total)


# Bounds for a package: a real collection of 100k notes with years of history is ~100 MB unpacked.
MAX_PACKAGE_BYTES = 200_000_000
MAX_COLLECTION_BYTES = 500_000_000
MAX_NOTES = 100_000  # 100k notes import in ~7 s of CPU (the floor: 10 s for a package this small)
# Answers are replayed one by one onto the cards (~7,000 a second): more would break the floor of 1 s
# per MB (10 s at least) of a package that small; a larger history is refused, its notes still come
# with `--no-history`.
MAX_REVIEWS = 50_000
MAX_CSV_BYTES = 10_000_000
MAX_CARDS = 2_000_000  # cards of the notes (a note has one card per cloze or template)
MAX_SMALL_ROWS = 10_000  # note types, their fields, decks: a collection has tens
MAX_NOTE_TEXT_BYTES = 100_000_000  # the notes' fields, read whole into memory (20 deck files' worth)
MAX_JSON_BYTES = 20_000_000  # a legacy collection's `col.models` and `col.decks`, parsed whole
# Reading the collection gives up after this many seconds plus this many per MB of it: every query is
# linear and a real collection is read far faster, but a crafted one (a recursive view named `notes`, a
# query plan made slow on purpose) would run for good.
READ_BASE_S, READ_S_PER_MB = 10.0, 1.0
_REQUIRED = {"col", "notes", "cards"}
_CHUNK = 1 << 20


def _too_big(path: Path, what: str, limit: int) -> DocumentError:
    return DocumentError(
        f"{what} is over {limit / 1e6:g} MB unpacked; refusing it (a damaged package or an archive bomb?)", path=path
    )


def unpack_collection(path: Path, out: BinaryIO) -> None:
    """Stream the package's collection into `out`, refusing it by its declared and its actual size.

    Nothing is held whole in memory: members are read and (for `collection.anki21b`) zstd-decompressed
    in chunks of 1 MB, and the copy stops as soon as it passes `MAX_COLLECTION_BYTES`.
    """
    if Path(path).stat().st_size > MAX_PACKAGE_BYTES:
        raise DocumentError(f"the package is over {MAX_PACKAGE_BYTES / 1e6:g} MB; refusing it", path=path)
    entries = _zip_entries(Path(path))
    if entries is not None and entries >= min(MAX_ZIP_ENTRIES, 0xFFFF):  # 0xFFFF: a zip64 count, larger still
        raise DocumentError(f"the package holds {entries}+ files; refusing it (an archive bomb?)", path=path)
    try:
        with zipfile.ZipFile(path) as z:
            members = {info.filename: info for info in z.infolist()}
            for name in ("collection.anki21b", "collection.anki21", "collection.anki2"):
                info = members.get(name)
                if info is None:
                    continue
                if info.file_size > MAX_COLLECTION_BYTES:
                    raise _too_big(path, name, MAX_COLLECTION_BYTES)
                with z.open(info) as fh:
                    if name.endswith("b"):
                        stream = zstandard.ZstdDecompressor().stream_reader(fh, read_size=_CHUNK)
                        _copy_bounded(stream, out, path, name)
                    else:
                        _copy_bounded(fh, out, path, name)
                return
    except zipfile.BadZipFile:
        raise DocumentError("not an Anki package (not a zip file)", path=path) from None
    except zstandard.ZstdError as exc:
        raise DocumentError(f"damaged Anki package: {exc}", path=path) from None
    except (OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise DocumentError(f"cannot read package: {exc}", path=path) from None
    raise DocumentError("not an Anki package (no collection inside)", path=path)


def _copy_bounded(src: Any, out: BinaryIO, path: Path, name: str) -> None:
    total = 0
    while chunk := src.read(_CHUNK):
        total += len(chunk)
        if total > MAX_COLLECTION_BYTES:
            raise _too_big(path, name, MAX_COLLECTION_BYTES)
        out.write(chunk)


def count_bounded(db: sqlite3.Connection, table: str, limit: int, what: str, path: Path) -> None:
    # `LIMIT` makes the count itself bounded: it stops one row past the limit.
    (n,) = db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT {limit + 1})").fetchone()
    if n > limit:
        raise DocumentError(f"more than {limit} {what} in this package; refusing it (split it in Anki)", path=path)


def check_collection(db: sqlite3.Connection, path: Path, *, history: bool = True) -> set[str]:
    """Refuse a collection whose reading would not be bounded: the tables it needs must be tables (not
    views, which could compute rows for ever), and every table read whole is bounded in rows and bytes.

    Returns:
        The collection's table names (without `revlog` when its history, not wanted, is over its bound).

    Raises:
        DocumentError: a table missing or not a table, or over its bound.
    """
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables >= _REQUIRED:
        missing = ", ".join(sorted(_REQUIRED - tables))
        raise DocumentError(f"not an Anki collection (no {missing} table); refusing it", path=path)
    count_bounded(db, "notes", MAX_NOTES, "notes", path)
    count_bounded(db, "cards", MAX_CARDS, "cards", path)
    if "revlog" in tables and history:
        (n,) = db.execute(f"SELECT count(*) FROM (SELECT 1 FROM revlog LIMIT {MAX_REVIEWS + 1})").fetchone()
        if n > MAX_REVIEWS and not history:
            tables.discard("revlog")  # not wanted, and too long to count what is left out: not read
        elif n > MAX_REVIEWS:
            raise DocumentError(
                f"more than {MAX_REVIEWS} answers in this package's review history; refusing it (import the"
                " notes alone with --no-history, or export fewer decks from Anki)",
                path=path,
            )
    for table in ("notetypes", "fields", "decks"):
        if table in tables:
            count_bounded(db, table, MAX_SMALL_ROWS, f"rows in its {table} table", path)
    (text,) = db.execute(
        f"SELECT coalesce(sum(length(CAST(flds AS BLOB))), 0) FROM (SELECT flds FROM notes LIMIT {MAX_NOTES})"
    ).fetchone()
    if text > MAX_NOTE_TEXT_BYTES:
        raise DocumentError(
            f"the notes hold over {MAX_NOTE_TEXT_BYTES / 1e6:g} MB of text; refusing it (split it in Anki)", path=path
        )
    row = db.execute(
        "SELECT max(coalesce(length(CAST(models AS BLOB)), 0), coalesce(length(CAST(decks AS BLOB)), 0)) FROM col"
    ).fetchone()
    if row is not None and (row[0] or 0) > MAX_JSON_BYTES:
        raise DocumentError(f"its note types or decks are over {MAX_JSON_BYTES / 1e6:g} MB; refusing it", path=path)
    return tables


@contextlib.contextmanager
def time_bounded(db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Interrupt any query on `db` once reading has taken `READ_BASE_S` + `READ_S_PER_MB` per MB of the
    collection file; the interrupted read is one clear DocumentError.

    Raises:
        DocumentError: the time ran out.
    """
    size_mb = Path(db.execute("PRAGMA database_list").fetchone()[2]).stat().st_size / 1e6
    allowed = READ_BASE_S + READ_S_PER_MB * size_mb
    deadline = time.monotonic() + allowed
    timed_out = False

    def _check() -> int:
        nonlocal timed_out
        timed_out = time.monotonic() > deadline
        return 1 if timed_out else 0  # non-zero: SQLite stops the query with "interrupted"

    db.set_progress_handler(_check, 10_000)
    try:
        yield
    except sqlite3.OperationalError:
        if timed_out:
            raise DocumentError(
                f"reading the Anki collection took over {allowed:.0f} s; refusing it (a damaged or crafted"
                " collection?)",
                path=path,
            ) from None
        raise
    finally:
        db.set_progress_handler(None, 0)
