"""The Textual App: global bindings, screen pushing, the store's engine (built lazily) and start-up sync.

Start-up on a SQLite store already at the current schema paints the first card without importing
SQLAlchemy: reads go through `trainer.store.drill` on a bare `sqlite3` connection (`lite`), and the
engine is built in a background thread once the first card (or a home screen with nothing due) is
on screen, so the first answer normally finds it ready. Keep module-level imports here cheap.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from trainer.errors import TrainerError
from trainer.services.config import Settings
from trainer.store.lite import LazyEngine
from trainer.tui.localized import LocalizedApp

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine

    from trainer.services.custom_study import CustomPlan
    from trainer.store.sqlrun import Runner
    from trainer.tui.screens.home import HomeScreen

Clock = Callable[[], datetime]
# Two presses of one key closer than this, the first of which answered, are one held-down key.
REPEAT_GUARD_S = 0.15


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """A key the app received: its order, name and monotonic time (for the auto-repeat guard)."""

    seq: int
    key: str
    time: float


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TrainerApp(LocalizedApp):
    """The review app. Build it with `make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [Binding("ctrl+q", "quit", "退出", id="quit", show=False)]

    def __init__(
        self,
        engine: Engine | LazyEngine,
        *,
        settings: Settings,
        clock: Clock,
        sync_paths: list[Path] | None,
        lite: sqlite3.Connection | None = None,
        daily_backup: bool = False,
        repeat_guard: float = REPEAT_GUARD_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._engine = engine
        self.lite = lite
        # Its file, for worker threads' own connections (a connection is used only in its thread).
        self._lite_path = (
            "" if lite is None else next(r[2] for r in lite.execute("PRAGMA database_list") if r[1] == "main")
        )
        self.daily_backup = daily_backup
        self.settings = settings
        self.clock = clock
        self.sync_paths = sync_paths
        self.repeat_guard = repeat_guard
        self.monotonic = monotonic
        self.key_events: deque[KeyEvent] = deque(maxlen=2)
        self._key_seq = 0
        self._warmed = False

    @property
    def engine(self) -> Engine:
        """The store's SQLAlchemy engine, built on first use when the app was given a LazyEngine."""
        engine = self._engine
        return engine.get() if isinstance(engine, LazyEngine) else engine

    @property
    def engine_ready(self) -> bool:
        """Whether the engine exists yet (SQLAlchemy is loaded)."""
        engine = self._engine
        return engine.ready if isinstance(engine, LazyEngine) else True

    @contextmanager
    def reading(self) -> Iterator[Runner]:
        """A runner for `trainer.store.drill` reads in one read transaction: on the start-up `sqlite3`
        connection when there is one (no SQLAlchemy), else on a deferred session of the engine."""
        if self.lite is not None:
            from trainer.store.lite import snapshot

            with snapshot(self.lite) as run:
                yield run
            return
        from sqlalchemy.orm import Session

        from trainer.store.engine import reader
        from trainer.store.queries import runner

        with Session(reader(self.engine)) as s:
            yield runner(s)

    def read_in_thread(self, read: Callable[[Runner], T]) -> T:
        """`read` on a runner of its own, for a worker thread: a new `sqlite3` connection to the
        start-up connection's file (connections stay in their thread), else a session of the engine."""
        if self.lite is not None:
            from trainer.store.lite import open_current
            from trainer.store.sqlrun import sqlite_runner

            con = open_current(f"sqlite:///{self._lite_path}")
            if con is not None:
                try:
                    return read(sqlite_runner(con))
                finally:
                    con.close()
        from sqlalchemy.orm import Session

        from trainer.store.engine import reader
        from trainer.store.queries import runner

        with Session(reader(self.engine)) as s:
            return read(runner(s))

    def unbury_past(self, today: int) -> None:
        """Give back the cards buried before `today`."""
        if self.lite is not None:
            from trainer.store.lite import unbury_past

            unbury_past(self.lite, today)
            return
        from sqlalchemy.orm import Session

        from trainer.store import card_ops

        with Session(self.engine) as s, s.begin():
            card_ops.unbury_past(s, today)

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
        yield SystemCommand("自定义学习", "首页按 x：提前复习、某个主题、最薄弱的要点；不受每日上限", self._custom)
        yield SystemCommand("卡片浏览", "每张卡片：选列、排序、多选、批量暂停/恢复/搁置", self.action_cards)
        yield SystemCommand("按键帮助", "所有按键", self.action_help)
        yield from super().get_system_commands(screen)

    def start_review(self, deck_ids: list[int], *, topic: str = "") -> None:
        """Start a session on these decks (or one topic of one deck), unless nothing is due."""
        from trainer.services.study import StudySession
        from trainer.tui.screens.review import ReviewScreen

        run = None
        if self.lite is not None:
            from trainer.store.sqlrun import sqlite_runner

            run = sqlite_runner(self.lite)
        # A LazyEngine stands in for the Engine: the session touches it for its first write only.
        engine = cast("Engine", self._engine)
        session = StudySession.start(engine, deck_ids, self.settings, self.clock, run=run)
        if topic:
            from trainer.store.lite import card_ids_in_topic

            with self.reading() as r:
                session.keep_only(card_ids_in_topic(r, deck_ids[0], topic))
        if session.left == 0:
            self.notify("今天没有要复习的卡片了", title="完成")
            return
        self.push_screen(ReviewScreen(session))

    def start_custom(self, plan: CustomPlan | None) -> None:
        """Start a custom study session (see `trainer.services.custom_study`)."""
        from trainer.services.custom_study import start_custom
        from trainer.tui.screens.review import ReviewScreen

        if plan is None:
            return
        session = start_custom(self.engine, plan, self.settings, self.clock)
        if session.left == 0:
            self.notify("没有符合条件的卡片", title="自定义学习")
            return
        self.push_screen(ReviewScreen(session))

    def action_review_all(self) -> None:
        """Review every deck's due cards."""
        from trainer.store.sqlrun import deck_names

        with self.reading() as run:
            ids = sorted(deck_names(run))
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

    def _custom(self) -> None:
        self.home.action_custom()

    def action_cards(self) -> None:
        """Open the card browser (every card of every kind)."""
        from trainer.tui.screens.cards import CardBrowserScreen

        self.push_screen(CardBrowserScreen())

    def action_help(self) -> None:
        """Show every key."""
        from trainer.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    @property
    def home(self) -> HomeScreen:
        """The home screen (always at the bottom of the stack)."""
        from trainer.tui.screens.home import HomeScreen

        screen = self.screen_stack[0]
        assert isinstance(screen, HomeScreen)
        return screen

    def get_default_screen(self) -> Screen:
        """The home screen is the app's first screen (not pushed over Textual's empty default: ~9 ms)."""
        from trainer.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.engine_ready:
            self.warm_up()  # nothing to build: sync the deck folders now

    def warm_up_soon(self, delay: float) -> None:
        """`warm_up` in `delay` seconds (from the screen just painted: the home screen or the first card).

        Not at once: thread workers run in asyncio's default executor, which `App.run` waits for on
        exit, so a warm-up started at the paint would hold up a learner who quits at once; and
        SQLAlchemy's import would compete (for the GIL) with the next screen being built.
        """
        if not self._warmed:
            self.set_timer(delay, self.warm_up)

    def warm_up(self) -> None:
        """Once: in a background thread, build the engine, take the daily backup if asked, sync the deck folders."""
        if self._warmed:
            return
        self._warmed = True
        gc.enable()  # off while the first screen was built (see `trainer.cli.main`)
        self._warm_then_sync()

    @work(thread=True, exclusive=True, group="sync")
    def _warm_then_sync(self) -> None:
        self.engine  # noqa: B018 -- builds it (imports SQLAlchemy) off the UI thread
        if self.daily_backup:
            from trainer.services.database import backup_today

            try:
                backup_today()  # the online backup API: answers can be written meanwhile
            except TrainerError as exc:
                self.call_from_thread(self.show_error, str(exc))
        if self.sync_paths:
            self._sync()

    def _sync(self) -> None:
        from trainer.services.library import find_deck_files, sync_files

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
        from trainer.tui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(message))


def make_app(
    engine: Engine | LazyEngine,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    sync_paths: list[Path] | None = None,
    lite: sqlite3.Connection | None = None,
    daily_backup: bool = False,
    repeat_guard: float = REPEAT_GUARD_S,
    monotonic: Callable[[], float] | None = None,
) -> TrainerApp:
    """The one factory for the app, used by the CLI and by tests alike.

    Args:
        engine: The store, or a LazyEngine that builds it when first needed.
        settings: The learner's settings (default: the defaults).
        clock: Gives the current time (default: the system clock, UTC).
        sync_paths: Deck files and folders synced in the background after start-up.
        lite: A `sqlite3` connection to the same store (`trainer.store.lite.open_current`) for the
            reads before the engine is built.
        daily_backup: Take the daily backup (`trainer.services.database.backup_today`) in the warm-up thread.
        repeat_guard: See REPEAT_GUARD_S.
        monotonic: The clock for answer times and the repeat guard.
    """
    return TrainerApp(
        engine,
        settings=settings or Settings(),
        clock=clock or _utc_now,
        sync_paths=sync_paths,
        lite=lite,
        daily_backup=daily_backup,
        repeat_guard=repeat_guard,
        monotonic=monotonic or time.monotonic,
    )


def run_app() -> int:
    """Open the store, run the TUI, and sync the default deck folders in the background after start-up.

    A SQLite store at the current schema is opened with `sqlite3` and the engine built lazily (see the
    module docstring), and the daily backup (a copy of the whole file, ~1 s at 100k cards) is taken
    in the warm-up thread after the first paint; anything else (a new, old or PostgreSQL store) is
    opened, created or migrated, and backed up, by `open_default_store` first, as `trainer sync` does.
    """
    from trainer import paths
    from trainer.services.config import load_settings

    settings = load_settings()
    url = paths.db_url()
    from trainer.store.lite import open_current

    con = open_current(url)
    if con is None:
        from trainer.services.database import open_default_store

        engine: Engine | LazyEngine = open_default_store()
    else:

        def build() -> Engine:
            from trainer.store.engine import make_engine

            return make_engine(url)

        engine = LazyEngine(build)
    try:
        app = make_app(
            engine, settings=settings, sync_paths=paths.default_deck_dirs(), lite=con, daily_backup=con is not None
        )
        app.run()
    finally:
        if con is not None:
            con.close()
    # Textual sets 1 when the app stopped on an unhandled exception (already printed): not a success.
    return app.return_code or 0
