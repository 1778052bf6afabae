"""The review screen: context, prompt with blanks, reveal, grade 0–5; every answer committed at once."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from trainer.study import StudySession

GRADES = {0: "完全忘记", 1: "错误", 2: "困难", 3: "勉强", 4: "正确", 5: "完美"}
LEGEND = "  ".join(f"{q} {label}" for q, label in GRADES.items())


class ReviewScreen(Screen[None]):
    """Shows one card at a time from a StudySession."""

    BINDINGS = [
        Binding("space,enter", "reveal", "显示答案", id="reveal", priority=True),
        *(Binding(str(q), f"grade({q})", GRADES[q], show=False, id=f"grade-{q}") for q in GRADES),
        Binding("u,ctrl+z", "undo", "撤销", id="undo"),
        Binding("q,escape", "leave", "返回", id="leave"),
    ]

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.revealed = False
        self.shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="context", markup=False)
        with VerticalScroll(id="card"):
            yield Static("", id="prompt", markup=False)
            yield Static("", id="answer", markup=False)
        yield Static("", id="legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show_card()

    def show_card(self) -> None:
        """Show the current card's front, or the summary when the queue is empty."""
        current = self.session.current()
        if current is None:
            from trainer.tui.screens.summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(self.session.summary()))
            return
        self.revealed = False
        self.shown_at = time.monotonic()
        card = current.card
        self.query_one("#context", Static).update(f"{card.context(current.deck)}  ·  剩余 {self.session.left}")
        self.query_one("#prompt", Static).update(card.prompt)
        answer = self.query_one("#answer", Static)
        answer.update("")
        answer.display = False
        self.query_one("#legend", Static).update("空格 / 回车：显示答案    q：返回")
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)

    def action_reveal(self) -> None:
        if self.revealed:
            self.action_grade(4)
            return
        current = self.session.current()
        if current is None:
            return
        self.revealed = True
        answer = self.query_one("#answer", Static)
        answer.update(f"答案：\n{current.card.answer}")
        answer.display = True
        legend = " ".join(f"{q}{GRADES[q]}·{self.session.preview(q)}天" for q in GRADES)
        self.query_one("#legend", Static).update(legend)

    def action_grade(self, quality: int) -> None:
        if not self.revealed:
            return
        elapsed_ms = int((time.monotonic() - self.shown_at) * 1000)
        self.session.answer(quality, duration_ms=elapsed_ms)
        self.show_card()

    def action_undo(self) -> None:
        if self.session.undo():
            self.notify("已撤销上一个答案")
            self.show_card()

    def action_leave(self) -> None:
        from trainer.tui.screens.summary import SummaryScreen

        if self.session.done:
            self.app.switch_screen(SummaryScreen(self.session.summary()))
        else:
            self.app.pop_screen()
