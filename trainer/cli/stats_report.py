"""`trainer stats` as rich tables for the terminal: an Overview in, renderables out; no queries, no clock."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from trainer.core.safetext import clean_text
from trainer.core.stats import DayCount, Overview

WEEKDAYS = "一二三四五六日"
SHADES = ("·", "░", "▒", "▓", "█")


def _data(text: str, style: str = "") -> Text:
    """Deck text as a cell: a `Text`, so `[bold]` or `[link=...]` in a head is shown, never obeyed, and no
    control code reaches the terminal (even from a database written before text was cleaned on entry)."""
    return Text(clean_text(text), style=style)


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def summary_table(o: Overview) -> Table:
    """Reviews, streak and retention in one small table."""
    t = Table(title="学习概况 Summary", show_header=False, title_justify="left", expand=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    r, s = o.reviews, o.streak
    t.add_row("今日复习 today", str(r.today))
    t.add_row("本周 this week", str(r.this_week))
    t.add_row("近30天 30 days", str(r.last_30_days))
    t.add_row("累计 total", str(r.total))
    streak = f"{s.current} 天" + ("" if s.studied_today or not s.current else " (今天还没学)")
    t.add_row("连续 streak", streak)
    t.add_row("最长 longest", f"{s.longest} 天")
    t.add_row("记住率 retention", f"{_pct(o.retention.rate)} (近30天 {_pct(o.retention_30_days.rate)})")
    return t


def states_table(o: Overview) -> Table:
    """Cards by state."""
    t = Table(title="卡片 Cards", title_justify="left")
    for name in (
        "新 new",
        "学习中 learning",
        "复习 review",
        "成熟 mature",
        "暂停 suspended",
        "难点 leech",
        "退役 retired",
    ):
        t.add_column(name, justify="right")
    c = o.states
    t.add_row(*map(str, (c.new, c.learning, c.review, c.mature, c.suspended, c.leech, c.retired)))
    return t


def forecast_table(days: tuple[DayCount, ...]) -> Table:
    """Cards due on each coming day, with a bar."""
    t = Table(title="到期预测 Due forecast", title_justify="left")
    t.add_column("日期 date")
    t.add_column("到期 due", justify="right")
    t.add_column("")
    top = max((d.count for d in days), default=0) or 1
    for i, d in enumerate(days):
        label = "今天 today" if i == 0 else f"{d.date:%m-%d} 周{WEEKDAYS[d.date.weekday()]}"
        t.add_row(label, str(d.count), "█" * round(20 * d.count / top))
    return t


def heatmap(days: tuple[DayCount, ...]) -> Text:
    """Reviews per day as a week-by-weekday grid of shades, oldest week on the left."""
    if not days:
        return Text("")
    first = days[0].day - days[0].date.weekday()  # back to a Monday
    weeks = (days[-1].day - first) // 7 + 1
    counts = {d.day: d.count for d in days}
    top = max(counts.values()) or 1
    out = Text("复习热力图 Reviews per day (past year)\n", style="bold")
    for wd in range(7):
        out.append(f"周{WEEKDAYS[wd]} ")
        for w in range(weeks):
            day = first + 7 * w + wd
            if day not in counts:
                out.append(" ")
                continue
            n = counts[day]
            shade = 0 if n == 0 else 1 + min(3, (4 * n - 1) // top)
            out.append(SHADES[shade], style="green" if n else "grey50")
        out.append("\n")
    return out


def topics_table(o: Overview) -> Table:
    """Mastery per topic and section; per list, its reviews that recalled it whole (in order, every point)."""
    t = Table(title="掌握度 Mastery", title_justify="left")
    t.add_column("主题 › 部分 topic › section")
    t.add_column("要点 points", justify="right")
    t.add_column("已学 seen", justify="right")
    t.add_column("成熟 mature", justify="right")
    t.add_column("掌握 mastery", justify="right")
    t.add_column("整组\nwhole", justify="right")
    for topic in o.topics:
        t.add_row(
            _data(topic.topic, "bold"),
            str(len(topic.points)),
            str(topic.seen),
            str(topic.mature),
            f"{topic.mastery:.0%}",
            "",
        )
        for s in topic.sections:
            seen = sum(1 for p in s.points if p.seen)
            mature = sum(1 for p in s.points if p.seen and p.interval >= 21)
            t.add_row(
                _data(f"  › {s.heading}"),
                str(len(s.points)),
                str(seen),
                str(mature),
                f"{s.mastery:.0%}",
                s.recall.label,
            )
    return t


def weakest_table(o: Overview) -> Table:
    """The points forgotten most often."""
    t = Table(title="薄弱要点 Weakest points", title_justify="left")
    t.add_column("位置 where")
    t.add_column("要点 head")
    t.add_column("遗忘 lapses", justify="right")
    t.add_column("难度系数 ease", justify="right")
    for p in o.weakest:
        t.add_row(_data(p.label), _data(p.head), str(p.lapses), f"{p.ease:.2f}")
    return t


def render(o: Overview) -> RenderableType:
    """Everything `trainer stats` prints."""
    parts: list[RenderableType] = [
        Text(f"{date.fromordinal(o.today).isoformat()}", style="dim"),
        summary_table(o),
        states_table(o),
        forecast_table(o.forecast),
        heatmap(o.heatmap),
    ]
    if o.topics:
        parts.append(topics_table(o))
    if o.weakest:
        parts.append(weakest_table(o))
    elif o.reviews.total:
        parts.append(Text("没有薄弱要点 No weak points yet.", style="green"))
    else:
        parts.append(Text("还没有复习记录 No reviews yet: run `trainer` to start.", style="yellow"))
    return Group(*parts)
