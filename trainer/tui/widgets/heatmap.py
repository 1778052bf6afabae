"""A calendar heatmap of reviews per day: one column per week, one row per weekday, ▁–█ by count."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.widgets import Static

from trainer.core.stats import DayCount, week_start

LEVELS = "▁▂▃▄▅▆▇█"
WEEKDAYS = "一二三四五六日"


def level_char(count: int, top: int) -> str:
    """The block for a day's count relative to the busiest day (· for none)."""
    if count <= 0 or top <= 0:
        return "·"
    return LEVELS[min(len(LEVELS) - 1, (count * len(LEVELS) - 1) // top)]


def heatmap_markup(days: Sequence[DayCount]) -> str:
    """Content markup for the heatmap: a month row, then Monday to Sunday rows of week columns."""
    if not days:
        return ""
    first, last = week_start(days[0].day), days[-1].day
    counts = {d.day: d.count for d in days}
    top = max(counts.values(), default=0)
    weeks = (last - first) // 7 + 1
    month_row = [" "] * weeks
    prev_month = 0
    col = 0
    while col < weeks:
        month = date.fromordinal(first + 7 * col).month
        if month != prev_month:
            label = str(month)
            # A blank column before the label keeps neighbouring months apart (11 12, not 1112).
            gap = col == 0 or month_row[col - 1] == " "
            if gap and col + len(label) <= weeks and all(c == " " for c in month_row[col : col + len(label)]):
                month_row[col : col + len(label)] = list(label)
            prev_month = month
            col += len(label)
            continue
        col += 1
    lines = ["   " + "".join(month_row)]
    for wd in range(7):
        cells = []
        for w in range(weeks):
            day = first + 7 * w + wd
            if day < days[0].day or day > last:
                cells.append(" ")
                continue
            ch = level_char(counts.get(day, 0), top)
            cells.append(f"[$text-muted]{ch}[/]" if ch == "·" else f"[$text-success]{ch}[/]")
        lines.append(f"{WEEKDAYS[wd]} " + "".join(cells))
    return "\n".join(lines)


class Heatmap(Static):
    """The last year of reviews as a calendar."""

    def show(self, days: Sequence[DayCount]) -> None:
        """Draw these days (oldest first)."""
        self.update(heatmap_markup(days))
