"""Text for the screens: interval labels, hinted blanks, diff markup, countdowns; pure, no widgets."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.markup import escape

from trainer.core.cards import Card, CardKind
from trainer.core.cloze import BLANK_CLOSE, BLANK_FILL, BLANK_OPEN, blank

if TYPE_CHECKING:
    from trainer.core.compare import Comparison

GRADES = {0: "完全忘记", 1: "错误", 2: "困难", 3: "勉强", 4: "正确", 5: "完美"}
SHORT_GRADES = {0: "完全忘记", 1: "错误", 2: "困难", 3: "勉强", 4: "良好", 5: "完美"}


def interval_label(days: int) -> str:
    """A short interval like Anki's buttons: 今天 (back later this session), 1天, 25天, 3.2月, 1.5年."""
    if days <= 0:
        return "今天"
    if days < 30:
        return f"{days}天"
    if days < 365:
        return f"{days / 30:.1f}月"
    return f"{days / 365:.1f}年"


def due_label(due_day: int, *, never: bool, fmt: str = "%Y-%m-%d") -> str:
    """A card's due date, or — for a card with no due day (new, or never graded: a buried new card has day 0)."""
    if never or due_day < 1:
        return "—"
    return date.fromordinal(due_day).strftime(fmt)


def hinted_blank(answer: str, shown: int) -> str:
    """A blank with the first `shown` characters of the answer filled in: ［人才　　　］."""
    shown = max(0, min(shown, len(answer)))
    width = max(len(answer), 2)
    return f"{BLANK_OPEN}{answer[:shown]}{BLANK_FILL * (width - shown)}{BLANK_CLOSE}"


def _gap(card: Card, answer: str) -> str:
    """The blank the card's prompt shows for `answer`: a manual cloze's shows the learner's hint."""
    return blank(answer, card.hint) if card.kind is CardKind.CLOZE else blank(answer)


def hinted_prompt(card: Card, level: int) -> str:
    """The card's prompt with each blank showing `level` characters of its answer (level 0: unchanged)."""
    if level <= 0:
        return card.prompt
    text = card.prompt
    if len(set(card.answers)) == 1:  # one answer, maybe blanked in several places: hint them all
        answer = card.answers[0]
        return text.replace(_gap(card, answer), hinted_blank(answer, level))
    out = []
    for answer in card.answers:
        gap = _gap(card, answer)
        at = text.find(gap)
        if at < 0:
            continue
        out.append(text[:at] + hinted_blank(answer, level))
        text = text[at + len(gap) :]
    return "".join(out) + text


def hint_line(card: Card) -> str:
    """The line `h` shows under the prompt: the card's own hint (see `Card.hint`), '' when it has none."""
    if not card.hint:
        return ""
    if card.kind is CardKind.LIST:
        return f"提示：口诀 {card.hint}（每点的首字），共{len(card.answers)}点"
    return f"提示：{card.hint}"


def max_hint(card: Card) -> int:
    """The hint level at which every blank is filled."""
    return max((len(a) for a in card.answers), default=0)


def diff_markup(result: Comparison) -> str:
    """Content markup of a comparison: right characters green, wrong ones struck red, missing ones yellow."""
    from trainer.core.compare import Mark

    styles = {
        Mark.SAME: "$text-success",
        Mark.EXTRA: "$text-error strike",
        Mark.MISSING: "$text-warning underline",
    }
    return "".join(f"[{styles[s.mark]}]{escape(s.text)}[/]" for s in result.diff) or "[$text-muted]（未作答）[/]"


def countdown(today: date, exam: date | None) -> str:
    """The exam countdown for the home screen ('' without an exam date)."""
    if exam is None:
        return ""
    days = (exam - today).days
    if days > 0:
        return f"距考试 {days} 天"
    if days == 0:
        return "今天考试，加油！"
    return f"考试已过 {-days} 天"


def to_study(due: int, new: int, learning: int) -> str:
    """Home's count of today's cards, named as its table's columns name them: 待复习 is the sum of the
    到期, 新卡 and 学习中 columns, so a new learner's 0 到期 beside 81 待复习 says where the 81 are."""
    return f"待复习 {due + new + learning} 张（到期 {due}，新卡 {new}，学习中 {learning}）"


def paused_new(pace: int) -> str:
    """Home's line when new cards are set to 0 with an exam ahead: the pause is kept, and this says what
    the exam plan would want instead ('' when it wants nothing)."""
    if pace <= 0:
        return ""
    return f"新卡已设为每天 0 张：考试计划要每天 {pace} 个新要点，才能在考前三周学完"


def seconds_label(seconds: float) -> str:
    """A duration as 分/秒."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} 分 {secs} 秒" if minutes else f"{secs} 秒"


def exam_date(settings: object) -> date | None:
    """The exam date from the settings, if this build's settings have one (a date or an ISO string)."""
    value = getattr(settings, "exam_date", None)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
