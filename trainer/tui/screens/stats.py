"""The stats screen: numbers, heatmap, reviews and retention charts, forecast, mastery; read-only (one read
transaction of the store handle, which takes no write lock), no SQL here."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Footer, Header, Static

from trainer.core.mastery import PointMastery, TopicMastery
from trainer.core.stats import Overview
from trainer.sched.days import day_to_date
from trainer.store import stats as stats_store
from trainer.store.distributions import distributions
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.widgets.chart import Chart
from trainer.tui.widgets.distribution import distribution_text
from trainer.tui.widgets.heatmap import LEVELS, Heatmap

FORECAST_DAYS = 30
WEEKS = 12
TOPICS_SHOWN = 20


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def numbers_text(o: Overview) -> str:
    """The headline numbers in a few lines."""
    r, st = o.reviews, o.states
    return "\n".join(
        [
            f"今日 {r.today} 次 · 本周 {r.this_week} 次 · 近30天 {r.last_30_days} 次 · 累计 {r.total} 次",
            f"连续学习 {o.streak.current} 天（最长 {o.streak.longest} 天） · "
            f"保持率 近30天 {_pct(o.retention_30_days.rate)} · 全部 {_pct(o.retention.rate)}",
            f"新卡 {st.new} · 学习中 {st.learning} · 复习 {st.review}（成熟 {st.mature}） · "
            f"暂停 {st.suspended} · 难记 {st.leech}",
        ]
    )


def mastery_bar(points: tuple[PointMastery, ...]) -> str:
    """One character per point, in list order: · unseen, ▁ barely known … █ mature."""
    out = []
    for p in points:
        if not p.seen:
            out.append("·")
        else:
            out.append(LEVELS[min(len(LEVELS) - 1, int(p.mastery * (len(LEVELS) - 1) + 0.5))])
    return "".join(out)


def weakest_in(points: tuple[PointMastery, ...]) -> PointMastery | None:
    """The point of a list to fix first: most lapses, then lowest ease (None when none struggle)."""
    struggling = [p for p in points if p.seen and (p.lapses > 0 or p.ease < 2.5)]
    return min(struggling, key=lambda p: (-p.lapses, p.ease, p.interval, p.ordinal), default=None)


def mastery_text(topics: tuple[TopicMastery, ...], limit: int = TOPICS_SHOWN) -> str:
    """Per topic and per list: a bar of its points, how often the whole list was recalled (整组 recalled/reviews,
    once it was reviewed) and the weakest point named (least known topics first)."""
    if not topics:
        return "还没有卡片。"
    ordered = sorted(topics, key=lambda t: (t.seen == 0, t.mastery))
    lines = []
    for t in ordered[:limit]:
        lines.append(f"[b]{escape(t.topic)}[/b]  掌握 {t.mastery:.0%}  已学 {t.seen}/{len(t.points)}")
        for s in t.sections:
            weak = weakest_in(s.points)
            tail = (
                f"  最弱 第{weak.ordinal}点 {escape(weak.head)}（忘{weak.lapses}次 易度{weak.ease:.2f}）"
                if weak
                else ""
            )
            whole = f"  整组 {s.recall.label}" if s.recall.reviews else ""
            lines.append(f"  {escape(s.heading)} [$text-success]{mastery_bar(s.points)}[/]{whole}{tail}")
    if len(ordered) > limit:
        lines.append(f"……另有 {len(ordered) - limit} 个主题")
    return "\n".join(lines)


def weakest_text(points: tuple[PointMastery, ...]) -> str:
    """The weakest points overall, one per line."""
    if not points:
        return "暂无薄弱要点。"
    return "\n".join(
        f"{i}. {p.topic} › {p.heading} › 第{p.ordinal}点 {p.head}  忘{p.lapses}次 易度{p.ease:.2f}"
        for i, p in enumerate(points, 1)
    )


class StatsScreen(TrainerScreen):
    """Everything about progress on one scrolling page; Escape or q goes back."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "返回", id="stats-back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static("正在统计……", id="stats-numbers")
            yield Static("[b]近一年复习[/b]", classes="stats-title")
            yield Heatmap(id="stats-heatmap")
            yield Chart(id="chart-reviews", classes="chart")
            yield Chart(id="chart-retention", classes="chart")
            yield Chart(id="chart-forecast", classes="chart")
            yield Static("[b]掌握程度（每个列表一格一点）[/b]", classes="stats-title")
            yield Static("", id="stats-mastery")
            yield Static("[b]最薄弱的要点[/b]", classes="stats-title")
            yield Static("", id="stats-weakest", markup=False)
            yield Static("[b]分布[/b]", classes="stats-title")
            yield Static("", id="stats-distributions", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        """Read every statistic in a worker thread, then draw it."""
        app = self.trainer_app
        today = app.today()
        tz = app.settings.tz()
        offset = tz.utcoffset(app.clock().astimezone(tz))
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        with app.store.read() as r:
            overview = stats_store.overview(r.session, today, forecast=FORECAST_DAYS, weeks=WEEKS, weakest=10)
            spread = distributions(r.session, utc_offset_minutes=minutes)
        app.call_from_thread(self.show, overview)
        app.call_from_thread(self.query_one("#stats-distributions", Static).update, distribution_text(spread))

    def show(self, o: Overview) -> None:
        """Fill every part of the screen from one overview."""
        self.query_one("#stats-numbers", Static).update(numbers_text(o))
        self.query_one(Heatmap).show(o.heatmap)
        last30 = o.heatmap[-30:]
        self.query_one("#chart-reviews", Chart).bars(
            "每日复习（近30天）",
            [day_to_date(d.day).strftime("%m-%d") for d in last30],
            [d.count for d in last30],
            from_end=True,
        )
        weeks = o.retention_weekly
        self.query_one("#chart-retention", Chart).line(
            "每周保持率 %（3分及以上）",
            [day_to_date(w.week_start).strftime("%m-%d") for w in weeks],
            [100 * w.rate if w.rate is not None else None for w in weeks],  # a week without answers: a gap
            every=3,
            from_end=True,
        )
        self.query_one("#chart-forecast", Chart).bars(
            "未来30天到期", [day_to_date(d.day).strftime("%m-%d") for d in o.forecast], [d.count for d in o.forecast]
        )
        self.query_one("#stats-mastery", Static).update(mastery_text(o.topics))
        self.query_one("#stats-weakest", Static).update(weakest_text(o.weakest))
