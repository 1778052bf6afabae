"""The home screen: decks (and the topics of decks opened with `t`) with due, new and learning counts, today,
streak, exam countdown.

It is the first screen of a cold start, so it reads through `trainer.store.drill` and `lite` (plain SQL
on the store handle's start-up connection, no SQLAlchemy) and its work grows with the number of decks, not cards:
a deck's topics (a grouped scan of its cards) are read in a background thread when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from trainer.core.safetext import clean_text
from trainer.sched.days import day_to_date
from trainer.store import day_summaries as summaries
from trainer.store import drill, exam_reads, lite
from trainer.store.convert import DeckSummary
from trainer.tui.cjk import Packed
from trainer.tui.format import countdown, exam_date, paused_new, to_study
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.widgets.key_bar import KeyBar
from trainer.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from trainer.store.browse import TopicSummary

# Rows added to the table per turn of the event loop.
FILL_CHUNK = 200
# The engine is built (SQLAlchemy imported) in the background this long after the home screen is
# shown, unless the first card comes first (see ReviewScreen): pressing Enter at once should not
# find the import competing with the review screen being built.
WARM_AFTER_S = 1.0
# Home with no deck once the deck folders are synced (at the first start, the bundled decks are being
# loaded until then).
NO_DECKS = "还没有卡组：按 n 从文档或粘贴的文本新建（命令行：trainer build 文档.txt --review）"


COLUMNS = ("卡组 / 主题", "到期", "新卡", "学习中", "总数")
# When the table is wider than the screen, 学习中 goes first (the status line above counts it); then the
# deck and topic names are cut with … so the counts, 总数 last, stay on screen.
DROPPED_FIRST = 3
NAME_MIN = 8  # a name is never cut shorter than this many cells


def fit_columns(
    names: list[str], counts: list[tuple[int | str, ...]], width: int
) -> tuple[tuple[int, ...], int | None]:
    """Which of `COLUMNS` (by index) a table `width` cells wide shows, and the cells a name may take
    (None: whole). A column takes its widest cell and one cell of padding each side."""
    shown = tuple(range(len(COLUMNS)))

    def cells(i: int) -> int:
        widest = max((cell_len(str(row[i - 1])) for row in counts), default=0)
        return max(cell_len(COLUMNS[i]), widest) + 2

    name_cells = max([cell_len(COLUMNS[0]), *(cell_len(n) for n in names)]) + 2
    if name_cells + sum(cells(i) for i in shown[1:]) <= width:
        return shown, None
    shown = tuple(i for i in shown if i != DROPPED_FIRST)
    room = width - sum(cells(i) for i in shown[1:]) - 2
    return shown, None if name_cells - 2 <= room else max(NAME_MIN, room)


def _cut(text: str, cells: int | None) -> str:
    if cells is None or cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def _plain(text: str) -> Text:
    """A name for a table cell, shown as written (DataTable reads a str cell as markup), without control
    codes (a database written before text was cleaned on entry may hold them)."""
    return Text(clean_text(text), no_wrap=True, end="")


def _count(value: int | str) -> Text | int:
    return _plain(value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class HomeRow:
    """What a row of the table starts: a deck, or one topic of a deck."""

    deck_id: int
    topic: str = ""


class HomeScreen(TrainerScreen):
    """Lists decks; `t` shows or hides a deck's topics; Enter reviews the highlighted row, `a` everything."""

    BINDINGS = [
        Binding("enter", "review_row", "复习", id="review-row", priority=True),
        Binding("t", "toggle_topics", "主题", id="topics", show=False),  # in `?`: the bar fits 80 columns
        Binding("a", "app.review_all", "全部", id="review-all"),
        Binding("s", "app.stats", "统计", id="stats"),
        Binding("b", "app.browse", "浏览", id="browse"),
        # `n` in `?` and the palette (新建卡组): the bar fits 80 columns with 备考
        Binding("n", "app.new_deck", "新建", id="new-deck"),  # a new learner builds a deck from a document first
        Binding("p", "app.exam_plan", "备考", id="exam-plan"),
        Binding("k", "app.cram", "考前速记", id="cram", show=False),
        Binding("c", "app.cards", "卡片", id="cards", show=False),  # in `?` and the palette: the bar fits 80 columns
        Binding("x", "custom", "自定义学习", show=False, id="custom"),
        Binding("r", "rename_deck", "改名", id="rename-deck", show=False),  # in `?`: the bar is full at 80 columns
        Binding("delete", "remove_deck", "删除", id="remove-deck", show=False),
        Binding("question_mark", "app.help", "按键", id="help"),
        Binding("q", "app.quit", "退出", id="quit-home"),
    ]

    decks: list[DeckSummary]
    rows: list[HomeRow]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="home-status")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-empty")
        yield KeyBar(self.BINDINGS)

    @property
    def table(self) -> DataTable[Text | int]:
        return self.query_one("#decks", DataTable)

    def __init__(self) -> None:
        super().__init__()
        self.decks, self.rows = [], []
        self.expanded: set[int] = set()  # decks whose topics are shown
        self.topics: dict[int, list[TopicSummary]] = {}  # by deck, as last read
        self._fills = 0
        self._today = 0
        self.nothing_due = False  # every deck's due, new and learning counts are 0 (read at the last refresh)
        self._columns: tuple[int, ...] = ()  # the columns the table has (fewer when narrow: see fit_columns)
        self._fit_width = 0

    def on_mount(self) -> None:
        # Text, not str: DataTable would parse str labels and cells as markup (and load rich's emoji table).
        self._columns = tuple(range(len(COLUMNS)))  # every column; `_fill` leaves some out when narrow
        self.table.add_columns(*(Text(label) for label in COLUMNS))

    def on_resize(self) -> None:
        if self.size.width != self._fit_width and self.rows:
            self._fill()  # the columns and names that fit the new width

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, so the counts are read once at start.
        self.refresh_decks()

    def refresh_decks(self) -> None:
        """Give back yesterday's buried cards and reload the deck counts (and the open decks' topics)."""
        app = self.trainer_app
        settings = app.settings
        today = self._today = app.today()
        app.unbury_past(today)
        with app.store.read() as r:
            self.decks = drill.deck_summaries(
                r.run,
                today,
                settings.new_per_day,
                limits_for=settings.limits_for,
                totals=False,
                budget=settings.day_budget(),
            )
            done = lite.reviews_on(r.run, today)
            streak = summaries.streak(r.run, today)
            pace = exam_reads.paused_pace(r.run, today, settings.exam_day, settings.limits_for)
        self.expanded &= {d.deck_id for d in self.decks}
        self._fill()
        due, new, learning = (sum(getattr(d, n) for d in self.decks) for n in ("due", "new", "learning"))
        parts = [f"今日回答 {done} 次", to_study(due, new, learning), f"连续 {streak} 天"]
        exam = countdown(day_to_date(today), exam_date(settings))
        if exam:
            parts.append(exam)
        if settings.exam_day == today:
            parts.append("按 k 考前速记")
        if paused := paused_new(pace):
            parts.append(paused)
        self.query_one("#home-status", Static).update(Packed(parts))
        # Nothing left today: practice (the custom study dialog, a practice unless ticked) is a key away.
        self.nothing_due = bool(self.decks) and due + new + learning == 0
        self.query_one(KeyBar).relabel({}, [("x", "练习")] if self.nothing_due else [])
        empty = self.query_one("#home-empty", Static)
        empty.update("" if self.decks else NO_DECKS if app.synced else "正在载入卡组……")
        # The totals (a scan of every card) are counted once the home screen has painted, and only if it
        # is still on screen then: an Enter typed ahead opens the first card without that scan beside it
        # (on two shared cores it slowed the review screen, and quitting waited for it).
        self.call_after_refresh(self._count_totals, today)
        if self.expanded:
            self.load_topics(today, sorted(self.expanded))
        app.warm_up_soon(WARM_AFTER_S)

    def action_toggle_topics(self) -> None:
        """Show or hide the topics of the highlighted deck (or of the deck of the highlighted topic)."""
        if not self.rows:
            return
        deck_id = self.rows[self.table.cursor_row].deck_id
        if deck_id in self.expanded:
            self.expanded.discard(deck_id)
            self._fill(cursor_deck=deck_id)
        else:
            self.expanded.add(deck_id)
            self.load_topics(self._today, [deck_id])

    def _count_totals(self, today: int) -> None:
        if today == self._today and self.is_active:
            self.load_totals(today)

    @work(thread=True, group="home-totals", exclusive=True)
    def load_totals(self, today: int) -> None:
        """Cards per deck take a scan of every card (~20 ms per 100k): counted off the UI thread, on
        the thread's own connection (SQLite leaves the other core to it)."""
        with self.trainer_app.store.read() as r:
            totals = drill.deck_totals(r.run)
        self.app.call_from_thread(self._totals_read, today, totals)

    def _totals_read(self, today: int, totals: dict[int, int]) -> None:
        if today != self._today:
            return
        self.decks = [replace(d, total=totals.get(d.deck_id, 0)) for d in self.decks]
        self._fill()

    @work(thread=True, group="home-topics")
    def load_topics(self, today: int, deck_ids: list[int]) -> None:
        """Topic counts take a grouped scan of the cards (0.6 s at 100k cards): read them off the UI thread."""
        from trainer.store.browse import topic_summaries

        app = self.trainer_app
        with app.store.read() as r:
            found = topic_summaries(r.session, today)
        wanted = set(deck_ids)
        by_deck: dict[int, list[TopicSummary]] = {d: [] for d in deck_ids}
        for t in found:
            if t.deck_id in wanted:
                by_deck[t.deck_id].append(t)
        app.call_from_thread(self._topics_read, today, by_deck)

    def _topics_read(self, today: int, by_deck: dict[int, list[TopicSummary]]) -> None:
        if today != self._today:
            return  # read for an earlier day; the refresh since then reads again
        self.topics.update(by_deck)
        self._fill()

    def _fill(self, cursor_deck: int | None = None) -> None:
        """Rebuild the table: every deck, each open deck followed by its topics; the highlight stays on
        the same deck or topic (on the deck, when `cursor_deck` is given)."""
        table = self.table
        row = table.cursor_row
        keep = HomeRow(cursor_deck) if cursor_deck is not None else None
        if keep is None and 0 <= row < len(self.rows):
            keep = self.rows[row]
        rows: list[tuple[tuple[str, int, int, int, int | str], HomeRow]] = []
        for d in self.decks:
            total = "…" if d.total is None else d.total
            rows.append(((clean_text(d.name), d.due, d.new, d.learning, total), HomeRow(d.deck_id)))
            if d.deck_id not in self.expanded:
                continue
            for t in self.topics.get(d.deck_id, []):
                # A topic's new cards are capped by what its deck may still start today.
                cells = (f"  {clean_text(t.topic)}", t.due, min(t.new, d.new), t.learning, t.total)
                rows.append((cells, HomeRow(d.deck_id, t.topic)))
        self._fit_width = width = self.size.width
        columns, name_cells = fit_columns([c[0] for c, _ in rows], [c[1:] for c, _ in rows], width - 2)
        table.clear(columns=columns != self._columns)
        if columns != self._columns:
            self._columns = columns
            table.add_columns(*(Text(COLUMNS[i]) for i in columns))
        self.rows = []
        pending: list[tuple[tuple[Text | int, ...], HomeRow]] = [
            (tuple(_plain(_cut(c[0], name_cells)) if i == 0 else _count(c[i]) for i in columns), home_row)
            for c, home_row in rows
        ]
        row = next((i for i, (_, r) in enumerate(pending) if r == keep), row)
        self._fills += 1
        self._add_rows(pending, row, self._fills)

    def _add_rows(
        self, pending: list[tuple[tuple[Text | int, ...], HomeRow]], cursor: int, fill: int, start: int = 0
    ) -> None:
        """Add rows a chunk at a time, so keys pressed meanwhile are handled (thousands of topics take ~1 s)."""
        if fill != self._fills or not self.is_active:
            return  # a newer fill started, or the screen is hidden (`on_screen_resume` refills it)
        table = self.table
        for cells, home_row in pending[start : start + FILL_CHUNK]:
            table.add_row(*cells)
            self.rows.append(home_row)
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        if start + FILL_CHUNK < len(pending):
            self.call_later(self._add_rows, pending, cursor, fill, start + FILL_CHUNK)

    def action_review_row(self) -> None:
        if not self._today:
            # Enter typed ahead, before the screen was shown: handled once the decks are read (the
            # screen's resume is already queued, so this callback runs after it).
            self.call_later(self._review_row_once_read)
            return
        self._review_row_once_read()

    def _review_row_once_read(self) -> None:
        if not self.rows:
            return
        row = self.rows[self.table.cursor_row]
        self.trainer_app.start_review([row.deck_id], topic=row.topic)

    def _deck_name(self) -> str | None:
        if not self.rows:
            return None
        deck_id = self.rows[self.table.cursor_row].deck_id
        return next((d.name for d in self.decks if d.deck_id == deck_id), None)

    def action_rename_deck(self) -> None:
        """Rename the highlighted deck (in the database and its file; cards and answers kept)."""
        from trainer.tui.screens.deck_actions import rename_deck

        if (name := self._deck_name()) is not None:
            rename_deck(self, name)

    def action_remove_deck(self) -> None:
        """Remove the highlighted deck after a confirmation (cards retired, history kept)."""
        from trainer.tui.screens.deck_actions import remove_deck

        if (name := self._deck_name()) is not None:
            remove_deck(self, name)

    def action_custom(self) -> None:
        """Custom study of the highlighted deck or topic (or review ahead, or the weakest points)."""
        from trainer.tui.screens.custom import CustomStudyScreen

        row = self.rows[self.table.cursor_row] if self.rows else None
        deck = next((d.name for d in self.decks if row is not None and d.deck_id == row.deck_id), "")
        self.app.push_screen(
            CustomStudyScreen(row.deck_id if row else None, deck, row.topic if row else ""),
            self.trainer_app.start_custom,
        )
