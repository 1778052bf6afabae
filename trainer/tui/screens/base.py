"""The base of the app's full screens: typed access to the TrainerApp they run in; nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


class TrainerScreen(Screen[None]):
    """A screen of the trainer app."""

    @property
    def trainer_app(self) -> TrainerApp:
        """The app, typed: its store, settings and clock (the app imports its screens, so not the other way)."""
        return cast("TrainerApp", self.app)
