"""The custom study dialog: review ahead, the highlighted deck or topic, or the weakest points; outside
the daily limits; a practice (no schedule changed) unless the learner ticks rescheduling."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioSet, Static

from trainer.core.safetext import clean_text
from trainer.services.custom_study import AHEAD_DAYS, WEAKEST, Choice, CustomPlan
from trainer.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton


class ChoiceSet(RadioSet):
    """The radio list of what to study: space chooses the highlighted choice, Enter starts it."""

    BINDINGS = [Binding("enter", "start", "开始", show=False)]

    class Start(Message):
        """Enter on the list: start the study with the highlighted choice."""

        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def action_start(self) -> None:
        self.action_toggle_button()  # the highlighted choice shows as chosen, as space would
        highlighted = self.children[self._selected] if self._selected is not None else self.pressed_button
        self.post_message(self.Start(highlighted.id or "" if highlighted is not None else ""))


class CustomStudyScreen(ModalScreen[CustomPlan | None]):
    """Pick what to study; Enter on 开始, on the list of choices or in the days box starts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, deck_id: int | None, deck: str, topic: str = "") -> None:
        super().__init__()
        self.deck_id, self.deck, self.topic = deck_id, deck, topic

    def compose(self) -> ComposeResult:
        where = f"{self.deck} › {self.topic}" if self.topic else self.deck
        with Vertical(classes="dialog", id="custom-box"):
            yield Static("自定义学习（不受每日上限）", classes="dialog-title")
            with ChoiceSet(id="custom-choice"):
                yield MarkedRadioButton("提前复习：今后几天到期的卡片", value=True, id="choice-ahead")
                # Deck text is data, not markup: a name like `申论[/]` must show as written.
                label = Content(clean_text(f"当前{'主题' if self.topic else '卡组'}的全部卡片：{where}"))
                yield MarkedRadioButton(label, id="choice-topic")
                yield MarkedRadioButton(f"最薄弱的 {WEAKEST} 个要点", id="choice-weakest")
            with Horizontal(id="custom-days-row"):
                yield Static("提前几天：", classes="custom-label")
                yield Input(str(AHEAD_DAYS), id="custom-days", type="integer", max_length=3)
            yield MarkedCheckbox("按回答安排日程（不勾：练习，不记录，日程不变）", id="custom-reschedule")
            with Horizontal(id="custom-buttons"):
                yield Button("开始", id="custom-start", variant="primary")
                yield Button("取消", id="custom-cancel")

    def plan(self, choice_id: str | None = None) -> CustomPlan:
        """The plan as the dialog stands (with the choice `choice_id` when given)."""
        if choice_id is None:
            pressed = self.query_one(RadioSet).pressed_button
            choice_id = (pressed.id or "") if pressed is not None else ""
        choice = {"choice-topic": Choice.TOPIC, "choice-weakest": Choice.WEAKEST}.get(choice_id, Choice.AHEAD)
        days_text = self.query_one("#custom-days", Input).value.strip()
        days = max(1, min(int(days_text), 365)) if days_text.isdigit() else AHEAD_DAYS
        return CustomPlan(
            choice=choice,
            deck_id=self.deck_id if choice is Choice.TOPIC else None,
            topic=self.topic if choice is Choice.TOPIC else "",
            days=days,
            reschedule=self.query_one(Checkbox).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.plan() if event.button.id == "custom-start" else None)

    def on_choice_set_start(self, event: ChoiceSet.Start) -> None:
        event.stop()
        self.dismiss(self.plan(event.choice_id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self.plan())

    def action_cancel(self) -> None:
        self.dismiss(None)
