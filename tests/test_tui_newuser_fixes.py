"""The new-user problems an outside tester found, each driven by key presses and checked against what
the screen shows and the database: the key bar at 60 columns, the custom-study markers, home's counts,
the head cloze's hint, practice from home when nothing is due."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from rich.cells import cell_len
from sqlalchemy.orm import Session
from textual.widgets import DataTable, RadioButton, Static

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from tests.tui_support import app_for, log, start_review, states, sync
from trainer.core.cards import CardKind, cards_for_deck
from trainer.core.model import Point
from trainer.services.config import Settings
from trainer.services.custom_study import PracticeSession
from trainer.store import queries
from trainer.tui.cjk import pack
from trainer.tui.screens.custom import CustomStudyScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen
from trainer.tui.widgets.key_bar import KeyBar, fit_parts

TODAY = date(2026, 11, 22).toordinal()


def _shown(widget) -> list[str]:
    """The widget's lines as the terminal shows them."""
    return ["".join(seg.text for seg in strip).rstrip() for strip in widget.render_lines(widget.region.reset_offset)]


def _bar_line(app) -> str:
    bar = app.screen.query_one(KeyBar)
    (line,) = _shown(bar)
    return line.strip()


# 1. The key bar fits: the least-needed keys go first, never `?` or the way out.


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (50, 20)], ids=["80x24", "60x20", "50x20"])
async def test_the_review_key_bar_fits_and_always_keeps_the_way_out(engine, deck, size) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=size) as pilot:
        for where in ("home", "front", "back"):
            if where == "front":
                await start_review(pilot)
            elif where == "back":
                await pilot.press("space")
            await pilot.pause()
            line = _bar_line(app)
            assert cell_len(line) <= size[0] and "…" not in line, (where, line)
            way_out = "q 退出" if where == "home" else "q 返回"
            assert line.rstrip().endswith(way_out) or f"{way_out}  ▏" in line, (where, line)
            assert "? 按键" in line
            if size[0] == 80:  # at 80 columns nothing the bar had before goes
                assert ("e 编辑" in line and "- 搁置" in line) if where != "home" else "p 备考" in line
        assert log(engine) == []
        await pilot.press("q")  # the way out the bar shows works
        assert isinstance(app.screen, HomeScreen)


def test_fit_parts_drops_the_palette_then_the_rightmost_keys_not_kept() -> None:
    parts = [("空格", "显示"), ("h", "提示"), ("e", "编辑"), ("?", "按键"), ("q", "返回")]
    kept = {0, 3, 4}
    full = "  ".join(f"{k} {w}" for k, w in parts)
    assert fit_parts(parts, kept, cell_len(full + "  ▏^p 命令"), "^p 命令") == ([0, 1, 2, 3, 4], True)
    assert fit_parts(parts, kept, cell_len(full), "^p 命令") == ([0, 1, 2, 3, 4], False)
    assert fit_parts(parts, kept, cell_len(full) - 1, "^p 命令") == ([0, 1, 3, 4], False)
    assert fit_parts(parts, kept, 10, "") == ([0, 3, 4], False)  # too narrow even so: the kept ones stay


# 3. Custom study marks only the chosen option.


def _marks(dialog: CustomStudyScreen) -> dict[str, bool]:
    return {b.id or "": "●" in str(b.render()) for b in dialog.query(RadioButton)}


async def test_custom_study_marks_only_the_chosen_option_and_the_tick_only_when_ticked(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        dialog = pilot.app.screen
        assert isinstance(dialog, CustomStudyScreen)
        await pilot.pause()
        assert _marks(dialog) == {"choice-ahead": True, "choice-topic": False, "choice-weakest": False}
        box = dialog.query_one("#custom-reschedule")
        assert "✓" not in str(box.render()) and "X" not in str(box.render())
        await pilot.press("down", "space")  # the RadioSet has focus: the next option, chosen (Enter would start)
        await pilot.pause()
        assert _marks(dialog) == {"choice-ahead": False, "choice-topic": True, "choice-weakest": False}
        assert dialog.plan().choice.value == "topic"
        await pilot.click("#custom-reschedule")
        await pilot.pause()
        assert "✓" in str(box.render()) and dialog.plan().reschedule
        await pilot.click("#custom-start")
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and not isinstance(review.session, PracticeSession)
        await pilot.press("space", "4")
        assert log(engine) == [(review.session.done[0].card_id, 4)]  # ticked: the answer is written


# 4. Home's 待复习 is the sum of its table's columns, and says so.


def _status(app) -> str:
    return str(app.screen.query_one("#home-status", Static).render())


def _column_sums(app) -> tuple[int, int, int]:
    table = app.screen.query_one("#decks", DataTable)
    rows = [table.get_row_at(i) for i in range(table.row_count)]
    return tuple(sum(int(r[c]) for r in rows) for c in (1, 2, 3))  # type: ignore[return-value]


async def test_home_says_what_its_to_study_count_is_made_of_as_its_columns_count_it(engine, deck) -> None:
    sync(engine, deck)
    sync(engine, make_deck("第二卡组", ("营商环境待优化", "审批流程繁琐")))
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        due, new, learning = _column_sums(app)
        assert (due, new, learning) == (0, 5, 0)  # 3 + 2 new head cards (a list comes once its points are known)
        assert f"待复习 {due + new + learning} 张（到期 {due}，新卡 {new}，学习中 {learning}）" in _status(app)
        review = await start_review(pilot)
        await pilot.press("space", "1")  # a new card forgotten: it is learning now
        first = review.session.done[0].card_id
        await pilot.press("q", "q")  # the summary, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert log(engine) == [(first, 1)]
        due, new, learning = _column_sums(app)
        assert (due, new, learning) == (0, 4, 1)
        assert "待复习 5 张（到期 0，新卡 4，学习中 1）" in _status(app)


async def test_home_status_wraps_between_its_parts_at_60_columns(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = _shown(pilot.app.screen.query_one("#home-status", Static))
        assert len(lines) == 2 and all(cell_len(line) <= 60 for line in lines), lines
        assert lines[0].strip().endswith("待复习 3 张（到期 0，新卡 3，学习中 0）"), lines
        assert lines[1].strip() == "连续 0 天", lines


def test_pack_breaks_only_between_parts() -> None:
    parts = ["今日回答 12 次", "待复习 4 张（到期 0，新卡 4，学习中 0）", "连续 3 天", "距考试 126 天"]
    assert pack(parts, 100) == [" · ".join(parts)]
    assert pack(parts, 40) == ["今日回答 12 次", "待复习 4 张（到期 0，新卡 4，学习中 0）", "连续 3 天 · 距考试 126 天"]
    assert all(cell_len(line) <= 20 for line in pack(parts, 20))  # a part wider than a line is wrapped


# 5. Every cloze kind has a hint, and `h` shows it.


def test_every_cloze_card_without_a_hint_of_its_own_hints_at_its_length() -> None:
    deck = make_deck()
    deck = replace(deck, settings={})  # every kind
    cards = cards_for_deck(deck)
    heads = [c for c in cards if c.kind is CardKind.HEAD]
    assert [c.hint for c in heads] == ["共7字", "共7字", "共7字"]
    overlaps = [c for c in cards if c.kind is CardKind.OVERLAP]
    assert overlaps and all(c.hint == f"共{len(c.answers[0])}字" for c in overlaps)
    (lst,) = [c for c in cards if c.kind is CardKind.LIST]
    assert lst.hint == "人·权·线"  # a list keeps its 口诀


async def test_h_on_a_head_cloze_shows_its_length_and_its_first_character(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card.kind is CardKind.HEAD
        hint = review.query_one("#hint", Static)
        assert not hint.display
        await pilot.press("h")
        assert hint.display and str(hint.render()) == "提示：共7字"
        assert "［人＿＿＿＿＿＿］" in str(review.query_one("#prompt", Static).render())
        await pilot.press("space", "4")
        assert not review.query_one("#hint", Static).display  # the next card starts without it
        assert len(log(engine)) == 1


async def test_h_on_a_hand_written_cloze_with_a_hint_fills_its_blank(engine) -> None:
    base = make_deck()
    (topic,) = base.topics
    (section,) = topic.sections
    first = section.points[0]
    point = Point(id=first.id, head=first.head, body="推进{{线下精细服务::精细}}。")
    marked = replace(section, points=(point,))
    deck = replace(base, topics=(replace(topic, sections=(marked,)),), settings={"cards": ["cloze"]})
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card.kind is CardKind.CLOZE
        prompt = review.query_one("#prompt", Static)
        assert "［精细…］" in str(prompt.render())
        await pilot.press("h")
        assert "［线＿＿＿＿＿］" in str(prompt.render())
        assert str(review.query_one("#hint", Static).render()) == "提示：精细"
        assert log(engine) == []


# 6. Practice is a key away on home once nothing is due.


def _all_answered_today(engine) -> None:
    """Every card of the test deck answered today (due from tomorrow): nothing is left for today."""
    with Session(engine) as s, s.begin():
        for card_id in (1, 2, 3, 4):
            queries.record_answer(s, card_id, 5, now=FIXED_NOW, today=TODAY)


async def test_home_offers_practice_when_nothing_is_due_and_it_writes_nothing(engine, deck) -> None:
    sync(engine, deck)
    _all_answered_today(engine)
    before, logged = states(engine), log(engine)
    app = app_for(engine, Settings(zone=SHANGHAI))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert _column_sums(app) == (0, 0, 0)
        line = _bar_line(app)
        assert line.startswith("⏎ 复习  x 练习  ") and cell_len(line) <= 80, line
        await pilot.press("enter")  # nothing due: said, with the key to practise
        assert isinstance(app.screen, HomeScreen)
        assert any("按 x 练习" in n.message for n in app._notifications)
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, CustomStudyScreen) and not dialog.plan().reschedule  # a practice by default
        await pilot.click("#custom-start")
        review = app.screen
        assert isinstance(review, ReviewScreen) and isinstance(review.session, PracticeSession)
        assert review.session.left == 4  # every card, due from tomorrow: ahead of time
        await pilot.press("space", "1", "space", "5")
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        assert "练习模式" in str(app.screen.query_one("#summary").render())
    assert states(engine) == before and log(engine) == logged  # nothing written


async def test_the_practice_key_is_not_offered_while_cards_are_due(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "练习" not in _bar_line(pilot.app)
        assert "新卡 3" in _status(pilot.app)


# 2. What the new-deck dialog can say is said in Chinese.

# The modules whose errors reach the new-deck dialog and the outline's save (reading, decoding and
# parsing a document, a paste, the deck file written and synced), and the rename dialog.
DIALOG_SOURCES = (
    "trainer/services/outline_draft.py",
    "trainer/parse/encoding.py",
    "trainer/parse/__init__.py",
    "trainer/deckfile/fsutil.py",
    "trainer/deckfile/guard.py",
    "trainer/services/library.py",
    "trainer/services/deckadmin.py",  # and the rename dialog's
    "trainer/store/deck_admin.py",
    "trainer/deckfile/decks.py",  # a deck file edited by hand, synced at the app's start
    "trainer/core/outline_edits.py",  # the outline editor's
    "trainer/services/exam_plan.py",  # the exam plan's
    "trainer/store/card_ops.py",  # a card gone while a screen showed it
    "trainer/store/drill.py",
    "trainer/parse/deckops.py",  # a point edited on the review screen
)
RAISERS = {
    "DocumentError",
    "DeckError",
    "TrainerError",
    "_fail",
    "error",
    "EditError",
    "ConfigError",
    "StoreError",
    "StaleCardError",
}


def _raised_messages() -> list[str]:
    """The first argument of every error these modules raise, f-strings with their fields filled by `7`
    (or by the text a name holds)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    found = []
    for name in DIALOG_SOURCES:
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        # A field that is a name given one text in the module (`blank = "is only control codes …"`) is that text.
        texts = {
            t.id: n.value.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
            for t in n.targets
            if isinstance(t, ast.Name)
        }

        def field(v: ast.expr, texts: dict[str, str] = texts) -> str:
            if isinstance(v, ast.Constant):
                return str(v.value)
            inner = getattr(v, "value", None)
            return texts.get(inner.id, "7") if isinstance(inner, ast.Name) else "7"

        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and getattr(node.func, "id", "") in RAISERS):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                found.append("".join(field(v) for v in arg.values))
    return found


def test_every_error_the_new_deck_dialog_can_show_has_its_chinese() -> None:
    from trainer.services.zh_messages import in_chinese

    messages = _raised_messages()
    assert len(messages) >= 15
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for message in messages:
        if "{" in message or message.startswith("7"):
            continue  # a message that is all a field (`exc.message` passed on)
        said = in_chinese(f"/文档/范文.txt:3: {message}")
        assert said.startswith("/文档/范文.txt:3：") and cjk.search(said.split("：", 1)[1]), message
    assert in_chinese("something new went wrong") == "something new went wrong"  # unknown: left as written


def test_each_kind_of_binary_file_is_named_in_chinese() -> None:
    from trainer.parse.encoding import _MAGIC
    from trainer.services.zh_messages import in_chinese

    for _, what in _MAGIC:
        said = in_chinese(f"图.txt: this is {what}, not a text document")
        assert said.startswith("图.txt：这是") and not re.search(r"[a-z]{3,} [a-z]{2,}", said), said


async def test_a_new_learner_with_nothing_due_is_told_which_practice_finds_cards(engine, deck) -> None:
    """Only new cards, and no new card allowed today: review ahead finds nothing, and says to practise
    the deck instead, which the learner does."""
    sync(engine, deck)
    before = states(engine)
    app = app_for(engine, Settings(zone=SHANGHAI, new_per_day=0))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "x 练习" in _bar_line(app)
        await pilot.press("x")
        await pilot.click("#custom-start")  # review ahead, the default
        assert isinstance(app.screen, HomeScreen)
        (note,) = [n.message for n in app._notifications]
        assert "今后 7 天没有到期的卡片" in note and "当前卡组的全部卡片" in note
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "enter")  # Enter on the list starts the highlighted choice
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and isinstance(review.session, PracticeSession)
        assert review.session.left == 4  # the three points and the list, new as they are
        await pilot.press("space", "4")
    assert log(engine) == [] and states(engine) == before


async def test_a_refused_deck_name_is_said_in_chinese_and_nothing_changes(engine, deck) -> None:
    from trainer.tui.screens.dialogs import TextPrompt
    from trainer.tui.screens.error import ErrorScreen

    sync(engine, deck)
    sync(engine, make_deck("第二卡组", ("营商环境待优化",)))
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for typed, said in (
            ("名" * 81, "卡组名只能是一行，最多 80 个可显示的字符"),
            ("第二卡组", "已经有名为「第二卡组」的卡组"),
        ):
            await pilot.press("r")
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            prompt.input.value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ErrorScreen) and app.screen.message == said, app.screen.message
            await pilot.press("escape")
        assert [d.name for d in app.screen.decks] == ["测试卡组", "第二卡组"]


async def test_h_on_a_list_card_shows_its_mnemonic_and_fills_each_head(engine) -> None:
    from tests.test_tui_lists import LIST_ID, known_yesterday

    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card_id == LIST_ID
        await pilot.press("h")
        assert str(review.query_one("#hint", Static).render()) == "提示：口诀 人·权·线·考·基·数（每点的首字），共6点"
        prompt = str(review.query_one("#prompt", Static).render())
        assert "1. ［人＿＿＿＿＿＿］" in prompt and "6. ［数＿＿＿＿＿＿］" in prompt
