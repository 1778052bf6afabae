"""Shared fixtures: a temporary store, a fixed clock, a small deck; no test reads the user's real data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from dateutil import tz

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.services.config import Settings

SHANGHAI = tz.gettz("Asia/Shanghai")
# 2026-11-22 10:00 in Shanghai: study day 2026-11-22.
FIXED_NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own TRAINER_HOME and no TRAINER_DB from the outside."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRAINER_HOME", str(home))
    monkeypatch.delenv("TRAINER_DB", raising=False)
    return home


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-url",
        default=None,
        help="run tests marked `postgres` against this database (e.g. postgresql+psycopg://u@127.0.0.1/db); "
        "its public schema is dropped and recreated before each test",
    )


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine

    eng = create_engine(url)
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        eng.dispose()


@pytest.fixture
def rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kind rules without the learned cues (last in RULES): a guard that a rule decides nothing is
    about the rule; the cues, trained on the annotated parts, may still read the heads, the lead-in or
    the topic (`从…来看` angles are significance on real pages; `打好…组合拳` is a call to act)."""
    from trainer.parse import kinds

    monkeypatch.setattr(
        kinds, "RULES", tuple(r for r in kinds.RULES if r not in (kinds._read_lead, kinds._learned, kinds._both_read))
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file, whatever --db-url says (for SQLite-only behaviour)."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """The database under test: --db-url (emptied first) for tests marked `postgres`, else SQLite."""
    url = request.config.getoption("--db-url")
    if url and request.node.get_closest_marker("postgres"):
        _reset_postgres(url)
        return str(url)
    return sqlite_url


@pytest.fixture
def engine(db_url: str):
    from trainer.store import open_store

    eng = open_store(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings() -> Settings:
    return Settings(zone=SHANGHAI)


def make_deck(
    name: str = "测试卡组", heads: tuple[str, ...] = ("人才队伍不完善", "权力下放不到位", "线上线下未融合")
) -> Deck:
    """A one-topic deck with one problems section of the given heads."""
    topic = "优化基层政企服务"
    points = tuple(
        Point(id=point_id(topic, SectionKind.PROBLEMS, h), head=h, body=f"{h}的说明，便民服务中心人员紧缺。")
        for h in heads
    )
    return Deck(
        name=name,
        sources=("test.txt",),
        topics=(Topic(title=topic, sections=(Section(SectionKind.PROBLEMS, "存在的问题", points),)),),
        # Head and list cards only, so store and TUI tests count a point as one card (the other
        # kinds have tests of their own in test_cards.py).
        settings={"cards": ["head", "list"]},
    )


@pytest.fixture
def deck() -> Deck:
    return make_deck()
