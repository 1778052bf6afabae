"""The study session's cards set aside or changed mid-session: bury, suspend, edit, a topic's cards only;
through the store handle, undone by `StudySession.undo`."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from trainer.store import drill
from trainer.store.convert import CardState, ReviewCard
from trainer.store.handle import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trainer.services.edits import Changes, EditSaved


@dataclass(slots=True)
class _Change:
    """A bury or suspend in this session, undone by putting `before` back."""

    card_id: int
    before: CardState
    answers_before: int  # len(done) when it happened, so undo takes changes and answers in order


class SetAside:
    """`StudySession`'s bury, suspend, edit and topic narrowing (its fields, declared here for the methods)."""

    store: Store
    clock: Callable[[], datetime]
    today: int
    queue: deque[int]
    done: list[Any]
    cards: dict[int, ReviewCard]
    deck_of: dict[int, int]
    changes: list[_Change]

    def current(self) -> ReviewCard | None:
        raise NotImplementedError

    def _drop(self, stale: set[int]) -> None:
        raise NotImplementedError

    def _set_aside(self, change: Callable[[Session, int], CardState]) -> None:
        card = self.current()
        if card is None:
            raise LookupError("no card to set aside")
        with self.store.write() as w:
            before = change(w.session, card.card_id)
        self.changes.append(_Change(card.card_id, before, len(self.done)))
        self.queue.popleft()

    def bury(self) -> None:
        """Hide the current card until tomorrow (undo brings it back)."""
        from trainer.store import card_ops

        self._set_aside(lambda s, card_id: card_ops.bury(s, card_id, self.today))

    def suspend(self) -> None:
        """Suspend the current card until it is unsuspended in the browser (undo brings it back)."""
        from trainer.store import card_ops

        self._set_aside(card_ops.suspend)

    def edit(self, changes: Changes) -> EditSaved:
        """Change points of the current card in its deck file and the database; schedules and history stay.

        The queued cards of its deck are read again; a card the edit no longer gives (a changed
        slogan, say) is retired and leaves the queue, with a notice.
        """
        from trainer.services.edits import save_edits

        card = self.current()
        if card is None:
            raise LookupError("no card to edit")
        saved = save_edits(self.store, card.card_id, changes, now=self.clock())
        deck_id = self.deck_of.get(card.card_id)
        ids = [c for c in self.queue if c in self.cards and self.deck_of.get(c) == deck_id]
        stale: set[int] = set()
        with self.store.read() as r:
            fresh = drill.load_cards(r.run, ids, stale=stale)
        for cid, value in fresh.items():
            self.cards[cid] = replace(value, state=self.cards[cid].state)
        if stale:
            self._drop(stale)  # already retired by the edit's sync; this only tells the learner
        return saved

    def keep_only(self, card_ids: set[int]) -> None:
        """Narrow the queue to these cards (a topic chosen on the home screen), keeping its order."""
        kept = [c for c in self.queue if c in card_ids]
        self.queue.clear()  # in place: the lazy card reader follows this deque
        self.queue.extend(kept)
