"""The 备考计划's chart: the minutes the plan takes each day up to the exam beside the learner's budget, as
plain text bars that fit 80 columns; pure text, no widget state, no markup (rich `Text` with styles)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from trainer.tui.cjk import pack

BLOCKS = " ▁▂▃▄▅▆▇█"
HEIGHT = 5  # rows of bars
GUTTER = 7  # the axis labels' width ("  30分 " with the axis)
BUDGET_MARK = "┄"


def columns_for(days: int, width: int) -> int:
    """Days per column so that `days` fit `width` columns (1 when they fit as they are)."""
    return max(1, math.ceil(days / max(1, width)))


def _buckets(minutes: Sequence[float], per: int) -> list[float]:
    # The largest day of each group: the chart is read against the budget, so a peak is never averaged away.
    return [max(minutes[i : i + per]) for i in range(0, len(minutes), per)]


def _label(value: float) -> str:
    text = f"{value:.0f}分"
    return " " * (GUTTER - 1 - cell_len(text)) + text


def minutes_chart(minutes: Sequence[float], budget: int | None, start: date, *, width: int = 76) -> Text:
    """Bars of the planned minutes per day from `start` (today) to the eve of the exam, the budget as a
    dotted line, days over the budget in the warning colour, dates and 考试 under the axis.

    Args:
        minutes: The plan's minutes of each day, today first.
        budget: The learner's minutes a day, or None.
        start: Today's date (the first bar's).
        width: The columns the chart may take, axis labels included.
    """
    out = Text(no_wrap=True, overflow="crop")
    if not minutes:
        out.append("考试就在今天：没有要安排的日子了。")
        return out
    cols = max(1, width - GUTTER)
    per = columns_for(len(minutes), cols)
    # A short run to the exam gets wider bars (up to 4 columns a day), so it reads as a chart.
    values = [v for v in _buckets(minutes, per) for _ in range(max(1, min(4, cols // len(minutes))))]
    top = max(max(values), float(budget or 0), 1.0)
    budget_row = None if not budget else min(HEIGHT - 1, int(budget / top * HEIGHT - 1e-9))
    for row in range(HEIGHT - 1, -1, -1):  # top row first
        low = top * row / HEIGHT
        if row == HEIGHT - 1:
            out.append(_label(top) + "┤")
        elif row == budget_row:
            out.append(_label(float(budget or 0)) + "┤")
        else:
            out.append(" " * (GUTTER - 1) + "│")
        for value in values:
            fill = (value - low) / (top / HEIGHT)
            ch = BLOCKS[max(0, min(len(BLOCKS) - 1, round(fill * (len(BLOCKS) - 1))))]
            over = budget is not None and value > budget
            if ch == " " and row == budget_row:
                out.append(BUDGET_MARK, style="dim")
            else:
                out.append(ch, style="red" if over else "green")
        out.append("\n")
    out.append(" " * (GUTTER - 1) + "└" + "─" * len(values) + "\n")
    first = start.strftime("%m-%d")
    exam = (start + timedelta(days=len(minutes))).strftime("考试 %m-%d")
    gap = max(1, len(values) - cell_len(first) - cell_len(exam))
    out.append(" " * GUTTER + first + " " * gap + exam + "\n")
    parts = ["█ 计划每天的分钟"]
    if budget:
        parts.append(f"{BUDGET_MARK} 每天时间 {budget} 分钟")
    if per > 1:
        parts.append(f"每格 {per} 天（取最多的一天）")
    out.append("\n".join(pack(parts, width, "  ")), style="dim")  # broken between its parts, when narrow
    return out
