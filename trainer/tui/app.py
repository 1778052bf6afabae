"""The Textual App: global bindings, screen pushing and start-up sync; nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from textual import work
from textual.app import App
from textual.binding import Binding

from trainer.config import Settings
from trainer.errors import TrainerError
from trainer.tui.screens.error import ErrorScreen
from trainer.tui.screens.home import HomeScreen

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TrainerApp(App[None]):
    """The review app. Build it with `make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [Binding("ctrl+q", "quit", "退出", id="quit")]

    def __init__(
        self,
        engine: Engine,
        *,
        settings: Settings,
        clock: Clock,
        sync_paths: list[Path] | None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.sync_paths = sync_paths

    @property
    def home(self) -> HomeScreen:
        """The home screen (always at the bottom of the stack)."""
        screen = self.screen_stack[1] if len(self.screen_stack) > 1 else self.screen
        assert isinstance(screen, HomeScreen)
        return screen

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.sync_paths:
            self.sync_decks()

    @work(thread=True, exclusive=True, group="sync")
    def sync_decks(self) -> None:
        """Sync changed deck files in the background, then refresh the home screen."""
        from trainer.library import find_deck_files, sync_files

        errors: list[str] = []
        try:
            files = find_deck_files(self.sync_paths or [], missing_ok=True)
            reports = sync_files(self.engine, files, now=self.clock(), on_error=lambda e: errors.append(str(e)))
        except TrainerError as exc:
            errors.append(str(exc))
            reports = []
        if errors:
            self.call_from_thread(self.show_error, "\n".join(errors))
        if any(not r.skipped for r in reports):
            self.call_from_thread(self.home.refresh_decks)

    def show_error(self, message: str) -> None:
        """Show an expected failure in a modal dialog."""
        self.push_screen(ErrorScreen(message))


def make_app(
    engine: Engine,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    sync_paths: list[Path] | None = None,
) -> TrainerApp:
    """The one factory for the app, used by the CLI and by tests alike."""
    return TrainerApp(engine, settings=settings or Settings(), clock=clock or _utc_now, sync_paths=sync_paths)


def run_app() -> int:
    """Open the default store, sync the default deck folders on start, and run the TUI."""
    from trainer.config import load_settings
    from trainer.library import default_deck_dirs, open_default_store

    engine = open_default_store()
    make_app(engine, settings=load_settings(), sync_paths=default_deck_dirs()).run()
    return 0
