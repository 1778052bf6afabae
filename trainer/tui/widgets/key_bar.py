"""The line of keys at the bottom of the home and review screens: Textual's Footer look, one widget.

Footer mounts a widget per key and recomposes whenever focus or bindings change, which cost ~100 ms
of every cold start (CSS applied to each key, twice); this renders the screen's shown bindings once.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Static


class KeyBar(Static):
    """`⏎ 复习  a 全部 …  ^p 命令` from the bindings given (those with `show`), keys in the footer's key colour."""

    def __init__(
        self, bindings: Iterable[Binding | tuple[str, str] | tuple[str, str, str]], *, id: str | None = None
    ) -> None:
        super().__init__("", id=id, classes="key-bar")
        self._shown = [b for b in bindings if isinstance(b, Binding) and b.show]

    def on_mount(self) -> None:
        parts = []
        for b in self._shown:
            first = Binding(b.key.split(",")[0].strip(), b.action, b.description, key_display=b.key_display)
            parts.append(
                f"[b $footer-key-foreground]{escape(self.app.get_key_display(first))}[/] {escape(b.description)}"
            )
        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette")
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(f"▏[b $footer-key-foreground]{escape(self.app.get_key_display(palette))}[/] 命令")
        self.update("  ".join(parts))
