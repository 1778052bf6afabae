"""The review screen's timer: seconds on the current card in the title line (off until F2), and the
per-card time limit (`trainer config set time-limit N`), after which the answer is shown; no store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp

TICK_S = 1.0


class ReviewTimer:
    """Mixed into ReviewScreen, which gives `trainer_app`, `shown_at`, `revealed`, `sub_title` and
    `time_up()` (show the answer)."""

    timer_shown: bool = False
    trainer_app: TrainerApp
    shown_at: float
    revealed: bool
    sub_title: str | None

    def start_timer(self) -> None:
        """Tick once a second for as long as the screen lives."""
        self.set_interval(TICK_S, self.tick)  # type: ignore[attr-defined]

    def seconds_on_card(self) -> int:
        """Whole seconds since the current card was shown."""
        return max(0, int(self.trainer_app.monotonic() - self.shown_at))

    async def tick(self) -> None:
        """Show the seconds (when the timer is on) and show the answer when the time limit is up."""
        seconds = self.seconds_on_card()
        limit = self.trainer_app.settings.time_limit
        if self.timer_shown:
            self.sub_title = f"⏱ {seconds} 秒" + (f" / {limit} 秒" if limit else "")
        # Not behind a dialog (an edit, the key help): the answer is shown when the learner is back.
        if limit and not self.revealed and seconds >= limit and self.is_current:  # type: ignore[attr-defined]
            await self.time_up()  # type: ignore[attr-defined]

    async def action_toggle_timer(self) -> None:
        """F2: show or hide the timer (off by default)."""
        self.timer_shown = not self.timer_shown
        self.sub_title = ""
        await self.tick()
