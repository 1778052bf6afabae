"""Distributions as text bars (grades, intervals, ease) and a 24-hour strip; pure text, no store."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from trainer.core.distributions import Distributions
from trainer.tui.format import SHORT_GRADES

BAR_WIDTH = 30
EIGHTHS = " ▏▎▍▌▋▊▉█"
SPARKS = " ▁▂▃▄▅▆▇█"


def bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `count` out of `most`, in eighths of a cell."""
    if most <= 0 or count <= 0:
        return " " * width
    eighths = max(1, round(8 * width * count / most))
    full, rest = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[rest] if rest else "")).ljust(width)


def _rows(title: str, rows: Sequence[tuple[str, int]]) -> list[str]:
    total = sum(n for _, n in rows)
    most = max((n for _, n in rows), default=0)
    label_width = max((cell_len(label) for label, _ in rows), default=0)
    lines = [title]
    for label, n in rows:
        share = f"{n / total:.0%}" if total else "—"
        pad = " " * (label_width - cell_len(label))
        lines.append(f"  {label}{pad} {bar(n, most)} {n:>5} {share:>4}")
    return lines


def hours_strip(hours: Sequence[int]) -> list[str]:
    """Answers per hour as one line of 24 spark characters with the hours under it."""
    most = max(hours, default=0)
    sparks = "".join(SPARKS[0 if not most else max(1 if n else 0, round(8 * n / most))] for n in hours)
    return [f"  {' '.join(sparks)}", "  " + " ".join(str(h % 10) for h in range(24)) + "  （时，本地时间）"]


def distribution_text(d: Distributions) -> str:
    """Every distribution, one block after another."""
    lines = _rows("评分分布（全部回答）", [(f"{q} {SHORT_GRADES[q]}", n) for q, n in enumerate(d.grades)])
    lines += ["", *_rows("间隔分布（已学的卡片）", [(b.label, b.count) for b in d.intervals])]
    lines += ["", *_rows("易度分布（已学的卡片）", [(b.label, b.count) for b in d.ease])]
    lines += ["", "每小时回答数", *hours_strip(d.hours)]
    return "\n".join(lines)
