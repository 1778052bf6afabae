"""The home screen: decks with due, new and learning counts; Enter starts a review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from trainer.sched.days import study_day
from trainer.store import queries
from trainer.store.convert import DeckSummary

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


class HomeScreen(Screen[None]):
    """Lists decks; Enter reviews the highlighted deck, `a` reviews every deck."""

    BINDINGS = [
        Binding("enter", "review_deck", "复习此卡组", id="review-deck", priority=True),
        Binding("a", "review_all", "复习全部", id="review-all"),
        Binding("q", "app.quit", "退出", id="quit-home"),
    ]

    decks: list[DeckSummary]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="home-status")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-empty")
        yield Footer()

    @property
    def trainer_app(self) -> TrainerApp:
        from trainer.tui.app import TrainerApp

        assert isinstance(self.app, TrainerApp)
        return self.app

    @property
    def table(self) -> DataTable[str | int]:
        return self.query_one("#decks", DataTable)

    def on_mount(self) -> None:
        self.table.add_columns("卡组", "到期", "新卡", "学习中", "总数")
        self.refresh_decks()

    def on_screen_resume(self) -> None:
        self.refresh_decks()

    def refresh_decks(self) -> None:
        """Reload counts from the store."""
        app = self.trainer_app
        settings = app.settings
        today = study_day(app.clock(), settings.tz(), settings.day_start_hour)
        with Session(app.engine) as s:
            self.decks = queries.deck_summaries(s, today, settings.new_per_day)
            done = queries.reviews_on(s, today)
        table = self.table
        row = table.cursor_row
        table.clear()
        for d in self.decks:
            table.add_row(d.name, d.due, d.new, d.learning, d.total, key=str(d.deck_id))
        if self.decks:
            table.move_cursor(row=min(row, len(self.decks) - 1))
        due = sum(d.due + d.new + d.learning for d in self.decks)
        self.query_one("#home-status", Static).update(f"今日已复习 {done} 张 · 待复习 {due} 张")
        empty = self.query_one("#home-empty", Static)
        empty.update(
            "" if self.decks else "还没有卡组。用 `trainer build 文档.txt -o 卡组.yaml` 生成，再 `trainer sync`。"
        )

    def _start(self, deck_ids: list[int]) -> None:
        from trainer.study import StudySession
        from trainer.tui.screens.review import ReviewScreen

        app = self.trainer_app
        session = StudySession.start(app.engine, deck_ids, app.settings, app.clock)
        if session.left == 0:
            self.notify("今天没有要复习的卡片了", title="完成")
            return
        app.push_screen(ReviewScreen(session))

    def action_review_deck(self) -> None:
        if not self.decks:
            return
        self._start([self.decks[self.table.cursor_row].deck_id])

    def action_review_all(self) -> None:
        if self.decks:
            self._start([d.deck_id for d in self.decks])
