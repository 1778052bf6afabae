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
    """`⏎ 复习  a 全部 …  ^p 命令` from the bindings given (those with `show`), keys in the footer's key colour.

    `relabel` changes what the bar says a key does (or hides it) as the screen's state changes: Space
    reveals on a card's front and grades after the reveal.
    """

    def __init__(
        self, bindings: Iterable[Binding | tuple[str, str] | tuple[str, str, str]], *, id: str | None = None
    ) -> None:
        super().__init__("", id=id, classes="key-bar")
        self._shown = [b for b in bindings if isinstance(b, Binding) and b.show]
        self._labels: dict[str, str | None] = {}
        self._extra: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        self._paint()

    def relabel(self, labels: dict[str, str | None], extra: Iterable[tuple[str, str]] = ()) -> None:
        """Say `labels[id]` for the binding of that id (None hides it; ids not named go back to their
        own description); `extra` (key shown, what it does) pairs follow the first key."""
        if (dict(labels), list(extra)) == (self._labels, self._extra):
            return
        self._labels = dict(labels)
        self._extra = list(extra)
        if self.is_mounted:
            self._paint()

    def text(self) -> str:
        """The bar as plain text (what a learner reads)."""
        return "  ".join(f"{key} {what}" for key, what in self._parts())

    def _parts(self) -> list[tuple[str, str]]:
        parts: list[tuple[str, str]] = []
        for i, b in enumerate(self._shown):
            what = self._labels.get(b.id, b.description) if b.id else b.description
            if what is not None:
                first = Binding(b.key.split(",")[0].strip(), b.action, what, key_display=b.key_display)
                parts.append((self.app.get_key_display(first), what))
            if i == 0:
                parts += self._extra
        return parts

    def _paint(self) -> None:
        parts = [f"[b $footer-key-foreground]{escape(key)}[/] {escape(what)}" for key, what in self._parts()]
        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette")
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(f"▏[b $footer-key-foreground]{escape(self.app.get_key_display(palette))}[/] 命令")
        self.update("  ".join(parts))
