"""The card browser: search points by any text, filter, page through results, suspend, edit, card info; reads
through the app's store handle, no SQL here.

Results come one page at a time from `trainer.store.browse` (keyset paging), so it stays fast at 100k cards.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from trainer.core.safetext import clean_text
from trainer.errors import TrainerError
from trainer.services.edits import add_point, save_edits
from trainer.store import browse, card_ops, drill
from trainer.store.browse import BrowseQuery, BrowseRow, Page, StateFilter
from trainer.store.models import Queue
from trainer.store.sqlrun import deck_names
from trainer.tui.format import due_label, interval_label
from trainer.tui.screens.add_point import AddPointScreen
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.card_info import QUEUE_NAMES, CardInfoScreen
from trainer.tui.screens.edit import EditScreen

STATE_LABELS = {
    StateFilter.ALL: "全部状态",
    StateFilter.NEW: "新卡",
    StateFilter.LEARNING: "学习中",
    StateFilter.DUE: "今日到期",
    StateFilter.REVIEW: "复习中",
    StateFilter.SUSPENDED: "已暂停",
    StateFilter.BURIED: "已搁置",
    StateFilter.LEECH: "难记卡",
}
SEARCH_DELAY_S = 0.25


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def row_cells(r: BrowseRow) -> tuple[str | Text, ...]:
    """The table cells of one result, short enough that every column fits 80 columns; deck text as
    `Text` (DataTable reads a str cell as markup)."""
    st = r.state
    due = due_label(st.due_day, never=st.queue in (Queue.NEW, Queue.SUSPENDED), fmt="%m-%d")
    state = QUEUE_NAMES.get(st.queue, str(st.queue)) + ("·难" if r.leech else "")
    return (
        Text(clean_text(_clip(r.head, 10)), no_wrap=True, end=""),
        Text(clean_text(f"{_clip(r.topic, 3)}›{_clip(r.heading, 3)}›{r.ordinal}"), no_wrap=True, end=""),
        state,
        due,
        interval_label(st.interval) if st.interval else "—",
        f"{st.ease:.2f}",
        str(st.lapses),
    )


class BrowseScreen(TrainerScreen):
    """Search box, filters, one page of results; n/p page, @ suspends, e edits, Enter shows info."""

    BINDINGS = [
        Binding("slash", "focus_search", "搜索", id="browse-search"),
        Binding("f", "next_state", "状态", id="browse-state"),
        Binding("n", "next_page", "下页", id="browse-next"),
        Binding("p", "prev_page", "上页", show=False, id="browse-prev"),
        Binding("at", "toggle_suspend", "暂停/恢复", id="browse-suspend"),
        Binding("e", "edit", "编辑", id="browse-edit"),
        Binding("a", "add_point", "添加", id="browse-add"),
        Binding("i", "info", "信息", show=False, id="browse-info"),
        Binding("escape,q", "back", "返回", id="browse-back"),
    ]
    TYPING_BLOCKED = {
        "next_state", "next_page", "prev_page", "toggle_suspend", "edit", "info", "focus_search", "add_point",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.query_value = BrowseQuery()
        self.starts: list[int | None] = [None]  # keyset of each page shown so far
        self.page = Page(rows=(), after=None)
        self.total = 0
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="browse-bar"):
            yield Input(placeholder="搜索要点或说明（直接输入汉字，或按 /）", id="browse-text")
            yield Select(
                [(label, s.value) for s, label in STATE_LABELS.items()],
                value=StateFilter.ALL.value,
                allow_blank=False,
                id="browse-state",
            )
        with Horizontal(id="browse-filters"):
            yield Select([], prompt="全部卡组", id="browse-deck")
            yield Select([], prompt="全部主题", id="browse-topic")
            yield Select([], prompt="全部小节", id="browse-heading")
        yield DataTable(id="browse-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="browse-status")
        yield Footer()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#browse-table", DataTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.TYPING_BLOCKED and isinstance(self.focused, Input))

    def on_mount(self) -> None:
        self.table.add_columns("要点", "位置", "状态", "到期", "间隔", "易度", "遗忘")
        app = self.trainer_app
        with app.store.read() as r:
            # The session first: on a cold start's sqlite3 connection, `run` first would hold the
            # transaction there, and the session (the engine) could not join it.
            headings = browse.headings(r.session)
            decks = deck_names(r.run)
        self.query_one("#browse-deck", Select).set_options(
            [(Text(clean_text(name)), deck_id) for deck_id, name in sorted(decks.items(), key=lambda kv: kv[1])]
        )
        self.query_one("#browse-heading", Select).set_options([(Text(clean_text(h)), h) for h in headings])
        self._fill_topics(None)
        self.reload()
        self.table.focus()

    def _fill_topics(self, deck_id: int | None) -> None:
        with self.trainer_app.store.read() as r:
            titles = browse.topics(r.session, deck_id)
        self.query_one("#browse-topic", Select).set_options([(Text(clean_text(t)), t) for t in titles])

    # -- searching ------------------------------------------------------------------------------

    def _read_filters(self) -> BrowseQuery:
        def value(select_id: str) -> object:
            select: Select[object] = self.query_one(select_id, Select)
            return None if select.is_blank() else select.value

        deck = value("#browse-deck")
        return BrowseQuery(
            text=self.query_one("#browse-text", Input).value,
            deck_id=deck if isinstance(deck, int) else None,
            topic=str(value("#browse-topic") or ""),
            heading=str(value("#browse-heading") or ""),
            state=StateFilter(str(value("#browse-state") or StateFilter.ALL.value)),
        )

    def reload(self) -> None:
        """Search again from the first page with the current filters."""
        self.query_value = self._read_filters()
        self.starts = [None]
        self._search(self.query_value, None, True)

    @work(thread=True, exclusive=True, group="browse")
    def _search(self, query: BrowseQuery, after: int | None, recount: bool) -> None:
        app = self.trainer_app
        today = app.today()
        with app.store.read() as r:
            page = browse.search(r.session, query, today, after=after)
            total = browse.count(r.session, query, today) if recount else self.total
        app.call_from_thread(self._show_page, page, total, query)

    def _show_page(self, page: Page, total: int, query: BrowseQuery | None = None) -> None:
        if query is not None and query != self.query_value:
            # A search the filters have moved on from (`exclusive` cannot stop a thread already running):
            # showing its page last would put the wrong rows under the current filters.
            return
        self.page, self.total = page, total
        table = self.table
        row = table.cursor_row
        table.clear()
        for r in page.rows:
            table.add_row(*row_cells(r), key=str(r.card_id))
        if page.rows:
            table.move_cursor(row=min(row, len(page.rows) - 1))
        more = "，n 下一页" if page.after is not None else ""
        back = "，p 上一页" if len(self.starts) > 1 else ""
        self.query_one("#browse-status", Static).update(f"共 {total} 条 · 第 {len(self.starts)} 页{more}{back}")

    def on_key(self, event: events.Key) -> None:
        """A Chinese (any non-ASCII) character typed on the table starts a search with it; ASCII letters
        are this screen's keys, so `/` goes to the search box for those."""
        char = event.character
        if self.focused is self.table and event.is_printable and char and not char.isascii():
            event.stop()
            event.prevent_default()
            box = self.query_one("#browse-text", Input)
            box.value = char
            box.select_on_focus = False  # the next character goes on after this one, not over it
            box.focus()
            box.cursor_position = len(box.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(SEARCH_DELAY_S, self.reload)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self.reload()
        self.table.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "browse-deck":
            self._fill_topics(event.value if isinstance(event.value, int) else None)
        self.reload()

    # -- actions --------------------------------------------------------------------------------

    @property
    def selected(self) -> BrowseRow | None:
        """The highlighted result, if any."""
        rows = self.page.rows
        if not rows:
            return None
        return rows[min(self.table.cursor_row, len(rows) - 1)]

    def action_focus_search(self) -> None:
        box = self.query_one("#browse-text", Input)
        box.select_on_focus = True  # `/`: what is typed replaces the last search
        box.focus()

    def action_next_state(self) -> None:
        states = list(STATE_LABELS)
        select = self.query_one("#browse-state", Select)
        current = StateFilter(str(select.value))
        select.value = states[(states.index(current) + 1) % len(states)].value

    def action_next_page(self) -> None:
        if self.page.after is not None:
            self.starts.append(self.page.after)
            self._search(self.query_value, self.page.after, False)

    def action_prev_page(self) -> None:
        if len(self.starts) > 1:
            self.starts.pop()
            self._search(self.query_value, self.starts[-1], False)

    def _refresh_page(self) -> None:
        self._search(self.query_value, self.starts[-1], True)

    def action_toggle_suspend(self) -> None:
        row = self.selected
        if row is None:
            return
        with self.trainer_app.store.write() as w:
            if row.state.queue is Queue.SUSPENDED:
                card_ops.unsuspend(w.session, row.card_id)
                self.notify(f"已恢复：{row.head}")
            else:
                card_ops.suspend(w.session, row.card_id)
                self.notify(f"已暂停：{row.head}")
        self._refresh_page()

    def action_edit(self) -> None:
        row = self.selected
        if row is None:
            return
        app = self.trainer_app
        try:
            with app.store.read() as r:
                point_ids = drill.load_cards(r.run, [row.card_id])[row.card_id].card.point_ids
        except TrainerError as exc:  # a card its deck file no longer gives
            app.show_error(str(exc))
            return

        def saved(changes: list[tuple[str, str, str]] | None) -> None:
            if not changes:
                return
            try:
                result = save_edits(app.store, row.card_id, changes, now=app.clock())
            except TrainerError as exc:
                app.show_error(str(exc))
                return
            self.notify(result.message, timeout=8)
            self._refresh_page()

        app.push_screen(EditScreen(app.store, row.card_id, point_ids), saved)

    def action_add_point(self) -> None:
        """Add a point to the highlighted point's section, written to its deck file like an edit."""
        row = self.selected
        if row is None:
            return
        app = self.trainer_app

        def saved(point: tuple[str, str] | None) -> None:
            if point is None:
                return
            try:
                result = add_point(app.store, row.card_id, row.topic, row.heading, *point, now=app.clock())
            except TrainerError as exc:
                app.show_error(str(exc))
                return
            self.notify(result.message.replace("已保存，复习记录保留。", "已添加。"), timeout=8)
            self._refresh_page()

        app.push_screen(AddPointScreen(row.topic, row.heading), saved)

    def action_info(self) -> None:
        row = self.selected
        if row is not None:
            self.app.push_screen(CardInfoScreen(self.trainer_app.store, row.card_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_info()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
            return
        self.app.pop_screen()
