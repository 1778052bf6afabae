"""The end-of-session summary: answers and cards, time, accuracy, cards left, when the next ones are due."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from trainer.services.study import Summary
from trainer.tui.format import seconds_label
from trainer.tui.widgets.key_bar import KeyBar


def summary_text(s: Summary) -> str:
    """The summary as lines of text: answers (same-day repeats included) as the review log, home and stats
    count them (a list answer is one answer of the list and one per point), and the cards shown."""
    per_answer = s.seconds / s.reviewed if s.reviewed else 0.0
    if s.next_due is None:
        nxt = "暂无"
    elif s.left:
        nxt = "今天"
    else:
        nxt = s.next_due.isoformat()
    lines = [
        "本次复习完成" if s.left == 0 else "本次复习暂停",
        "",
        f"回答：{s.reviewed} 次（{s.cards} 张卡片）",
        f"用时：{seconds_label(s.seconds)}（平均每次回答 {per_answer:.1f} 秒）",
        f"正确率（3 分及以上的回答）：{s.accuracy:.0%}",
        f"剩余：{s.left} 张",
        f"下次到期：{nxt}",
    ]
    if s.lists:
        lines.insert(3, f"其中列表：{s.lists} 次，逐点评分 {s.list_points} 个要点（每个要点算一次回答）")
    if s.practice:
        lines.insert(1, "练习模式：回答未记录，日程未改变")
    return "\n".join(lines)


class SummaryScreen(Screen[None]):
    """Shown when a session ends or is left; any of Enter, q, Escape goes back to the screen the session
    was started from (home, or 备考计划 for 考前速记), and the key bar says which."""

    BINDINGS = [
        Binding("enter,q,escape,space", "home", "返回", id="home", priority=True),
        Binding("s", "app.stats", "统计", id="summary-stats"),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(summary_text(self.summary), id="summary", markup=False)
        yield KeyBar(self.BINDINGS)

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        at = stack.index(self) if self in stack else 0
        below = stack[at - 1] if at > 0 else None
        place = "首页" if below is stack[0] else getattr(below, "TITLE", None)
        self.query_one(KeyBar).relabel({"home": f"返回{place}" if place else "返回"})

    def action_home(self) -> None:
        self.app.pop_screen()
