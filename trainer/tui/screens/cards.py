"""The card browser: every card of every kind, columns chosen and sorted, several cards selected and
suspended, restored or buried at once. Pages come from `trainer.store.cardlist`; writes through `card_ops`."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from trainer.core.safetext import clean_text
from trainer.store import card_ops, cardlist, resets
from trainer.store.browse import StateFilter
from trainer.store.cardlist import CardListRow, CardQuery, CardSort
from trainer.store.models import Queue
from trainer.tui.format import due_label, interval_label
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.browse import STATE_LABELS
from trainer.tui.screens.card_info import QUEUE_NAMES, CardInfoScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.widgets.key_bar import KeyBar
from trainer.tui.widgets.title_bar import TitleBar

KIND_LABELS = {
    "": "全部类型",
    "head": "要点",
    "list": "列表",
    "overlap": "衔接",
    "slogan": "口号",
    "pair": "配对",
    "cloze": "挖空",
}
SORT_LABELS = {
    CardSort.ORDER: "卡组顺序",
    CardSort.DUE: "到期",
    CardSort.INTERVAL: "间隔",
    CardSort.EASE: "易度",
    CardSort.LAPSES: "遗忘",
    CardSort.KIND: "类型",
}
# Columns the learner may show (id -> header); the card's text and kind are always shown.
COLUMNS = {
    "state": "状态",
    "due": "到期",
    "interval": "间隔",
    "ease": "易度",
    "lapses": "遗忘",
    "deck": "卡组",
    "topic": "主题",
}
DEFAULT_COLUMNS = ("state", "due", "interval", "ease", "lapses")
LABEL_CHARS = 10  # a head clipped to this many characters (20 cells): the row fits 80 columns


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def cell(r: CardListRow, column: str) -> str:
    """One cell of a card's row."""
    st = r.state
    match column:
        case "state":
            return QUEUE_NAMES.get(st.queue, str(st.queue)) + ("·难" if r.leech else "")
        case "due":
            return due_label(st.due_day, never=st.queue is Queue.NEW or st.interval <= 0, fmt="%m-%d")
        case "interval":
            return interval_label(st.interval) if st.interval else "—"
        case "ease":
            return f"{st.ease:.2f}"
        case "lapses":
            return str(st.lapses)
        case "deck":
            return _clip(r.deck, 4)
        case "topic":
            return _clip(r.topic, 4)
    return ""


class ColumnsScreen(ModalScreen[tuple[str, ...] | None]):
    """Choose the browser's columns: Space or Enter ticks, Esc (or c, q) closes with the columns ticked."""

    BINDINGS = [Binding("escape,c,q", "keep", "确定")]

    def __init__(self, shown: tuple[str, ...]) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="columns-box"):
            yield Static("显示哪些列（空格勾选，Esc 完成）", classes="dialog-title")
            yield SelectionList[str](*(Selection(h, c, c in self.shown) for c, h in COLUMNS.items()), id="columns")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_keep(self) -> None:
        chosen = self.query_one(SelectionList).selected
        self.dismiss(tuple(c for c in COLUMNS if c in chosen))


class AskScreen(ModalScreen[str | None]):
    """A question with an answer box (or just a yes): Enter answers, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, question: str, default: str | None = None) -> None:
        super().__init__()
        self.question, self.default = question, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="ask-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.default is not None:
                yield Input(self.default, id="ask-answer", type="integer", max_length=4)
            else:
                yield Static("回车确定，Esc 取消", id="ask-hint")

    def on_mount(self) -> None:
        if self.default is not None:
            self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def on_key(self, event: events.Key) -> None:
        if self.default is None and event.key == "enter":
            event.stop()
            self.dismiss("")

    def action_cancel(self) -> None:
        self.dismiss(None)


class CardBrowserScreen(TrainerScreen):
    """Search box, one page of cards; Space selects, @ suspends or restores, - buries, o/r sort, c columns."""

    BINDINGS = [
        Binding("slash", "focus_search", "搜索", id="cards-search"),
        Binding("space", "toggle_mark", "选择", id="cards-mark", key_display="空格"),
        Binding("at", "suspend", "暂停/恢复", id="cards-suspend"),
        Binding("minus", "bury", "搁置", id="cards-bury"),
        Binding("o", "next_sort", "排序", id="cards-sort"),
        Binding("c", "columns", "列", id="cards-columns"),
        Binding("question_mark", "help", "按键", id="cards-help"),
        Binding("q,escape", "back", "返回", id="cards-back"),
        Binding("a", "mark_page", "全选本页", show=False, id="cards-mark-page"),
        Binding("r", "reverse", "倒序", show=False, id="cards-reverse"),
        Binding("f", "next_state", "状态", show=False, id="cards-state"),
        Binding("k", "next_kind", "类型", show=False, id="cards-kind"),
        Binding("n", "next_page", "下页", show=False, id="cards-next"),
        Binding("p", "prev_page", "上页", show=False, id="cards-prev"),
        Binding("i", "info", "信息", show=False, id="cards-info"),
        Binding("x", "forget", "重置为新卡", show=False, id="cards-forget"),
        Binding("d", "reschedule", "改期", show=False, id="cards-reschedule"),
    ]
    TYPING_BLOCKED = {
        "toggle_mark", "suspend", "bury", "next_sort", "columns", "help", "mark_page", "reverse",
        "next_state", "next_kind", "next_page", "prev_page", "info", "focus_search", "forget", "reschedule",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.query_value = CardQuery()
        self.page_start = 0
        self.rows: tuple[CardListRow, ...] = ()
        self.more = False
        self.total = 0
        self.marked: set[int] = set()
        self.columns: tuple[str, ...] = DEFAULT_COLUMNS

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder="搜索要点或说明（/）", id="cards-text")
        yield Static("", id="cards-filters")
        yield DataTable(id="cards-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="cards-status")
        yield KeyBar(self.BINDINGS)

    @property
    def table(self) -> DataTable[str]:
        return self.query_one("#cards-table", DataTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.TYPING_BLOCKED and isinstance(self.focused, Input))

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    # -- reading --------------------------------------------------------------------------------

    def reload(self, *, keep_page: bool = False) -> None:
        """Read the page again (from the first page unless `keep_page`)."""
        if not keep_page:
            self.page_start = 0
        self._read(self.query_value, self.page_start)

    @work(thread=True, exclusive=True, group="cards")
    def _read(self, query: CardQuery, offset: int) -> None:
        app = self.trainer_app
        today = app.today()
        with app.store.read() as r:
            rows, more = cardlist.search(r.session, query, today, offset=offset)
            total = cardlist.count(r.session, query, today)
        app.call_from_thread(self._show, rows, more, total)

    def _show(self, rows: tuple[CardListRow, ...], more: bool, total: int) -> None:
        self.rows, self.more, self.total = rows, more, total
        table = self.table
        at = table.cursor_row
        table.clear(columns=True)
        # Cards carry deck text: a str cell would be read as markup (`[/]` in a deck name crashes it).
        texts = [
            [_clip(r.label, LABEL_CHARS), KIND_LABELS.get(r.kind, r.kind), *(cell(r, c) for c in self.columns)]
            for r in rows
        ]
        cells = [[Text(clean_text(t), no_wrap=True, end="") for t in row] for row in texts]
        # Each column as wide as its widest cell, set here: the table's own measuring waits for an idle
        # moment, and a page shown twice in quick succession could keep the header's width (`人才` of a head).
        headers = ["卡片", "类型", *(COLUMNS[c] for c in self.columns)]
        keys = ["label", "kind", *self.columns]
        table.add_column("✓", key="mark", width=1)
        for i, (header, key) in enumerate(zip(headers, keys, strict=True)):
            widest = max((row[i].cell_len for row in cells), default=0)
            table.add_column(header, key=key, width=max(cell_len(header), widest))
        for r, row in zip(rows, cells, strict=True):
            table.add_row("✓" if r.card_id in self.marked else " ", *row, key=str(r.card_id))
        if rows:
            table.move_cursor(row=min(at, len(rows) - 1))
        q = self.query_value
        order = SORT_LABELS[q.sort] + ("↓" if q.descending else "↑")
        filters = f"{STATE_LABELS[q.state]} · {KIND_LABELS[q.kind]} · 排序：{order}"
        self.query_one("#cards-filters", Static).update(filters)
        page = self.page_start // cardlist.PAGE_SIZE + 1
        chosen = f" · 已选 {len(self.marked)} 张" if self.marked else ""
        self.query_one("#cards-status", Static).update(f"共 {total} 张 · 第 {page} 页{chosen}")

    def _set(self, **changes: object) -> None:
        self.query_value = replace(self.query_value, **changes)  # type: ignore[arg-type]
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._set(text=event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    # -- actions --------------------------------------------------------------------------------

    @property
    def highlighted(self) -> CardListRow | None:
        """The row under the cursor."""
        if not self.rows:
            return None
        return self.rows[min(self.table.cursor_row, len(self.rows) - 1)]

    def _ids(self) -> list[int]:
        """The cards a bulk key acts on: the selected ones, else the highlighted one."""
        if self.marked:
            return sorted(self.marked)
        row = self.highlighted
        return [row.card_id] if row is not None else []

    def action_focus_search(self) -> None:
        self.query_one("#cards-text", Input).focus()

    def action_toggle_mark(self) -> None:
        row = self.highlighted
        if row is None:
            return
        self.marked ^= {row.card_id}
        self._show(self.rows, self.more, self.total)
        self.table.action_cursor_down()

    def action_mark_page(self) -> None:
        ids = {r.card_id for r in self.rows}
        self.marked = self.marked - ids if ids <= self.marked else self.marked | ids
        self._show(self.rows, self.more, self.total)

    def action_suspend(self) -> None:
        ids = self._ids()
        if not ids:
            return
        with self.trainer_app.store.write() as w:
            queues = cardlist.queues(w.session, ids)
            if all(q is Queue.SUSPENDED for q in queues.values()):
                for cid in ids:
                    card_ops.unsuspend(w.session, cid)
                self.notify(f"已恢复 {len(ids)} 张")
            else:
                for cid in ids:
                    if queues[cid] is not Queue.SUSPENDED:
                        card_ops.suspend(w.session, cid)
                self.notify(f"已暂停 {len(ids)} 张（再按 @ 恢复）")
        self.marked.clear()
        self.reload(keep_page=True)

    def action_bury(self) -> None:
        ids = self._ids()
        if not ids:
            return
        today = self.trainer_app.today()
        with self.trainer_app.store.write() as w:
            for cid in ids:
                card_ops.bury(w.session, cid, today)
        self.notify(f"已搁置 {len(ids)} 张到明天（@ 恢复）")
        self.marked.clear()
        self.reload(keep_page=True)

    def action_forget(self) -> None:
        """Make the selected cards (or the highlighted one) new cards again, after a yes."""
        ids = self._ids()
        if not ids:
            return

        def answered(reply: str | None) -> None:
            if reply is None:
                return
            app = self.trainer_app
            with app.store.write() as w:
                resets.forget(w.session, ids, now=app.clock(), today=app.today())
            self.notify(f"已重置 {len(ids)} 张为新卡（复习记录保留）")
            self.marked.clear()
            self.reload(keep_page=True)

        self.app.push_screen(AskScreen(f"把 {len(ids)} 张卡片重置为新卡？（间隔、易度、遗忘次数清零）"), answered)

    def action_reschedule(self) -> None:
        """Make the selected cards (or the highlighted one) due in a number of days."""
        ids = self._ids()
        if not ids:
            return

        def answered(reply: str | None) -> None:
            if reply is None or not reply.isdigit():
                return
            app = self.trainer_app
            days = min(int(reply), 3650)
            with app.store.write() as w:
                resets.reschedule(w.session, ids, days, now=app.clock(), today=app.today())
            self.notify(f"已把 {len(ids)} 张改到 {days} 天后到期")
            self.marked.clear()
            self.reload(keep_page=True)

        self.app.push_screen(AskScreen(f"{len(ids)} 张卡片几天后到期？（0 = 今天）", "1"), answered)

    def action_next_sort(self) -> None:
        sorts = list(CardSort)
        self._set(sort=sorts[(sorts.index(self.query_value.sort) + 1) % len(sorts)])

    def action_reverse(self) -> None:
        self._set(descending=not self.query_value.descending)

    def action_next_state(self) -> None:
        states = list(StateFilter)
        self._set(state=states[(states.index(self.query_value.state) + 1) % len(states)])

    def action_next_kind(self) -> None:
        kinds = list(KIND_LABELS)
        self._set(kind=kinds[(kinds.index(self.query_value.kind) + 1) % len(kinds)])

    def action_next_page(self) -> None:
        if self.more:
            self.page_start += cardlist.PAGE_SIZE
            self.reload(keep_page=True)

    def action_prev_page(self) -> None:
        if self.page_start:
            self.page_start = max(0, self.page_start - cardlist.PAGE_SIZE)
            self.reload(keep_page=True)

    def action_columns(self) -> None:
        def chosen(columns: tuple[str, ...] | None) -> None:
            if columns is not None:
                self.columns = columns
                self._show(self.rows, self.more, self.total)

        self.app.push_screen(ColumnsScreen(self.columns), chosen)

    def action_info(self) -> None:
        row = self.highlighted
        if row is not None:
            self.app.push_screen(CardInfoScreen(self.trainer_app.store, row.card_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_info()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
            return
        self.app.pop_screen()
