"""A list card's answer, graded point by point: every head with its own grade, and what the list gets."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from trainer.sched.lists import list_grade
from trainer.tui.cjk import Wrapped
from trainer.tui.format import SHORT_GRADES, interval_label

# (point index, grade) -> days until due again (0: back today)
PointPreview = Callable[[int, int], int]
ListPreview = Callable[[Sequence[int]], int]

DEFAULT_GRADE = 4  # what Space gives every point not yet set


class ListGrades(Vertical):
    """One row per point: `▸ 2. 权力下放不到位  4 良好 → 6天`; ↑/↓ or Tab move, 0–5 set, Space gives 4
    to the points not yet set. A typed answer's suggested grades come preset (and can be overridden)."""

    def __init__(
        self,
        heads: Sequence[str],
        point_days: PointPreview,
        list_days: ListPreview,
        suggested: Sequence[int] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.heads = tuple(heads)
        self.point_days = point_days
        self.list_days = list_days
        self.grades: list[int | None] = list(suggested) if suggested else [None] * len(self.heads)
        self.cursor = 0

    def compose(self) -> ComposeResult:
        for i in range(len(self.heads)):
            yield Static("", classes="list-point", id=f"list-point-{i}", markup=False)
        yield Static("", id="list-total", markup=False)

    def on_mount(self) -> None:
        self.refresh_rows()

    @property
    def complete(self) -> bool:
        """Whether every point has a grade."""
        return all(g is not None for g in self.grades)

    def move(self, delta: int) -> None:
        """Move the highlight `delta` rows, wrapping around."""
        self.cursor = (self.cursor + delta) % len(self.heads)
        self.refresh_rows()

    def set_grade(self, quality: int) -> None:
        """Give the highlighted point `quality` and move to the next point not yet set (or the next row)."""
        self.grades[self.cursor] = quality
        n = len(self.heads)
        nxt = next((j % n for j in range(self.cursor + 1, self.cursor + n) if self.grades[j % n] is None), None)
        self.cursor = nxt if nxt is not None else min(self.cursor + 1, n - 1)
        self.refresh_rows()

    def final(self) -> list[int]:
        """Every point's grade, `DEFAULT_GRADE` for those not set."""
        return [DEFAULT_GRADE if g is None else g for g in self.grades]

    def refresh_rows(self) -> None:
        """Redraw every row and the list's total."""
        for i, head in enumerate(self.heads):
            g = self.grades[i]
            mark = "▸" if i == self.cursor else " "
            grade = "－" if g is None else f"{g} {SHORT_GRADES[g]} → {interval_label(self.point_days(i, g))}"
            row = self.query_one(f"#list-point-{i}", Static)
            row.update(Wrapped(f"{mark} {i + 1}. {head}　{grade}"))
            row.set_class(i == self.cursor, "current")
            row.set_class(g is not None and g < 3, "fail")
        grades = self.final()
        total = list_grade(grades)
        unset = sum(g is None for g in self.grades)
        tail = f"（未评的 {unset} 点按 {DEFAULT_GRADE}）" if unset else ""
        self.query_one("#list-total", Static).update(
            f"整组（取最低分）：{total} {SHORT_GRADES[total]} → {interval_label(self.list_days(grades))}{tail}"
        )
