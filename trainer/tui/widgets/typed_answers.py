"""Typed-answer inputs: one line per point to recall, then each line's character diff and grade."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from trainer.tui.format import SHORT_GRADES, diff_markup

if TYPE_CHECKING:
    from trainer.core.compare import Comparison


class TypedAnswers(Vertical):
    """Normal Input widgets (so Chinese input methods work); Enter moves on, the last Enter checks."""

    def __init__(self, answers: tuple[str, ...], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.answers = answers
        self.results: list[Comparison] = []

    def compose(self) -> ComposeResult:
        many = len(self.answers) > 1
        for i, _ in enumerate(self.answers):
            placeholder = f"第{i + 1}点" if many else "输入答案，回车检查"
            yield Input(placeholder=placeholder, classes="typed-input")

    @property
    def inputs(self) -> list[Input]:
        """The inputs, in point order."""
        return list(self.query(Input))

    def focus_first(self) -> None:
        """Put the cursor in the first input."""
        self.inputs[0].focus()

    def next_after(self, current: Input) -> Input | None:
        """The input after `current`, or None when it is the last."""
        inputs = self.inputs
        i = inputs.index(current)
        return inputs[i + 1] if i + 1 < len(inputs) else None

    async def check(self) -> list[Comparison]:
        """Compare every line with its point, show the diffs in place of the inputs, and return them."""
        from trainer.core.compare import compare

        self.results = [compare(inp.value, ans) for inp, ans in zip(self.inputs, self.answers, strict=True)]
        many = len(self.answers) > 1
        for inp, result, i in zip(self.inputs, self.results, range(len(self.answers)), strict=True):
            label = f"{i + 1}. " if many else ""
            line = Static(
                f"{label}{diff_markup(result)}  [$text-muted]{result.similarity:.0%} → {result.grade} {SHORT_GRADES[result.grade]}[/]",
                classes="typed-result",
            )
            await self.mount(line, before=inp)
            await inp.remove()
        return self.results
