"""The 备考计划 screen: days left, points seen and unseen, the projected exam-day recall per topic and per
list, the minutes the plan takes beside the budget, and what would fix a budget too small; `k` starts
考前速记. Shows `trainer.services.exam_plan`'s plan (read in a worker, one read transaction); no logic here."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import partial

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from trainer.core.safetext import clean_text
from trainer.errors import ConfigError
from trainer.sched.days import day_to_date
from trainer.services.config import KEYS, read_config, set_value, settings_from
from trainer.services.config_checks import not_past
from trainer.services.exam_plan import FLOOR, ExamPlan, Group, exam_plan
from trainer.services.zh_messages import in_chinese
from trainer.tui.cjk import PackedLines
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.dialogs import TextPrompt
from trainer.tui.widgets.minutes_chart import minutes_chart
from trainer.tui.widgets.title_bar import TitleBar

GROUPS_SHOWN = 30
# A line each, so a command is never broken across two lines at 80 columns.
NO_DATE = (
    "还没有设定考试日期：按 d 设定（每天的时间：按 m）。\n"
    "命令行也可以：trainer config set exam-date 2027-03-28\n"
    "              trainer config set minutes-per-day 30"
)
# The settings this screen sets, as `trainer config set` names them: the prompt and the Settings field.
SETTABLE = {
    "exam-date": ("考试日期（YYYY-MM-DD；留空则取消）", "exam_date"),
    "minutes-per-day": ("每天学习的分钟数（留空则不限）", "minutes_per_day"),
}
# What the prompt says, under the value typed, when it cannot be read (the prompt stays open).
UNREADABLE = {
    "exam-date": "看不懂这个日期，请写成 2027-03-28（或 2027/3/28、2027年3月28日）",
    "minutes-per-day": "请写 1 到 1440 的整数（留空则不限）",
}
_MINUTES = re.compile(r"(\d+)\s*(?:分钟|分|min)?")
# Words a learner may type for "no value" (as leaving the prompt empty): the setting is cleared.
CLEAR_WORDS = frozenset({"不限", "取消", "未设定", "未设置", "无"})


def as_typed(key: str, text: str) -> str:
    """What a learner types as `trainer config set` reads it: full-width digits folded, 30分钟 as 30 (the
    config reads a date as a learner writes it itself: 2027/3/1, 2027年3月1日), 不限 or 取消 as empty (cleared);
    anything else as it is."""
    text = unicodedata.normalize("NFKC", text).strip()
    if text in CLEAR_WORDS:
        return ""
    if key == "minutes-per-day" and (m := _MINUTES.fullmatch(text)):
        return m[1]
    return text


def summary_text(plan: ExamPlan) -> PackedLines:
    """The plan's headline figures, a line each, broken between their phrases when narrow (never a
    number from its label); plain text, never markup."""
    budget = "未设定" if plan.minutes_budget is None else f"{plan.minutes_budget} 分钟"
    when = f"还有 {plan.days_left} 天" if plan.days_left else "今天考试"
    return PackedLines(
        [
            [f"考试日期 {plan.exam_date}，{when}", f"要点 {plan.points} 个：已学 {plan.seen}，未学 {plan.unseen}"],
            [f"预计考试当天：平均记忆 {plan.mean:.0%}，低于 {FLOOR:.0%} 的要点 {plan.below} 个"],
            [f"每天需要约 {plan.minutes_needed} 分钟", f"每天时间 {budget}"],
        ]
    )


def groups_table(title: str, groups: list[Group], limit: int = GROUPS_SHOWN) -> Table:
    """Topics or lists, weakest first: name (deck text, shown as written), points, mean, points below 0.95."""
    table = Table(title=title, title_justify="left", box=None, expand=True, padding=(0, 1), show_edge=False)
    table.add_column(Text("名称"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(Text("要点"), justify="right", width=4)
    table.add_column(Text("平均"), justify="right", width=5)
    table.add_column(Text(f"低于{FLOOR:.0%}"), justify="right", width=8)
    for g in groups[:limit]:
        name = clean_text(g.name).replace("\n", " ") or "（未命名）"
        style = "red" if g.below else ""
        table.add_row(Text(name), Text(str(g.points)), Text(f"{g.mean:.0%}"), Text(str(g.below), style=style))
    if len(groups) > limit:
        table.add_row(Text(f"…… 另有 {len(groups) - limit} 个"), Text(""), Text(""), Text(""))
    return table


class ExamPlanScreen(TrainerScreen):
    """The plan to the exam day on one scrolling page; `k` 考前速记, Escape or q goes back."""

    TITLE = "备考计划"
    BINDINGS = [
        Binding("k", "cram", "考前速记", id="plan-cram"),
        Binding("d", "set('exam-date')", "考试日期", id="plan-date"),
        Binding("m", "set('minutes-per-day')", "每天分钟", id="plan-minutes"),
        Binding("escape,q", "app.pop_screen", "返回", id="plan-back"),
    ]

    plan: ExamPlan | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="plan"):
            yield Static("正在计算备考计划……", id="plan-summary")
            yield Static("", id="plan-advice")
            yield Static("", id="plan-chart")
            yield Static("", id="plan-topics")
            yield Static("", id="plan-lists")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="plan")
    def load(self) -> None:
        """Project the plan in a worker thread (a pass over every point), then show it."""
        app = self.trainer_app
        today = app.today()
        try:
            with app.store.read() as r:
                plan: ExamPlan | str = exam_plan(r.run, app.settings, today)
        except ConfigError as exc:
            plan = NO_DATE if app.settings.exam_date is None else in_chinese(exc)
        app.call_from_thread(self.show, plan, day_to_date(today))

    def show(self, plan: ExamPlan | str, today: date) -> None:
        """Fill the screen from the plan, or say why there is none."""
        summary = self.query_one("#plan-summary", Static)
        if isinstance(plan, str):
            self.plan = None  # the exam date was cleared: the last plan's figures go with it
            summary.update(Text(plan))
            for part in ("#plan-advice", "#plan-chart", "#plan-topics", "#plan-lists"):
                self.query_one(part, Static).update("")
            return
        self.plan = plan
        summary.update(summary_text(plan))
        advice = self.query_one("#plan-advice", Static)
        advice.update(Text(clean_text(plan.advice), style="bold") if plan.advice else Text(""))
        advice.display = bool(plan.advice)
        width = max(40, self.size.width - 4)
        self.query_one("#plan-chart", Static).update(
            minutes_chart(plan.minutes_by_day, plan.minutes_budget, today, width=width)
        )
        self.query_one("#plan-topics", Static).update(groups_table("按主题", plan.topics))
        self.query_one("#plan-lists", Static).update(groups_table("按清单", plan.lists))

    def action_cram(self) -> None:
        """考前速记: one pass over the weakest points' lists."""
        self.trainer_app.action_cram()

    def action_set(self, key: str) -> None:
        """Ask for the exam date or the daily minutes; stored in config.yaml as `trainer config set` does."""
        prompt, field = SETTABLE[key]
        current = getattr(self.trainer_app.settings, field)
        value = "" if current is None else str(current)
        self.app.push_screen(TextPrompt(prompt, value), partial(self._store, key))

    def _store(self, key: str, value: str | None) -> None:
        if value is None:
            return
        field = SETTABLE[key][1]
        app = self.trainer_app
        text = as_typed(key, value) or "none"
        today = day_to_date(app.today())
        try:
            parsed = KEYS[key][0](text)
        except ValueError:
            self._ask_again(key, value, UNREADABLE[key])
            return
        try:
            if key == "exam-date":
                not_past(parsed, today)  # only when set here: a passed exam in the file still opens the app
        except ValueError as exc:
            self._ask_again(key, value, in_chinese(str(exc)))
            return
        try:
            set_value(key, text, today=today)
            stored = getattr(settings_from(read_config()), field)
        except ConfigError as exc:  # the config file cannot be read or written
            self.notify(clean_text(in_chinese(exc)), severity="error", markup=False)
            return
        app.settings = replace(app.settings, **{field: stored})
        self.query_one("#plan-summary", Static).update("正在计算备考计划……")
        self.load()

    def _ask_again(self, key: str, value: str, why: str) -> None:
        """Ask again with what was typed and why it was refused, as the learner would fix it."""
        hint = f"{why}\n回车确定，Esc 取消"
        self.app.push_screen(TextPrompt(SETTABLE[key][0], value, hint=hint), partial(self._store, key))
