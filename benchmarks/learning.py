"""`python -m benchmarks.learning`: a simulated learner studying with trainer's own queue and grading code.

The learner is FSRS-6's memory model with the `fsrs` package's default parameters (its `Scheduler`'s
own formulas are the ground truth). A first showing is rated Again/Hard/Good/Easy with probabilities
0.24/0.094/0.495/0.171; a later one is recalled with probability R(t, S) (t in whole days, so a
same-day repeat is recalled and FSRS-6's short-term rule moves S), a recalled card rated
Hard/Good/Easy 15/75/10 %; Again is answered 1, Hard 3, Good 4, Easy 5. Each showing takes
fsrs-optimizer's default seconds for its rating.

Trainer's side is its own code: `trainer.sched.queue.build_queue` and `trainer.sched.budget.fit_day`
plan each day as `trainer.store.drill.plan` does, each answer goes through the study session's
own pure rules (`trainer.core.session`: `grade_card` grades it with the FSRS memory folded from the
log, `after_answer` brings a card graded below 4 back `REPEAT_GAP` cards later, `answered_after` and
`remembered` keep the day's answers and the memory) and the day ends when the budget is used
(`trainer.sched.budget.over_budget`), as in `trainer.services.study.StudySession`.

Scenarios: exam (600 points, the exam on day 90, 30 minutes a day, 10 seeds), with trainer's exam
mode and, beside it, the exam date as it was before exam mode (intervals capped only); year (10,000
points, 365 days, 20 new a day, no budget, 5 seeds), trainer's default SM-2 beside plain FSRS at
retention 0.9 and 0.8 on the same learner. Deterministic by seed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import fsrs

from trainer.core import session as rules
from trainer.core.cards import Card, CardKind, cards_for_deck, paired_section, point_of
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.sched.answer import Policy
from trainer.sched.budget import (
    FIRST_RATINGS,
    FIRST_SECONDS,
    LATER_SECONDS,
    RECALLED_RATINGS,
    fit_day,
    over_budget,
    paced_new,
)
from trainer.sched.exam import EXAM_TARGET_PERCENT
from trainer.sched.lists import became_known, is_ready, ready_day
from trainer.sched.memory import Memory
from trainer.sched.queue import Candidate, Limits, Today, build_queue
from trainer.sched.state import NEW_CARD, Queue, Schedule

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
START = 740_000  # day numbers are date ordinals; any will do
QUALITY = {1: 1, 2: 3, 3: 4, 4: 5}  # FSRS rating -> trainer's grade
LIST_SIZE = 8  # points per list (sections), for the sibling and spreading rules
UNLIMITED = 10**9


class Learner:
    """The simulated learner: true memory per point, answers drawn from it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fsrs = fsrs.Scheduler()
        self.state: dict[int, tuple[float, float, int]] = {}  # point -> (S, D, day of last showing)

    def recall(self, point: int, day: int) -> float:
        """The true probability of recalling `point` on `day` (0 for a point never seen)."""
        if point not in self.state:
            return 0.0
        s, _d, last = self.state[point]
        return (1 + self.fsrs._FACTOR * max(0, day - last) / s) ** self.fsrs._DECAY

    def answer(self, point: int, day: int) -> tuple[int, float]:
        """Show `point` on `day`: the rating given and the seconds it took."""
        sch, rng = self.fsrs, self.rng
        if point not in self.state:
            rating = fsrs.Rating(rng.choices((1, 2, 3, 4), FIRST_RATINGS)[0])
            s = sch._initial_stability(rating=rating)
            d = sch._initial_difficulty(rating=rating, clamp=True)
            self.state[point] = (s, d, day)
            return int(rating), FIRST_SECONDS[rating - 1]
        s, d, last = self.state[point]
        r = self.recall(point, day)
        recalled = rng.random() < r
        rating = fsrs.Rating(rng.choices((2, 3, 4), RECALLED_RATINGS)[0]) if recalled else fsrs.Rating.Again
        if day - last < 1:
            s = sch._short_term_stability(stability=s, rating=rating)
        else:
            s = sch._next_stability(difficulty=d, stability=s, retrievability=r, rating=rating)
        d = sch._next_difficulty(difficulty=d, rating=rating)
        self.state[point] = (s, d, day)
        return int(rating), LATER_SECONDS[rating - 1]


@dataclass
class DayLog:
    """Time and counts of the simulation, per day."""

    seconds: list[float] = field(default_factory=list)
    over: int = 0  # days over the budget by more than the last card's time
    unreached: int = 0  # planned cards the budget left for another day
    past_exam: int = 0  # intervals that ran past the exam


@dataclass(frozen=True)
class Setup:
    """One scenario run of trainer."""

    points: int
    days: int
    new_per_day: int = 20
    budget_minutes: float | None = None
    exam_day: int | None = None  # relative to the start
    exam_mode: bool = True


def run_trainer(setup: Setup, seed: int) -> tuple[Learner, DayLog]:
    """Study `setup.points` points for `setup.days` days with trainer's queue and grading."""
    learner = Learner(random.Random(seed))
    exam = None if setup.exam_day is None else START + setup.exam_day
    policy = Policy(exam_day=exam, exam_target=EXAM_TARGET_PERCENT if (exam and setup.exam_mode) else None)
    budget = None if setup.budget_minutes is None else setup.budget_minutes * 60
    fitted = budget is not None and setup.exam_mode
    sched: dict[int, Schedule] = {}
    memory: dict[int, Memory | None] = {}
    due: dict[int, set[int]] = defaultdict(set)
    unseen = deque(range(setup.points))
    log = DayLog()

    def cand(i: int) -> Candidate:
        s = sched.get(i, NEW_CARD)
        return Candidate(i, 1, f"s{i // LIST_SIZE}", f"p{i}", s.queue, s.due_day, i)

    for today in range(START, START + setup.days):
        overdue = [i for d in sorted(k for k in due if k <= today) for i in due.pop(d)]
        reviews = [cand(i) for i in overdue]
        for i in overdue:  # left undone, they stay due
            due[today].add(i)
        new_limit = paced_new(len(unseen), today, exam, setup.new_per_day) if fitted else setup.new_per_day
        new = [cand(i) for i in list(unseen)[: 2 * new_limit + 10]]
        limits = {1: Limits(new=new_limit, reviews=UNLIMITED if (fitted or budget is None) else 200)}
        planned = build_queue(reviews, new, today=Today(), limits=limits)
        if fitted:
            mem = {c.card_id: (sched[c.card_id].stability, sched[c.card_id].last_review_day) for c in reviews}
            queue = fit_day(planned, mem, today=today, exam_day=exam, budget=budget)
            log.unreached += len(planned) - len(queue)
        else:
            queue = planned
        todo = [c.card_id for c in queue]
        answered: set[int] = set()
        spent = 0.0
        last = 0.0
        # The session's own rules (`trainer.core.session`), as `StudySession.answer` applies them.
        while todo and not over_budget(spent, budget):
            i = todo[0]
            rating, seconds = learner.answer(i, today)
            before = sched.get(i, NEW_CARD)
            graded = rules.grade_card(
                i, before, QUALITY[rating], today=today, policy=policy, answered=answered, memory=memory
            )
            todo, step = rules.after_answer(todo, graded)
            answered = rules.answered_after(answered, step)
            if policy.exam_target is not None:
                memory.update(rules.remembered(memory, step, today))
            out = graded.outcome
            if before.queue is Queue.NEW:
                unseen.remove(i)
            if not out.repeat:
                due[before.due_day].discard(i)
                due[today].discard(i)
                if out.after.queue is Queue.REVIEW:  # a leech is suspended: never due again
                    due[out.after.due_day].add(i)
                if exam is not None and today < exam < out.after.due_day:
                    log.past_exam += 1
            sched[i] = out.after
            spent += seconds
            last = seconds
        _close_day(
            log, unreached=0 if fitted else len(todo), over=budget is not None and spent > budget + last, spent=spent
        )
    return learner, log


def _close_day(log: DayLog, *, unreached: int, over: bool, spent: float) -> None:
    """A simulated day's accounting: cards left for tomorrow, a day over budget, the seconds spent."""
    log.unreached += unreached
    log.over += int(over)
    log.seconds.append(spent)


SECTION_POINTS = 4  # points per section in the bundled-kinds variant (the bundled decks: 2–7, mostly 3–6)
SECTION_KINDS = (SectionKind.PROBLEMS, SectionKind.COUNTERMEASURES, SectionKind.SIGNIFICANCE)
SLOGAN_EVERY = 16  # every point's body quotes a “slogan” but one in 16 (bundled decks: 117 slogans, 124 points)


def bundled_deck(points: int, per_section: int = SECTION_POINTS) -> Deck:
    """A deck built like the bundled decks: topics of a problems, a countermeasures and a significance
    section of `per_section` points each (problems and countermeasures pair up), most bodies quoting a
    slogan. Point `n` has the id `p<n>`."""
    topics, n = [], 0
    while n < points:
        sections = []
        for kind in SECTION_KINDS:
            size = min(per_section, points - n)
            if size <= 0:
                break
            pts = []
            for _ in range(size):
                quote = f"，落实“口号{n}”" if n % SLOGAN_EVERY != SLOGAN_EVERY - 1 else ""
                pts.append(Point(id=f"p{n}", head=f"要点{n}", body=f"正文{n}{quote}。"))
                n += 1
            sections.append(Section(kind=kind, heading=f"{kind.value}{len(topics)}", points=tuple(pts)))
        topics.append(Topic(title=f"主题{len(topics)}", sections=tuple(sections)))
    return Deck(name="bench", topics=tuple(topics))


@dataclass(frozen=True)
class DeckCards:
    """A deck's cards as trainer makes them (`cards_for_deck`), indexed for the simulation."""

    cards: list[Card]
    point: dict[int, int]  # card -> the point it tests (every card but a list's)
    heads: dict[int, tuple[int, ...]]  # list card -> its points' head cards, in order
    waits_on: dict[int, tuple[int, ...]]  # list or pair card -> the head cards it enters after
    owner: dict[int, int]  # card of a point -> its point's head card, whose memory exam mode plans it by

    @classmethod
    def of(cls, deck: Deck) -> DeckCards:
        cards = cards_for_deck(deck)
        index = {p.id: n for n, (_t, _s, p) in enumerate(deck.points())}
        head_of = {c.point_ids[0]: i for i, c in enumerate(cards) if c.kind is CardKind.HEAD}
        by_section: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(cards):
            if c.kind is CardKind.HEAD:
                by_section[c.section_key].append(i)
        point, heads, waits = {}, {}, {}
        for i, c in enumerate(cards):
            if c.kind is CardKind.LIST:
                heads[i] = waits[i] = tuple(head_of[p] for p in c.point_ids)
                continue
            point[i] = index[c.point_ids[0]]
            if c.kind is CardKind.PAIR:
                waits[i] = (*by_section[paired_section(c.key) or ""], *by_section[c.section_key])
        owner = {i: head_of[c.point_ids[0]] for i, c in enumerate(cards) if i in point and c.point_ids[0] in head_of}
        return cls(cards, point, heads, waits, owner)


def run_bundled(setup: Setup, seed: int, deck: DeckCards) -> tuple[Learner, DayLog]:
    """The exam scenario with every card kind trainer makes of `deck`, as `run_trainer` runs head cards.

    Every card of a point is a showing of that point (one memory per point: the exam asks for the
    point). A list card enters, as `trainer.store.lists.on_known` marks it, the day after its last
    point's head card became known (a pair card after both of its lists'); its answer grades each point
    with the learner's recall of that point, through `trainer.core.session.grade_list` (the list's
    grade is the lowest, `trainer.sched.lists.list_grade`), and takes the sum of its points' seconds.
    Exam mode plans each card of a point by the point's memory (`DeckCards.owner`, as the study session
    maps cards with `trainer.store.exam_reads.owners`), and paces new work by points (head cards), as
    `trainer.store.exam_reads.budget_limits` does.
    """
    learner = Learner(random.Random(seed))
    exam = None if setup.exam_day is None else START + setup.exam_day
    policy = Policy(exam_day=exam, exam_target=EXAM_TARGET_PERCENT if (exam and setup.exam_mode) else None)
    budget = None if setup.budget_minutes is None else setup.budget_minutes * 60
    fitted = budget is not None and setup.exam_mode
    cards = deck.cards
    sched: dict[int, Schedule] = {}
    memory: dict[int, Memory | None] = {}
    due: dict[int, set[int]] = defaultdict(set)
    unseen = dict.fromkeys(range(len(cards)))  # new cards in deck order (`new_ord`)
    entry: dict[int, int] = {}  # new list/pair card -> the day it enters (the store's due_day of a new card)
    first_known: dict[int, tuple[int, int]] = {}  # head card -> (answer number, day) that made it known
    waiting: dict[int, list[int]] = defaultdict(list)  # head card -> list/pair cards waiting on it
    for cid, waits in deck.waits_on.items():
        for h in waits:
            waiting[h].append(cid)
    heads = {i for i, c in enumerate(cards) if c.kind is CardKind.HEAD}
    log = DayLog()
    answers = 0

    def cand(i: int) -> Candidate:
        s = sched.get(i, NEW_CARD)
        c = cards[i]
        due_day = entry.get(i, 0) if s.queue is Queue.NEW else s.due_day
        return Candidate(i, 1, c.section_key, point_of(c.key, c.kind), s.queue, due_day, i, c.kind.value)

    for today in range(START, START + setup.days):
        overdue = [i for d in sorted(k for k in due if k <= today) for i in due.pop(d)]
        reviews = [cand(i) for i in overdue]
        for i in overdue:
            due[today].add(i)
        if fitted:  # paced by points, as `trainer.store.exam_reads.budget_limits` does
            new_limit = paced_new(sum(1 for i in unseen if i in heads), today, exam, setup.new_per_day)
            first = [
                *islice((i for i in unseen if i in heads), 2 * new_limit + 10),
                *islice((i for i in unseen if i in deck.point and i not in heads), 2 * new_limit + 10),
            ]
        else:
            new_limit = setup.new_per_day
            first = [i for i, _ in zip(unseen, range(2 * new_limit + 10), strict=False)]
        ready = [c for c in (cand(i) for i in entry if i in unseen) if is_ready(c, today)]
        reviews_limit = UNLIMITED if (fitted or budget is None) else 200
        limits = {1: Limits(new=new_limit, reviews=reviews_limit, by_points=fitted)}
        planned = build_queue(reviews, [cand(i) for i in first], today=Today(), limits=limits, ready=ready)
        if fitted:
            listed = {c.card_id: deck.heads[c.card_id] for c in planned if c.card_id in deck.heads}
            known = {c.card_id for c in reviews} | {h for hs in listed.values() for h in hs if h in sched}
            mem = {i: (sched[i].stability, sched[i].last_review_day) for i in known}
            queue = fit_day(planned, mem, today=today, exam_day=exam, budget=budget, points=listed)
            log.unreached += len(planned) - len(queue)
        else:
            queue = planned
        todo = [c.card_id for c in queue]
        answered: set[int] = set()
        spent = last = 0.0
        while todo and not over_budget(spent, budget):
            i = todo[0]
            if i in deck.heads:  # a list card: each point recalled and graded, as `StudySession.answer_list`
                shown = [learner.answer(deck.point[h], today) for h in deck.heads[i]]
                seconds = sum(s for _, s in shown)
                own, points = rules.grade_list(
                    i,
                    sched.get(i, NEW_CARD),
                    [(h, sched.get(h, NEW_CARD)) for h in deck.heads[i]],
                    [QUALITY[r] for r, _ in shown],
                    today=today,
                    policy=policy,
                    answered=answered,
                    memory=memory,
                    owner=deck.owner,
                )
                todo, step = rules.after_answer(todo, own, points)
            else:
                rating, seconds = learner.answer(deck.point[i], today)
                own = rules.grade_card(
                    i,
                    sched.get(i, NEW_CARD),
                    QUALITY[rating],
                    today=today,
                    policy=policy,
                    answered=answered,
                    memory=memory,
                    owner=deck.owner,
                )
                todo, step = rules.after_answer(todo, own)
            answered = rules.answered_after(answered, step)
            if policy.exam_target is not None:
                memory.update(rules.remembered(memory, step, today, deck.owner))
            for g in step.answers:
                answers += 1
                before, out = g.before, g.outcome
                unseen.pop(g.card_id, None)
                if not out.repeat:
                    due[before.due_day].discard(g.card_id)
                    due[today].discard(g.card_id)
                    if out.after.queue is Queue.REVIEW:
                        due[out.after.due_day].add(g.card_id)
                    if exam is not None and today < exam < out.after.due_day:
                        log.past_exam += 1
                sched[g.card_id] = out.after
                if became_known(before, out.after) and g.card_id not in first_known:
                    first_known[g.card_id] = (answers, today)
                    for w in waiting.get(g.card_id, ()):
                        if w in unseen and w not in entry:
                            day = ready_day(first_known.get(h) for h in deck.waits_on[w])
                            if day:
                                entry[w] = day
            spent += seconds
            last = seconds
        _close_day(
            log, unreached=0 if fitted else len(todo), over=budget is not None and spent > budget + last, spent=spent
        )
    return learner, log


def card_counts(deck: DeckCards) -> dict[str, int]:
    """How many cards of each kind the deck has."""
    out: dict[str, int] = defaultdict(int)
    for c in deck.cards:
        out[c.kind.value] += 1
    return dict(out)


def run_fsrs(points: int, days: int, new_per_day: int, retention: float, seed: int) -> tuple[Learner, DayLog]:
    """Plain FSRS (the package's intervals at `retention`, no learning steps) on the same learner."""
    learner = Learner(random.Random(seed))
    sch = fsrs.Scheduler(desired_retention=retention)
    due: dict[int, list[int]] = defaultdict(list)
    log = DayLog()
    nxt = 0
    for today in range(START, START + days):
        spent = 0.0
        cards = due.pop(today, [])
        for _ in range(new_per_day):
            if nxt < points:
                cards.append(nxt)
                nxt += 1
        for i in cards:
            _rating, seconds = learner.answer(i, today)
            spent += seconds
            due[today + sch._next_interval(stability=learner.state[i][0])].append(i)
        log.seconds.append(spent)
    return learner, log


def exam_figures(learner: Learner, log: DayLog, points: int, exam: int) -> dict[str, float]:
    """Exam-day recall of every point and the time it took."""
    recalls = sorted(learner.recall(i, exam) for i in range(points))
    return {
        "mean_recall": statistics.fmean(recalls),
        "p5_recall": recalls[max(0, int(0.05 * points) - 1)],
        "share_ge_095": sum(r >= 0.95 for r in recalls) / points,
        "below_095": sum(r < 0.95 for r in recalls),
        "minutes_total": sum(log.seconds) / 60,
        "minutes_per_day": statistics.fmean(log.seconds) / 60,
        "max_day_minutes": max(log.seconds) / 60,
        "days_over_budget": log.over,
        "past_exam": log.past_exam,
        "unreached": log.unreached,
    }


def year_figures(learner: Learner, log: DayLog, points: int, end: int) -> dict[str, float]:
    """Memorized (sum of recall at the end) per minute studied."""
    memorized = sum(learner.recall(i, end) for i in range(points))
    minutes = sum(log.seconds) / 60
    return {"memorized": memorized, "minutes": minutes, "memorized_per_minute": memorized / minutes}


def mean_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's mean over the seeds."""
    return {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}


def exam_scenario(points: int, seeds: int, exam_mode: bool) -> dict[str, float]:
    """The exam scenario (exam on day 90, 30 minutes a day), mean over the seeds."""
    setup = Setup(points=points, days=90, budget_minutes=30, exam_day=90, exam_mode=exam_mode)
    runs = []
    for seed in range(seeds):
        learner, log = run_trainer(setup, seed)
        runs.append(exam_figures(learner, log, points, START + 90))
    return mean_of(runs)


def bundled_scenario(points: int, seeds: int) -> dict[str, Any]:
    """The exam scenario with the bundled card kinds (`bundled_deck`), mean over the seeds."""
    setup = Setup(points=points, days=90, budget_minutes=30, exam_day=90)
    deck = DeckCards.of(bundled_deck(points))
    runs = []
    for seed in range(seeds):
        learner, log = run_bundled(setup, seed, deck)
        never = sum(1 for i in range(points) if i not in learner.state)
        runs.append({**exam_figures(learner, log, points, START + 90), "never_seen": never})
    return {**mean_of(runs), "cards": card_counts(deck)}


def year_scenario(points: int, seeds: int, days: int = 365) -> dict[str, float]:
    """The year scenario: trainer's default beside plain FSRS 0.9 and 0.8, mean over the seeds."""
    out: dict[str, list[float]] = defaultdict(list)
    end = START + days
    for seed in range(seeds):
        learner, log = run_trainer(Setup(points=points, days=days), seed)
        for k, v in year_figures(learner, log, points, end).items():
            out[k].append(v)
        for name, retention in (("fsrs090", 0.9), ("fsrs080", 0.8)):
            learner, log = run_fsrs(points, days, 20, retention, seed)
            for k, v in year_figures(learner, log, points, end).items():
                out[f"{name}_{k}"].append(v)
    return {k: statistics.fmean(v) for k, v in out.items()}


def table(results: dict[str, Any]) -> str:
    """The figures as a plain table."""
    exam, legacy, bundled, year = results["exam"], results["exam_before"], results["exam_bundled"], results["year"]
    figures = [
        ("exam: points with recall ≥ 0.95", "share_ge_095", ".3f", "≥ 0.99"),
        ("exam: points below 0.95", "below_095", ".1f", ""),
        ("exam: mean recall", "mean_recall", ".4f", "≥ 0.98"),
        ("exam: 5th percentile recall", "p5_recall", ".4f", ""),
        ("exam: minutes in total", "minutes_total", ".0f", ""),
        ("exam: minutes per day", "minutes_per_day", ".1f", ""),
        ("exam: largest day (min)", "max_day_minutes", ".1f", ""),
        ("exam: days over budget", "days_over_budget", ".1f", "0"),
        ("exam: cards left for the next day", "unreached", ".0f", ""),
        ("exam: points never shown", "never_seen", ".1f", ""),
        ("exam: intervals past the exam", "past_exam", ".1f", "0"),
    ]
    width = max(len(f[0]) for f in figures)
    lines = [f"{'figure':<{width}}  {'exam mode':>10}  {'capped only':>11}  {'bundled kinds':>13}  floor"]
    for name, key, fmt, floor in figures:
        a, b, c = (format(r[key], fmt) if key in r else "" for r in (exam, legacy, bundled))
        lines.append(f"{name:<{width}}  {a:>10}  {b:>11}  {c:>13}  {floor}".rstrip())
    lines.append("")
    lines.append(f"{'year (mean over seeds)':<28} {'memorized':>10} {'minutes':>9} {'per minute':>11}")
    for name, prefix in (("trainer (SM-2)", ""), ("FSRS 0.9", "fsrs090_"), ("FSRS 0.8", "fsrs080_")):
        lines.append(
            f"{name:<28} {year[prefix + 'memorized']:>10.0f} {year[prefix + 'minutes']:>9.0f}"
            f" {year[prefix + 'memorized_per_minute']:>11.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> dict[str, Any]:
    """Run both scenarios, print the table, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.learning", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds and points: a check in seconds")
    parser.add_argument(
        "--output",
        type=Path,
        help="JSON file (default: benchmarks/results/learning-latest.json; learning-quick.json with --quick)",
    )
    args = parser.parse_args(argv)
    exam_points, exam_seeds = (200, 2) if args.quick else (600, 10)
    year_points, year_seeds, year_days = (1000, 1, 120) if args.quick else (10_000, 5, 365)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "settings": {
            "quick": args.quick,
            "exam": {"points": exam_points, "seeds": exam_seeds, "exam_day": 90, "minutes_per_day": 30},
            "year": {"points": year_points, "seeds": year_seeds, "days": year_days, "new_per_day": 20},
        },
        "exam": exam_scenario(exam_points, exam_seeds, exam_mode=True),
        "exam_before": exam_scenario(exam_points, exam_seeds, exam_mode=False),
        "exam_bundled": bundled_scenario(exam_points, exam_seeds),
        "year": year_scenario(year_points, year_seeds, year_days),
    }
    results["seconds"] = round(time.perf_counter() - started, 1)
    out(table(results))
    path = args.output or RESULTS / ("learning-quick.json" if args.quick else "learning-latest.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out(f"\n{results['seconds']} s; JSON in {path}")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
