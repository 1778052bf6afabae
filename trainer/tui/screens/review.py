"""The review screen: context, prompt with blanks, hints, typed answers, reveal, grade 0–5, undo, bury,
suspend. Every answer is committed (by StudySession) before the next card shows. No SQL here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from trainer.errors import TrainerError
from trainer.tui.cjk import Wrapped
from trainer.tui.format import GRADES, hint_line, hinted_prompt, max_hint
from trainer.tui.screens.base import TrainerScreen
from trainer.tui.screens.review_text import PRACTICE_TITLE, TYPED_KEYS, refusal
from trainer.tui.screens.review_timer import ReviewTimer
from trainer.tui.widgets.grade_bar import GradeBar, keys_after_reveal
from trainer.tui.widgets.key_bar import KeyBar
from trainer.tui.widgets.list_grades import ListGrades
from trainer.tui.widgets.title_bar import TitleBar
from trainer.tui.widgets.typed_answers import TypedAnswers

if TYPE_CHECKING:
    from collections.abc import Callable

    from trainer.services.study import StudySession

# The engine the first answer writes through is built in the background this long after the first
# card is painted (a learner reveals and grades it in more than a second).
WARM_AFTER_S = 0.3
MAX_ANSWER_MS = 300_000  # a card left open while the learner walked away counts as five minutes
# Actions that must not fire while the learner types into an input.
CARD_ACTIONS = {"reveal", "grade", "undo", "bury", "suspend", "edit", "info", "hint", "typed", "help", "point", "leave"}


@dataclass(slots=True)
class _Handled:
    seq: int
    outcome: str  # "answer", "reveal", "ignored"


class ReviewScreen(ReviewTimer, TrainerScreen):
    """Shows one card at a time from a StudySession."""

    # The key bar shows what fits 80 columns; `?` lists the rest. All priority: the app runs each key as it
    # comes, so keys typed ahead apply in order (an ordinary binding's key waited in the screen's queue and
    # Space typed after it ran first). Card keys are text in an input (check_action); not Ctrl+T/Z, Esc.
    BINDINGS = [
        Binding("space,enter", "reveal", "显示", id="reveal", priority=True, key_display="空格"),
        *(Binding(str(q), f"grade({q})", GRADES[q], show=False, id=f"grade-{q}", priority=True) for q in GRADES),
        Binding("up,shift+tab", "point(-1)", "上一点", show=False, id="point-up", priority=True),
        Binding("down,tab", "point(1)", "下一点", show=False, id="point-down", priority=True),
        Binding("h", "hint", "提示", id="hint", priority=True),
        Binding("ctrl+t", "toggle_typed", "输入", id="typed-ctrl", priority=True),
        Binding("t", "typed", "输入答案", show=False, id="typed", priority=True),
        Binding("ctrl+z", "undo_typing", "撤销", id="undo-ctrl", priority=True),
        Binding("u", "undo", "撤销", show=False, id="undo", priority=True),
        Binding("minus", "bury", "搁置", id="bury", priority=True),
        Binding("at", "suspend", "暂停", show=False, id="suspend", priority=True),
        Binding("e", "edit", "编辑", id="edit", priority=True),
        Binding("i", "info", "卡片信息", show=False, id="info", priority=True),
        Binding("question_mark", "help", "按键", id="help", priority=True),
        Binding("q", "leave", "返回", id="leave", priority=True),
        Binding("escape", "escape", "返回", show=False, id="leave-esc", priority=True),
        Binding("f2", "toggle_timer", "计时", show=False, id="timer", priority=True),
    ]

    def __init__(self, session: StudySession, *, typed: bool | None = None) -> None:
        """`typed` fixes the typed-answer mode; None follows each card's deck setting until `t` is pressed."""
        super().__init__()
        self.session = session
        if session.practice:  # nothing is recorded: said on the title line while it lasts
            self.sub_title = PRACTICE_TITLE
        self.revealed = self.told_front = False
        self.typed_mode = bool(typed)
        self.typed_choice = typed
        self.suggested: int | None = None
        self.hint_level = 0
        self.shown_at = 0.0
        self._handled = _Handled(-1, "")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="context", markup=False)
        with VerticalScroll(id="card"):
            yield Static("", id="prompt", markup=False)
            yield Static("", id="hint", markup=False)
            yield Static("", id="answer", markup=False)
        yield GradeBar(id="grade-bar")
        yield KeyBar(self.BINDINGS)

    @property
    def grade_bar(self) -> GradeBar:
        return self.query_one(GradeBar)

    @property
    def list_grades(self) -> ListGrades | None:
        found = self.query(ListGrades)
        return found.first() if found else None

    @property
    def typed_answers(self) -> TypedAnswers | None:
        found = self.query(TypedAnswers)
        return found.first() if found else None

    async def on_mount(self) -> None:
        self.start_timer()
        await self.show_card()
        self.trainer_app.warm_up_soon(WARM_AFTER_S)

    # -- keys -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Card keys do nothing while an input has focus, so typing never grades; ↑/↓/Tab move through a
        list's points only while they are being graded."""
        if action == "point" and self.list_grades is None:
            return False
        return not (action in CARD_ACTIONS and isinstance(self.focused, Input))

    def _accept(self, outcome: str) -> bool:
        """One press is one answer: drop a key that repeats the previous key (held down) too soon: the
        key event just before it was the same key, came less than the repeat guard earlier, and answered
        (or was itself dropped). A reveal followed by the same key still grades, as Space should."""
        app = self.trainer_app
        events = app.key_events
        if not events:
            return True
        cur = events[-1]
        if len(events) >= 2:
            prev = events[-2]
            if (
                prev.key == cur.key
                and self._handled.seq == prev.seq
                and self._handled.outcome in ("answer", "ignored")
                and cur.time - prev.time < app.repeat_guard
            ):
                self._handled = _Handled(cur.seq, "ignored")
                return False
        self._handled = _Handled(cur.seq, outcome)
        return True

    # -- showing --------------------------------------------------------------------------------

    async def show_card(self) -> None:
        """Show the current card's front, or the summary when the queue is empty."""
        current = self.session.current()
        self._tell_notices()
        if current is None:
            from trainer.tui.screens.summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(self.session.summary()))
            return
        self.revealed = self.told_front = False
        self.suggested = None
        self.hint_level = 0
        self.shown_at = self.trainer_app.monotonic()
        if self.typed_choice is None:
            self.typed_mode = self.trainer_app.settings.typed_for(current.deck)
        card = current.card
        self.query_one("#context", Static).update(Wrapped(f"{card.context(current.deck)}  ·  剩余 {self.session.left}"))
        self.query_one("#prompt", Static).update(Wrapped(card.prompt))
        hint = self.query_one("#hint", Static)
        hint.update("")
        hint.display = False
        answer = self.query_one("#answer", Static)
        answer.update("")
        answer.display = False
        if self.typed_answers is not None:
            await self.typed_answers.remove()
        if self.list_grades is not None:
            await self.list_grades.remove()
        self.grade_bar.show_front()
        self.query_one(KeyBar).relabel({})
        if self.typed_mode:
            await self._mount_inputs()
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)

    async def time_up(self) -> None:
        """The per-card time limit passed on the front: the answer is shown (typed inputs go, as with Esc)."""
        self.notify(f"时间到（{self.trainer_app.settings.time_limit} 秒）", severity="warning")
        if self.typed_answers is not None:
            self.set_focus(None)
            await self.typed_answers.remove()
        await self._reveal()

    def _tell_notices(self) -> None:
        for notice in self.session.notices:
            self.notify(notice, severity="warning", timeout=8)
        self.session.notices.clear()

    async def _mount_inputs(self) -> None:
        current = self.session.current()
        if current is None:
            return
        typed = TypedAnswers(current.card.answers, classes="typed")
        await self.query_one("#card", VerticalScroll).mount(typed, before=self.query_one("#answer"))
        typed.focus_first()
        self.grade_bar.show_front(TYPED_KEYS)

    async def _reveal(self, suggested: list[int] | None = None) -> None:
        current = self.session.current()
        if current is None:
            return
        self.revealed = True
        self.set_focus(None)
        if len(self.session.points()) == len(current.card.answers) > 1:  # a list: a grade per point
            heads = current.card.answers
            grades = ListGrades(heads, self.session.preview_point, self.session.preview_list, suggested)
            # Mounted before the next key is handled: a grade typed right after the reveal finds its rows.
            await self.query_one("#card", VerticalScroll).mount(grades, before=self.query_one("#answer"))
            self._show_point_keys()
            self.query_one(KeyBar).relabel(*keys_after_reveal(True, None))
            return
        answer = self.query_one("#answer", Static)
        answer.update(Wrapped(f"答案：\n{current.card.answer}"))
        answer.display = True
        intervals = {q: self.session.preview(q) for q in GRADES}
        self.grade_bar.show_grades(intervals, self.suggested)
        self.query_one(KeyBar).relabel(*keys_after_reveal(False, self.suggested))

    def _show_point_keys(self) -> None:
        """The grade keys of a list: what the list (整组) gets when the highlighted point is given each
        grade, the others as set (4 when unset), by the 整组 line's own `preview_list`; a point's own
        interval shows on its row once set."""
        grades = self.list_grades
        if grades is None:
            return
        i = grades.cursor
        final = grades.final()
        intervals = {q: self.session.preview_list([*final[:i], q, *final[i + 1 :]]) for q in GRADES}
        self.grade_bar.show_grades(intervals, grades.grades[i])

    # -- actions --------------------------------------------------------------------------------

    async def action_reveal(self) -> None:
        if not self.revealed:
            if self._accept("reveal"):
                await self._reveal()
            return
        if (grades := self.list_grades) is not None:
            if self._accept("answer"):
                await self._answer(grades.final())  # Space: 4 for every point not yet set
            return
        await self.action_grade(4 if self.suggested is None else self.suggested)

    def action_point(self, delta: int) -> None:
        if (grades := self.list_grades) is not None:
            grades.move(delta)
            self._show_point_keys()

    async def action_grade(self, quality: int) -> None:
        if (grades := self.list_grades) is not None:
            grades.set_grade(quality)  # a list: grades the highlighted point; Space/Enter answers
            self._show_point_keys()
            return
        if not self.revealed:
            # A grade key on the front does nothing: say once per card what comes first.
            if not self.told_front:
                self.told_front = True
                self.notify("先按空格显示答案，再按 0–5 评分")
            return
        if not self._accept("answer"):
            return
        await self._answer([quality])

    async def _answer(self, grades: list[int]) -> None:
        elapsed = int((self.trainer_app.monotonic() - self.shown_at) * 1000)
        try:
            self.session.answer_list(grades, duration_ms=min(max(elapsed, 0), MAX_ANSWER_MS))
        except TrainerError as exc:
            self.trainer_app.show_error(refusal(exc))
            return
        await self.show_card()

    def action_hint(self) -> None:
        current = self.session.current()
        if current is None or self.revealed:
            return
        self.hint_level = min(self.hint_level + 1, max_hint(current.card))
        self.query_one("#prompt", Static).update(Wrapped(hinted_prompt(current.card, self.hint_level)))
        if line := hint_line(current.card):  # the card's own cue too: its length, a list's 口诀, a learner's hint
            hint = self.query_one("#hint", Static)
            hint.update(Wrapped(line))
            hint.display = True

    async def action_typed(self) -> None:
        self.typed_mode = self.typed_choice = not self.typed_mode
        self.notify("输入答案模式：开" if self.typed_mode else "输入答案模式：关")
        if self.typed_mode and not self.revealed and self.typed_answers is None:
            await self._mount_inputs()
        elif not self.typed_mode and not self.revealed and self.typed_answers is not None:
            await self.typed_answers.remove()
            self.grade_bar.show_front()

    async def action_toggle_typed(self) -> None:
        """Ctrl+T: `t` that also works from inside an input."""
        await self.action_typed()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = self.typed_answers
        if typed is None or self.revealed:
            return
        event.stop()
        nxt = typed.next_after(event.input)
        if nxt is not None:
            nxt.focus()
            return
        from trainer.core.compare import combined_grade

        results = await typed.check()
        self.suggested = combined_grade([r.grade for r in results])
        await self._reveal([r.grade for r in results] if len(results) > 1 else None)

    async def action_undo(self) -> None:
        if self.session.undo():
            self.notify("已撤销")
            await self.show_card()
        else:
            self.notify("没有可以撤销的操作", severity="warning")

    async def action_undo_typing(self) -> None:
        """Ctrl+Z: undo, also from inside an input."""
        await self.action_undo()

    async def action_bury(self) -> None:
        await self._set_aside(self.session.bury, "已搁置到明天（Ctrl+Z 撤销）")

    async def action_suspend(self) -> None:
        await self._set_aside(self.session.suspend, "已暂停此卡（Ctrl+Z 撤销，浏览中可恢复）")

    async def _set_aside(self, act: Callable[[], None], done: str) -> None:
        if self.session.current() is None:
            return
        try:
            act()
        except TrainerError as exc:  # refused (a practice's bury): said in one line
            self.notify(str(exc), severity="warning")
            return
        self.notify(done)
        await self.show_card()

    def action_edit(self) -> None:
        from trainer.tui.screens.edit import EditScreen

        current = self.session.current()
        if current is None:
            return

        async def saved(changes: list[tuple[str, str, str]] | None) -> None:
            if not changes:
                return
            try:
                saved = self.session.edit(changes)
            except TrainerError as exc:
                self.trainer_app.show_error(str(exc))
                return
            self.notify(saved.message, timeout=8)
            was_revealed = self.revealed
            await self.show_card()
            after = self.session.current()
            if was_revealed and after is not None and after.card_id == current.card_id:
                await self._reveal()

        self.app.push_screen(EditScreen(self.trainer_app.store, current.card_id, current.card.point_ids), saved)

    def action_info(self) -> None:
        from trainer.tui.screens.card_info import CardInfoScreen

        current = self.session.current()
        if current is not None:
            self.app.push_screen(CardInfoScreen(self.trainer_app.store, current.card_id))

    def action_help(self) -> None:
        from trainer.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_escape(self) -> None:
        if isinstance(self.focused, Input):
            # Escape in an input: no typing this time; the empty inputs go and the answer is shown, as
            # the key bar says.
            self.set_focus(None)
            if self.typed_answers is not None:
                await self.typed_answers.remove()
            await self._reveal()
            return
        await self.action_leave()

    async def action_leave(self) -> None:
        from trainer.tui.screens.summary import SummaryScreen

        if self.session.done:
            self.app.switch_screen(SummaryScreen(self.session.summary()))
        else:
            self.app.pop_screen()
