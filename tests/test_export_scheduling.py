"""The Anki package carries schedules and the review log (issue 18), checked in the real `anki` engine;
a hand-written {{cloze}} is a real Anki cloze, and trainer's own import writes it back."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.exchange_helpers import T1, load_into_store, rich_deck
from trainer import cli
from trainer.core.model import Point
from trainer.deckfile import decks
from trainer.sched.days import study_day
from trainer.services.config import load_settings
from trainer.services.database import open_default_store
from trainer.store import card_ops, queries
from trainer.store.models import CardRow, CardStateRow, ReviewLogRow

MANUAL_BODY = "做到{{网上办::口诀}}，推进{{一次办}}。"


def _deck():
    """The rich deck with hand-written clozes in one body."""
    deck = rich_deck()
    topic = deck.topics[0]
    section = topic.sections[0]
    p = section.points[2]
    points = (*section.points[:2], Point(id=p.id, head=p.head, body=MANUAL_BODY))
    sections = (replace(section, points=points), *topic.sections[1:])
    return replace(deck, topics=(replace(topic, sections=sections), *deck.topics[1:]))


def _anki(tmp_path: Path, apkg: Path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    (tmp_path / "anki").mkdir(exist_ok=True)
    col = Collection(str(tmp_path / "anki" / "x.anki2"))
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=True))
    )
    return col


def _history(engine) -> tuple[int, dict[str, int]]:
    """Answers over five days before today and today, relative to the real clock (the CLI's)."""
    settings = load_settings()
    now = datetime.now(UTC)
    today = study_day(now, settings.tz(), settings.day_start_hour)
    with Session(engine) as s:
        ids = {k: i for i, k in s.execute(select(CardRow.id, CardRow.key).order_by(CardRow.id))}
    heads = [cid for key, cid in ids.items() if key.endswith(":head")]
    a, b, c = heads[:3]
    with Session(engine) as s, s.begin():
        for back, q in ((5, 4), (4, 1), (3, 4), (2, 1), (1, 5)):  # card a: two lapses, due ahead
            queries.record_answer(s, a, q, now=now - timedelta(days=back), today=today - back, duration_ms=2000)
        queries.record_answer(s, b, 2, now=now - timedelta(days=1), today=today - 1, duration_ms=3000)
        queries.record_answer(s, b, 4, now=now - timedelta(days=1, minutes=-5), today=today - 1)  # repeat
        queries.record_answer(s, c, 4, now=now - timedelta(days=3), today=today - 3)
        card_ops.suspend(s, c)
    return today, {"a": a, "b": b, "c": c}


def test_apkg_carries_schedules_and_the_review_log_into_anki(tmp_path: Path, capsys):
    load_into_store(tmp_path, _deck())
    engine = open_default_store(daily_backup=False)
    today, cards = _history(engine)
    with Session(engine) as s:
        states = {name: s.get(CardStateRow, cid) for name, cid in cards.items()}
        keys = {name: s.get(CardRow, cid).key for name, cid in cards.items()}
        logged = s.scalar(select(func.count()).select_from(ReviewLogRow))
    engine.dispose()
    out = tmp_path / "out.apkg"
    assert cli.main(["export", "--apkg", str(out)]) == 0
    col = _anki(tmp_path, out)
    try:
        anki_today = col.sched.today

        def card_of(name: str):
            pid = keys[name].split(":")[0]
            (cid,) = col.find_cards(f'"PointID:{pid}" card:1')
            return col.get_card(cid)

        a = card_of("a")
        st = states["a"]
        assert (a.type, a.queue, a.ivl, a.factor, a.lapses, a.reps) == (
            2,
            2,
            st.interval,
            round(st.ease * 1000),
            st.lapses,
            5,
        )
        assert st.lapses == 2 and a.due - anki_today == st.due_day - today  # due the same day in Anki
        b = card_of("b")
        assert (b.type, b.ivl, b.reps, b.due - anki_today) == (2, 1, 2, states["b"].due_day - today)
        c = card_of("c")
        assert (c.type, c.queue, c.ivl) == (2, -1, states["c"].interval)  # suspended, schedule kept
        new = col.get_card(col.find_cards(f'"PointID:{rich_deck().topics[1].sections[0].points[0].id}"')[0])
        assert (new.type, new.queue, new.reps) == (0, 0, 0)
        assert col.db.scalar("select count() from revlog") == logged == 8
        eases = col.db.list(f"select ease from revlog where cid = {a.id} order by id")
        assert eases == [3, 1, 3, 1, 4]  # Good, Again, Good, Again, Easy
        kinds = col.db.list(f"select type from revlog where cid = {b.id} order by id")
        assert kinds == [0, 0]  # a new card's first answer and its same-day repeat: learning
    finally:
        col.close()


def _visible(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_a_hand_written_cloze_is_a_real_anki_cloze_and_comes_back(tmp_path: Path, capsys, monkeypatch):
    deck = _deck()
    load_into_store(tmp_path, deck)
    out = tmp_path / "out.apkg"
    assert cli.main(["export", "--apkg", str(out), "--no-scheduling"]) == 0
    pid = deck.topics[0].sections[0].points[2].id
    col = _anki(tmp_path, out)
    try:
        nid = col.find_notes(f'"PointID:{pid}"')[0]
        cards = sorted((col.get_card(c) for c in col.find_cards(f"nid:{nid}")), key=lambda c: c.ord)
        assert len(cards) == 3  # c1 the head, c2 网上办, c3 一次办
        q2, a2 = _visible(cards[1].question()), _visible(cards[1].answer())
        assert "[口诀]" in q2 and "网上办" not in q2 and "{" not in q2 and "\u200b" not in q2
        assert "网上办" in a2
        q3 = _visible(cards[2].question())
        assert "[...]" in q3 and "一次办" not in q3 and "网上办" in q3
    finally:
        col.close()
    # trainer's own import gives the same point back, hand-written clozes and all
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "elsewhere"))
    back = tmp_path / "back.yaml"
    assert cli.main(["import", str(out), "-o", str(back)]) == 0
    again = decks.load(back)
    point = next(p for t in again.topics for s in t.sections for p in s.points if p.id == pid)
    assert point.body == MANUAL_BODY
    assert f"{T1}" in [t.title for t in again.topics]


def test_export_then_import_elsewhere_brings_the_history_back(tmp_path: Path, capsys, monkeypatch):
    from trainer.store.replay import replay

    load_into_store(tmp_path, _deck())
    engine = open_default_store(daily_backup=False)
    _today, cards = _history(engine)
    with Session(engine) as s:
        keys = {s.get(CardRow, cid).key: cid for cid in cards.values()}
        lapses = {k: s.get(CardStateRow, cid).lapses for k, cid in keys.items()}
    engine.dispose()
    out = tmp_path / "out.apkg"
    assert cli.main(["export", "--apkg", str(out)]) == 0
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "machine2"))
    assert cli.main(["import", str(out)]) == 0
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            answers = dict(
                s.execute(
                    select(CardRow.key, func.count(ReviewLogRow.id))
                    .join(ReviewLogRow, ReviewLogRow.card_id == CardRow.id)
                    .group_by(CardRow.key)
                ).all()
            )
            assert {k: answers.get(k) for k in keys} == dict(zip(keys, (5, 2, 1), strict=True))
            a = next(k for k in keys if answers.get(k) == 5)
            row = s.scalars(select(CardStateRow).join(CardRow).where(CardRow.key == a)).one()
            assert row.lapses == lapses[a] == 2  # Good→4, Again→1, Easy→5: the same SM-2 history
            assert replay(s).ok
    finally:
        engine.dispose()
