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

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer import paths
from trainer.core.model import Deck, Point, point_id
from trainer.deckfile import decks
from trainer.deckfile.fsutil import atomic_write
from trainer.errors import DeckError
from trainer.services.library import is_bundled
from trainer.store.card_ops import DeckSource, deck_source
from trainer.store.sync import sync_deck

# (point id, head, body), as the edit screen returns them.
Changes = Sequence[tuple[str, str, str]]


@dataclass(frozen=True, slots=True)
class EditSaved:
    """Where an edit went and what it did to the deck's cards."""

    path: Path
    copied: bool  # saved as a copy in the user's decks folder (the deck file was bundled or read-only)
    added: int
    retired: int

    @property
    def message(self) -> str:
        """A line for the learner."""
        where = f"已另存到你的卡组文件夹：{self.path}" if self.copied else f"已写入卡组文件：{self.path}"
        extra = ""
        if self.added or self.retired:
            extra = f"（新增 {self.added} 张卡片，停用 {self.retired} 张）"
        return f"已保存，复习记录保留。{where}{extra}"


def add_point(
    engine: Engine, card_id: int, topic: str, heading: str, head: str, body: str, *, now: datetime
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

    return _rewrite(engine, card_id, added, now=now)


def save_edits(engine: Engine, card_id: int, changes: Changes, *, now: datetime) -> EditSaved:
    """Change points of a card's deck in its deck file and in the database, in that order.

    The deck file is the one the deck was synced from; when it is bundled with trainer or cannot be
    written, the edited deck is saved under the same file name in the user's decks folder (which
    sync then prefers). When the file is gone or no longer holds the deck, the deck is rebuilt from
    the database. If the database write fails after the file was written, the next sync applies it.

    Raises:
        DeckError: an empty head, or a point no longer in the deck.
        TrainerError: the file cannot be written (nothing is changed then).
    """
    from trainer.parse.deckops import with_edits

    return _rewrite(engine, card_id, lambda deck: with_edits(deck, {pid: (h, b) for pid, h, b in changes}), now=now)


def _rewrite(engine: Engine, card_id: int, change: Callable[[Deck], Deck], *, now: datetime) -> EditSaved:
    """The card's deck, changed, written to its file (or the learner's copy), then synced."""
    with Session(engine) as s:
        source = deck_source(s, card_id)
    path = Path(source.path)
    deck = _file_deck(path, source.name)
    if deck is None:
        deck = _stored_deck(engine, source)
    deck = change(deck)
    target = _target(path, deck.name)
    data = decks.dumps(deck).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    with Session(engine) as s, s.begin():
        result = sync_deck(s, deck, path=str(target.resolve()), content_hash=hashlib.sha256(data).hexdigest(), now=now)
    return EditSaved(path=target, copied=target != path, added=result.cards_added, retired=result.cards_retired)


def _file_deck(path: Path, name: str) -> Deck | None:
    """The deck in its file, or None when the file is missing, unreadable or holds another deck."""
    if not path.is_file():
        return None
    try:
        deck = decks.load(path)
    except DeckError:
        return None
    return deck if deck.name == name else None


def _stored_deck(engine: Engine, source: DeckSource) -> Deck:
    """The deck rebuilt from the database. Its file's other keys are lost; the two that change which
    cards exist and how they are scheduled are carried: `scheduler`, and `cards` (the kinds made so far)."""
    from trainer.core.cards import ALL_KINDS
    from trainer.store.export import load_decks

    with Session(engine) as s:
        deck = load_decks(s, [source.name])[0]
    settings: dict[str, object] = {}
    if source.scheduler != "sm2":
        settings["scheduler"] = source.scheduler
    if set(source.kinds) != {k.value for k in ALL_KINDS}:
        settings["cards"] = [k.value for k in ALL_KINDS if k.value in source.kinds]
    return replace(deck, settings=settings)


def _writable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _target(path: Path, name: str) -> Path:
    """The file to save the edited deck to: its own file when the learner may write it, else a copy
    of the same name in the user's decks folder (numbered if that name holds another deck)."""
    if _writable(path) and not is_bundled(path):
        return path
    folder = paths.user_decks_dir()
    candidate, n = folder / path.name, 2
    while candidate.exists() and _file_deck(candidate, name) is None:
        candidate, n = folder / f"{path.stem}-{n}{path.suffix or '.yaml'}", n + 1
    return candidate
