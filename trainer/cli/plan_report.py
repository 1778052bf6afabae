"""`trainer plan`: the 备考计划 as text or JSON; reads the plan from services, prints, no logic."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from trainer.core.safetext import clean_text
from trainer.sched.days import study_day
from trainer.services.config import load_settings
from trainer.services.database import open_default

if TYPE_CHECKING:
    import argparse

    from trainer.services.exam_plan import ExamPlan

GROUPS_SHOWN = 12


def safe(text: str) -> str:
    """Deck text on one line with escape sequences and control characters taken out, for the terminal."""
    return " ".join(clean_text(text).split("\n")).replace("\t", " ")


def render(plan: ExamPlan) -> str:
    """The plan as plain lines for the terminal (deck text passes through `safe`)."""
    budget = "未设定" if plan.minutes_budget is None else f"{plan.minutes_budget} 分钟"
    lines = [
        f"考试日期 {plan.exam_date}，还有 {plan.days_left} 天",
        f"要点 {plan.points} 个：已学 {plan.seen}，未学 {plan.unseen}",
        f"预计考试当天：平均记忆 {plan.mean:.0%}，低于 95% 的要点 {plan.below} 个",
        f"每天需要约 {plan.minutes_needed} 分钟；每天时间 {budget}",
    ]
    if plan.minutes_by_day:
        peak = max(plan.minutes_by_day)
        lines.append(f"计划每天 {sum(plan.minutes_by_day) / len(plan.minutes_by_day):.0f} 分钟，最多 {peak:.0f} 分钟")
    if plan.advice:
        lines += ["", plan.advice]
    for title, groups in (("按主题", plan.topics), ("按清单", plan.lists)):
        lines += ["", title]
        for g in groups[:GROUPS_SHOWN]:
            lines.append(f"  {safe(g.name) or '（未命名）'}  {g.points} 个要点  平均 {g.mean:.0%}  低于 95%：{g.below}")
        if len(groups) > GROUPS_SHOWN:
            lines.append(f"  …… 另有 {len(groups) - GROUPS_SHOWN} 个")
    return "\n".join(lines)


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the exam plan (备考计划)."""
    from trainer.services.exam_plan import exam_plan

    settings = load_settings()
    today = study_day(datetime.now(UTC), settings.tz(), settings.day_start_hour)
    store = open_default()
    try:
        with store.read() as r:
            plan = exam_plan(r.run, settings, today)
    finally:
        store.close()
    if args.json:
        import json  # not at the top: this module is on the start-up path, which needs no json

        print(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
        return 0
    sys.stdout.write(render(plan) + "\n")
    return 0
