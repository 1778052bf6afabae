"""The Textual App: global bindings, screen pushing, the store handle and the start-up sync; no SQL.

Start-up on a SQLite store already at the current schema paints the first card without importing
SQLAlchemy: the store handle (`trainer.store.handle.Store`) reads through a bare `sqlite3` connection,
and its engine is built in a background thread once the first card (or a home screen with nothing
due) is on screen, so the first answer normally finds it ready. Keep module-level imports here cheap
(see `trainer.STARTUP_MODULES`).
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from trainer import paths
from trainer.errors import TrainerError
from trainer.sched.days import study_day
from trainer.services.config import Settings, load_settings
from trainer.services.database import backup_today, open_for_start
from trainer.services.study import StudySession
from trainer.store import lite
from trainer.store.handle import Store, as_store
from trainer.store.sqlrun import deck_names
from trainer.tui.localized import LocalizedApp
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from textual.notifications import SeverityLevel

    from trainer.services.custom_study import CustomPlan

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


class TrainerApp(LocalizedApp):
    """The review app. Build it with `make_app`."""

    # The outline screen and its dialogs load outline.tcss themselves (CSS_PATH) when first shown.
    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [Binding("ctrl+q", "quit", "退出", id="quit", show=False)]

    def __init__(
        self,
        store: Store,
        *,
        settings: Settings,
        clock: Clock,
        sync_paths: list[Path] | None,
        daily_backup: bool = False,
        repeat_guard: float = REPEAT_GUARD_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.store = store
        self.daily_backup = daily_backup
        self.settings = settings
        self.clock = clock
        self.sync_paths = sync_paths
        self.synced = not sync_paths  # the start-up sync of the deck folders has finished (or there is none)
        self.repeat_guard = repeat_guard
        self.monotonic = monotonic
        self.key_events: deque[KeyEvent] = deque(maxlen=2)
        self._key_seq = 0
        self._warmed = False
        self.start_with: Callable[[TrainerApp], object] | None = None  # a screen to open first (build --review)

    def unbury_past(self, today: int) -> None:
        """Give back the cards buried before `today` (looking first with a read, so a start-up with
        nothing to give back takes no write lock)."""
        with self.store.read() as r:
            if not lite.buried_before(r.run, today):
                return
        with self.store.write() as w:
            lite.unbury_past(w.run, today)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._key_seq += 1
            self.key_events.append(KeyEvent(self._key_seq, event.key, self.monotonic()))
        await super().on_event(event)

    def today(self) -> int:
        """Today's study day number."""
        return study_day(self.clock(), self.settings.tz(), self.settings.day_start_hour)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("复习全部", "复习所有卡组今天到期的卡片", self.action_review_all)
        yield SystemCommand("统计", "热力图、保持率、到期预测、掌握程度", self.action_stats)
        yield SystemCommand("浏览", "搜索、筛选、暂停、编辑卡片", self.action_browse)
        yield SystemCommand("新建卡组", "从文档或粘贴的文本生成卡组，对照原文检查大纲", self.action_new_deck)
        yield SystemCommand("自定义学习", "首页按 x：提前复习、某个主题、最薄弱的要点；不受每日上限", self._custom)
        yield SystemCommand(
            "备考计划", "首页按 p：考试当天的预计记忆、每天需要的分钟、时间不够时怎么办", self.action_exam_plan
        )
        yield SystemCommand("考前速记", "考试当天（或随时）：把预计最弱的清单过一遍，回答照常记录", self.action_cram)
        yield SystemCommand("卡片浏览", "每张卡片：选列、排序、多选、批量暂停/恢复/搁置", self.action_cards)
        yield SystemCommand("按键帮助", "所有按键", self.action_help)
        yield from super().get_system_commands(screen)

    def start_review(self, deck_ids: list[int], *, topic: str = "") -> None:
        """Start a session on these decks (or one topic of one deck), unless nothing is due."""
        session = StudySession.start(self.store, deck_ids, self.settings, self.clock)
        if topic:
            with self.store.read() as r:
                session.keep_only(lite.card_ids_in_topic(r.run, deck_ids[0], topic))
        if session.left == 0:
            # x is practice on home only: from the command palette elsewhere, the palette's entry is named.
            way = "按 x 练习" if self.screen is self.home else "用 Ctrl+P 的「自定义学习」练习"
            self.notify(f"今天没有要复习的卡片了；想再练，{way}（提前复习或重做，不改日程）", title="完成")
            return
        self.push_screen(ReviewScreen(session))

    def start_custom(self, plan: CustomPlan | None) -> None:
        """Start a custom study session (see `trainer.services.custom_study`)."""
        from trainer.services.custom_study import nothing_found, start_custom

        if plan is None:
            return
        session = start_custom(self.store, plan, self.settings, self.clock)
        if session.left == 0:
            self.notify(nothing_found(plan), title="自定义学习", timeout=8)
            return
        self.push_screen(ReviewScreen(session))

    def action_cram(self) -> None:
        """考前速记: one pass over the lists with the weakest exam-day estimate (see `trainer.services.custom_study`)."""
        from trainer.services.custom_study import start_cram

        session = start_cram(self.store, self.settings, self.clock)
        if session.left == 0:
            self.notify("没有需要速记的要点：每个已学要点的预计记忆都够了", title="考前速记")
            return
        self.push_screen(ReviewScreen(session))

    def action_exam_plan(self) -> None:
        """Open the 备考计划 screen."""
        from trainer.tui.screens.exam_plan import ExamPlanScreen

        self.push_screen(ExamPlanScreen())

    def action_review_all(self) -> None:
        """Review every deck's due cards."""
        with self.store.read() as r:
            ids = sorted(deck_names(r.run))
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

    def action_new_deck(self) -> None:
        """Choose a document (or paste one) and open its outline for review."""
        from trainer.services.outline_draft import Draft
        from trainer.tui.screens.new_deck import NewDeckScreen
        from trainer.tui.screens.outline import push_outline

        def chosen(draft: Draft | None) -> None:
            if draft is not None:
                push_outline(self, draft)

        self.push_screen(NewDeckScreen(), chosen)

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
        screen = self.screen_stack[0]
        assert isinstance(screen, HomeScreen)
        return screen

    def get_default_screen(self) -> Screen:
        """The home screen is the app's first screen (not pushed over Textual's empty default: ~9 ms)."""
        return HomeScreen()

    def on_mount(self) -> None:
        if self.start_with is not None:
            self.start_with(self)
        if self.store.engine_ready:
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
        self.store.engine  # noqa: B018 -- builds it (imports SQLAlchemy) off the UI thread
        from trainer.services.leftovers import clean_leftovers_quietly

        clean_leftovers_quietly()
        if self.daily_backup:
            try:
                backup_today()  # the online backup API: answers can be written meanwhile
            except TrainerError as exc:
                self.call_from_thread(self.show_error, f"每日备份失败 (daily backup failed): {exc}")
        if self.sync_paths:
            self._sync()

    def _sync(self) -> None:
        from trainer.services.library import find_deck_files, sync_files

        errors: list[str] = []
        try:
            files = find_deck_files(self.sync_paths or [], missing_ok=True)
            folders = [p for p in self.sync_paths or [] if p == paths.user_decks_dir()]
            reports = sync_files(
                self.store, files, now=self.clock(), on_error=lambda e: errors.append(str(e)), folders=folders
            )
        except TrainerError as exc:
            errors.append(str(exc))
            reports = []
        if errors:
            self.call_from_thread(self.show_error, "\n".join(errors))
        for r in reports:
            if r.gone:
                note = f"{r.deck}：卡组文件已被删除，卡组随之移除（{r.retired} 张卡片已退役，复习记录保留）"
                self.call_from_thread(self.notify, note, timeout=8)
        self.call_from_thread(self._synced, any(not r.skipped for r in reports))

    def _synced(self, changed: bool) -> None:
        self.synced = True
        if changed or not self.home.decks:  # home said 正在载入卡组 until now
            self.home.refresh_decks()

    failure: BaseException | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, never read as markup: messages carry deck text and file names."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        # Textual would print a traceback with locals (deck text among them) and exit with 1. An app
        # that stops on an error records it and exits with 2; `run_app` prints one line once the
        # terminal is restored. Under Pilot the error is still re-raised into the test, as Textual does.
        self.failure = error
        super()._handle_exception(error)
        self._exit_renderables.clear()
        self._return_code = 2

    def show_error(self, message: str) -> None:
        """Show an expected failure in a modal dialog (in Chinese where `trainer.services.zh_messages` knows it)."""
        from trainer.services.zh_messages import in_chinese
        from trainer.tui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(in_chinese(message)))


def make_app(
    store: Store | Engine,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    sync_paths: list[Path] | None = None,
    daily_backup: bool = False,
    repeat_guard: float = REPEAT_GUARD_S,
    monotonic: Callable[[], float] | None = None,
) -> TrainerApp:
    """The one factory for the app, used by the CLI and by tests alike.

    Args:
        store: The store handle (see `trainer.store.handle.Store`).
        settings: The learner's settings (default: the defaults).
        clock: Gives the current time (default: the system clock, UTC).
        sync_paths: Deck files and folders synced in the background after start-up.
        daily_backup: Take the daily backup (`trainer.services.database.backup_today`) in the warm-up thread.
        repeat_guard: See REPEAT_GUARD_S.
        monotonic: The clock for answer times and the repeat guard.
    """
    store = as_store(store)
    return TrainerApp(
        store,
        settings=settings or Settings(),
        clock=clock or _utc_now,
        sync_paths=sync_paths,
        daily_backup=daily_backup,
        repeat_guard=repeat_guard,
        monotonic=monotonic or time.monotonic,
    )


def run_app() -> int:
    """Open the store, run the TUI, and sync the default deck folders in the background after start-up.

    A SQLite store at the current schema is opened with `sqlite3` and the engine built lazily (see the
    module docstring), and the daily backup (a copy of the whole file, ~1 s at 100k cards) is taken
    in the warm-up thread after the first paint; anything else (a new, old or PostgreSQL store) is
    opened, created or migrated, and backed up first, as `trainer sync` does (see `open_for_start`).
    """
    settings = load_settings()
    store = open_for_start()
    try:
        # Opened the full way, the store was backed up then; opened for a cold start, the warm-up backs it up.
        app = make_app(
            store, settings=settings, sync_paths=paths.default_deck_dirs(), daily_backup=not store.engine_ready
        )
        app.run()
    finally:
        store.close()
    if app.failure is not None:
        if isinstance(app.failure, TrainerError):
            raise app.failure  # the CLI prints its one line and exits with 2
        raise TrainerError(f"the app stopped on an unexpected {type(app.failure).__name__}: {app.failure}")
    return app.return_code or 0
