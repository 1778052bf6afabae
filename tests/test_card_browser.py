"""The card browser (issue 18): every card kind, chosen and sorted columns, multi-select and bulk
suspend / restore / bury, driven by keys and checked on the database."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from tests.tui_support import app_for, sync
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.store import queries
from trainer.store.models import CardRow, CardStateRow, Queue
from trainer.tui.screens.cards import CardBrowserScreen, ColumnsScreen

TODAY = date(2026, 11, 22).toordinal()
T = "优化营商环境"


def _every_kind_deck() -> Deck:
    """Problems and countermeasures that pair one to one, slogans and a hand-written cloze: every card kind."""

    def p(kind: SectionKind, head: str, body: str) -> Point:
        return Point(id=point_id(T, kind, head), head=head, body=body)

    problems = (
        p(SectionKind.PROBLEMS, "审批流程繁琐", "群众办事“多头跑”。"),
        p(SectionKind.PROBLEMS, "监管方式落后", "重审批轻监管，{{事中事后}}监管缺位。"),
    )
    measures = (
        p(SectionKind.COUNTERMEASURES, "深化放管服改革", "推行“一网通办”。"),
        p(SectionKind.COUNTERMEASURES, "创新监管方式", "推进双随机一公开。"),
    )
    sections = (
        Section(SectionKind.PROBLEMS, "存在的问题", problems),
        Section(SectionKind.COUNTERMEASURES, "对策", measures),
    )
    return Deck(name="全类型", topics=(Topic(T, sections),))


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _queues(engine) -> dict[int, Queue]:
    with Session(engine) as s:
        return {r.card_id: Queue(r.queue) for r in s.scalars(select(CardStateRow))}


async def _open(pilot) -> CardBrowserScreen:
    await pilot.press("c")
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CardBrowserScreen)
    return screen


async def test_every_card_kind_is_listed_and_the_row_fits_80_columns(engine) -> None:
    sync(engine, _every_kind_deck())
    with Session(engine) as s:
        kinds = {k for (k,) in s.execute(select(CardRow.kind))}
        total = len(s.scalars(select(CardRow.id)).all())
    assert kinds == {"head", "list", "overlap", "slogan", "pair", "cloze"}
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.total == total
        shown = {r.kind for r in screen.rows}
        assert shown == kinds
        table = screen.table
        width = sum(col.get_render_width(table) for col in table.columns.values())
        assert width <= 78, width
        status = str(screen.query_one("#cards-status").render())
        assert f"共 {total} 张" in status
        await pilot.press("k", "k")  # kind filter: all → head → list
        await _settle(pilot)
        assert {r.kind for r in screen.rows} == {"list"} and screen.total == 2
        assert {r.label for r in screen.rows} == {"存在的问题", "对策"}  # a list card shows its heading
        await pilot.press("k", "k", "k", "k", "slash", *"事中")  # cloze cards, searched by text
        await _settle(pilot)
        await pilot.pause(0.1)
        await _settle(pilot)
        assert [(r.kind, r.label) for r in screen.rows] == [("cloze", "监管方式落后")]


async def test_multi_select_then_bulk_suspend_restore_and_bury(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        first, second, third = (r.card_id for r in screen.rows[:3])
        await pilot.press("space", "space")  # select two, the cursor moves down
        assert screen.marked == {first, second}
        assert screen.table.get_row_at(0)[0] == "✓" and screen.table.get_row_at(2)[0] == " "
        await pilot.press("at")
        await _settle(pilot)
        q = _queues(engine)
        assert (q[first], q[second], q[third]) == (Queue.SUSPENDED, Queue.SUSPENDED, Queue.NEW)
        assert screen.marked == set()
        await pilot.press("up", "up", "space", "space", "at")  # both suspended: @ restores them
        await _settle(pilot)
        q = _queues(engine)
        assert (q[first], q[second]) == (Queue.NEW, Queue.NEW)
        await pilot.press("a", "minus")  # the whole page, buried
        await _settle(pilot)
        q = _queues(engine)
        assert all(q[r.card_id] is Queue.BURIED for r in screen.rows)
        with Session(engine) as s:
            aside = {r.aside_day for r in s.scalars(select(CardStateRow).where(CardStateRow.queue == Queue.BURIED))}
        assert aside == {TODAY}


async def test_sort_by_a_chosen_column_and_choose_the_columns(engine, deck) -> None:
    sync(engine, deck)
    with Session(engine) as s, s.begin():
        ids = list(s.scalars(select(CardRow.id).where(CardRow.kind == "head").order_by(CardRow.id)))
        queries.record_answer(s, ids[0], 5, now=FIXED_NOW, today=TODAY - 10)
        queries.record_answer(s, ids[0], 5, now=FIXED_NOW, today=TODAY - 9)  # interval 6
        queries.record_answer(s, ids[1], 4, now=FIXED_NOW, today=TODAY - 1)  # interval 1
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        await pilot.press("o", "o")  # order → due → interval
        await _settle(pilot)
        assert screen.query_value.sort.value == "interval"
        await pilot.press("r")  # largest first
        await _settle(pilot)
        assert [r.card_id for r in screen.rows[:2]] == [ids[0], ids[1]]
        assert str(screen.table.get_row_at(0)[5]) == "6天"  # ✓, card, kind, state, due, interval
        await pilot.press("c")
        assert isinstance(pilot.app.screen, ColumnsScreen)
        await pilot.press("space", "down", "down", "down", "down", "down", "space", "escape")  # state off, deck on
        await _settle(pilot)
        assert screen.columns == ("due", "interval", "ease", "lapses", "deck")
        headers = [str(c.label) for c in screen.table.columns.values()]
        assert headers == ["✓", "卡片", "类型", "到期", "间隔", "易度", "遗忘", "卡组"]
        bar = str(screen.query_one("KeyBar").render())
        assert cell_len(bar) <= 78 and "…" not in bar


async def test_forget_and_reschedule_in_bulk_and_replay_still_matches(engine, deck) -> None:
    from trainer.store.replay import replay
    from trainer.tui.screens.cards import AskScreen

    sync(engine, deck)
    with Session(engine) as s, s.begin():
        heads = list(s.scalars(select(CardRow.id).where(CardRow.kind == "head").order_by(CardRow.id)))
        for cid in heads[:2]:
            queries.record_answer(s, cid, 5, now=FIXED_NOW, today=TODAY - 3)
            queries.record_answer(s, cid, 2, now=FIXED_NOW, today=TODAY - 2)  # a lapse
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert [r.card_id for r in screen.rows[:2]] == heads[:2]
        await pilot.press("space", "space", "x")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("enter")
        await _settle(pilot)
        with Session(engine) as s:
            rows = [s.get(CardStateRow, cid) for cid in heads[:2]]
            assert all((r.queue, r.interval, r.lapses, r.reps, r.due_day) == (Queue.NEW, 0, 0, 0, 0) for r in rows)
        assert screen.highlighted.card_id == heads[2]  # the cursor moved on past the two selected
        await pilot.press("d")  # the third head card, still new: due in 5 days
        await pilot.press("backspace", "5", "enter")
        await _settle(pilot)
        third = heads[2]
        with Session(engine) as s:
            row = s.get(CardStateRow, third)
            assert (row.queue, row.due_day, row.interval) == (Queue.REVIEW, TODAY + 5, 5)
        await pilot.press("d", "escape")  # cancelled: nothing changes
        await _settle(pilot)
    with Session(engine) as s:
        report = replay(s)
        assert report.ok, report.mismatches
    with Session(engine) as s, s.begin():  # answering after a forget replays too
        queries.record_answer(s, heads[0], 4, now=FIXED_NOW.replace(hour=3), today=TODAY)
    with Session(engine) as s:
        assert replay(s).ok
        row = s.get(CardStateRow, heads[0])
        assert (row.reps, row.interval, row.lapses) == (1, 1, 0)  # graded as a new card
