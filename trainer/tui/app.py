"""The Textual App: global bindings, screen pushing and start-up sync; nothing else."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from trainer.config import Settings
from trainer.errors import TrainerError
from trainer.tui.screens.error import ErrorScreen
from trainer.tui.screens.home import HomeScreen

Clock = Callable[[], datetime]
# Two presses of one key closer than this, the first of which answered, are one held-down key.
REPEAT_GUARD_S = 0.15


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """A key the app received: its order, name and monotonic time (for the auto-repeat guard)."""

    seq: int
    key: str
    time: float


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TrainerApp(App[None]):
    """The review app. Build it with `make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [Binding("ctrl+q", "quit", "退出", id="quit", show=False)]

    def __init__(
        self,
        engine: Engine,
        *,
        settings: Settings,
        clock: Clock,
        sync_paths: list[Path] | None,
        repeat_guard: float = REPEAT_GUARD_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.sync_paths = sync_paths
        self.repeat_guard = repeat_guard
        self.monotonic = monotonic
        self.key_events: deque[KeyEvent] = deque(maxlen=2)
        self._key_seq = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._key_seq += 1
            self.key_events.append(KeyEvent(self._key_seq, event.key, self.monotonic()))
        await super().on_event(event)

    def today(self) -> int:
        """Today's study day number."""
        from trainer.sched.days import study_day

        return study_day(self.clock(), self.settings.tz(), self.settings.day_start_hour)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("复习全部", "复习所有卡组今天到期的卡片", self.action_review_all)
        yield SystemCommand("统计", "热力图、保持率、到期预测、掌握程度", self.action_stats)
        yield SystemCommand("浏览", "搜索、筛选、暂停、编辑卡片", self.action_browse)
        yield SystemCommand("按键帮助", "所有按键", self.action_help)
        yield from super().get_system_commands(screen)

    def start_review(self, deck_ids: list[int], *, topic: str = "") -> None:
        """Start a session on these decks (or one topic of one deck), unless nothing is due."""
        from trainer.study import StudySession
        from trainer.tui.screens.review import ReviewScreen

        session = StudySession.start(self.engine, deck_ids, self.settings, self.clock)
        if topic:
            from trainer.store.browse import card_ids_in_topic

            with Session(self.engine) as s:
                session.keep_only(card_ids_in_topic(s, deck_ids[0], topic))
        if session.left == 0:
            self.notify("今天没有要复习的卡片了", title="完成")
            return
        self.push_screen(ReviewScreen(session))

    def action_review_all(self) -> None:
        """Review every deck's due cards."""
        from trainer.store.queries import deck_names

        with Session(self.engine) as s:
            ids = sorted(deck_names(s))
        if ids:
            self.start_review(ids)

    def action_stats(self) -> None:
        """Open the stats screen."""
        from trainer.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_browse(self) -> None:
        """Open the card browser."""
        from trainer.tui.screens.browse import BrowseScreen

        self.push_screen(BrowseScreen())

    def action_help(self) -> None:
        """Show every key."""
        from trainer.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

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
    repeat_guard: float = REPEAT_GUARD_S,
    monotonic: Callable[[], float] | None = None,
) -> TrainerApp:
    """The one factory for the app, used by the CLI and by tests alike."""
    return TrainerApp(
        engine,
        settings=settings or Settings(),
        clock=clock or _utc_now,
        sync_paths=sync_paths,
        repeat_guard=repeat_guard,
        monotonic=monotonic or time.monotonic,
    )


def run_app() -> int:
    """Open the default store, sync the default deck folders on start, and run the TUI."""
    from trainer.config import load_settings
    from trainer.library import default_deck_dirs, open_default_store

    engine = open_default_store()
    make_app(engine, settings=load_settings(), sync_paths=default_deck_dirs()).run()
    return 0
