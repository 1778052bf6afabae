"""The study session's store work besides answers: cards read as the queue reaches them, the day summaries kept
fresh, stale cards retired; through the store handle only, no scheduling rules."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

from trainer.core.cards import CardKind
from trainer.errors import StaleCardError
from trainer.sched.state import Schedule
from trainer.store import day_summaries as summaries
from trainer.store import drill
from trainer.store.convert import ReviewCard
from trainer.store.drill import Head
from trainer.store.handle import Store
from trainer.store.sqlrun import Runner

# Cards are read from the database as the queue reaches them: the session starts after reading one card
# (the first card paints sooner), then BATCH_MAX at a time, so a read costs one answer in BATCH_MAX a few
# ms (batches doubling from 1 made 9 of a session's first 200 answers pay for a read: its p95).
BATCH_MAX = 64


class LazyCards(dict[int, ReviewCard]):
    """The session's cards by id, each read (with the next unread cards of the queue) on first use.

    A card read late may have been answered today by another process since the session started: its
    state is then that answer's, and `answered` learns of it, so this session's answer is graded as a
    same-day repeat, as `trainer db replay` will grade it.
    """

    def __init__(
        self,
        store: Store,
        queue: deque[int],
        today: int,
        answered: set[int],
        deck_of: dict[int, int] | None = None,
        point_cards: dict[int, tuple[int, ...]] | None = None,
        point_states: dict[int, Schedule] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.queue = queue
        self.today = today
        self.answered = answered
        self.log_marks: dict[int, int] = {}  # card -> the last review-log id when it was read
        # The session's (shared): each card's deck, and a list card's points' head cards and their schedules,
        # read with the batch that reads the list card, so answering a list reads nothing more.
        self.deck_of = {} if deck_of is None else deck_of
        self.point_cards = {} if point_cards is None else point_cards
        self.point_states = {} if point_states is None else point_states

    def __missing__(self, card_id: int) -> ReviewCard:
        size = BATCH_MAX if self else 1
        wanted = [card_id]
        for cid in self.queue:
            if len(wanted) >= size:
                break
            if cid != card_id and not dict.__contains__(self, cid):
                wanted.append(cid)
        stale: set[int] = set()
        with self.store.read() as r:
            mark = int(r.run("SELECT coalesce(max(id), 0) FROM review_log", {})[0][0])  # before the cards
            loaded = drill.load_cards(r.run, wanted, stale=stale)
            points = self._list_points(r.run, loaded)
            heads = [cid for found in points.values() for cid, _ in found if cid not in self.point_states]
            self.answered.update(drill.answered_on_day(r.run, [*wanted, *heads], self.today))
        self.update(loaded)
        self.log_marks.update(dict.fromkeys(wanted, mark))
        for list_id, found in points.items():
            self.point_cards[list_id] = tuple(cid for cid, _ in found)
            for cid, state in found:
                if cid not in self.point_states:  # kept as this session last wrote it
                    self.point_states[cid] = state
                    self.log_marks.setdefault(cid, mark)
        if stale:
            # StudySession.current retires them, drops them from the queue and reads on.
            raise StaleCardError("cards no longer given by their points", card_ids=tuple(sorted(stale)))
        return dict.__getitem__(self, card_id)

    def _list_points(self, run: Runner, loaded: dict[int, ReviewCard]) -> dict[int, list[Head]]:
        """The points' head cards of the list cards just read (one query per deck)."""
        by_deck: dict[int, dict[int, tuple[str, ...]]] = defaultdict(dict)
        for cid, rc in loaded.items():
            if rc.card.kind is CardKind.LIST and cid in self.deck_of and cid not in self.point_cards:
                by_deck[self.deck_of[cid]][cid] = tuple(rc.card.point_ids)
        return {lid: found for d, lists in by_deck.items() for lid, found in drill.list_points(run, d, lists).items()}


def known_log_id(cards: dict[int, ReviewCard], card_id: int, own: Iterable[int]) -> int | None:
    """The last review-log id this session knows of for the card: its log as read with it (a `LazyCards`
    mark) and this session's own answers of it. Any later answer is another terminal's (a same-day repeat
    there changes no schedule: the UPDATE's check alone would miss it). None: nothing known, no check."""
    read_at = getattr(cards, "log_marks", {}).get(card_id)
    own = list(own)
    return None if read_at is None and not own else max([*own, read_at or 0])


def refresh_summaries(store: Store, today: int) -> None:
    """Fold the review log's new rows into the day summaries (a short write)."""
    with store.write() as w:
        summaries.refresh_exclusive(w.run, today, dialect=w.dialect)


def retire_stale(store: Store, stale: set[int]) -> list[str]:
    """Retire cards their points no longer give; a line for the learner (none when nothing was stale)."""
    if not stale:
        return []
    from trainer.store import card_ops  # SQLAlchemy: not on the cold start's path

    with store.write() as w:
        card_ops.retire_cards(w.session, stale)
    return [f"{len(stale)} 张卡片已无法由其要点生成（卡组文件被改动？），已跳过并停用；复习记录保留"]
