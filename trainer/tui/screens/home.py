"""The home screen: decks and their topics with due, new and learning counts, today, streak, exam countdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from trainer.sched.days import day_to_date, study_day
from trainer.store import browse, card_ops, queries
from trainer.store import stats as stats_store
from trainer.store.browse import TopicSummary
from trainer.store.convert import DeckSummary
from trainer.store.engine import reader
from trainer.tui.format import countdown, exam_date
from trainer.tui.screens.base import TrainerScreen

# Rows added to the table per turn of the event loop.
FILL_CHUNK = 200

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class HomeRow:
    """What a row of the table starts: a deck, or one topic of a deck."""

    deck_id: int
    topic: str = ""


class HomeScreen(TrainerScreen):
    """Lists decks and topics; Enter reviews the highlighted one, `a` reviews everything."""

    BINDINGS = [
        Binding("enter", "review_row", "复习", id="review-row", priority=True),
        Binding("a", "app.review_all", "全部", id="review-all"),
        Binding("s", "app.stats", "统计", id="stats"),
        Binding("b", "app.browse", "浏览", id="browse"),
        Binding("question_mark", "app.help", "按键", id="help"),
        Binding("q", "app.quit", "退出", id="quit-home"),
    ]

    decks: list[DeckSummary]
    rows: list[HomeRow]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-status")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-empty")
        yield Footer()

    @property
    def table(self) -> DataTable[str | int]:
        return self.query_one("#decks", DataTable)

    def on_mount(self) -> None:
        self.table.add_columns("卡组 / 主题", "到期", "新卡", "学习中", "总数")
        self.decks, self.rows = [], []
        self._fills = 0

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, so the counts are read once at start.
        self.refresh_decks()

    def refresh_decks(self) -> None:
        """Give back yesterday's buried cards, reload deck counts now and topic counts in the background."""
        app = self.trainer_app
        settings = app.settings
        today = study_day(app.clock(), settings.tz(), settings.day_start_hour)
        with Session(app.engine) as s, s.begin():
            card_ops.unbury_past(s, today)
        with Session(reader(app.engine)) as s:
            self.decks = queries.deck_summaries(s, today, settings.new_per_day, limits_for=settings.limits_for)
            done = queries.reviews_on(s, today)
            streak = stats_store.streak(s, today)
        self._fill([])
        due = sum(d.due + d.new + d.learning for d in self.decks)
        parts = [f"今日已复习 {done} 张", f"待复习 {due} 张", f"连续 {streak.current} 天"]
        exam = countdown(day_to_date(today), exam_date(settings))
        if exam:
            parts.append(exam)
        self.query_one("#home-status", Static).update(" · ".join(parts))
        empty = self.query_one("#home-empty", Static)
        empty.update(
            "" if self.decks else "还没有卡组。用 `trainer build 文档.txt -o 卡组.yaml` 生成，再 `trainer sync`。"
        )
        if self.decks:
            self.load_topics(today)

    @work(thread=True, exclusive=True, group="home-topics")
    def load_topics(self, today: int) -> None:
        """Topic counts take a grouped scan of every card (0.6 s at 100k cards): read them off the UI thread."""
        app = self.trainer_app
        with Session(reader(app.engine)) as s:
            topics = browse.topic_summaries(s, today)
        app.call_from_thread(self._fill, topics)

    def _fill(self, topics: list[TopicSummary]) -> None:
        table = self.table
        row = table.cursor_row
        table.clear()
        self.rows = []
        pending: list[tuple[tuple[str | int, ...], HomeRow]] = []
        for d in self.decks:
            pending.append(((d.name, d.due, d.new, d.learning, d.total), HomeRow(d.deck_id)))
            for t in (t for t in topics if t.deck_id == d.deck_id):
                # A topic's new cards are capped by what its deck may still start today.
                cells = (f"  {t.topic}", t.due, min(t.new, d.new), t.learning, t.total)
                pending.append((cells, HomeRow(d.deck_id, t.topic)))
        self._fills += 1
        self._add_rows(pending, row, self._fills)

    def _add_rows(
        self, pending: list[tuple[tuple[str | int, ...], HomeRow]], cursor: int, fill: int, start: int = 0
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
        if not self.rows:
            return
        row = self.rows[self.table.cursor_row]
        self.trainer_app.start_review([row.deck_id], topic=row.topic)
