"""Small modal dialogs: a text prompt, a cursor-position prompt (where to split a text) and a choice
among a few options (a confirmation is a choice of two). Each dismisses with its answer or None."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

# The outline screen's stylesheet (`.prompt-screen`, `#choice-list`), loaded with the first dialog shown, not at start-up.
DIALOG_CSS = "../outline.tcss"


class TextPrompt(ModalScreen[str | None]):
    """One line of text: Enter gives it, Esc cancels."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, value: str = "", *, hint: str = "回车确定，Esc 取消") -> None:
        super().__init__(classes="prompt-screen")
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(self.value, id="prompt-input", select_on_focus=False)
            yield Static(Text(self.hint), classes="prompt-hint")

    @property
    def input(self) -> Input:
        return self.query_one("#prompt-input", Input)

    def on_mount(self) -> None:
        self.input.focus()
        self.input.cursor_position = len(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.answer())

    def answer(self) -> str | None:
        return self.input.value

    def action_cancel(self) -> None:
        self.dismiss(None)


class CursorPrompt(ModalScreen[int | None]):
    """A text to put the cursor in: Enter gives the cursor's offset (the text is not changed)."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, value: str, *, at: int = 0) -> None:
        super().__init__(classes="prompt-screen")
        self.title_text, self.value, self.at = title, value, at

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(self.value, id="prompt-input", select_on_focus=False)
            yield Static("←/→ 移动光标到下一点开始处，回车拆分，Esc 取消", classes="prompt-hint")

    def on_mount(self) -> None:
        field = self.query_one("#prompt-input", Input)
        field.focus()
        field.cursor_position = self.at

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.value:  # the text is only to point into
            event.input.value = self.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.input.cursor_position)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """A few options: Enter (or an option's key) gives its id, Esc cancels."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, options: list[tuple[str, str]], *, keys: dict[str, str] | None = None) -> None:
        """`options`: (id, label) pairs; `keys`: a key that picks an option at once -> its id."""
        super().__init__(classes="prompt-screen")
        self.title_text, self.options, self.keys = title, options, keys or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(*(Option(Text(label), id=oid) for oid, label in self.options), id="choice-list")

    def on_mount(self) -> None:
        self.query_one("#choice-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        if event.key in self.keys:
            event.stop()
            self.dismiss(self.keys[event.key])

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, yes: str, no: str = "取消") -> ChoiceScreen:
    """A yes/no question: gives "yes", else "no" or None (Esc); `y` and `n` answer at once."""
    return ChoiceScreen(title, [("yes", f"y  {yes}"), ("no", f"n  {no}")], keys={"y": "yes", "n": "no"})
