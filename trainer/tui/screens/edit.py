"""The point editor: change heads and bodies of a card's points in place; the caller saves them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from trainer.store import card_ops
from trainer.store.handle import Store

Changes = list[tuple[str, str, str]]


class EditScreen(ModalScreen[Changes | None]):
    """One head input and one body area per point; Ctrl+S saves, Escape cancels.

    Dismisses with the (point id, head, body) of every point that changed, or None when cancelled.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("escape", "cancel", "取消"),
    ]

    def __init__(self, store: Store, card_id: int, point_ids: tuple[str, ...]) -> None:
        super().__init__()
        with store.read() as r:
            self.points = card_ops.point_texts(r.session, card_id, point_ids)

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box", classes="dialog"):
            yield Static("编辑要点（Ctrl+S 保存，Esc 取消；复习记录保留）", classes="dialog-title")
            with VerticalScroll(id="edit-fields"):
                for i, p in enumerate(self.points):
                    yield Label(f"第{i + 1}点 要点" if len(self.points) > 1 else "要点")
                    yield Input(p.head, id=f"head-{i}", classes="edit-head")
                    yield Label("说明")
                    yield TextArea(p.body, id=f"body-{i}", classes="edit-body", soft_wrap=True)
            with Horizontal(id="edit-buttons"):
                yield Button("保存", id="edit-save", variant="primary")
                yield Button("取消", id="edit-cancel")

    def on_mount(self) -> None:
        self.query_one("#head-0", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "edit-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        changes: Changes = []
        for i, p in enumerate(self.points):
            head = self.query_one(f"#head-{i}", Input).value.strip()
            body = self.query_one(f"#body-{i}", TextArea).text.strip()
            if not head:
                self.notify("要点不能为空", severity="error")
                self.query_one(f"#head-{i}", Input).focus()
                return
            if (head, body) != (p.head, p.body):
                changes.append((p.point_id, head, body))
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
