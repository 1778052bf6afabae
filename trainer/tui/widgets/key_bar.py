"""The line of keys at the bottom of the home and review screens: Textual's Footer look, one widget.

Footer mounts a widget per key and recomposes whenever focus or bindings change, which cost ~100 ms
of every cold start (CSS applied to each key, twice); this renders the screen's shown bindings once.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Static

SEP = "  "
PALETTE_MARK = "▏"


def fit_parts(parts: list[tuple[str, str]], kept: set[int], width: int, palette: str = "") -> tuple[list[int], bool]:
    """Which parts (by index) a bar of `width` cells shows, and whether the palette's part (`palette`,
    shown last) fits: the palette goes first, then the parts not `kept`, from the right end. The kept
    parts (the first key, the key list and the way out) always stay, even when they alone overflow."""
    shown = list(range(len(parts)))

    def cells(with_palette: bool) -> int:
        texts = [f"{parts[i][0]} {parts[i][1]}" for i in shown]
        if with_palette and palette:
            texts.append(PALETTE_MARK + palette)
        return cell_len(SEP.join(texts))

    if cells(True) <= width:
        return shown, bool(palette)
    for i in reversed(range(len(parts))):
        if cells(False) <= width:
            break
        if i not in kept:
            shown.remove(i)
    return shown, False


class KeyBar(Static):
    """`⏎ 复习  a 全部 …  ^p 命令` from the bindings given (those with `show`), keys in the footer's key colour.

    `relabel` changes what the bar says a key does (or hides it) as the screen's state changes: Space
    reveals on a card's front and grades after the reveal.

    The bar is one line at any width: when it does not fit, the palette's key goes first, then the
    keys from the right end, except the first key and those of `keep` (binding ids; by default the
    last two shown: `?` and the way out), which never go. `?` lists every key.
    """

    def __init__(
        self,
        bindings: Iterable[Binding | tuple[str, str] | tuple[str, str, str]],
        *,
        id: str | None = None,
        keep: Iterable[str] | None = None,
    ) -> None:
        super().__init__("", id=id, classes="key-bar")
        self._shown = [b for b in bindings if isinstance(b, Binding) and b.show]
        self._keep = set(keep) if keep is not None else {b.id for b in self._shown[-2:] if b.id}
        self._labels: dict[str, str | None] = {}
        self._extra: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        self._paint()

    def on_resize(self, event: events.Resize) -> None:
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
        """The bar's keys as plain text, as they are shown at the bar's width (without the palette's)."""
        return SEP.join(f"{key} {what}" for key, what in self._fitted()[0])

    def _parts(self) -> tuple[list[tuple[str, str]], set[int]]:
        """Every part the bar would show with room enough, and the indexes of those that must stay."""
        parts: list[tuple[str, str]] = []
        kept: set[int] = set()
        for i, b in enumerate(self._shown):
            what = self._labels.get(b.id, b.description) if b.id else b.description
            if what is not None:
                if i == 0 or b.id in self._keep:
                    kept.add(len(parts))
                first = Binding(b.key.split(",")[0].strip(), b.action, what, key_display=b.key_display)
                parts.append((self.app.get_key_display(first), what))
            if i == 0:
                kept.update(range(len(parts), len(parts) + len(self._extra)))
                parts += self._extra
        return parts, kept

    def _fitted(self) -> tuple[list[tuple[str, str]], str]:
        parts, kept = self._parts()
        palette = ""
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette")) + " 命令"
        width = self.content_region.width or self.app.size.width - 2
        shown, with_palette = fit_parts(parts, kept, width, palette)
        return [parts[i] for i in shown], palette if with_palette else ""

    def _paint(self) -> None:
        parts, palette = self._fitted()
        marked = [f"[b $footer-key-foreground]{escape(key)}[/] {escape(what)}" for key, what in parts]
        if palette:
            key, _, what = palette.rpartition(" ")
            marked.append(f"{PALETTE_MARK}[b $footer-key-foreground]{escape(key)}[/] {what}")
        self.update(SEP.join(marked))
