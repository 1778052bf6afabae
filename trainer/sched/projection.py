"""Projecting exam mode's plan to the exam day, pure: each point's memory and due day in, its exam-day
recall and the minutes of every day out; no storage, no clock.

The projection follows the plan a session follows (new points paced, reviews weakest first within the
minutes, each answer planned by `plan_interval`) with every answer Good, and times from
`expected_seconds`, so it shows what the minutes can secure, not a forecast of lapses.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from trainer.sched.budget import expected_seconds, paced_new
from trainer.sched.exam import exam_recall, plan_interval
from trainer.sched.memory import Memory, recall, remember

GOOD = 4


@dataclass(frozen=True, slots=True)
class Item:
    """One point as the projection sees it: its memory (None: never seen) and next due day."""

    key: Hashable
    memory: Memory | None
    due_day: int


@dataclass(frozen=True, slots=True)
class Projection:
    """Where the plan leads by the exam day.

    Attributes:
        recall: Each point's projected recall on the exam day (0 for a point never reached).
        minutes: The minutes of study of each day from today to the eve.
    """

    recall: dict[Hashable, float]
    minutes: list[float]

    def below(self, floor: float = 0.95) -> int:
        """Points projected under `floor` on the exam day."""
        return sum(1 for r in self.recall.values() if r < floor)


def project(
    items: Sequence[Item], *, today: int, exam_day: int, target: float, minutes: float | None, new_per_day: int
) -> Projection:
    """The plan day by day to the eve, with every answer Good.

    Args:
        items: The points, unseen ones in the order they are introduced.
        today: The study day the projection starts on (nothing studied yet).
        exam_day: The exam's day number.
        target: Exam mode's target recall (0–1).
        minutes: The learner's daily minutes, or None for no budget.
        new_per_day: The deck's new points a day (raised by pacing for the exam).
    """
    memory: dict[Hashable, Memory] = {}
    heap: list[tuple[int, int, Hashable]] = []
    unseen: list[Hashable] = []
    for n, item in enumerate(items):
        if item.memory is None:
            unseen.append(item.key)
        else:
            memory[item.key] = item.memory
            heapq.heappush(heap, (item.due_day, n, item.key))
    order = {item.key: n for n, item in enumerate(items)}
    budget = None if minutes is None else minutes * 60.0
    per_day: list[float] = []
    first_unseen = 0
    for day in range(today, exam_day):
        due: list[Hashable] = []
        while heap and heap[0][0] <= day:
            due.append(heapq.heappop(heap)[2])
        due.sort(key=lambda k: exam_recall(memory[k], exam_day))
        fresh = unseen[first_unseen : first_unseen + paced_new(len(unseen) - first_unseen, day, exam_day, new_per_day)]
        spent = 0.0
        left: list[Hashable] = []
        for key in [*due, *fresh]:
            before = memory.get(key)
            cost = expected_seconds(None if before is None else recall(day - before.day, before.stability))
            if budget is not None and spent + cost > budget:
                left.append(key)
                continue
            spent += cost
            if before is None:
                first_unseen += 1
            after = remember(before, GOOD, day)
            memory[key] = after
            heapq.heappush(
                heap, (day + plan_interval(after, today=day, exam_day=exam_day, target=target), order[key], key)
            )
        for key in left:  # postponed: due again tomorrow
            if key in memory:
                heapq.heappush(heap, (day + 1, order[key], key))
        per_day.append(spent / 60)
    recalls = {item.key: exam_recall(memory[item.key], exam_day) if item.key in memory else 0.0 for item in items}
    return Projection(recall=recalls, minutes=per_day)


def minutes_needed(
    items: Sequence[Item], *, today: int, exam_day: int, target: float, new_per_day: int, floor: float = 0.95
) -> int:
    """The fewest daily minutes with which the projection leaves no more points under `floor` than an
    unlimited budget does."""
    free = project(items, today=today, exam_day=exam_day, target=target, minutes=None, new_per_day=new_per_day)
    best = free.below(floor)
    low, high = 1, max(1, math.ceil(max(free.minutes, default=1.0)))
    while low < high:
        mid = (low + high) // 2
        got = project(items, today=today, exam_day=exam_day, target=target, minutes=mid, new_per_day=new_per_day)
        if got.below(floor) <= best:
            high = mid
        else:
            low = mid + 1
    return low
