"""Textual's own words in Chinese: the command palette's entries and prompts, the Ctrl+C hint, keys named
as `Ctrl+T`; no screens."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

KEY_NAMES = {"esc": "Esc", "delete": "Delete", "tab": "Tab"}  # Textual's names, as the help writes them


class LocalizedApp(App[None]):
    """An App whose built-in commands and messages speak Chinese (Textual's are English)."""

    # Given here, Textual adds no English "palette" binding of its own (the footer shows this one).
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True, tooltip="打开命令面板", id="palette")
    ]

    def get_key_display(self, binding: Binding) -> str:
        """A key as the help (`?`), the messages and the README name it: `Ctrl+T` and `Esc`, not Textual's
        `^t` and `esc`."""
        shown = super().get_key_display(binding)
        if binding.key_display:
            return shown
        if shown.startswith("^") and len(shown) > 1:
            return f"Ctrl+{shown[1:].upper() if len(shown) == 2 else shown[1:]}"
        return KEY_NAMES.get(shown, shown)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's built-in palette entries that trainer keeps, in Chinese: change theme, quit."""
        yield SystemCommand("主题", "更换配色主题", self.action_change_theme)
        yield SystemCommand("退出", "退出 trainer（每个回答都已保存）", self.action_quit)

    def action_command_palette(self) -> None:
        """The command palette, with a Chinese prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder="搜索命令…"))

    def search_themes(self) -> None:
        """The theme list, with a Chinese prompt."""
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="搜索主题…"))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in an input): say in Chinese how to quit."""
        self.notify("按 Ctrl+Q 退出（q 或 Esc 返回上一屏）", title="要退出吗？")
