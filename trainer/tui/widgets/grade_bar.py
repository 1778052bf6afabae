"""The bar under a card: what to press on the front, and the six grade buttons with their intervals."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from trainer.tui.format import SHORT_GRADES, interval_label

FRONT_KEYS = "空格/回车 显示答案 · h 提示 · Ctrl+T 输入答案 · ? 全部按键"


class GradeBar(Horizontal):
    """Six cells `0 完全忘记 / 1天` ... like Anki's answer buttons, or one line of keys before the reveal.

    The cells are mounted at the first reveal: the first card of a cold start paints without them.
    """

    def compose(self) -> ComposeResult:
        yield Static(FRONT_KEYS, id="front-keys", markup=False)

    def show_front(self, text: str = FRONT_KEYS) -> None:
        """Before the reveal: one line of keys."""
        front = self.query_one("#front-keys", Static)
        front.update(text)
        front.display = True
        for cell in self.query(".grade-cell"):
            cell.display = False

    def show_grades(self, intervals: dict[int, int], suggested: int | None = None) -> None:
        """After the reveal: each grade with the interval it would give; the suggested one highlighted."""
        self.query_one("#front-keys", Static).display = False
        if not self.query(".grade-cell"):
            self.mount_all(Static("", id=f"grade-cell-{q}", classes="grade-cell") for q in SHORT_GRADES)
        for q, label in SHORT_GRADES.items():
            cell = self.query_one(f"#grade-cell-{q}", Static)
            cell.update(f"[b]{q}[/b] {label}\n{interval_label(intervals[q])}")
            cell.set_class(q == suggested, "suggested")
            cell.set_class(q < 3, "fail")
            cell.display = True


def keys_after_reveal(list_card: bool, suggested: int | None) -> tuple[dict[str, str | None], list[tuple[str, str]]]:
    """What the key bar says once the answer shows: Space grades (4, or the typed answer's suggestion; a
    list: its unset points 4), a list's points are chosen with ↑/↓, and `h` (a hint for the front) goes.
    It fits 80 columns."""
    if list_card:
        return {"reveal": "提交", "hint": None}, [("↑↓", "选点")]  # the 整组 line says unset points get 4
    q = 4 if suggested is None else suggested
    return {"reveal": f"评 {q} {SHORT_GRADES[q]}", "hint": None}, []
