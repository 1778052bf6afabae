"""Browse queries and card operations (bury, suspend, edit, info) against a real SQLite store."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.sched.days import study_day
from trainer.services.edits import save_edits
from trainer.services.study import StudySession
from trainer.store import browse, card_ops, queries
from trainer.store.browse import BrowseQuery, StateFilter
from trainer.store.models import CardStateRow, Queue, ReviewLogRow
from trainer.store.sync import sync_deck


def _today(settings) -> int:
    return study_day(FIXED_NOW, settings.tz(), settings.day_start_hour)


def _big_deck(n: int) -> Deck:
    points = tuple(
        Point(id=point_id("大题", SectionKind.COUNTERMEASURES, f"措施{i:04d}"), head=f"措施{i:04d}", body=f"说明{i}")
        for i in range(n)
    )
    return Deck(
        name="大卡组",
        topics=(
            Topic(title="大题", sections=(Section(SectionKind.COUNTERMEASURES, "对策", points),)),
            make_deck().topics[0],
        ),
    )


def _sync(engine, deck: Deck) -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path=f"{deck.name}.yaml", content_hash="x", now=FIXED_NOW)


def test_search_finds_chinese_substrings_in_head_and_body(engine, deck, settings) -> None:
    _sync(engine, deck)
    with Session(engine) as s:
        heads = [r.head for r in browse.search(s, BrowseQuery(text="下放"), _today(settings)).rows]
        assert heads == ["权力下放不到位"]
        by_body = browse.search(s, BrowseQuery(text="人员紧缺"), _today(settings)).rows
        assert len(by_body) == 3
        assert browse.search(s, BrowseQuery(text="%"), _today(settings)).rows == ()  # LIKE wildcards escaped
        assert browse.count(s, BrowseQuery(text="不"), _today(settings)) == 2


def test_keyset_pages_cover_every_point_once(engine, settings) -> None:
    _sync(engine, _big_deck(120))
    today = _today(settings)
    seen: list[str] = []
    after = None
    pages = 0
    with Session(engine) as s:
        while True:
            page = browse.search(s, BrowseQuery(topic="大题"), today, after=after, limit=50)
            seen += [r.head for r in page.rows]
            pages += 1
            if page.after is None:
                break
            after = page.after
        assert browse.count(s, BrowseQuery(topic="大题"), today) == 120
    assert pages == 3 and seen == [f"措施{i:04d}" for i in range(120)]


def test_state_filters(engine, deck, settings) -> None:
    _sync(engine, deck)
    today = _today(settings)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    graded = session.current()
    session.answer(4)
    suspended = session.current()
    session.suspend()
    with Session(engine) as s:

        def ids(state: StateFilter, day: int = today) -> set[int]:
            return {r.card_id for r in browse.search(s, BrowseQuery(state=state), day).rows}

        assert ids(StateFilter.REVIEW) == {graded.card_id}
        assert ids(StateFilter.SUSPENDED) == {suspended.card_id}
        assert len(ids(StateFilter.NEW)) == 1
        assert ids(StateFilter.DUE) == set()
        assert ids(StateFilter.DUE, today + 1) == {graded.card_id}
        assert len(ids(StateFilter.ALL)) == 3
        assert ids(StateFilter.LEECH) == set()


def test_bury_hides_until_the_next_day_and_unbury_restores_queue(engine, deck, settings) -> None:
    _sync(engine, deck)
    today = _today(settings)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    first = session.current()
    session.bury()
    assert first.card_id not in session.queue
    with Session(engine) as s, s.begin():
        assert card_ops.unbury_past(s, today) == 0  # same day: still buried
        assert s.get(CardStateRow, first.card_id).queue == Queue.BURIED
        assert first.card_id not in queries.due_queue(s, today, [1], 20)
    with Session(engine) as s, s.begin():
        assert card_ops.unbury_past(s, today + 1) == 1
    with Session(engine) as s:
        assert s.get(CardStateRow, first.card_id).queue == Queue.NEW
        assert first.card_id in queries.due_queue(s, today + 1, [1], 20)


def test_undo_takes_back_bury_and_answers_in_order(engine, deck, settings) -> None:
    _sync(engine, deck)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    a = session.current().card_id
    session.answer(5)
    b = session.current().card_id
    session.bury()
    c = session.current().card_id
    session.answer(3)
    assert session.undo() and session.current().card_id == c
    assert session.undo() and session.current().card_id == b
    with Session(engine) as s:
        assert s.get(CardStateRow, b).queue == Queue.NEW
    assert session.undo() and session.current().card_id == a
    assert not session.undo()
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 0
        assert s.get(CardStateRow, a).queue == Queue.NEW


def test_edit_keeps_the_point_id_and_history(engine, deck, settings) -> None:
    _sync(engine, deck)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    card = session.current()
    session.answer(2)
    save_edits(engine, card.card_id, [(card.card.point_ids[0], " 人才队伍建设不完善 ", "新说明")], now=FIXED_NOW)
    with Session(engine) as s:
        reloaded = queries.load_card(s, card.card_id)
        info = card_ops.card_info(s, card.card_id)
    assert reloaded.card.answers == ("人才队伍建设不完善",)
    assert reloaded.card.body == "新说明"
    assert [h.quality for h in info.history] == [2]
    assert info.state.queue == Queue.REVIEW and info.state.interval == 1


def test_edit_refuses_an_empty_head(engine, deck) -> None:
    import pytest

    from trainer.errors import DeckError

    _sync(engine, deck)
    with pytest.raises(DeckError, match="empty"):
        save_edits(engine, 1, [(deck.points()[0][2].id, "  ", "x")], now=FIXED_NOW)


def test_unsuspend_returns_a_graded_card_to_review(engine, deck, settings) -> None:
    _sync(engine, deck)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    card = session.current()
    session.answer(4)
    with Session(engine) as s, s.begin():
        card_ops.suspend(s, card.card_id)
    with Session(engine) as s, s.begin():
        card_ops.unsuspend(s, card.card_id)
    with Session(engine) as s:
        assert s.get(CardStateRow, card.card_id).queue == Queue.REVIEW


def test_topic_summaries_and_topic_cards(engine, settings) -> None:
    deck = _big_deck(3)
    deck = replace(deck, topics=deck.topics)
    _sync(engine, deck)
    with Session(engine) as s:
        tops = browse.topic_summaries(s, _today(settings))
        from collections import Counter

        from trainer.core.cards import cards_for_deck

        per_topic = Counter(c.topic for c in cards_for_deck(deck))  # heads, list and whatever kinds the deck has
        assert [(t.topic, t.new, t.total) for t in tops] == [
            (t, per_topic[t], per_topic[t]) for t in ("大题", "优化基层政企服务")
        ]
        assert len(browse.card_ids_in_topic(s, 1, "大题")) == per_topic["大题"]
        assert browse.topics(s) == ["大题", "优化基层政企服务"]
        assert set(browse.headings(s)) == {"对策", "存在的问题"}


def test_edit_of_an_unknown_point_is_refused(engine, deck) -> None:
    import pytest

    from trainer.errors import DeckError

    _sync(engine, deck)
    with pytest.raises(DeckError, match="not in deck"):
        save_edits(engine, 1, [("nosuchpoint", "x", "")], now=FIXED_NOW)
