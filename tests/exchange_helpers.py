"""Shared by the export and import tests: a deck with slogans, and loading it into the default store."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXED_NOW
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.deckfile import decks
from trainer.services.database import open_default_store
from trainer.services.library import sync_files

T1, T2 = "优化营商环境", "推进乡村振兴"


def _p(topic: str, kind: SectionKind, head: str, body: str = "", long_head: bool = False) -> Point:
    return Point(id=point_id(topic, kind, head), head=head, body=body, long_head=long_head)


def rich_deck(name: str = "申论要点") -> Deck:
    """Two topics, three sections, slogans in “…”, a multi-line body, HTML-ish and cloze-ish characters."""
    p = SectionKind.PROBLEMS
    c = SectionKind.COUNTERMEASURES
    s = SectionKind.SIGNIFICANCE
    return Deck(
        name=name,
        topics=(
            Topic(
                T1,
                (
                    Section(
                        p,
                        "存在的问题",
                        (
                            _p(T1, p, "审批流程繁琐", "群众办事“多头跑”“来回跑”，企业开办时间长。"),
                            _p(T1, p, "监管方式落后", "重审批轻监管。\n第二行：<事中事后> & 监管缺位。"),
                            _p(T1, p, "政务服务不便", ""),
                        ),
                    ),
                    Section(
                        c,
                        "对策",
                        (
                            _p(T1, c, "深化“放管服”改革", "推行“一网通办”，做到“最多跑一次”。"),
                            _p(T1, c, "创新监管方式，推进双随机一公开监管全面覆盖", "以a::b为例", long_head=True),
                        ),
                    ),
                ),
            ),
            Topic(
                T2,
                (Section(s, "重要意义", (_p(T2, s, "夯实党的执政基础", "“三农”问题是关系国计民生的根本性问题。"),)),),
            ),
        ),
        settings={"cards": ["head", "list"]},
    )


def load_into_store(tmp_path: Path, deck: Deck) -> Path:
    path = tmp_path / f"{deck.name}.yaml"
    decks.save(deck, path)
    engine = open_default_store(daily_backup=False)
    sync_files(engine, [path], now=FIXED_NOW)
    engine.dispose()
    return path
