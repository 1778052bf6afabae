"""新建卡组 from pasted text: the deck is named from the text's opening heading when it has no title
line, 未命名 only when it has none, and a second untitled paste is a second deck (never merged into
the first). Driven by key presses and checked on the deck files and the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from textual.widgets import TextArea

from tests.tui_support import app_for
from trainer import paths
from trainer.deckfile import decks
from trainer.store.models import DeckRow
from trainer.tui.screens.outline import OutlineScreen

# No title line: it opens with its first section's heading (the builder's outline starts there).
HEADED = """城市更新监测发现的主要问题

发现一：老旧小区改造进度不均衡。问卷显示，部分街道的改造已近尾声，另一些街道还没有启动。

发现二：停车难仍是最突出的短板。晚间停车位缺口普遍在三成以上，占道停车的现象较多。

改进监测工作的几点建议

方法一：扩大样本覆盖面。把城中村和城乡结合部纳入抽样范围，避免只测老城区。

方法二：引入第三方评估。委托高校或研究机构独立评估，结果向社会公开。
"""

# Copied from the middle of a list: no title, no heading.
UNTITLED_A = """二是乡村医生待遇偏低。村医平均年龄超过五十岁，年轻人不愿意回村行医。
三是药品配备不足。一些村卫生室常用药经常断供，群众只能到镇上买药。
四是考核机制不健全。村医的服务数量和质量缺少考核，干好干坏一个样。
"""
UNTITLED_B = """二是垃圾分类设施不足。一些小区只有一个混装垃圾桶，居民无从分类。
三是宣传引导不到位。不少居民不了解分类标准，参与积极性不高。
四是收运体系不配套。分好的垃圾被混装运走，挫伤了居民的积极性。
"""


async def _paste_and_save(engine, text: str) -> None:
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#new-deck-paste", TextArea).text = text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)


def _deck_names(engine) -> set[str]:
    with Session(engine) as s:
        return set(s.scalars(select(DeckRow.name)))


async def test_pasted_text_opening_with_a_heading_is_named_from_it(engine) -> None:
    await _paste_and_save(engine, HEADED)
    saved = paths.user_decks_dir() / "城市更新监测发现的主要问题.yaml"
    assert saved.is_file(), sorted(p.name for p in paths.user_decks_dir().iterdir())
    assert decks.load(saved).name == "城市更新监测发现的主要问题"
    assert "城市更新监测发现的主要问题" in _deck_names(engine)
    assert not (paths.user_decks_dir() / "未命名.yaml").exists()


async def test_a_second_untitled_paste_is_a_second_deck(engine) -> None:
    await _paste_and_save(engine, UNTITLED_A)
    first = paths.user_decks_dir() / "未命名.yaml"
    assert decks.load(first).name == "未命名"
    before = first.read_bytes()
    await _paste_and_save(engine, UNTITLED_B)
    assert first.read_bytes() == before  # the first deck's file is untouched
    second = paths.user_decks_dir() / "未命名2.yaml"
    assert "垃圾分类设施不足" in [p.head for _, _, p in decks.load(second).points()]
    assert {"未命名", "未命名2"} <= _deck_names(engine)


async def test_an_untitled_paste_is_not_named_after_a_studied_deck_whose_file_is_gone(engine) -> None:
    """A deck named 未命名 is in the database but its file is gone (deleted, or the deck folder moved): the
    next untitled paste is 未命名2, a deck of its own, not merged into the one studied."""
    await _paste_and_save(engine, UNTITLED_A)
    (paths.user_decks_dir() / "未命名.yaml").unlink()
    await _paste_and_save(engine, UNTITLED_B)
    second = paths.user_decks_dir() / "未命名2.yaml"
    assert second.is_file(), sorted(p.name for p in paths.user_decks_dir().iterdir())
    assert "垃圾分类设施不足" in [p.head for _, _, p in decks.load(second).points()]
    assert not (paths.user_decks_dir() / "未命名.yaml").exists()
    assert {"未命名", "未命名2"} <= _deck_names(engine)


async def test_building_a_document_whose_deck_is_there_says_it_updated_that_deck(engine, tmp_path) -> None:
    """A document whose deck is already in the app (as a bundled deck is, from another file): 保存 says
    in one line that it updated that deck, with its new and changed points; a first build does not."""
    from textual.widgets import Input

    from tests.tui_support import sync
    from trainer.parse import parse_document

    doc = tmp_path / "城市更新.txt"
    doc.write_text("# 城市更新\n\n" + HEADED, encoding="utf-8")
    sync(engine, parse_document(doc.read_text(encoding="utf-8"), source=doc.name))  # the bundled deck
    doc.write_text(
        "# 城市更新\n\n"
        + HEADED.replace("占道停车的现象较多。", "占道停车的现象较多，群众意见大。")
        + "\n方法三：及时公开结果。监测报告按季度向社会公布。\n",
        encoding="utf-8",
    )
    app = app_for(engine)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        app.screen.query_one("#new-deck-path", Input).value = str(doc)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
    assert any("已更新卡组「城市更新」：新增 1 个要点，修改 1 个\n" in m for m in said), said
