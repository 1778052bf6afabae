"""`trainer sync` of a changed section: its new list card's entry follows the rule again (issue 15).

A point added to a known section makes the list wait for it; a point removed that was the last one not
known lets the list enter; `trainer db replay` agrees with what the sync left, and the day's session
shows (or does not show) the list accordingly.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from trainer.cli import main
from trainer.deckfile import decks
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store import open_store, queries
from trainer.store.models import CardRow, CardStateRow
from trainer.store.replay import replay

TODAY = date(2026, 11, 22).toordinal()  # the study day of FIXED_NOW in Shanghai
THREE = ("人才队伍不完善", "权力下放不到位", "线上线下未融合")
FOUR = (*THREE, "考核评价不健全")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    monkeypatch.setenv("TRAINER_HOME", str(home))
    monkeypatch.delenv("TRAINER_DB", raising=False)
    return home


def _sync(home: Path, heads: tuple[str, ...]) -> Engine:
    path = home / "decks" / "demo.yaml"
    decks.save(make_deck(heads=heads), path)
    assert main(["sync", str(path)]) == 0
    return open_store(f"sqlite:///{home / 'trainer.db'}")


def _ids(engine: Engine) -> dict[str, int]:
    """Card id by head (and 'list' for the list card), of the live cards."""
    with Session(engine) as s:
        rows = s.execute(select(CardRow.id, CardRow.kind, CardRow.key).where(~CardRow.retired)).all()
        heads = {r.key: r.id for r in rows}
    out = {"list": next(r.id for r in rows if r.kind == "list")}
    deck = make_deck(heads=FOUR)
    for _, _, p in deck.points():
        if f"{p.id}:head" in heads:
            out[p.head] = heads[f"{p.id}:head"]
    return out


def _answer(engine: Engine, card_ids: list[int], day: int) -> None:
    with Session(engine) as s, s.begin():
        for cid in card_ids:
            queries.record_answer(s, cid, 4, now=FIXED_NOW - timedelta(days=TODAY - day), today=day)


def _entry(engine: Engine, card_id: int) -> int:
    with Session(engine) as s:
        return s.get(CardStateRow, card_id).due_day


def _replay_matches(engine: Engine) -> bool:
    with Session(engine) as s:
        return not replay(s).mismatches


def _queue(engine: Engine) -> list[int]:
    session = StudySession.start(engine, [1], Settings(zone=SHANGHAI), lambda: FIXED_NOW)
    return list(session.queue)


def test_a_point_added_to_a_known_section_makes_its_list_wait(home: Path) -> None:
    engine = _sync(home, THREE)
    ids = _ids(engine)
    _answer(engine, [ids[h] for h in THREE], TODAY - 2)
    assert _entry(engine, ids["list"]) == TODAY - 1  # known: it entered yesterday (not shown yet)
    engine.dispose()

    engine = _sync(home, FOUR)  # a fourth point, never answered
    ids = _ids(engine)
    assert _entry(engine, ids["list"]) == 0
    assert _replay_matches(engine)
    assert ids["list"] not in _queue(engine)

    _answer(engine, [ids["考核评价不健全"]], TODAY - 1)  # the new point learned: the list enters the day after
    assert _entry(engine, ids["list"]) == TODAY
    assert _replay_matches(engine)
    assert _queue(engine)[0] == ids["list"]


def test_removing_the_last_point_not_known_lets_the_list_enter(home: Path) -> None:
    engine = _sync(home, FOUR)
    ids = _ids(engine)
    _answer(engine, [ids[h] for h in THREE], TODAY - 3)
    _answer(engine, [ids["权力下放不到位"]], TODAY - 2)  # a second answer: the first made it known
    assert _entry(engine, ids["list"]) == 0  # 考核评价不健全 never answered
    engine.dispose()

    engine = _sync(home, THREE)  # that point removed from the deck
    assert _entry(engine, ids["list"]) == TODAY - 2  # the day after the others' first-known answers
    assert _replay_matches(engine)
    queue = _queue(engine)
    assert ids["list"] in queue and not {ids[h] for h in THREE} & set(queue)  # the heads go through it
    engine.dispose()

    engine = _sync(home, FOUR)  # and back again: its history (none) kept, the list waits once more
    assert _entry(engine, ids["list"]) == 0
    assert _replay_matches(engine)


def test_a_list_already_shown_is_not_touched(home: Path) -> None:
    engine = _sync(home, THREE)
    ids = _ids(engine)
    _answer(engine, [ids[h] for h in THREE], TODAY - 3)
    _answer(engine, [ids["list"]], TODAY - 2)
    with Session(engine) as s:
        before = s.get(CardStateRow, ids["list"])
        before_state = (before.queue, before.due_day, before.interval)
    engine.dispose()
    engine = _sync(home, FOUR)
    with Session(engine) as s:
        after = s.get(CardStateRow, ids["list"])
        assert (after.queue, after.due_day, after.interval) == before_state
    assert _replay_matches(engine)


def test_points_added_to_the_lists_of_a_pair_make_the_pair_wait(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.test_lists_floors import document
    from trainer.core.model import Point, point_id
    from trainer.store.sync import sync_deck

    engine = open_store(f"sqlite:///{tmp_path / 'pair.db'}")
    deck = document()
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="doc.yaml", content_hash="1", now=FIXED_NOW)
    with Session(engine) as s:
        rows = s.execute(select(CardRow.id, CardRow.kind, CardRow.section_key)).all()
    pair = next(r for r in rows if r.kind == "pair")
    topic = deck.topics[0]
    problems, measures = topic.sections[1], topic.sections[2]
    heads = [r.id for r in rows if r.kind == "head" and r.section_key in _sections_of_pair(engine, pair.id)]
    assert len(heads) == len(problems.points) + len(measures.points)
    _answer(engine, heads, TODAY - 2)
    assert _entry(engine, pair.id) == TODAY - 1

    # One more point in each list (a pair needs lists of one length): a new problem and its countermeasure.
    more = [
        replace(sec, points=(*sec.points, Point(id=point_id(topic.title, sec.kind, h), head=h, body="新增")))
        for sec, h in ((problems, "新增问题"), (measures, "新增对策"))
    ]
    changed = replace(deck, topics=(replace(topic, sections=(topic.sections[0], *more)), *deck.topics[1:]))
    with Session(engine) as s, s.begin():
        sync_deck(s, changed, path="doc.yaml", content_hash="2", now=FIXED_NOW)
    assert _entry(engine, pair.id) == 0  # the pair card kept its history, and waits for the new points
    assert _replay_matches(engine)


def _sections_of_pair(engine: Engine, pair_id: int) -> set[str]:
    from trainer.core.cards import paired_section

    with Session(engine) as s:
        row = s.get(CardRow, pair_id)
        return {row.section_key, paired_section(row.key)}


def test_list_cards_a_deck_starts_to_ask_for_enter_when_their_points_are_known(home: Path) -> None:
    from dataclasses import replace

    path = home / "decks" / "demo.yaml"
    decks.save(replace(make_deck(heads=THREE), settings={"cards": ["head"]}), path)
    assert main(["sync", str(path)]) == 0
    engine = open_store(f"sqlite:///{home / 'trainer.db'}")
    _answer(engine, [1, 2, 3], TODAY - 2)
    engine.dispose()

    engine = _sync(home, THREE)  # the deck now asks for list cards too
    list_id = _ids(engine)["list"]
    assert _entry(engine, list_id) == TODAY - 1
    assert _replay_matches(engine)
    assert _queue(engine) == [list_id]
