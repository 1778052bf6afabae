"""The store: migrations (0001 -> head with data kept), SQLite settings, the due index, sync, undo, leeches.

Tests marked `postgres` run against PostgreSQL when pytest is given --db-url, else on SQLite.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer.errors import DeckError, StoreError
from trainer.sched import LEECH_LAPSES, Policy, Queue, Schedule, grade
from trainer.store import drill, make_engine, open_store, queries
from trainer.store.migrate import HEAD, REVISIONS, alembic_config, current_revision
from trainer.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow
from trainer.store.replay import replay
from trainer.store.sync import sync_deck

DAY = FIXED_NOW.date().toordinal()


def sync(engine: Engine, deck=None, *, h: str = "h1", now: datetime = FIXED_NOW):
    with Session(engine) as s, s.begin():
        return sync_deck(s, deck or make_deck(), path="/decks/test.yaml", content_hash=h, now=now)


def card_ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return dict(s.execute(select(CardRow.key, CardRow.id).order_by(CardRow.id)).all())


def answer(engine: Engine, card_id: int, quality: int, day: int = DAY) -> queries.Answer:
    with Session(engine) as s, s.begin():
        return queries.record_answer(s, card_id, quality, now=FIXED_NOW + timedelta(days=day - DAY), today=day)


def state(engine: Engine, card_id: int) -> Schedule:
    with Session(engine) as s:
        return queries.load_card(s, card_id).state


# ---- schema and migrations -------------------------------------------------------------------------


def test_revisions_list_matches_alembic_scripts():
    from alembic.script import ScriptDirectory

    from trainer.store.migrate import MIGRATIONS_DIR

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == REVISIONS and script.get_current_head() == HEAD


@pytest.mark.postgres
def test_models_match_the_migrated_schema(engine: Engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from trainer.store.models import Base

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert current_revision(conn) == HEAD
    assert diff == []


def _make_0001_db(url: str) -> Engine:
    from alembic import command

    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")  # type: ignore[arg-type]
        conn.execute(
            text(
                "INSERT INTO decks (id, name, path, content_hash, scheduler) VALUES (1, '旧卡组', '/d.yaml', 'abc', 'sm2')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO notes (id, deck_id, key, topic, section_key, section_kind, heading, ord, head, body, "
                "long_head, retired) VALUES (1, 1, 'p1', '优化营商环境', 's1', 'problems', '存在的问题', 1, '人才队伍不完善', "
                "'', :f, :f)"
            ),
            {"f": False},
        )
        conn.execute(
            text(
                "INSERT INTO cards (id, deck_id, key, kind, section_key, retired) VALUES (1, 1, 'p1:head', 'head', 's1', :f)"
            ),
            {"f": False},
        )
        conn.execute(
            text(
                "INSERT INTO card_state (card_id, deck_id, queue, due_day, new_ord, reps, ease, interval, lapses, leech, "
                "last_review) VALUES (1, 1, 2, :due, 0, 2, 2.6, 6, 0, :f, :at)"
            ),
            {"due": DAY + 7, "f": False, "at": datetime(2026, 11, 23, 2, 0)},
        )
        for i, (day, q, before, after) in enumerate(
            [
                (DAY, 5, (0, 0, 2.5, 0, 0), (2, 1, 2.6, 1, DAY + 1)),
                (DAY + 1, 4, (2, 1, 2.6, 1, DAY + 1), (2, 2, 2.6, 6, DAY + 7)),
            ],
            1,
        ):
            conn.execute(
                text(
                    "INSERT INTO review_log (card_id, reviewed_at, day, quality, duration_ms, queue_before, "
                    "reps_before, ease_before, interval_before, due_before, lapses_before, queue_after, reps_after, "
                    "ease_after, interval_after, due_after, lapses_after) VALUES (1, :at, :day, :q, 1500, "
                    ":qb, :rb, :eb, :ib, :db, 0, :qa, :ra, :ea, :ia, :da, 0)"
                ),
                dict(
                    at=datetime(2026, 11, 21 + i, 2, 0),
                    day=day,
                    q=q,
                    qb=before[0],
                    rb=before[1],
                    eb=before[2],
                    ib=before[3],
                    db=before[4],
                    qa=after[0],
                    ra=after[1],
                    ea=after[2],
                    ia=after[3],
                    da=after[4],
                ),
            )
    return engine


@pytest.mark.postgres
def test_migration_from_first_schema_keeps_data(db_url: str):
    old = _make_0001_db(db_url)
    with old.connect() as conn:
        assert current_revision(conn) == "0001"
    old.dispose()

    engine = open_store(db_url)  # migrates on start
    with engine.connect() as conn:
        assert current_revision(conn) == HEAD
    with Session(engine) as s:
        assert s.scalar(select(DeckRow.name)) == "旧卡组"
        st = s.get(CardStateRow, 1)
        assert st is not None and (st.reps, st.ease, st.interval, st.due_day) == (2, 2.6, 6, DAY + 7)
        assert st.stability is None and st.difficulty is None
        logs = s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        assert [(r.quality, r.duration_ms, r.repeat, r.scheduler, r.fuzz, r.exam_day) for r in logs] == [
            (5, 1500, False, "sm2", False, None),
            (4, 1500, False, "sm2", False, None),
        ]
        assert logs[0].reviewed_at == datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
        # The old log is still the source of truth under the new schema.
        assert replay(s).ok
        card = queries.load_card(s, 1)
        assert card.card.answers == ("人才队伍不完善",)
    # And the migrated database takes new answers.
    a = answer(engine, 1, 4, day=DAY + 7)
    assert a.after.interval == 16 and a.after.reps == 3
    engine.dispose()


@pytest.mark.postgres
def test_migration_0003_encodes_times_and_ease_compactly_and_keeps_them(db_url: str):
    from alembic import command

    old = _make_0001_db(db_url)
    with old.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")  # type: ignore[arg-type]
        conn.execute(
            text(
                "UPDATE review_log SET reviewed_at = :at, ease_after = 2.36, stability_after = 3.25, "
                "difficulty_after = 5.5, scheduler = 'fsrs' WHERE id = 2"
            ),
            {"at": datetime(2026, 11, 23, 2, 0, 7, 123456)},
        )
        conn.execute(text("UPDATE card_state SET ease = 2.36 WHERE card_id = 1"))
    old.dispose()

    engine = open_store(db_url)
    with Session(engine) as s:
        logs = s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        assert [(r.reviewed_at, r.ease_before, r.ease_after) for r in logs] == [
            (datetime(2026, 11, 22, 2, 0, tzinfo=UTC), 2.5, 2.6),
            (datetime(2026, 11, 23, 2, 0, 7, 123000, tzinfo=UTC), 2.6, 2.36),  # microseconds floored to ms
        ]
        assert (logs[1].stability_after, logs[1].difficulty_after, logs[1].scheduler) == (3.25, 5.5, "fsrs")
        st = s.get(CardStateRow, 1)
        assert st is not None and st.ease == 2.36
        assert st.last_review == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
        # On disk: integers (epoch milliseconds, hundredths), not text and floats.
        raw = s.execute(text("SELECT reviewed_at, ease_after FROM review_log WHERE id = 2")).one()
        assert tuple(raw) == (1795399207123, 236)
        raw_state = s.execute(text("SELECT last_review, ease FROM card_state WHERE card_id = 1")).one()
        assert tuple(raw_state) == (1795399200000, 236)
    # New answers are written and read back in the new encoding.
    a = answer(engine, 1, 5, day=DAY + 7)
    with Session(engine) as s:
        log = s.get(ReviewLogRow, a.log_id)
        assert log is not None and log.reviewed_at == FIXED_NOW + timedelta(days=7)
        assert log.ease_before == 2.36 and log.ease_after == a.after.ease
    engine.dispose()


def test_sqlite_backup_is_made_before_migrating(sqlite_url: str):
    from trainer.store.snapshots import list_backups

    _make_0001_db(sqlite_url).dispose()
    engine = open_store(sqlite_url)
    backups = [b for b in list_backups() if b.reason == "pre-0001"]
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].path.stat().st_mode) == 0o600
    check = make_engine(f"sqlite:///{backups[0].path}")
    with check.connect() as conn:
        assert current_revision(conn) == "0001"
        assert conn.execute(text("SELECT count(*) FROM review_log")).scalar() == 2
    check.dispose()
    engine.dispose()
    # Up to date: no further backup.
    open_store(sqlite_url).dispose()
    assert len([b for b in list_backups() if b.reason.startswith("pre-")]) == 1


def test_newer_schema_is_refused(sqlite_url: str):
    engine = open_store(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this trainer"):
        open_store(sqlite_url)


def test_sqlite_file_mode_wal_and_busy_timeout(sqlite_url: str, tmp_path):
    old = os.umask(0o022)
    try:
        engine = open_store(sqlite_url)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "test.db").stat().st_mode) == 0o600
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_due_query_uses_the_due_index(engine: Engine):
    sync(engine)
    sql = drill.due_reviews_sql(limit=False)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        plan = [row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, {"deck": 1, "today": DAY})]
    joined = " | ".join(plan)
    assert any(p.startswith("SEARCH s USING INDEX ix_card_state_due") for p in plan), joined  # s: card_state
    assert not any(p.startswith("SCAN") for p in plan), joined
    assert "TEMP B-TREE" not in joined, joined


# ---- sync ------------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_edited_deck_keeps_history_retires_removed_and_revives(engine: Engine):
    first = sync(engine)
    assert (first.cards_added, first.cards_retired) == (4, 0)
    ids = card_ids(engine)
    head_keys = [k for k in ids if k.endswith(":head")]
    kept, dropped = ids[head_keys[0]], ids[head_keys[2]]
    answer(engine, kept, 5)
    answer(engine, dropped, 4)
    before = state(engine, kept)

    # Third point removed, a new one added: history of the matched card kept, the removed one retired.
    edited = make_deck(heads=("人才队伍不完善", "权力下放不到位", "数据壁垒未打通"))
    result = sync(engine, edited, h="h2")
    assert (result.cards_added, result.cards_retired) == (1, 1)
    assert state(engine, kept) == before
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 2
        retired = s.get(CardRow, dropped)
        assert retired is not None and retired.retired
        assert s.get(CardStateRow, dropped).queue == Queue.RETIRED  # type: ignore[union-attr]
        assert queries.due_queue(s, DAY + 30, [1]).count(dropped) == 0
        assert replay(s).ok

    # Put back: the card returns with its schedule, not as a new card.
    sync(engine, make_deck(), h="h3")
    revived = state(engine, dropped)
    assert revived.queue is Queue.REVIEW and revived.reps == 1
    with Session(engine) as s:
        assert replay(s).ok


def test_unknown_scheduler_is_a_deck_error(engine: Engine):
    deck = dataclasses.replace(make_deck(), settings={"scheduler": "anki"})
    with pytest.raises(DeckError, match="unknown scheduler 'anki'"):
        sync(engine, deck)


@pytest.mark.postgres
def test_scheduler_key_lands_on_the_deck(engine: Engine):
    sync(engine, dataclasses.replace(make_deck(), settings={"scheduler": "fsrs"}))
    with Session(engine) as s:
        assert s.scalar(select(DeckRow.scheduler)) == "fsrs"
        assert queries.deck_algorithms(s, [1]) == {1: "fsrs"}


# ---- answers, undo, leeches, replay --------------------------------------------------------------


@pytest.mark.postgres
def test_answer_is_logged_with_before_and_after_and_undo_restores(engine: Engine):
    sync(engine)
    cid = next(iter(card_ids(engine).values()))
    a1 = answer(engine, cid, 4)
    a2 = answer(engine, cid, 2)  # same day: a repeat, logged, nothing changes
    assert a2.repeat and a2.after == a1.after and a2.again
    with Session(engine) as s:
        rows = s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)).all()
        assert [(r.quality, r.repeat, r.queue_before, r.queue_after, r.due_after) for r in rows] == [
            (4, False, Queue.NEW, Queue.REVIEW, DAY + 1),
            (2, True, Queue.REVIEW, Queue.REVIEW, DAY + 1),
        ]
    a3 = answer(engine, cid, 3, day=DAY + 1)
    assert a3.after.interval == 6 and a3.after.ease == 2.36
    with Session(engine) as s, s.begin():
        queries.undo_answer(s, a3.log_id)
    assert state(engine, cid) == a1.after
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 2
        assert replay(s).ok


@pytest.mark.postgres
def test_write_answer_refuses_a_card_changed_elsewhere(engine: Engine):
    sync(engine)
    cid = next(iter(card_ids(engine).values()))
    stale = state(engine, cid)
    answer(engine, cid, 4)
    outcome = grade(stale, 5, today=DAY, card_id=cid)
    with pytest.raises(StoreError, match="changed elsewhere"), Session(engine) as s, s.begin():
        queries.write_answer(s, cid, stale, outcome, quality=5, policy=Policy(), now=FIXED_NOW, today=DAY)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 1


@pytest.mark.postgres
def test_leech_is_suspended_and_listed(engine: Engine):
    sync(engine)
    ids = card_ids(engine)
    cid = ids[next(k for k in ids if k.endswith(":head"))]
    day = DAY
    for _ in range(LEECH_LAPSES):
        learned = answer(engine, cid, 5, day=day).after
        day = learned.due_day
        lapsed = answer(engine, cid, 0, day=day).after
        day = lapsed.due_day
    st = state(engine, cid)
    assert st.leech and st.queue is Queue.SUSPENDED and st.lapses == LEECH_LAPSES
    with Session(engine) as s:
        found = queries.leeches(s)
        assert [(lc.card_id, lc.deck, lc.lapses, lc.suspended) for lc in found] == [(cid, "测试卡组", 8, True)]
        assert cid not in queries.due_queue(s, day + 400, [1])
        assert replay(s).ok


@pytest.mark.postgres
def test_replay_reports_a_tampered_card(engine: Engine):
    sync(engine)
    ids = list(card_ids(engine).values())
    answer(engine, ids[0], 5)
    answer(engine, ids[1], 3)
    with Session(engine) as s, s.begin():
        s.get(CardStateRow, ids[1]).interval = 9  # type: ignore[union-attr]
        s.get(CardStateRow, ids[2]).reps = 4  # type: ignore[union-attr]  (never answered)
    with Session(engine) as s:
        report = replay(s)
    assert report.cards == 4 and report.reviews == 2
    assert [(m.card_id, m.field, m.stored, m.rebuilt) for m in report.mismatches] == [
        (ids[1], "interval", 9, 1),
        (ids[2], "reps", 4, 0),
    ]


def test_db_replay_command_exit_codes(_isolated_home, capsys: pytest.CaptureFixture[str]):
    from trainer.cli import main
    from trainer.services.database import open_default_store

    engine = open_default_store()
    sync(engine)
    cid = next(iter(card_ids(engine).values()))
    answer(engine, cid, 4)
    assert main(["db", "replay"]) == 0
    assert "all match" in capsys.readouterr().err
    with Session(engine) as s, s.begin():
        s.get(CardStateRow, cid).due_day += 3  # type: ignore[union-attr]
    assert main(["db", "replay"]) == 1
    out = capsys.readouterr()
    assert f"card {cid} (测试卡组 " in out.out and "due_day stored" in out.out
    assert "1 cards differ" in out.err
    engine.dispose()


def test_postgres_option_really_uses_postgres(request: pytest.FixtureRequest, db_url: str):
    # Guards against a CI run that believes it tested PostgreSQL but fell back to SQLite.
    url = request.config.getoption("--db-url")
    assert db_url.startswith("sqlite")  # unmarked tests always use SQLite
    if url:
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.dialect.name == "postgresql"
        engine.dispose()


@pytest.mark.postgres
def test_marked_tests_get_the_option_database(request: pytest.FixtureRequest, engine: Engine):
    url = request.config.getoption("--db-url")
    assert engine.dialect.name == ("postgresql" if url else "sqlite")


def test_a_read_in_progress_does_not_hold_the_write_lock(sqlite_url: str):
    from trainer.store.engine import reader

    engine = open_store(sqlite_url)
    sync(engine)
    with Session(reader(engine)) as r:
        assert r.scalar(select(func.count()).select_from(CardRow))  # a read transaction is open
        with Session(engine) as w, w.begin():  # BEGIN IMMEDIATE: the write lock, not waiting on the reader
            changed = w.execute(text("UPDATE card_state SET due_day = due_day")).rowcount  # type: ignore[attr-defined]
        assert changed == len(card_ids(engine))
    engine.dispose()


@pytest.mark.postgres
def test_bury_suspend_and_an_unsuspended_leech_keep_replay_ok(engine: Engine):
    """What the learner sets aside is not in the log: replay still finds every schedule the log gives,
    and a buried card comes back the next day with its due day as it was."""
    from trainer.store import card_ops

    sync(engine)
    ids = list(card_ids(engine).values())
    reviewed, fresh, leech = ids[0], ids[1], ids[2]
    learned = answer(engine, reviewed, 5).after  # due tomorrow
    day = DAY
    for _ in range(LEECH_LAPSES):
        day = answer(engine, leech, 5, day=day).after.due_day
        day = answer(engine, leech, 0, day=day).after.due_day
    overdue = learned.due_day + 3
    with Session(engine) as s, s.begin():
        card_ops.bury(s, reviewed, overdue)
        card_ops.bury(s, fresh, overdue)
    with Session(engine) as s:
        assert replay(s).ok
    assert state(engine, reviewed).due_day == learned.due_day  # burying leaves the due day alone
    with Session(engine) as s, s.begin():
        assert card_ops.unbury_past(s, overdue) == 0  # the same day: still buried
        assert card_ops.unbury_past(s, overdue + 1) == 2
    back = state(engine, reviewed)
    assert (back.queue, back.due_day) == (Queue.REVIEW, learned.due_day)
    assert state(engine, fresh) == Schedule()  # a new card again, as it was
    with Session(engine) as s, s.begin():
        card_ops.suspend(s, fresh)
        card_ops.unsuspend(s, leech)  # the learner takes the leech back after rewriting it
    assert state(engine, leech).queue is Queue.REVIEW
    with Session(engine) as s:
        report = replay(s)
        assert report.ok, report.mismatches
    with Session(engine) as s, s.begin():
        s.execute(text("UPDATE card_state SET due_day = due_day + 1 WHERE card_id = :c"), {"c": leech})
    with Session(engine) as s:
        assert [m.field for m in replay(s).mismatches] == ["due_day"]  # other fields are still checked


def test_migration_0005_keeps_buried_cards_buried_until_the_next_day(sqlite_url: str):
    from alembic import command

    from trainer.store import card_ops

    old = _make_0001_db(sqlite_url)
    with old.begin() as conn:
        command.upgrade(alembic_config(conn), "0004")  # type: ignore[arg-type]
        conn.execute(text("UPDATE card_state SET queue = -2, due_day = :d WHERE card_id = 1"), {"d": DAY + 9})
    old.dispose()
    engine = open_store(sqlite_url)
    with Session(engine) as s, s.begin():
        row = s.get(CardStateRow, 1)
        assert row is not None and row.aside_day == DAY + 9  # the bury day, from where 0004 kept it
        assert card_ops.unbury_past(s, DAY + 9) == 0
        assert card_ops.unbury_past(s, DAY + 10) == 1
    assert state(engine, 1).queue is Queue.REVIEW
    engine.dispose()
