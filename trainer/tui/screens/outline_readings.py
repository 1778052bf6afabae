"""The outline screen's other readings of its document (`r`): worked out once, off the UI thread, then
shown one after another; part of `OutlineScreen`."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState

from trainer.core.model import Deck
from trainer.services.outline_draft import Draft, draft_readings

if TYPE_CHECKING:
    from collections.abc import Callable


class ReadingsMixin:
    """`r` on the outline screen: the builder's own outline, then each other reading in turn."""

    draft: Draft
    _readings: list[tuple[str, Deck]] | None
    _reading: int
    _edited: bool
    _finding = False  # the readings are being worked out

    if TYPE_CHECKING:

        def say(self, text: str, *, error: bool = False) -> None: ...
        def run_worker(self, work: Callable[[], object], **kw: Any) -> Worker[Any]: ...
        def _apply(self, edit: Callable[[Deck], Deck], done: str, focus: Any = None) -> None: ...

    def action_reading(self) -> None:
        """The document read another way: the builder's own outline, then each other reading in turn.
        The readings are worked out once, off the UI thread (a parse for each group of the document)."""
        if self._readings is not None:
            self._next_reading()
        elif not self._finding:  # a second r while they are worked out waits for the first
            self._finding = True
            self.say("正在找这篇文档的其他读法…")
            self.run_worker(lambda: draft_readings(self.draft), thread=True, name="readings", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "readings" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._finding = False
        if event.state is WorkerState.ERROR:
            self.say("读不出其他读法", error=True)
            return
        self._readings = event.worker.result
        self._next_reading()

    def _next_reading(self) -> None:
        readings = self._readings or []
        if len(readings) < 2:
            self.say("这篇文档没有别的读法", error=True)
            return
        self._reading = (self._reading + 1) % len(readings)
        what, deck = readings[self._reading]
        replaced = "，之前的修改已换掉" if self._edited else ""
        self._apply(lambda d: replace(deck, name=d.name), f"读法 {self._reading + 1}/{len(readings)}：{what}{replaced}")
        self._edited = False
