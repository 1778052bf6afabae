"""Shared fixtures: a temporary store, a fixed clock, a small deck; no test reads the user's real data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from dateutil import tz

from trainer.config import Settings
from trainer.model import Deck, Point, Section, SectionKind, Topic, point_id

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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


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
    )


@pytest.fixture
def deck() -> Deck:
    return make_deck()
