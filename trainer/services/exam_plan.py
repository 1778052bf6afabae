"""The 备考计划: days left, points seen, each point's projected exam-day recall by topic and list, the
minutes the plan needs beside the learner's, and 考前速记's pick; reads only, never on the first card's path."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from trainer.core.cards import point_of
from trainer.errors import ConfigError
from trainer.sched.exam import EXAM_FLOOR, EXAM_TARGET_PERCENT, exam_recall
from trainer.sched.projection import Item, minutes_needed, project
from trainer.sched.state import Queue
from trainer.store import exam_reads
from trainer.store.sqlrun import Runner

if TYPE_CHECKING:
    from trainer.services.config import Settings

FLOOR = EXAM_FLOOR
DROP_LISTS = 3  # lists named as the ones to put aside when the minutes cannot secure every point


@dataclass(frozen=True, slots=True)
class Group:
    """A topic or a list: its points' projected exam-day recall."""

    deck: str
    name: str
    points: int
    mean: float
    below: int


@dataclass(frozen=True, slots=True)
class ExamPlan:
    """What `trainer plan` and the 备考计划 screen show."""

    exam_date: str
    days_left: int
    points: int
    seen: int
    unseen: int
    mean: float
    below: int
    minutes_budget: int | None
    minutes_needed: int
    minutes_by_day: list[float]
    topics: list[Group] = field(default_factory=list)
    lists: list[Group] = field(default_factory=list)
    advice: str = ""

    def as_json(self) -> dict[str, Any]:
        """Plain values for `--json`."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Point:
    deck: str
    topic: str
    heading: str
    key: str
    deck_id: int
    section: str


def _points(run: Runner, lists: dict[tuple[int, str], int] | None = None) -> tuple[dict[int, _Point], dict[int, int]]:
    """Point cards by id with where they belong, and their due days (set-aside cards left out; a card
    lapsed today, in the learning queue, is in: it is among the weakest); list
    cards go to `lists` by (deck id, section) when it is given."""
    rows = run(
        "SELECT c.id, d.name, c.key, c.kind, s.queue, s.due_day, c.deck_id, c.section_key"
        " FROM cards c JOIN decks d ON d.id = c.deck_id JOIN card_state s ON s.card_id = c.id"
        f" WHERE NOT c.retired AND s.queue IN ({int(Queue.NEW)}, {int(Queue.LEARNING)}, {int(Queue.REVIEW)}) ORDER BY c.deck_id, s.new_ord, c.id",
        {},
    )
    notes: dict[tuple[int, str], tuple[str, str]] = {
        (r[0], r[1]): (r[2], r[3]) for r in run("SELECT deck_id, key, topic, heading FROM notes WHERE NOT retired", {})
    }
    points: dict[int, _Point] = {}
    due: dict[int, int] = {}
    for card_id, deck, key, kind, _queue, due_day, deck_id, section in rows:
        point = point_of(key, kind)
        if not point:
            if lists is not None:
                lists.setdefault((deck_id, section), card_id)
            continue
        topic, heading = notes.get((deck_id, point), ("", ""))
        points[card_id] = _Point(deck, topic, heading, point, deck_id, section)
        due[card_id] = due_day
    return points, due


def _groups(recall: dict[int, float], points: dict[int, _Point], by: str) -> list[Group]:
    """Topics (by="topic") or lists (by="list": one per section, named 主题 › 标题, as two topics' 对策
    are two lists) with their points' exam-day recall."""
    per: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    for card_id, r in recall.items():
        p = points[card_id]
        if by == "topic":
            key = (p.deck, p.topic, "")
        else:
            key = (p.deck, f"{p.topic} › {p.heading}" if p.topic else p.heading, p.section)
        # A point with several cards is as strong as its weakest card.
        per[key][p.key] = min(r, per[key].get(p.key, 1.0))
    out = [
        Group(deck, name, len(v), statistics.fmean(v.values()), sum(1 for x in v.values() if x < FLOOR))
        for (deck, name, _section), v in per.items()
    ]
    return sorted(out, key=lambda g: (-g.below, g.mean, g.deck, g.name))


def exam_plan(run: Runner, settings: Settings, today: int) -> ExamPlan:
    """The plan from today to the exam for every deck, as far as the learner's minutes take it.

    Raises:
        ConfigError: no exam date is set, or it is past.
    """
    exam = settings.exam_day
    if exam is None or settings.exam_date is None:
        raise ConfigError("no exam date: set one with `trainer config set exam-date YYYY-MM-DD`")
    if exam < today:
        raise ConfigError(f"the exam date {settings.exam_date.isoformat()} is past")
    points, due = _points(run)
    memory = exam_reads.memories(run, points)
    items = [Item(cid, memory.get(cid), due[cid]) for cid in points]
    target = EXAM_TARGET_PERCENT / 100
    new = settings.new_per_day
    budget = settings.minutes_per_day
    got = project(items, today=today, exam_day=exam, target=target, minutes=budget, new_per_day=new)
    need = minutes_needed(items, today=today, exam_day=exam, target=target, new_per_day=new, floor=FLOOR)
    by_point: dict[Hashable, float] = {}
    for cid, r in got.recall.items():
        key = (points[cid].deck, points[cid].key)  # type: ignore[index]
        by_point[key] = min(r, by_point.get(key, 1.0))
    below = sum(1 for r in by_point.values() if r < FLOOR)
    lists = _groups(got.recall, points, "list")  # type: ignore[arg-type]
    seen = {(p.deck, p.key) for cid, p in points.items() if cid in memory}
    unseen = len(by_point) - len(seen)
    # The decks set to 0 new cards by their own limit, read as home reads them (one function).
    paused = paused_advice(exam_reads.paused_new(run, today, exam, settings.limits_for))
    return ExamPlan(
        exam_date=settings.exam_date.isoformat(),
        days_left=exam - today,
        points=len(by_point),
        seen=len(seen),
        unseen=unseen,
        mean=statistics.fmean(by_point.values()) if by_point else 1.0,
        below=below,
        minutes_budget=budget,
        minutes_needed=need,
        minutes_by_day=[round(m, 1) for m in got.minutes],
        topics=_groups(got.recall, points, "topic"),  # type: ignore[arg-type]
        lists=lists,
        advice="".join((paused, advice(budget, need, below, lists))),
    )


def advice(budget: int | None, need: int, below: int, lists: list[Group]) -> str:
    """A plain sentence when the minutes cannot secure every point, with what would fix it ("" otherwise)."""
    if budget is None or below == 0 or need <= budget:
        return ""
    drop = "、".join(g.name or "（未命名清单）" for g in [g for g in lists if g.below][:DROP_LISTS])
    fix = f"把每天的时间加到约 {need} 分钟（trainer config set minutes-per-day {need}）"
    if drop:
        fix += f"，或先放下这些清单：{drop}"
    return f"需要每天约 {need} 分钟；按 {budget} 分钟，约 {below} 个要点考试当天低于 95%。可以{fix}。"


def paused_advice(paused: exam_reads.Paused) -> str:
    """A sentence when the learner set new cards to 0 (for every deck or some, `exam_reads.paused_new`)
    and their points are still unseen: the pause is kept (`trainer.sched.budget.paced_new`), so the plan
    says what the exam would want ("" otherwise)."""
    if paused.pace <= 0:
        return ""
    return (
        f"每天新卡设为 0：还有 {paused.unseen} 个要点没学过，"
        f"考试计划要每天约 {paused.pace} 个新要点，才能在考前三周学完。"
    )


def cram(run: Runner, settings: Settings, today: int, limit: int = 60) -> list[int]:
    """考前速记: the lists whose weakest point has the lowest exam-day estimate, weakest first, as their
    list cards (a point card where the list has none): one pass, at most `limit` cards.
    """
    exam = settings.exam_day if settings.exam_day is not None and settings.exam_day >= today else today
    list_cards: dict[tuple[int, str], int] = {}
    points, _due = _points(run, list_cards)
    memory = exam_reads.memories(run, points)
    weakest: dict[tuple[int, str], tuple[float, int]] = {}
    for cid, p in points.items():
        m = memory.get(cid)
        if m is None:
            continue
        r = exam_recall(m, exam)
        key = (p.deck_id, p.section)
        if key not in weakest or r < weakest[key][0]:
            weakest[key] = (r, list_cards.get(key, cid))
    ranked = sorted(weakest.values())
    return [cid for r, cid in ranked if r < FLOOR + 0.04][:limit]
