"""The study session's store work besides answers: cards read as the queue reaches them, the day summaries kept
fresh, stale cards retired; through the store handle only, no scheduling rules."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from trainer.errors import StaleCardError
from trainer.store import day_summaries as summaries
from trainer.store import drill
from trainer.store.convert import ReviewCard
from trainer.store.handle import Store

# Cards are read from the database as the queue reaches them, in batches that double up to this size:
# the session starts after reading one card, and later reads cost one answer in BATCH_MAX a few ms.
BATCH_MAX = 64


class LazyCards(dict[int, ReviewCard]):
    """The session's cards by id, each read (with the next unread cards of the queue) on first use.

    A card read late may have been answered today by another process since the session started: its
    state is then that answer's, and `answered` learns of it, so this session's answer is graded as a
    same-day repeat, as `trainer db replay` will grade it.
    """

    def __init__(self, store: Store, queue: deque[int], today: int, answered: set[int]) -> None:
        super().__init__()
        self.store = store
        self.queue = queue
        self.today = today
        self.answered = answered
        self.log_marks: dict[int, int] = {}  # card -> the last review-log id when it was read

    def __missing__(self, card_id: int) -> ReviewCard:
        size = min(BATCH_MAX, max(1, len(self)))
        wanted = [card_id]
        for cid in self.queue:
            if len(wanted) >= size:
                break
            if cid != card_id and not dict.__contains__(self, cid):
                wanted.append(cid)
        stale: set[int] = set()
        with self.store.read() as r:
            mark = int(r.run("SELECT coalesce(max(id), 0) FROM review_log", {})[0][0])  # before the cards
            self.update(drill.load_cards(r.run, wanted, stale=stale))
            self.answered.update(drill.answered_on_day(r.run, wanted, self.today))
        self.log_marks.update(dict.fromkeys(wanted, mark))
        if stale:
            # StudySession.current retires them, drops them from the queue and reads on.
            raise StaleCardError("cards no longer given by their points", card_ids=tuple(sorted(stale)))
        return dict.__getitem__(self, card_id)


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
