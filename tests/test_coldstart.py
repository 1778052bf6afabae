"""Cold start without SQLAlchemy: `trainer.store.lite`, the lazily built engine, and the real start-up in a subprocess."""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from tests.tui_support import add_history, app_for, log, sync, today_number
from trainer import STARTUP_MODULES
from trainer.services.config import Settings
from trainer.store import card_ops, lite, open_store, queries
from trainer.store import day_summaries as summaries
from trainer.store import stats as stats_store
from trainer.store.browse import card_ids_in_topic
from trainer.store.engine import BUSY_TIMEOUT_MS, make_engine, sqlite_path
from trainer.store.handle import Store
from trainer.store.models import CardStateRow, Queue
from trainer.store.revisions import HEAD
from trainer.tui.app import make_app
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parents[1]
TODAY = today_number()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////abs/trainer.db",
        "sqlite:///rel/trainer.db",
        "sqlite:///with%20space/训练.db",
        "sqlite+pysqlite:////abs/x.db",
        "sqlite:////a#b.db",
    ],
)
def test_sqlite_file_agrees_with_the_engine(url: str) -> None:
    assert lite.sqlite_file(url) == sqlite_path(url)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:/tmp/x.db?mode=ro&uri=true",
        "sqlite:////tmp/x.db?timeout=3",
        "postgresql+psycopg://u@localhost/trainer",
        "",
    ],
)
def test_unusual_urls_take_the_full_path(url: str) -> None:
    assert lite.sqlite_file(url) is None
    assert lite.open_current(url) is None


def test_busy_timeout_and_page_cache_are_the_engines() -> None:
    from trainer.store.engine import CACHE_KIB

    assert (lite.BUSY_TIMEOUT_MS, lite.CACHE_KIB) == (BUSY_TIMEOUT_MS, CACHE_KIB)


def test_open_current_only_opens_a_store_at_head(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    url = f"sqlite:///{db}"
    assert lite.open_current(url) is None and not db.exists()  # missing: nothing is created
    db.touch()
    assert lite.open_current(url) is None  # empty
    db.write_bytes(b"not a database at all, but long enough to look like a file" * 100)
    assert lite.open_current(url) is None
    db.unlink()
    open_store(url).dispose()
    con = lite.open_current(url)
    assert con is not None
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert con.execute("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        con.execute("UPDATE alembic_version SET version_num = '0002'")
    finally:
        con.close()
    assert lite.open_current(url) is None  # an older schema is migrated by the full path


def test_start_up_reads_agree_with_the_sqlalchemy_ones(engine, sqlite_url: str) -> None:
    deck = make_deck()
    sync(engine, deck)
    add_history(engine, [1, 2], days_back=12, today=TODAY)
    store = _lite_store(sqlite_url)
    try:
        with Session(engine) as s:
            for day in (TODAY, TODAY - 1, TODAY - 3, TODAY + 2):
                with store.read() as r:
                    assert summaries.streak(r.run, day) == stats_store.streak(s, day).current, day
                    assert lite.reviews_on(r.run, day) == queries.reviews_on(s, day), day
            with store.read() as r:
                assert lite.card_ids_in_topic(r.run, 1, "优化基层政企服务") == card_ids_in_topic(
                    s, 1, "优化基层政企服务"
                )
                assert lite.card_ids_in_topic(r.run, 1, "没有这个主题") == set()
        assert not store.engine_ready  # plain SQL on the start-up connection
    finally:
        store.close()


def test_unbury_past_gives_back_what_card_ops_would(engine, sqlite_url: str) -> None:
    sync(engine, make_deck())
    add_history(engine, [1], days_back=3, today=TODAY)  # card 1 has been reviewed, card 2 is new
    with Session(engine) as s, s.begin():
        card_ops.bury(s, 1, TODAY - 1)
        card_ops.bury(s, 2, TODAY - 1)
        card_ops.bury(s, 3, TODAY)  # buried today: stays buried
    store = _lite_store(sqlite_url)
    try:
        with store.read() as r:
            assert lite.buried_before(r.run, TODAY)
        with store.write() as w:
            lite.unbury_past(w.run, TODAY)
        with store.read() as r:
            assert not lite.buried_before(r.run, TODAY)  # nothing left: the app's look takes no write lock
        assert not store.engine_ready
    finally:
        store.close()
    with Session(engine) as s:
        queues = {cid: s.get(CardStateRow, cid).queue for cid in (1, 2, 3)}  # type: ignore[union-attr]
    assert queues == {1: Queue.REVIEW, 2: Queue.NEW, 3: Queue.BURIED}


def test_start_up_modules_import_without_sqlalchemy_or_yaml() -> None:
    code = (
        "import sys, importlib\n"
        "from trainer import STARTUP_MODULES\n"
        "for name in STARTUP_MODULES:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'yaml'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr


# Imports inside a function of a start-up module that name another start-up module, and why.
DEFERRED_ON_PURPOSE = {
    ("trainer.cli.commands", "trainer.tui.app"): "commands other than the TUI do not load Textual",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = ROOT.joinpath(*name.split("."))
    return rel.with_suffix(".py").is_file() or (rel / "__init__.py").is_file()


def _imports_in_functions(path: Path) -> Iterator[tuple[int, list[str]]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    yield sub.lineno, [a.name for a in sub.names]
                elif isinstance(sub, ast.ImportFrom) and sub.module:
                    names = [f"{sub.module}.{a.name}" for a in sub.names]
                    yield sub.lineno, [n if _is_module(n) else str(sub.module) for n in names]


def test_only_start_up_modules_import_inside_functions_and_only_what_start_up_does_not_need() -> None:
    startup = set(STARTUP_MODULES)
    assert all(_is_module(m) for m in startup), sorted(m for m in startup if not _is_module(m))
    wrong = []
    for path in sorted((ROOT / "trainer").rglob("*.py")):
        module = _module_name(path)
        for line, targets in _imports_in_functions(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if module not in startup:
                wrong.append(f"{where}: {module} is not on the start-up path; import at the top")
            for target in targets:
                if target in startup and (module, target) not in DEFERRED_ON_PURPOSE:
                    wrong.append(f"{where}: {target} is loaded at start-up anyway; import it at the top")
    assert wrong == []


def _lite_store(url: str) -> Store:
    """The store as a cold start opens it: the sqlite3 connection, and the engine built when first needed."""
    con = lite.open_current(url)
    assert con is not None
    return Store(lambda: make_engine(url), lite=con)


@pytest.fixture(autouse=True)
def _home_warms_late(monkeypatch: pytest.MonkeyPatch) -> None:
    """The home screen warms the engine up 1 s after it paints; on a loaded machine a Pilot key press can
    come later than that, so these tests give home a minute: only what they check builds the engine."""
    from trainer.tui.screens import home

    monkeypatch.setattr(home, "WARM_AFTER_S", 60.0)


def _lazy_app(url: str, **kwargs):
    store = _lite_store(url)
    return make_app(store, settings=Settings(zone=SHANGHAI), clock=lambda: FIXED_NOW, **kwargs), store


async def test_lazy_engine_app_reviews_undoes_and_buries_through_the_start_up_connection(
    engine, sqlite_url: str
) -> None:
    sync(engine, make_deck())
    app, store = _lazy_app(sqlite_url)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.store.engine_ready  # the home screen and the first card need no engine
            await pilot.press("enter")
            review = app.screen
            assert isinstance(review, ReviewScreen)
            first = review.session.current()
            assert first is not None
            await pilot.press("space", "4")  # the first write builds the engine if the warm-up has not
            assert app.store.engine_ready
            assert log(engine) == [(first.card_id, 4)]
            await pilot.press("u")
            assert log(engine) == []
            await pilot.press("minus")  # bury
            await app.workers.wait_for_complete()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
    finally:
        store.close()
    with Session(engine) as s:
        row = s.get(CardStateRow, first.card_id)
        assert row is not None and row.queue == Queue.BURIED


async def test_lazy_engine_is_warmed_in_the_background_after_the_first_card(engine, sqlite_url: str) -> None:
    sync(engine, make_deck())
    app, store = _lazy_app(sqlite_url)
    try:
        # Where the warm-up starts from, recorded as it starts: asserting "not ready yet" right after
        # Enter raced the review screen's 0.3 s timer on a loaded machine (CI saw it ready already).
        started_on: list[str] = []
        warm_up = app.warm_up

        def recording_warm_up() -> None:
            started_on.append(type(app.screen).__name__)
            warm_up()

        app.warm_up = recording_warm_up  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.store.engine_ready and started_on == []  # home (warming late here) built nothing
            await pilot.press("enter")
            assert isinstance(app.screen, ReviewScreen)
            for _ in range(100):  # no key pressed: the review screen's timer alone warms the engine up
                if app.store.engine_ready:
                    break
                await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            assert app.store.engine_ready
            assert started_on[:1] == ["ReviewScreen"]
    finally:
        store.close()


async def test_t_opens_and_closes_a_decks_topics(engine) -> None:
    sync(engine, make_deck())
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert [r.topic for r in home.rows] == [""]
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.topic for r in home.rows] == ["", "优化基层政企服务"]
        await pilot.press("down", "t")  # from a topic row: its deck closes, the highlight goes to the deck
        await pilot.pause()
        assert [r.topic for r in home.rows] == [""] and home.table.cursor_row == 0


# The real start-up, as `trainer` with no command runs it, until the first card is painted; then
# (once the engine has warmed up) Space and 4 answer it. Prints what was loaded at the paint.
_DRIVER = """
import asyncio, sys, threading
from textual.app import App
from benchmarks.coldstart import enter_until_first_card
import trainer.store.lite as lite

seen = {}
statements = []  # (thread name, SQL) of every statement on a plain sqlite3 connection of the store
open_current = lite.open_current

def traced(url):
    con = open_current(url)
    if con is not None:
        con.set_trace_callback(lambda sql: statements.append((threading.current_thread().name, " ".join(sql.split()))))
    return con

lite.open_current = traced

async def drive(pilot):
    app = pilot.app
    card = await enter_until_first_card(app)
    if card is not None:
        seen["loaded_at_paint"] = sorted(
            m for m in ("sqlalchemy", "alembic", "yaml", "json", "concurrent.futures.thread") if m in sys.modules
        )
        seen["trainer_at_paint"] = sorted(m for m in sys.modules if m == "trainer" or m.startswith("trainer."))
        seen["engine_ready_at_paint"] = app.store.engine_ready
        seen["statements_at_paint"] = list(statements)
        seen["threads_at_paint"] = sorted(t.name for t in threading.enumerate())
        seen["card"] = card
    for _ in range(3000):
        if app.store.engine_ready and not any(w.is_running for w in app.workers):
            break
        await asyncio.sleep(0.01)
    seen["engine_ready_before_answer"] = app.store.engine_ready
    await pilot.press("space", "4")
    app.exit()

original = App.run
App.run = lambda self, **_: original(self, headless=True, size=(80, 24), auto_pilot=drive)
from trainer.cli import main
code = main([])
import json
print(json.dumps({"code": code, **seen}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("config", [False, True], ids=["no-config", "config"])
def test_real_start_up_paints_the_first_card_without_sqlalchemy_and_the_answer_commits(
    tmp_path: Path, config: bool
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    db = tmp_path / "store.db"
    url = f"sqlite:///{db}"
    engine = open_store(url)
    sync(engine, make_deck(name="0 冷启动"))  # sorts first on the home screen
    engine.dispose()
    if config:
        (home / "config.yaml").write_text("new-per-day: 5\n", encoding="utf-8")
    env = {**os.environ, "TRAINER_HOME": str(home), "TRAINER_DB": url, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _DRIVER], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0 and "card" in seen, out.stderr
    # PyYAML is read only for a config file; SQLAlchemy, Alembic and json never before the first card, and
    # no worker thread has been started (concurrent.futures.thread is imported by the first one).
    assert seen["loaded_at_paint"] == (["yaml"] if config else [])
    assert seen["threads_at_paint"] == ["MainThread"]
    # The statements before the first card: all on the start-up connection in the UI thread; home's
    # counts and the session's plan, never the per-deck totals (a scan of every card, counted only
    # once home has painted and is still on screen).
    before = seen["statements_at_paint"]
    assert {thread for thread, _ in before} == {"MainThread"}
    sql = [text for _, text in before]
    assert not [q for q in sql if "GROUP BY deck_id" in q]
    assert len(sql) <= 50, sql  # 48: a few reads per screen and the day summaries' first fold; not per card or deck
    assert seen["trainer_at_paint"] == sorted(STARTUP_MODULES)  # the one list names the start-up path
    assert seen["engine_ready_at_paint"] is False
    assert seen["engine_ready_before_answer"] is True
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT card_id, quality FROM review_log").fetchall()
        decks = {r[0] for r in con.execute("SELECT name FROM decks")}
    finally:
        con.close()
    assert rows == [(seen["card"], 4)]
    assert "0 冷启动" in decks and len(decks) > 1  # the warm-up then synced the bundled decks
    # ... and took the daily backup, from the store as it was before the answer or after it.
    backups = list((home / "backups").glob("trainer-*-daily.db"))
    assert len(backups) == 1 and (backups[0].stat().st_mode & 0o777) == 0o600
