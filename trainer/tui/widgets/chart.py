"""A small bar or line chart (textual-plotext) that follows the app's theme."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot


class Chart(PlotextPlot):
    """A titled bar or line chart over labelled points."""

    def bars(self, title: str, labels: Sequence[str], values: Sequence[float], *, every: int = 7) -> None:
        """Draw `values` as bars; every `every`-th label is printed under the axis."""
        self._draw(title, labels, values, every=every, line=False)

    def line(self, title: str, labels: Sequence[str], values: Sequence[float], *, every: int = 2) -> None:
        """Draw `values` as a line with markers (for rates, 0–100)."""
        self._draw(title, labels, values, every=every, line=True)

    def _draw(self, title: str, labels: Sequence[str], values: Sequence[float], *, every: int, line: bool) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(len(values)))
        if line:
            plt.plot(xs, list(values), marker="braille")
            plt.ylim(0, 100)
        else:
            plt.bar(xs, list(values), marker="sd", width=0.6)
        plt.title(title)
        shown = [i for i in xs if i % every == 0]
        plt.xticks([float(i) for i in shown], [labels[i] for i in shown])
        self.refresh()
