"""Adding a point to a section in the app: its head and body; the caller saves it (like an edit)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea


class AddPointScreen(ModalScreen[tuple[str, str] | None]):
    """Head and body of a new point of `topic › heading`; Ctrl+S saves, Esc cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "保存", priority=True), Binding("escape", "cancel", "取消")]

    def __init__(self, topic: str, heading: str) -> None:
        super().__init__()
        self.where = f"{topic} › {heading}"

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box", classes="dialog"):
            yield Static("添加要点（Ctrl+S 保存，Esc 取消）", classes="dialog-title")
            yield Static(self.where, markup=False)
            yield Label("要点")
            yield Input(id="add-head")
            yield Label("说明")
            yield TextArea(id="add-body", classes="edit-body", soft_wrap=True)
            with Horizontal(id="edit-buttons"):
                yield Button("保存", id="add-save", variant="primary")
                yield Button("取消", id="add-cancel")

    def on_mount(self) -> None:
        self.query_one("#add-head", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#add-body", TextArea).focus()

    def action_save(self) -> None:
        head = self.query_one("#add-head", Input).value.strip()
        if not head:
            self.notify("要点不能为空", severity="error")
            self.query_one("#add-head", Input).focus()
            return
        self.dismiss((head, self.query_one("#add-body", TextArea).text.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
