"""新建卡组: choose a document (a path with completion of folders and .txt/.md/.html files) or paste its
text; dismisses with the built draft for the outline screen. Bad input is said here; nothing is written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static, TextArea

from trainer.errors import TrainerError
from trainer.services.outline_draft import DOCUMENT_SUFFIXES, Draft, open_document, open_pasted
from trainer.services.zh_messages import in_chinese
from trainer.store.sqlrun import deck_names

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


class PathSuggester(Suggester):
    """Completes the last part of a path: a folder (with a trailing /) or a document file."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """The first folder or .txt/.md/.html file (by name) whose name starts with what is typed after the
    last /, as the whole completed value; None when there is none."""
    if not value:
        return None
    expanded = os.path.expanduser(value)
    folder, _, start = expanded.rpartition(os.sep)
    where = Path(folder or ".") if folder or not expanded.startswith(os.sep) else Path(os.sep)
    try:
        names = sorted(os.scandir(where), key=lambda e: e.name)
    except OSError:
        return None
    for entry in names:
        if not entry.name.startswith(start) or entry.name == start or entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir or entry.name.lower().endswith(DOCUMENT_SUFFIXES):
            return value + entry.name[len(start) :] + (os.sep if is_dir else "")
    return None


class NewDeckScreen(ModalScreen[Draft | None]):
    """A path input and a paste area; Enter in the path opens the file. Ctrl+O opens the pasted text, or
    (the box empty) takes the cursor to the box. A message said here goes when either field is changed."""

    CSS_PATH = "../outline.tcss"  # its rules are the outline screen's, loaded when first shown
    BINDINGS = [
        Binding("escape", "cancel", "取消"),
        Binding("ctrl+o", "paste_or_open", "用粘贴的文本", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="new-deck-box", classes="dialog"):
            yield Static("新建卡组：选一个文档，或粘贴文本", classes="dialog-title")
            yield Static("文档路径（.txt .md .html；→ 接受补全，回车打开）")
            yield Input(placeholder="~/文档/范文.txt", id="new-deck-path", suggester=PathSuggester())
            yield Static("或粘贴文本（Tab 或 Ctrl+O 到下面的框，粘贴后按 Ctrl+O 生成大纲）")
            yield TextArea(id="new-deck-paste", soft_wrap=True)
            yield Static("", id="new-deck-error")
            with Horizontal(id="new-deck-buttons"):
                yield Button("打开文件", id="new-deck-open-file", variant="primary")
                yield Button("用粘贴的文本", id="new-deck-open-paste")
                yield Button("取消", id="new-deck-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-deck-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_file()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        match event.button.id:
            case "new-deck-open-file":
                self.action_open_file()
            case "new-deck-open-paste":
                self.action_open_pasted()
            case _:
                self.action_cancel()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._error("")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._error("")

    def _error(self, message: str) -> None:
        self.query_one("#new-deck-error", Static).update(Text(message))

    def action_open_file(self) -> None:
        value = self.query_one("#new-deck-path", Input).value.strip()
        if not value:
            self._error("先输入文档的路径")
            return
        self._open(lambda: open_document(Path(value)))

    def action_paste_or_open(self) -> None:
        """Ctrl+O: build from the pasted text; with the box empty, go to it and say what to do there."""
        box = self.query_one("#new-deck-paste", TextArea)
        if box.text.strip():
            self.action_open_pasted()
            return
        box.focus()
        self._error("在这个框里粘贴文本，再按 Ctrl+O 生成大纲")

    def action_open_pasted(self) -> None:
        text = self.query_one("#new-deck-paste", TextArea).text
        if not text.strip():
            self._error("粘贴框是空的")
            return
        app = cast("TrainerApp", self.app)
        with app.store.read() as r:
            taken = set(deck_names(r.run).values())
        self._open(lambda: open_pasted(text, taken=taken))

    def _open(self, read: Callable[[], Draft]) -> None:
        try:
            draft = read()
        except TrainerError as exc:
            self._error(in_chinese(exc))
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
