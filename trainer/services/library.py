"""Deck files for the CLI and the TUI: find them, build decks from documents, sync them into the store; no UI."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import paths
from trainer.core.model import Deck
from trainer.core.safetext import clean_text
from trainer.deckfile import decks
from trainer.deckfile.fsutil import read_bytes
from trainer.errors import DeckError, DocumentError, TrainerError
from trainer.parse import SectionNote, alternatives, carry_ids, decode, merge_decks, parse_with_notes

if TYPE_CHECKING:
    from sqlalchemy import Engine

from trainer.store.deck_admin import REMOVED, list_decks, remove_deck
from trainer.store.handle import Store, as_store
from trainer.store.sync import sync_deck, synced_deck

DECK_SUFFIXES = (".yaml", ".yml")
# A 申论 document is tens of kilobytes. Building runs at ~0.4-1 MB/s (parse and cards), and no input
# within the limits may take over 1 s per MB (10 s at least): 2 MB is 50 real documents in one file.
MAX_DOCUMENT_BYTES = 2_000_000
# How the size message names them: a 申论 document is tens of KB; one over the limit is the wrong file.
DOCUMENTS = "documents to build from"


def find_deck_files(targets: Iterable[Path], *, missing_ok: bool = False) -> list[Path]:
    """Deck files named directly, or found (sorted) in the folders named.

    Raises:
        DeckError: a named path does not exist (unless `missing_ok`), or a named file is not YAML.
    """
    found: list[Path] = []
    for target in targets:
        target = Path(target)
        if target.is_dir():
            found += sorted(p for p in target.rglob("*") if p.suffix in DECK_SUFFIXES and p.is_file())
        elif target.is_file():
            if target.suffix not in DECK_SUFFIXES:
                raise DeckError("not a deck file (expected .yaml or .yml)", path=target)
            found.append(target)
        elif target.exists():  # a FIFO or a device: never read (it could block or never end)
            raise DeckError("is a device or pipe, not a deck file", path=target)
        elif not missing_ok:
            raise DeckError("no such file or folder", path=target)
    return found


def is_bundled(path: Path) -> bool:
    """Whether a deck file is one shipped with trainer (never written to)."""
    return Path(path).resolve().is_relative_to(paths.bundled_decks_dir().resolve())


@dataclass(frozen=True, slots=True)
class SyncReport:
    """One deck file's sync: skipped when its content hash had not changed."""

    path: Path
    deck: str
    skipped: bool
    added: int = 0
    retired: int = 0
    kept: int = 0
    shadowed: bool = False  # a bundled deck skipped for the learner's own deck of that name
    removed: bool = False  # a removed deck's unchanged file, skipped (naming the file brings it back)
    gone: bool = False  # the deck's file was deleted from a synced folder: the deck was removed
    updated: tuple[int, int] | None = None  # a build saved over a deck already there: (new, changed) points


def sync_files(
    store: Store | Engine,
    files: list[Path],
    *,
    now: datetime,
    on_error: Callable[[TrainerError], None] | None = None,
    folders: Iterable[Path] = (),
    revive: bool = False,
) -> list[SyncReport]:
    """Load deck files into the database, each in its own transaction; unchanged files are skipped.

    A deck removed with `trainer deck remove` stays removed while its file is unchanged, unless
    `revive` (the learner named the file). A deck whose file was in one of `folders` and is gone is
    removed (cards retired, history kept), unless another file now gives a deck of its name.

    Every file is parsed before anything is written. Without `on_error`, one bad deck raises and the
    database is left untouched; with it, bad decks are reported to `on_error` and the rest synced.
    Two files with one deck name are an error, except a bundled deck and the learner's own deck of
    that name (the copy an in-app edit saved): the learner's deck is synced, the bundled one skipped.
    """
    store = as_store(store)
    with _cyclic_gc_paused():
        reports = _sync_files(store, files, now=now, on_error=on_error, revive=revive)
        return reports + _remove_gone(store, folders, {r.deck for r in reports if r.deck})


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a sync builds its decks and rows: they are a million
    live objects, which its collections would walk again and again (0.9 s of a 4 s sync of 100k
    points). Reference counting still frees everything; a sync makes no cycles worth collecting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sync_files(
    store: Store,
    files: list[Path],
    *,
    now: datetime,
    on_error: Callable[[TrainerError], None] | None,
    revive: bool,
) -> list[SyncReport]:
    reports: list[SyncReport] = []
    with store.read() as r:  # no write lock while the files are read
        known = {str(f.resolve()): synced_deck(r.session, str(f.resolve())) for f in files}
    read: list[tuple[Path, str, Deck | None, str]] = []  # (file, hash, deck or None if unchanged, name)
    for f in files:
        try:
            data = read_bytes(f, DeckError, limit=decks.MAX_DECK_BYTES)
            digest = hashlib.sha256(data).hexdigest()
            record = known.get(str(f.resolve()))
            if record is not None and record[1] == digest:
                read.append((f, digest, None, record[0]))
                continue
            if record is not None and record[1] == REMOVED + digest and not revive:
                reports.append(SyncReport(path=f, deck=record[0], skipped=True, removed=True))
                continue
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DeckError(f"deck files must be UTF-8 ({exc.reason})", path=f) from None
            deck = decks.loads(text, path=str(f))
        except TrainerError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        read.append((f, digest, deck, deck.name))
    # A deck edited in the app is saved as a user copy of its bundled file; the copy wins.
    own_names = {name for f, _, _, name in read if not is_bundled(f)}
    pending: list[tuple[Path, str, Deck]] = []
    # The files already synced hold their names first: a second file of one of those names is reported
    # now, not only once the first one changes.
    names = {name: f for f, _, deck, name in read if deck is None and not (is_bundled(f) and name in own_names)}
    for f, digest, maybe_deck, name in read:
        if maybe_deck is None or (is_bundled(f) and name in own_names):
            shadowed = maybe_deck is not None
            reports.append(SyncReport(path=f, deck=name if shadowed else "", skipped=True, shadowed=shadowed))
            continue
        if names.get(name, f) != f:
            clash = DeckError(f"deck name {name!r} is also used by {names[name]}", path=f)
            if on_error is None:
                raise clash
            on_error(clash)
            continue
        names[name] = f
        pending.append((f, digest, maybe_deck))
    for f, digest, deck in pending:
        with store.write() as w:
            result = sync_deck(w.session, deck, path=str(f.resolve()), content_hash=digest, now=now)
        reports.append(
            SyncReport(
                path=f,
                deck=deck.name,
                skipped=False,
                added=result.cards_added,
                retired=result.cards_retired,
                kept=result.cards_kept,
            )
        )
    return reports


def build_deck(documents: list[Path], *, name: str | None = None, previous: Deck | None = None) -> Deck:
    """Read documents (any supported encoding) and parse them into one deck (see `build_with_notes`)."""
    return build_with_notes(documents, name=name, previous=previous)[0]


def build_with_notes(
    documents: list[Path], *, name: str | None = None, previous: Deck | None = None, reading: int = 1
) -> tuple[Deck, dict[tuple[str, str, str], SectionNote]]:
    """Read documents (any supported encoding) and parse them into one deck, with how sure the builder
    is of each section, by (topic, heading, kind); each document is read and parsed once.

    Args:
        documents: The source documents, in order.
        name: The deck name; by default the previous deck's name, else the first document's title.
        previous: The deck file this build replaces: its point ids are carried over to the same or
            lightly edited points (so review history is kept), and its name and extra keys
            (`scheduler`, `cards` ...) are kept.
        reading: Which reading of each document: 1 the builder's own, 2 and on its other readings in
            the order `other_readings` lists them.

    Raises:
        DocumentError: a document is missing, unreadable, binary, empty, or holds no sections.
    """
    built = []
    notes: dict[tuple[str, str, str], SectionNote] = {}
    for doc in documents:
        text = _document_text(doc)
        try:
            deck, doc_notes = parse_with_notes(text, source=doc.name) if reading == 1 else _reading(text, doc, reading)
        except DocumentError as exc:
            # The parser knows the file by its name; the learner wants the path they typed.
            raise DocumentError(exc.message, path=doc, line=exc.line) from None
        built.append(deck)
        for note in doc_notes:
            notes.setdefault((note.topic, note.heading, note.kind.value), note)
    if previous is None:
        return merge_decks(built, name=name), notes
    deck = merge_decks(built, name=name or previous.name)
    deck = carry_ids(deck, previous)
    return replace(deck, settings={**deck.settings, **previous.settings}), notes


def _document_text(doc: Path) -> str:
    """A document file's text, decoded (any supported encoding) and cleaned: document text is data,
    never terminal control."""
    data = read_bytes(doc, DocumentError, limit=MAX_DOCUMENT_BYTES, kind=DOCUMENTS)
    return clean_text(decode(data, source=str(doc)))


def _reading(text: str, doc: Path, n: int) -> tuple[Deck, list[SectionNote]]:
    others = alternatives(text, source=doc.name)
    if not 2 <= n <= len(others) + 1:
        raise DocumentError(f"has {len(others) + 1} reading(s); --reading {n} is not one of them", path=doc)
    return others[n - 2].deck, others[n - 2].notes


def other_readings(document: Path) -> list[tuple[str, int]]:
    """What each other reading of one document reads otherwise (`--reading 2` is the first), with how
    many of the builder's own points it leaves out, for the learner to choose from; none for an
    unreadable document."""
    try:
        return [(a.what, a.left_out) for a in alternatives(_document_text(document), source=document.name)]
    except DocumentError:
        return []


def previous_deck(path: Path) -> tuple[Deck | None, str]:
    """The deck already at a build's output path, or None (with the reason) when there is none or it
    cannot be read as a deck."""
    if not path.exists():
        return None, ""
    try:
        return decks.load(path), ""
    except DeckError as exc:
        return None, f"existing {path} is not a valid deck, its ids are not carried over: {exc.message}"


def _remove_gone(store: Store, folders: Iterable[Path], synced: set[str]) -> list[SyncReport]:
    """Remove the decks whose files were in `folders` and are gone (and no other file gives them)."""
    roots = [Path(f).resolve() for f in folders]
    if not roots:
        return []
    reports = []
    with store.write() as w:
        session = w.session
        for info in list_decks(session):
            path = Path(info.path) if info.path else None
            if path is None or info.removed or info.name in synced or not any(path.is_relative_to(r) for r in roots):
                continue
            if not path.exists():
                retired = remove_deck(session, info.name)
                reports.append(SyncReport(path=path, deck=info.name, skipped=False, retired=retired, gone=True))
    return reports
