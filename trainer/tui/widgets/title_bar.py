"""The title line at the top of the home and review screens: Textual's Header look, one widget.

Header composes three widgets (icon, title, clock space) with CSS of their own: ~5 ms of every cold
start per screen. This draws the same line itself: the ⭘ icon (hover highlight; a click opens the
command palette), the title centred between the icon and the clock space; a click elsewhere toggles
the tall header, as Header does.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # HeaderIcon: width 8 with padding 0 1
CLOCK_WIDTH = 10  # HeaderClockSpace: width 10


class TitleBar(Widget):
    """`⭘      trainer      ` with Header's colours and mouse behaviour."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: left middle;
    }
    TitleBar.-tall {
        height: 3;
    }
    TitleBar > .title-bar--icon-hover {
        background: $foreground 10%;
    }
    """
    COMPONENT_CLASSES = {"title-bar--icon-hover"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._icon_hover = False

    def on_mount(self) -> None:
        for obj, name in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(obj, name, self._repaint, init=False)

    def _repaint(self) -> None:
        self.refresh()

    def _title(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}").pad_right(max(0, ICON_WIDTH - 2))
        if self._icon_hover:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        middle = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self._title().truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        title = title.pad(left, middle - title.cell_length - left)
        return Content.assemble(icon, title, " " * CLOCK_WIDTH)

    def _over_icon(self, x: int) -> bool:
        return 0 <= x < ICON_WIDTH

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._over_icon(event.x) and self.app.ENABLE_COMMAND_PALETTE
        if hover != self._icon_hover:
            self._icon_hover = hover
            self.tooltip = "打开命令面板" if hover else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._icon_hover:
            self._icon_hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._over_icon(event.x):
            if self.app.ENABLE_COMMAND_PALETTE:
                await self.run_action("app.command_palette")
            return
        self.toggle_class("-tall")
