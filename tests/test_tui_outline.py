"""The outline review screen, driven by key presses: every action checked on the deck file 保存 writes
(and the database it syncs), undo, leaving without saving, and bad input on 新建卡组."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from textual.widgets import Input, TextArea

from tests.tui_support import app_for
from trainer.core.model import Deck
from trainer.deckfile import decks
from trainer.services.outline_draft import open_document
from trainer.store.models import CardRow, DeckRow
from trainer.tui.screens.dialogs import ChoiceScreen, TextPrompt
from trainer.tui.screens.new_deck import NewDeckScreen, complete_path
from trainer.tui.screens.outline import OutlineScreen, push_outline

DOC = """# 范文积累

#### 优化基层政企服务

##### 存在的问题

1. 人才队伍不完善。便民服务中心人员紧缺。编制长期空缺。
2. 权力下放不到位。服务事项“放而不接”。
3. 线上线下未融合。信息不互通。

##### 对策建议

1. 加强人才队伍建设。配齐人员，开展培训。
2. 推动权力真正下放。做到“网上办、马上办”。
"""
# Rows of the outline: 0 topic, 1 问题, 2-4 its points, 5 对策, 6-7 its points.
BUILT = ["人才队伍不完善", "权力下放不到位", "线上线下未融合", "加强人才队伍建设", "推动权力真正下放"]


def heads(deck: Deck) -> list[str]:
    return [p.head for _, _, p in deck.points()]


def down(n: int) -> list[str]:
    return ["down"] * n


async def _type(pilot, text: str) -> None:
    """Replace the focused input's text, as typing it would."""
    field = pilot.app.screen.query_one(Input)
    field.value = ""
    await pilot.press(*text)


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "范文.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


async def run_outline(engine, doc: Path, out: Path, steps, size=(120, 40), save: bool = True) -> Deck | None:
    """Open the outline of `doc`, run `steps` (keys, or coroutines given the pilot), save, read the file."""
    app = app_for(engine)
    async with app.run_test(size=size) as pilot:
        push_outline(app, open_document(doc, output=out))
        await pilot.pause()
        for step in steps:
            if callable(step):
                await step(pilot)
            else:
                await pilot.press(step)
            await pilot.pause()
        if save:
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, OutlineScreen), app.screen.query_one("#outline-message").render()
    return decks.load(out) if out.exists() else None


def typed(text: str):
    async def step(pilot) -> None:
        await _type(pilot, text)

    return step


CASES = {
    "save-as-built": ([], lambda d: heads(d) == BUILT),
    "edit-head": ([*down(2), "e", typed("基层人才不足"), "enter"], lambda d: heads(d)[0] == "基层人才不足"),
    "split": (
        [*down(2), "s", "home", *["right"] * 10, "enter"],
        lambda d: (
            heads(d)[:3] == ["人才队伍不完善", "编制长期空缺", "权力下放不到位"]
            and d.points()[0][2].body == "便民服务中心人员紧缺。"
        ),
    ),
    "merge-into-previous": (
        [*down(3), "m"],
        lambda d: (
            heads(d) == [BUILT[0], *BUILT[2:]]
            and d.points()[0][2].body.endswith("权力下放不到位。服务事项“放而不接”。")
        ),
    ),
    "not-a-point-dropped": ([*down(4), "x", "d"], lambda d: heads(d) == [*BUILT[:2], *BUILT[3:]]),
    "not-a-point-merged": (
        [*down(4), "x", "m"],
        lambda d: heads(d) == [*BUILT[:2], *BUILT[3:]] and "信息不互通" in d.points()[1][2].body,
    ),
    "change-kind": ([*down(1), "k"], lambda d: d.topics[0].sections[0].kind.value == "countermeasures"),
    "rename-heading": ([*down(5), "e", typed("对策"), "enter"], lambda d: d.topics[0].sections[1].heading == "对策"),
    "rename-topic": (["e", typed("基层政企服务"), "enter"], lambda d: d.topics[0].title == "基层政企服务"),
    "rename-deck": (["N", typed("我的范文"), "enter"], lambda d: d.name == "我的范文"),
    "move-up": ([*down(3), "ctrl+up"], lambda d: heads(d)[:2] == [BUILT[1], BUILT[0]]),
    "move-down": ([*down(2), "J"], lambda d: heads(d)[:2] == [BUILT[1], BUILT[0]]),
    "move-to-section": ([*down(2), "greater_than_sign", "enter"], lambda d: heads(d) == [*BUILT[1:], BUILT[0]]),
    "drop-section": ([*down(5), "D"], lambda d: heads(d) == BUILT[:3] and len(d.topics[0].sections) == 1),
    "add-from-source-line": (
        # In the source pane (on 对策's 第1点, line 13) the cursor goes up to line 9 (线上线下未融合),
        # then `a` adds it after 第1点 of 对策.
        [*down(6), "tab", *["up"] * 4, "a"],
        lambda d: (
            heads(d)[3:5] == ["加强人才队伍建设", "3. 线上线下未融合"] and d.points()[4][2].body == "信息不互通。"
        ),
    ),
    "pick-head-from-source": (
        # In the source pane `left` collapses the highlight of line 7 to its start; right to column 7,
        # then select four characters leftwards (人才队伍).
        [*down(2), "tab", "left", *["right"] * 7, *["shift+left"] * 4, "h"],
        lambda d: heads(d)[0] == "人才队伍",
    ),
    "undo-two-edits": ([*down(2), "m", "k", "u", "u"], lambda d: heads(d) == BUILT),
    "undo-one-of-two": (
        [*down(3), "m", *["up"] * 2, "e", typed("问题"), "enter", "u"],
        lambda d: heads(d) == [BUILT[0], *BUILT[2:]],
    ),
}


@pytest.mark.parametrize(("steps", "check"), CASES.values(), ids=CASES.keys())
async def test_each_action_reaches_the_saved_deck_file(engine, doc: Path, tmp_path: Path, steps, check) -> None:
    out = tmp_path / "decks" / "范文.yaml"
    deck = await run_outline(engine, doc, out, steps)
    assert deck is not None and check(deck), heads(deck) if deck else None
    assert decks.built_of(deck) is not None  # the builder's outline is kept, so a rebuild keeps the fixes
    with Session(engine) as s:  # saved means synced: the cards are in the database
        n = s.scalar(select(func.count()).select_from(CardRow).join(DeckRow).where(DeckRow.name == deck.name))
    assert n and n >= len(deck.points())


async def test_a_rebuild_keeps_the_fixes_made_in_the_screen(engine, doc: Path, tmp_path: Path, capsys) -> None:
    from trainer.cli import main

    out = tmp_path / "decks" / "范文.yaml"
    await run_outline(engine, doc, out, [*down(2), "e", typed("基层人才不足"), "enter", *down(2), "x", "d"])
    doc.write_text(DOC.replace("开展培训", "定期开展培训"), encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    deck = decks.load(out)
    assert heads(deck) == ["基层人才不足", BUILT[1], *BUILT[3:]]
    assert deck.points()[2][2].body == "配齐人员，定期开展培训。"


async def test_escape_with_changes_asks_and_writes_nothing(engine, doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks" / "范文.yaml"
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        push_outline(app, open_document(doc, output=out))
        await pilot.pause()
        await pilot.press("down", "down", "down", "m", "escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
    assert not out.exists()


async def test_new_deck_from_home_opens_the_outline(engine, doc: Path) -> None:
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewDeckScreen)
        app.screen.query_one("#new-deck-path", Input).value = str(doc)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert app.screen.draft.target.name == "范文.yaml"


async def test_pasted_text_opens_the_outline(engine) -> None:
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#new-deck-paste", TextArea).text = DOC
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        assert heads(app.screen.deck) == BUILT


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: ("path", str(tmp)), "是一个文件夹"),
        (lambda tmp: ("path", str(tmp / "没有.txt")), "没有这个文件"),
        (lambda tmp: ("path", str(_binary(tmp))), "PNG 图片，不是文本文档"),
        (lambda tmp: ("paste", "abc\x00\x01\x02" * 10), "像是二进制数据"),
        (lambda tmp: ("paste", "一" * 7_000_000), "最多 2 MB"),
        (lambda tmp: ("paste", "只是一段话。"), "没有找到编号的要点"),
    ],
    ids=["folder", "missing", "binary-file", "binary-paste", "20mb-paste", "no-sections"],
)
async def test_bad_input_is_said_in_the_screen_and_nothing_is_written(engine, tmp_path: Path, make, message) -> None:
    from trainer import paths

    how, value = make(tmp_path)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        if how == "path":
            app.screen.query_one("#new-deck-path", Input).value = value
            await pilot.press("enter")
        else:
            app.screen.query_one("#new-deck-paste", TextArea).text = value
            await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, NewDeckScreen)
        shown = str(app.screen.query_one("#new-deck-error").render())
        assert message in shown
        assert not re.search(r"[a-z]{2,} [a-z]{2,}", shown), shown  # said in Chinese, as the rest of the app
    assert not paths.user_decks_dir().exists() or not any(paths.user_decks_dir().iterdir())


def _binary(tmp: Path) -> Path:
    path = tmp / "图片.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    return path


def test_path_completion_offers_folders_and_documents_only(tmp_path: Path) -> None:
    (tmp_path / "范文集").mkdir()
    (tmp_path / "范文.txt").write_text("x", encoding="utf-8")
    (tmp_path / "范文.pdf").write_text("x", encoding="utf-8")
    (tmp_path / "笔记.md").write_text("x", encoding="utf-8")
    assert complete_path(f"{tmp_path}/范文") == f"{tmp_path}/范文.txt"
    assert complete_path(f"{tmp_path}/范文集") is None  # complete already (no more to add)
    assert complete_path(f"{tmp_path}/范文.p") is None
    assert complete_path(f"{tmp_path}/笔") == f"{tmp_path}/笔记.md"
    assert complete_path(f"{tmp_path}/没有") is None


async def test_home_rename_and_remove(engine, doc: Path, tmp_path: Path) -> None:
    out = tmp_path / "decks" / "范文.yaml"
    await run_outline(engine, doc, out, [])
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, TextPrompt)
        await _type(pilot, "申论范文")
        await pilot.press("enter")
        await pilot.pause()
        assert decks.load(out).name == "申论范文"
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("y")
        await pilot.pause()
    with Session(engine) as s:
        row = s.scalars(select(DeckRow).where(DeckRow.name == "申论范文")).one()
        live = s.scalar(
            select(func.count()).select_from(CardRow).where(CardRow.deck_id == row.id, CardRow.retired.is_(False))
        )
    assert live == 0


async def test_enter_on_save_writes_and_the_new_cards_are_on_home(engine, doc: Path, tmp_path: Path) -> None:
    from trainer.tui.screens.home import HomeScreen

    out = tmp_path / "decks" / "范文.yaml"
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        push_outline(app, open_document(doc, output=out))
        await pilot.pause()
        await pilot.press("tab", "tab", "enter")  # outline -> source -> 保存
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [d.name for d in app.screen.decks] == ["范文积累"] and app.screen.decks[0].new > 0
    assert heads(decks.load(out)) == BUILT


async def test_control_codes_and_markup_in_the_document_are_shown_as_text(engine, tmp_path: Path) -> None:
    doc = tmp_path / "怪.txt"
    doc.write_text(
        DOC.replace("人员紧缺。", "人员\x1b[31m紧缺[b]。").replace("##### 对策建议", "##### 对策建议\x0c"),
        encoding="utf-8",
    )
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        push_outline(app, open_document(doc, output=tmp_path / "d.yaml"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        source = screen.source.text
        assert "\x1b" not in source and "\ufffd[31m紧缺[b]" in source
        assert "\x1b" not in str(screen.outline.get_option_at_index(2).prompt)
        # A form feed splits no line: the highlighted lines stay those of the point.
        await pilot.press(*down(6))
        assert screen.source.selected_text.startswith("1. 加强人才队伍建设")


LISTED = """# 范文积累

#### 推进主题教育

##### 工作要求

1. 提高思想认识。统一思想，凝聚共识。
2. 抓好三个环节。一是加强学习，筑牢根基，二是查摆问题，对照检查，三是整改落实，建立台账。
3. 健全长效机制。建章立制，久久为功。
"""
# Rows: 0 topic, 1 工作要求, 2-4 its points (3: 抓好三个环节, whose body holds a list).


@pytest.mark.parametrize(
    ("steps", "sections"),
    [
        (
            [*down(3), "o"],
            [
                ("工作要求", ["提高思想认识"]),
                ("抓好三个环节", ["加强学习", "查摆问题", "整改落实"]),
                ("工作要求（续）", ["健全长效机制"]),
            ],
        ),
        ([*down(3), "o", "u"], [("工作要求", ["提高思想认识", "抓好三个环节", "健全长效机制"])]),
    ],
    ids=["expand", "expand-undone"],
)
async def test_expand_a_point_whose_body_holds_a_list(engine, tmp_path: Path, steps, sections) -> None:
    doc = tmp_path / "主题教育.txt"
    doc.write_text(LISTED, encoding="utf-8")
    out = tmp_path / "decks" / "主题教育.yaml"
    deck = await run_outline(engine, doc, out, steps, size=(80, 24))
    assert deck is not None
    assert [(s.heading, [p.head for p in s.points]) for s in deck.topics[0].sections] == sections
    assert {s.kind.value for s in deck.topics[0].sections} == {"countermeasures"}
    with Session(engine) as s:  # saved means synced: the three items are points in the database
        from trainer.store.models import NoteRow

        live = s.scalars(select(NoteRow.head).where(NoteRow.retired.is_(False))).all()
    assert sorted(live) == sorted(h for _, heads in sections for h in heads)
    if len(sections) > 1:
        assert deck.topics[0].sections[1].points[0].body == "筑牢根基"


async def test_expand_a_point_without_a_list_changes_nothing_and_says_so(engine, tmp_path: Path) -> None:
    doc = tmp_path / "主题教育.txt"
    doc.write_text(LISTED, encoding="utf-8")
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        push_outline(app, open_document(doc, output=tmp_path / "d.yaml"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        before = screen.deck
        await pilot.press(*down(2), "o")
        await pilot.pause()
        message = screen.query_one("#outline-message")
        assert "没有列表" in str(message.render()) and message.has_class("-error")
        assert screen.deck is before and not screen.history
        await pilot.press("up", "o")  # on a section row: a point is asked for
        await pilot.pause()
        assert "先选一个要点" in str(message.render()) and screen.deck is before


async def test_a_rebuild_keeps_an_expanded_point(engine, tmp_path: Path) -> None:
    from trainer.cli import main

    doc = tmp_path / "主题教育.txt"
    doc.write_text(LISTED, encoding="utf-8")
    out = tmp_path / "decks" / "主题教育.yaml"
    await run_outline(engine, doc, out, [*down(3), "o"])
    doc.write_text(LISTED.replace("久久为功", "常抓不懈"), encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    deck = decks.load(out)
    assert [s.heading for s in deck.topics[0].sections] == ["工作要求", "抓好三个环节", "工作要求（续）"]
    assert heads(deck) == ["提高思想认识", "加强学习", "查摆问题", "整改落实", "健全长效机制"]
    assert deck.points()[-1][2].body == "建章立制，常抓不懈。"  # the document's change is taken


# Numbered claims, each opening on 一方面…另一方面…: the builder takes the inner lists; a reader who wants
# the three claims presses r.
CLAIMED = """在数字时代，平台已经成为推动发展的重要力量。本文围绕平台建设展开论述，探讨平台建设的重要意义。
一、平台建设助力产业升级
一方面，平台能够整合产业资源，提升整体竞争力；另一方面，平台能够拓展市场空间，扩大经营规模。
二、平台建设促进创新驱动
一方面，平台可以集聚创新资源，吸引人才集聚；另一方面，平台有助于打通信息壁垒，加快成果转化。
三、平台建设推动治理现代化
一方面，平台能够促进信息共享，提升治理效能；另一方面，平台能够强化社会监督，推动政务公开。
"""
CLAIMS = ["平台建设助力产业升级", "平台建设促进创新驱动", "平台建设推动治理现代化"]


async def settle(pilot) -> None:
    """Wait for the screen's workers (the other readings are worked out off the UI thread)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(
    ("steps", "claims"),
    [(["r", settle], True), (["r", settle, "u"], False), (["r", settle, "r"], False)],
    ids=["other-reading", "undone", "back-to-the-builders"],
)
async def test_r_reads_the_document_another_way(engine, tmp_path: Path, steps, claims: bool) -> None:
    doc = tmp_path / "平台.txt"
    doc.write_text(CLAIMED, encoding="utf-8")
    out = tmp_path / "decks" / "平台.yaml"
    deck = await run_outline(engine, doc, out, steps, size=(80, 24))
    assert deck is not None
    assert (heads(deck) == CLAIMS) is claims
    with Session(engine) as s:  # saved means synced: the reading saved is what the database holds
        from trainer.store.models import NoteRow

        live = s.scalars(select(NoteRow.head).where(NoteRow.retired.is_(False))).all()
    assert sorted(live) == sorted(heads(deck))


async def test_r_says_which_reading_and_a_page_without_another_says_so(engine, tmp_path: Path) -> None:
    doc = tmp_path / "平台.txt"
    doc.write_text(CLAIMED, encoding="utf-8")
    prose = tmp_path / "减负.txt"
    prose.write_text(
        "基层减负的思考\n\n基层干部承担了大量迎检任务，填表报数占用了服务群众的时间，这种现象需要引起重视。\n\n"
        "减负不是减责任，而是把精力放到为群众办实事上来，让干部有更多时间走村入户。\n",
        encoding="utf-8",
    )
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        push_outline(app, open_document(doc, output=tmp_path / "d.yaml"))
        await pilot.pause()
        screen = app.screen
        message = screen.query_one("#outline-message")
        await pilot.press("r")
        await settle(pilot)
        assert "读法 2/2：把「平台建设助力产业升级」等 3 项当作要点" in str(message.render())
        await pilot.press("r")
        await pilot.pause()
        assert "读法 1/2：原读法" in str(message.render())
        app.pop_screen()
        push_outline(app, open_document(prose, output=tmp_path / "p.yaml"))
        await pilot.pause()
        screen = app.screen
        before = screen.deck
        await pilot.press("r")
        await settle(pilot)
        message = screen.query_one("#outline-message")
        assert "没有别的读法" in str(message.render()) and message.has_class("-error")
        assert screen.deck is before and not screen.history


async def test_a_rebuild_keeps_the_reading_chosen(engine, tmp_path: Path) -> None:
    from trainer.cli import main

    doc = tmp_path / "平台.txt"
    doc.write_text(CLAIMED, encoding="utf-8")
    out = tmp_path / "decks" / "平台.yaml"
    await run_outline(engine, doc, out, ["r", settle])
    doc.write_text(CLAIMED.replace("维护公平正义", "守护公平正义"), encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    deck = decks.load(out)
    assert heads(deck) == CLAIMS  # the reading chosen is the learner's change: kept over the builder's


async def test_r_after_an_edit_says_the_edit_is_replaced_and_back_at_the_start_esc_asks_nothing(
    engine, tmp_path: Path
) -> None:
    doc = tmp_path / "平台.txt"
    doc.write_text(CLAIMED, encoding="utf-8")
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        push_outline(app, open_document(doc, output=tmp_path / "d.yaml"))
        await pilot.pause()
        screen = app.screen
        message = screen.query_one("#outline-message")
        await pilot.press(*down(2), "x", "d")  # drop a point: an edit of the builder's outline
        await pilot.pause()
        await pilot.press("r")
        await settle(pilot)
        assert "之前的修改已换掉" in str(message.render())
        assert heads(screen.deck) == CLAIMS
        await pilot.press("r")  # back to the builder's own outline: nothing to give up
        await settle(pilot)
        assert "读法 1/2：原读法" in str(message.render()) and "之前的修改" not in str(message.render())
        assert screen.deck == screen.draft.deck
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)  # left without a question


def test_each_reading_keeps_the_documents_name_as_its_source(tmp_path: Path) -> None:
    from trainer.services.outline_draft import draft_readings, open_pasted

    doc = tmp_path / "平台.txt"
    doc.write_text(CLAIMED, encoding="utf-8")
    draft = open_document(doc, output=tmp_path / "other.yaml")
    readings = draft_readings(draft)
    assert len(readings) == 2
    assert {d.sources for _, d in readings} == {("平台.txt",)}
    assert "other" not in {t.title for _, d in readings for t in d.topics}  # never the deck file's name
    pasted = draft_readings(open_pasted(CLAIMED, output=tmp_path / "p.yaml"))
    assert {d.sources for _, d in pasted} == {()}
