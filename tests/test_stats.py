"""Statistics against a fixed review history and a fixed clock (study day 2026-11-22)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.core.stats import streak_of, week_start
from trainer.store import stats
from trainer.store.models import CardRow, CardStateRow, DeckRow, Queue, ReviewLogRow
from trainer.store.sync import sync_deck

TODAY = date(2026, 11, 22).toordinal()  # a Sunday
A, B = "优化基层政企服务", "推进乡村振兴"


def _points(topic: str, kind: SectionKind, heads: list[str]) -> tuple[Point, ...]:
    return tuple(Point(id=point_id(topic, kind, h), head=h, body=f"{h}。") for h in heads)


def history_deck() -> Deck:
    return Deck(
        name="申论",
        topics=(
            Topic(
                A,
                (
                    Section(
                        SectionKind.PROBLEMS,
                        "存在的问题",
                        _points(A, SectionKind.PROBLEMS, ["人才短缺", "权力不到位", "线上线下未融合"]),
                    ),
                    Section(
                        SectionKind.COUNTERMEASURES,
                        "对策",
                        _points(A, SectionKind.COUNTERMEASURES, ["加强培训", "下放权力"]),
                    ),
                ),
            ),
            Topic(
                B, (Section(SectionKind.SIGNIFICANCE, "重要意义", _points(B, SectionKind.SIGNIFICANCE, ["夯实基础"])),)
            ),
        ),
        settings={"cards": ["head", "list"]},
    )


def _key(topic: str, kind: SectionKind, head: str) -> str:
    return f"{point_id(topic, kind, head)}:head"


H1, H2, H3 = (_key(A, SectionKind.PROBLEMS, h) for h in ["人才短缺", "权力不到位", "线上线下未融合"])
C1, C2 = (_key(A, SectionKind.COUNTERMEASURES, h) for h in ["加强培训", "下放权力"])
S1 = _key(B, SectionKind.SIGNIFICANCE, "夯实基础")

# card -> (queue, due offset, interval, ease, reps, lapses, leech)
STATES = {
    H1: (Queue.REVIEW, 10, 30, 2.5, 4, 0, False),
    H2: (Queue.REVIEW, -1, 3, 1.96, 1, 2, True),
    C1: (Queue.REVIEW, 2, 6, 2.36, 2, 1, False),
    C2: (Queue.LEARNING, 0, 0, 2.5, 0, 0, False),
    S1: (Queue.REVIEW, 6, 10, 2.6, 3, 0, False),
}
# (card, day offset from today, quality)
LOG = [
    (H2, 0, 2), (C1, 0, 4), (C2, 0, 3),
    (H1, -1, 5),
    (H2, -2, 1), (H2, -2, 4),
    (C1, -5, 3),
    (C1, -6, 2),
    (H1, -7, 4),
    (S1, -8, 5),
    (H1, -9, 0),
    (H1, -40, 3),
]  # fmt: skip


def _log_row(card_id: int, day: int, quality: int) -> ReviewLogRow:
    return ReviewLogRow(
        card_id=card_id,
        reviewed_at=datetime(2026, 1, 1, tzinfo=UTC),
        day=day,
        quality=quality,
        duration_ms=1000,
        queue_before=Queue.REVIEW,
        reps_before=1,
        ease_before=2.5,
        interval_before=1,
        due_before=day,
        lapses_before=0,
        queue_after=Queue.REVIEW,
        reps_after=1,
        ease_after=2.5,
        interval_after=1,
        due_after=day + 1,
        lapses_after=0,
    )


def seed(session: Session, deck: Deck, states: dict, log: list) -> dict[str, int]:
    sync_deck(session, deck, path=f"/{deck.name}.yaml", content_hash=deck.name, now=FIXED_NOW)
    deck_id = session.scalars(select(DeckRow.id).where(DeckRow.name == deck.name)).one()
    ids = dict(session.execute(select(CardRow.key, CardRow.id).where(CardRow.deck_id == deck_id)).all())
    for key, (queue, due, interval, ease, reps, lapses, leech) in states.items():
        session.execute(
            update(CardStateRow)
            .where(CardStateRow.card_id == ids[key])
            .values(
                queue=queue, due_day=TODAY + due, interval=interval, ease=ease, reps=reps, lapses=lapses, leech=leech
            )
        )
    session.add_all(_log_row(ids[key], TODAY + offset, q) for key, offset, q in log)
    return ids


@pytest.fixture
def history(engine):
    deck = history_deck()
    with Session(engine) as s, s.begin():
        ids = seed(s, deck, STATES, LOG)
        section_of = dict(s.execute(select(CardRow.key, CardRow.section_key)).all())
        problems_list, measures_list = (ids[f"{section_of[k]}:list"] for k in (H1, C1))
        # The problems list card is suspended, the countermeasures list card retired.
        s.execute(update(CardStateRow).where(CardStateRow.card_id == problems_list).values(queue=Queue.SUSPENDED))
        s.execute(update(CardStateRow).where(CardStateRow.card_id == measures_list).values(queue=Queue.RETIRED))
    return engine


def test_review_counts(history):
    with Session(history) as s:
        c = stats.review_counts(s, TODAY)
    assert (c.today, c.this_week, c.last_7_days, c.last_30_days, c.total) == (3, 8, 8, 11, 12)


def test_this_week_starts_on_monday(history):
    # On Wednesday 2026-11-18 the week began on Monday 11-16: answers of days -6 and -5 only... and -4 (none).
    with Session(history) as s:
        c = stats.review_counts(s, TODAY - 4)
    assert c.today == 0
    assert c.this_week == 2  # days -6 and -5
    assert c.last_7_days == 5  # days -10..-4: -9, -8, -7, -6, -5
    assert c.total == 12


def test_streak(history):
    with Session(history) as s:
        st = stats.streak(s, TODAY)
    assert (st.current, st.longest, st.studied_today, st.days_studied) == (3, 5, True, 9)
    assert st.last_day == TODAY


def test_streak_survives_until_the_day_ends_but_not_a_missed_day():
    assert streak_of([10, 11, 12], 13).current == 3  # nothing yet today: yesterday's run still counts
    assert streak_of([10, 11, 12], 13).studied_today is False
    assert streak_of([10, 11, 12], 14).current == 0
    assert streak_of([], 14).longest == 0
    assert streak_of([5, 5, 6, 20], 19).longest == 2
    assert streak_of([5, 6, 30], 6).last_day == 6  # days after today are ignored


def test_retention(history):
    with Session(history) as s:
        overall = stats.retention(s, TODAY)
        recent = stats.retention(s, TODAY, days=30)
        weekly = stats.retention_by_week(s, TODAY, weeks=3)
    assert (overall.answers, overall.correct, overall.rate) == (12, 8, 0.6667)
    assert (recent.answers, recent.correct, recent.rate) == (11, 7, 0.6364)
    assert [(date.fromordinal(w.week_start).isoformat(), w.answers, w.correct) for w in weekly] == [
        ("2026-11-02", 0, 0),
        ("2026-11-09", 3, 2),
        ("2026-11-16", 8, 5),
    ]
    assert weekly[0].rate is None
    assert weekly[2].rate == 0.625


def test_state_counts(history):
    with Session(history) as s:
        c = stats.state_counts(s, TODAY)
    # H2, graded 2 today, comes back in today's session: learning (as on home), not review.
    assert (c.new, c.learning, c.review, c.suspended, c.buried, c.retired) == (1, 2, 3, 1, 0, 1)
    assert (c.leech, c.young, c.mature, c.active) == (1, 2, 1, 7)


def test_heatmap_has_every_day_of_the_year(history):
    with Session(history) as s:
        days = stats.reviews_per_day(s, TODAY)
    assert len(days) == 365
    assert days[0].day == TODAY - 364 and days[-1].day == TODAY
    assert {d.day - TODAY: d.count for d in days if d.count} == {
        0: 3, -1: 1, -2: 2, -5: 1, -6: 1, -7: 1, -8: 1, -9: 1, -40: 1
    }  # fmt: skip


def test_due_forecast_counts_overdue_today(history):
    with Session(history) as s:
        week = stats.due_forecast(s, TODAY, days=7)
        longer = stats.due_forecast(s, TODAY, days=11)
    assert [d.count for d in week] == [2, 0, 1, 0, 0, 0, 1]
    assert week[0].date == date(2026, 11, 22)
    assert longer[-1].count == 1  # H1, due in 10 days


def test_mastery_per_topic_section_point(history):
    with Session(history) as s:
        topics = stats.mastery(s, TODAY)
    assert [(t.topic, len(t.points), t.seen, t.mature, t.mastery) for t in topics] == [
        (A, 5, 4, 1, 0.2857),
        (B, 1, 1, 0, 0.4762),
    ]
    problems, measures = topics[0].sections
    assert (problems.heading, problems.mastery, measures.heading, measures.mastery) == (
        "存在的问题",
        0.381,
        "对策",
        0.1429,
    )
    assert [(p.ordinal, p.count, p.head, p.queue, p.reps, p.ease, p.lapses) for p in problems.points] == [
        (1, 3, "人才短缺", "review", 4, 2.5, 0),
        (2, 3, "权力不到位", "review", 1, 1.96, 2),
        (3, 3, "线上线下未融合", "new", 0, 2.5, 0),
    ]


def test_weakest_points(history):
    with Session(history) as s:
        weak = stats.weakest_points(s, TODAY)
        one = stats.weakest_points(s, TODAY, limit=1)
    assert [(p.label, p.lapses, p.ease) for p in weak] == [
        (f"{A} › 存在的问题 › 第2点", 2, 1.96),
        (f"{A} › 对策 › 第1点", 1, 2.36),
    ]
    assert [p.head for p in one] == ["权力不到位"]


def test_retired_points_leave_mastery_and_renumber(engine):
    deck = make_deck(heads=("甲项", "乙项", "丙项"))
    smaller = make_deck(heads=("甲项", "丙项"))
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="/d.yaml", content_hash="1", now=FIXED_NOW)
        sync_deck(s, smaller, path="/d.yaml", content_hash="2", now=FIXED_NOW)
    with Session(engine) as s:
        (topic,) = stats.mastery(s, TODAY)
        counts = stats.state_counts(s, TODAY)
    assert [(p.head, p.ordinal, p.count) for p in topic.points] == [("甲项", 1, 2), ("丙项", 2, 2)]
    assert counts.retired == 1  # 乙项's head card; the list card lives on
    assert counts.new == 3


def test_deck_filter(history):
    other = make_deck(name="另一卡组", heads=("别的要点",))
    key = f"{other.topics[0].sections[0].points[0].id}:head"
    with Session(history) as s, s.begin():
        seed(s, other, {key: (Queue.REVIEW, 1, 1, 2.5, 1, 0, False)}, [(key, 0, 5), (key, -20, 5)])
    with Session(history) as s:
        mine = s.scalars(select(DeckRow.id).where(DeckRow.name == "申论")).all()
        assert stats.review_counts(s, TODAY).total == 14
        assert stats.review_counts(s, TODAY, mine).total == 12
        assert stats.streak(s, TODAY, mine).days_studied == 9
        assert stats.state_counts(s, TODAY, mine).review == 3  # H2 is due again today: learning
        assert stats.state_counts(s, TODAY).review == 4  # the other deck's card, graded 5, is review
        assert sum(d.count for d in stats.due_forecast(s, TODAY, mine)) == 4
        assert [t.deck for t in stats.mastery(s, TODAY, mine)] == ["申论", "申论"]
        assert [t.deck for t in stats.mastery(s, TODAY)] == ["另一卡组", "申论", "申论"]


def test_overview_json(history):
    with Session(history) as s:
        data = stats.overview(s, TODAY).to_dict()
    data = json.loads(json.dumps(data, ensure_ascii=False))
    assert data["today"] == "2026-11-22"
    assert data["reviews"] == {"today": 3, "this_week": 8, "last_7_days": 8, "last_30_days": 11, "total": 12}
    assert data["streak"] == {
        "current": 3,
        "longest": 5,
        "studied_today": True,
        "days_studied": 9,
        "last_day": "2026-11-22",
    }
    assert data["retention"]["overall"] == {"answers": 12, "correct": 8, "rate": 0.6667}
    assert data["retention"]["weekly"][-1] == {"week": "2026-11-16", "answers": 8, "correct": 5, "rate": 0.625}
    assert data["cards"]["leech"] == 1 and data["cards"]["active"] == 7
    assert [f["due"] for f in data["forecast"]] == [2, 0, 1, 0, 0, 0, 1]
    assert data["heatmap"][0] == {"date": "2026-10-13", "reviews": 1}
    assert data["weakest"][0]["label"] == f"{A} › 存在的问题 › 第2点"
    assert data["topics"][0]["sections"][0]["points"][1]["lapses"] == 2


def test_empty_store(engine):
    with Session(engine) as s:
        o = stats.overview(s, TODAY)
    assert o.reviews.total == 0 and o.streak.current == 0 and o.retention.rate is None
    assert o.topics == () and o.weakest == () and [d.count for d in o.forecast] == [0] * 7


def test_week_start_is_monday():
    for offset in range(14):
        d = TODAY - offset
        assert date.fromordinal(week_start(d)).weekday() == 0
        assert 0 <= d - week_start(d) < 7


def test_stats_agree_with_home_about_cards_due_again_today(engine):
    """New cards graded 1 and 2 come back in today's session: home counts them as 学习中, and so do the
    stats (learning, and due today in the forecast)."""
    from trainer.services.config import Settings
    from trainer.services.study import StudySession
    from trainer.store import drill
    from trainer.store.queries import runner

    deck = make_deck(heads=("人才队伍不完善", "权力下放不到位", "线上线下未融合"))
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="/d.yaml", content_hash="1", now=FIXED_NOW)
    settings = Settings(zone=ZoneInfo("Asia/Shanghai"))
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    session.answer(1)
    session.answer(2)
    today = session.today
    with Session(engine) as s:
        (home,) = drill.deck_summaries(runner(s), today, totals=False)
        counts = stats.state_counts(s, today)
        forecast = stats.due_forecast(s, today, days=3)
    assert home.learning == counts.learning == 2
    assert forecast[0].count == 2 and forecast[1].count == 2  # today in the session, tomorrow as scheduled
