"""Saving an in-app point edit: into the deck file it came from (or the learner's copy) and the database; no UI.

An edit goes through the same path as a changed deck file: the edited deck is written atomically, then
synced, so cards the edit gives or takes away are added or retired (never deleted) and the next start
sees the file as unchanged.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import paths
from trainer.core.cards import ALL_KINDS
from trainer.core.model import Deck, Point, point_id
from trainer.deckfile import decks
from trainer.deckfile.fsutil import atomic_write, read_bytes
from trainer.errors import DeckError
from trainer.parse.deckops import with_edits
from trainer.services.library import is_bundled
from trainer.services.outputs import check_output
from trainer.store.card_ops import DeckSource, deck_source
from trainer.store.export import load_decks

if TYPE_CHECKING:
    from sqlalchemy import Engine

from trainer.store.handle import Store, as_store
from trainer.store.sync import sync_deck, synced_deck

# (point id, head, body), as the edit screen returns them.
Changes = Sequence[tuple[str, str, str]]


@dataclass(frozen=True, slots=True)
class EditSaved:
    """Where an edit went and what it did to the deck's cards."""

    path: Path
    copied: bool  # saved as a copy in the user's decks folder (the deck file was bundled or read-only)
    added: int
    retired: int
    # The deck file had changed since its last sync (or could not be read): it was left alone.
    left_alone: Path | None = None

    @property
    def message(self) -> str:
        """A line for the learner."""
        where = f"已另存到你的卡组文件夹：{self.path}" if self.copied else f"已写入卡组文件：{self.path}"
        if self.left_alone is not None:
            where = (
                f"卡组文件 {self.left_alone} 在上次同步后被改动过（或无法读取），没有覆盖它；"
                f"编辑已另存为：{self.path}。请把两份合并成一份，再删掉另一份"
            )
        extra = ""
        if self.added or self.retired:
            extra = f"（新增 {self.added} 张卡片，停用 {self.retired} 张）"
        return f"已保存，复习记录保留。{where}{extra}"


def add_point(
    store: Store | Engine, card_id: int, topic: str, heading: str, head: str, body: str, *, now: datetime
) -> EditSaved:
    """Add a point at the end of a section (topic title and heading) of a card's deck: deck file first,
    then the database, as an edit is saved (see `save_edits`); its cards come in as new cards.

    Raises:
        DeckError: an empty head, no such section, or a point with that head already in it.
        TrainerError: the file cannot be written (nothing is changed then).
    """
    head, body = head.strip(), body.strip()
    if not head:
        raise DeckError("要点不能为空")

    def added(deck: Deck) -> Deck:
        topics = list(deck.topics)
        for ti, t in enumerate(topics):
            for si, section in enumerate(t.sections):
                if t.title != topic or section.heading != heading:
                    continue
                pid = point_id(topic, section.kind, head)
                if any(p.id == pid for p in section.points):
                    raise DeckError(f"「{heading}」已有要点「{head}」")
                points = (*section.points, Point(id=pid, head=head, body=body))
                sections = list(t.sections)
                sections[si] = replace(section, points=points)
                topics[ti] = replace(t, sections=tuple(sections))
                return replace(deck, topics=tuple(topics))
        raise DeckError(f"卡组「{deck.name}」没有「{topic} › {heading}」这一小节")

    return _rewrite(as_store(store), card_id, added, now=now)


def save_edits(store: Store | Engine, card_id: int, changes: Changes, *, now: datetime) -> EditSaved:
    """Change points of a card's deck in its deck file and in the database, in that order.

    The deck file is the one the deck was synced from, written only when it still holds exactly the
    bytes that were synced. When it is bundled with trainer or cannot be written, the edited deck is
    saved under the same file name in the user's decks folder (which sync then prefers). When it is
    gone, changed since the sync (a hand edit not yet synced, a YAML typo) or unreadable, the deck is
    rebuilt from the database and saved as a new file in the user's decks folder, and the changed file
    is never written over. If the database write fails after the file was written, the next sync applies it.

    Raises:
        DeckError: an empty head, or a point no longer in the deck.
        TrainerError: the file cannot be written (nothing is changed then).
    """
    store = as_store(store)

    return _rewrite(store, card_id, lambda deck: with_edits(deck, {pid: (h, b) for pid, h, b in changes}), now=now)


def _rewrite(store: Store, card_id: int, change: Callable[[Deck], Deck], *, now: datetime) -> EditSaved:
    """The card's deck, changed, written to its file (or the learner's copy), then synced."""
    with store.read() as r:
        source = deck_source(r.session, card_id)
        synced = synced_deck(r.session, source.path)
    path = Path(source.path)
    deck = _synced_file_deck(path, source.name, synced[1] if synced else None)
    changed = deck is None and path.exists()
    if deck is None:
        deck = _stored_deck(store, source)
    deck = change(deck)
    target = _copy_target(path) if changed else _target(path)
    check_output(target, deck_writer=True)
    data = decks.encode(deck, target)
    paths.make_private_dirs(target.parent)
    atomic_write(target, data)
    with store.write() as w:
        result = sync_deck(
            w.session, deck, path=str(target.resolve()), content_hash=hashlib.sha256(data).hexdigest(), now=now
        )
    return EditSaved(
        path=target,
        copied=target != path,
        added=result.cards_added,
        retired=result.cards_retired,
        left_alone=path if changed else None,
    )


def _synced_file_deck(path: Path, name: str, synced_hash: str | None) -> Deck | None:
    """The deck in its file when the file holds exactly the bytes last synced; else None."""
    if not path.is_file() or synced_hash is None:
        return None
    try:
        data = read_bytes(path, DeckError, limit=decks.MAX_DECK_BYTES)
        if hashlib.sha256(data).hexdigest() != synced_hash:
            return None
        deck = decks.loads(data.decode("utf-8-sig"), path=str(path))
    except (DeckError, UnicodeDecodeError):
        return None
    return deck if deck.name == name else None


def _stored_deck(store: Store, source: DeckSource) -> Deck:
    """The deck rebuilt from the database. Its file's other keys are lost; the two that change which
    cards exist and how they are scheduled are carried: `scheduler`, and `cards` (the kinds made so far)."""
    with store.read() as r:
        deck = load_decks(r.session, [source.name])[0]
    settings: dict[str, object] = {}
    if source.scheduler != "sm2":
        settings["scheduler"] = source.scheduler
    if set(source.kinds) != {k.value for k in ALL_KINDS}:
        settings["cards"] = [k.value for k in ALL_KINDS if k.value in source.kinds]
    return replace(deck, settings=settings)


def _writable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _target(path: Path) -> Path:
    """The file to save the edited deck to: its own file when the learner may write it, else a copy
    of the same name in the user's decks folder (numbered when that name is taken: never written over)."""
    if _writable(path) and not is_bundled(path):
        return path
    folder = paths.user_decks_dir()
    candidate, n = folder / path.name, 2
    while candidate.exists():
        candidate, n = folder / f"{path.stem}-{n}{path.suffix or '.yaml'}", n + 1
    return candidate


def _copy_target(path: Path) -> Path:
    """A new file in the user's decks folder, named after `path`: never one that exists."""
    folder = paths.user_decks_dir()
    stem, suffix = path.stem or "deck", path.suffix or ".yaml"
    candidate, n = folder / f"{stem}-edited{suffix}", 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-edited-{n}{suffix}", n + 1
    return candidate
