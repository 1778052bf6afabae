"""Radio buttons and checkboxes whose mark shows only when on: Textual's draw ● (and X) on every
button and tell the chosen one by colour alone, which a terminal without colour (or a learner) misses."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button showing ● only when it is the chosen one."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class MarkedCheckbox(Checkbox):
    """A checkbox showing ✓ only when ticked."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button
