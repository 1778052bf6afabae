"""A document opened for the outline screen (a file or pasted text), and saving the fixed outline as a
deck file that is synced at once; shared by the TUI and `trainer build --review`. No UI."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from trainer import paths
from trainer.core.built import Built
from trainer.core.model import Deck
from trainer.core.rebuild import Change
from trainer.deckfile import decks
from trainer.deckfile.fsutil import atomic_write, read_bytes
from trainer.errors import DocumentError
from trainer.parse import UNTITLED, alternatives, decode, parse_document, parse_with_notes
from trainer.services.library import DOCUMENTS, MAX_DOCUMENT_BYTES, SyncReport, previous_deck, sync_files
from trainer.services.rebuilds import point_counts, rebuild
from trainer.store.deck_admin import live_points
from trainer.store.handle import Store, as_store

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Control characters other than tab and line breaks: a paste holding many is not a document.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {"\x7f"}


@dataclass(frozen=True, slots=True)
class Draft:
    """What the outline screen opens: the outline to fix, its source text and where it will be saved.

    Attributes:
        deck: The outline to start from: the new build, merged over the deck already at `target`.
        built: The builder's own outline, remembered in the file so a later rebuild keeps the fixes.
        text: The document's text (its lines are what `Point.line` counts).
        target: The deck file 保存 writes.
        previous: The deck already at `target`, if any.
        changes: What the merge over `previous` kept, took and refused.
        warning: A note for the learner (the existing deck could not be read ...).
        source: The document's file name as the builder was given it ("" for pasted text).
    """

    deck: Deck
    built: Built
    text: str
    target: Path
    previous: Deck | None = None
    changes: tuple[Change, ...] = ()
    warning: str = ""
    source: str = ""


def _file_name(name: str) -> str:
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(". ")
    return cleaned[:80] or "deck"


def _draft(fresh: Deck, text: str, target: Path, source: str = "") -> Draft:
    previous, problem = previous_deck(target)
    result = rebuild(fresh, previous)
    return Draft(result.deck, result.built, text, target, previous, result.changes, problem, source)


def open_document(path: Path, *, output: Path | None = None) -> Draft:
    """A document file read and built for the outline screen.

    Raises:
        DocumentError: a folder, a missing, unreadable, binary, too big or empty file, or no sections.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise DocumentError("is a folder; choose a .txt, .md or .html file", path=path)
    data = read_bytes(path, DocumentError, limit=MAX_DOCUMENT_BYTES, kind=DOCUMENTS)
    text = decode(data, source=str(path))
    try:
        fresh = parse_document(text, source=path.name)
    except DocumentError as exc:
        raise DocumentError(exc.message, path=path, line=exc.line) from None
    target = Path(output) if output else paths.user_decks_dir() / f"{path.stem}.yaml"
    if target.resolve() == path.resolve():
        raise DocumentError("the deck cannot be saved over its own document", path=target)
    return _draft(fresh, text, target, path.name)


def open_pasted(text: str, *, output: Path | None = None, taken: Collection[str] = ()) -> Draft:
    """Pasted text built for the outline screen (`taken`: the names of the decks already studied, so an
    untitled paste is not given the name of a deck whose file is gone or lives elsewhere).

    Raises:
        DocumentError: empty, binary-looking or too big text, or no sections in it.
    """
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"the pasted text is {size / 1_000_000:.1f} MB; a document may be at most {MAX_DOCUMENT_BYTES // 1_000_000} MB"
        )
    controls = sum(1 for ch in text if ch in _CONTROL)
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise DocumentError("the pasted text looks binary (control characters), not a document")
    fresh = parse_document(text)
    if output is None and fresh.name == UNTITLED:
        fresh = _free_untitled(fresh, taken)  # another untitled paste is another deck, never merged into the first
    target = Path(output) if output else paths.user_decks_dir() / f"{_file_name(fresh.name)}.yaml"
    return _draft(fresh, text, target)


def _free_untitled(deck: Deck, taken: Collection[str] = ()) -> Deck:
    """The untitled deck named 未命名, or 未命名2, 未命名3 ... when the deck folder has that file already or
    a deck of that name is studied (its file gone, or in another folder)."""
    folder = paths.user_decks_dir()
    n = 1
    while (name := deck.name if n == 1 else f"{UNTITLED}{n}") in taken or (
        folder / f"{_file_name(name)}.yaml"
    ).exists():
        n += 1
    return deck if n == 1 else replace(deck, name=f"{UNTITLED}{n}")


def save_draft(engine: Engine | Store, draft: Draft, deck: Deck, *, now: datetime) -> SyncReport:
    """Write the fixed outline to the draft's deck file (atomically, remembering the builder's outline)
    and sync it, so its cards are on home at once; over a deck already there (of the same name), the
    report's `updated` counts its new and changed points.

    Raises:
        TrainerError: the file cannot be written, or the deck cannot be synced (its name is another
            file's deck ...); the file is then left as it was.
    """
    data = decks.dumps(decks.with_built(deck, draft.built)).encode("utf-8")
    store = as_store(engine)
    with store.read() as r:
        points_before = live_points(
            r.session, deck.name
        )  # a deck of that name already there (bundled, or built before)
    target = draft.target
    before = target.read_bytes() if target.is_file() else None
    paths.make_private_dirs(target.parent)
    atomic_write(target, data)
    try:
        (report,) = [r for r in sync_files(store, [target], now=now, revive=True) if r.path == target]
    except Exception:
        # Not synced: put the file back as it was, so nothing is half done.
        if before is None:
            target.unlink(missing_ok=True)
        else:
            atomic_write(target, before)
        raise
    return report if points_before is None else replace(report, updated=point_counts(points_before, deck))


def list_items(text: str) -> list[tuple[str, str]]:
    """The (head, body) of each item of the list a text holds (a point's body: `一是…，二是…`), as the
    builder reads them, in order; none when it finds no list (paragraphs of prose are not one), or
    lists under headings of their own (`一、学习` over 1. 2., `二、查摆` over 1. 2.: one section cannot
    hold them without losing the headings)."""
    try:
        deck, notes = parse_with_notes(text)
    except DocumentError:
        return []
    sections = [s for t in deck.topics for s in t.sections]
    lists = [s for s, note in zip(sections, notes, strict=True) if not note.prose and s.points]
    return [(p.head, p.body) for p in lists[0].points] if len(lists) == 1 else []


def draft_readings(draft: Draft) -> list[tuple[str, Deck]]:
    """The outlines the learner can start from: the builder's own (the draft's), then each other
    reading of the document (a group of numbered items read as points instead of headings, or the other
    way), each merged over the deck already at the target as the draft was. What a later rebuild merges
    against stays the builder's own outline: a reading chosen is the learner's change, and kept."""
    out = [("原读法", draft.deck)]
    try:
        others = alternatives(draft.text, source=draft.source)
    except DocumentError:
        return out
    for other in others:
        deck = rebuild(other.deck, draft.previous).deck
        lost = f"（原读法的 {other.left_out} 点不在其中）" if other.left_out else ""
        out.append((other.what + lost, replace(deck, name=draft.deck.name)))
    return out
