"""A modal that shows one expected failure and waits for the learner to dismiss it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ErrorScreen(ModalScreen[None]):
    """Shows an error message; Enter or Escape closes it."""

    BINDINGS = [Binding("escape,enter", "dismiss_error", "关闭")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static("出错了", id="error-title")
            yield Static(self.message, id="error-message", markup=False)
            yield Button("确定", id="error-ok", variant="error")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_dismiss_error(self) -> None:
        self.dismiss(None)
