"""A small bar or line chart (textual-plotext) that follows the app's theme."""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual_plotext import PlotextPlot

LINE_COLOR = 12  # the bars' colour (plotext's default first colour), for every piece of a broken line


class Chart(PlotextPlot):
    """A titled bar or line chart over labelled points."""

    def bars(
        self, title: str, labels: Sequence[str], values: Sequence[float], *, every: int = 7, from_end: bool = False
    ) -> None:
        """Draw `values` as bars; every `every`-th label is printed under its bar (counted from the last
        bar with `from_end`, so a chart ending today labels today's bar)."""
        self._draw(title, labels, values, every=every, line=False, from_end=from_end)

    def line(
        self,
        title: str,
        labels: Sequence[str],
        values: Sequence[float | None],
        *,
        every: int = 2,
        from_end: bool = False,
    ) -> None:
        """Draw `values` as a line with markers (for rates, 0–100); None is a gap, not a zero."""
        self._draw(title, labels, values, every=every, line=True, from_end=from_end)

    def _draw(
        self,
        title: str,
        labels: Sequence[str],
        values: Sequence[float | None],
        *,
        every: int,
        line: bool,
        from_end: bool,
    ) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(len(values)))
        if line:
            for run in _runs(values):
                ys = [float(values[i] or 0) for i in run]
                if len(run) == 1:
                    plt.scatter(run, ys, marker="●", color=LINE_COLOR)
                else:
                    plt.plot(run, ys, marker="braille", color=LINE_COLOR)
            plt.ylim(0, 100)
            plt.yticks([0.0, 25.0, 50.0, 75.0, 100.0], ["0", "25", "50", "75", "100"])
        else:
            plt.bar(xs, [float(v or 0) for v in values], marker="sd", width=0.6)
            ticks = count_ticks(max((float(v or 0) for v in values), default=0.0))
            plt.ylim(0, ticks[-1])
            plt.yticks([float(t) for t in ticks], [str(t) for t in ticks])
        if xs:
            plt.xlim(-0.5, len(xs) - 0.5)  # the whole range, whatever is missing at its ends
        plt.title(title)
        last = len(xs) - 1
        shown = [i for i in xs if ((last - i) if from_end else i) % every == 0]
        plt.xticks([float(i) for i in shown], [labels[i] for i in shown])
        self.refresh()


def count_ticks(top: float, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, at most `most` of them, a step of 1, 2 or 5 times a
    power of ten: a chart of counts says 0, 1, 2, never 1.67 reviews."""
    step, power = 1, 1
    while step * (most - 1) < top:
        power, step = next((power, power * f) for f in (2, 5, 10) if power * f > step)
        if step == power * 10:
            power = step
    return list(range(0, max(1, math.ceil(top / step)) * step + 1, step))


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """The index runs of consecutive values that are not None."""
    runs: list[list[int]] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
