"""Homes, database locations, full and read-only file systems, consoles and servers that misbehave:
every failure is one clear line and exit 2 (the TUI too), and nothing is half-written."""

from __future__ import annotations

import resource
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import Seeded, assert_one_line_error, run_process, seed_deck, stray, tree


def test_a_home_that_is_a_file_is_one_line(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("TRAINER_HOME", str(home))
    assert_one_line_error(run("sync"))
    assert home.read_text() == "not a folder"


def test_a_home_inside_a_file_is_one_line(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TRAINER_HOME", str(blocker / "home"))
    assert_one_line_error(run("sync"))
    assert blocker.read_text() == "x"


@pytest.mark.parametrize(
    "url",
    ["nonsense", "sqlite://///", "postgresql+nodriver://x/y", "sqlite:///{home}/text.db", "sqlite:///{home}/dir.db"],
    ids=["nonsense", "slashes", "no-driver", "text-file", "folder"],
)
def test_a_bad_database_location_is_one_line(home: Path, run, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    home.mkdir(mode=0o700)
    (home / "text.db").write_text("my diary\n")
    (home / "dir.db").mkdir()
    monkeypatch.setenv("TRAINER_DB", url.format(home=home))
    before = tree(home)
    assert_one_line_error(run("stats"))
    assert tree(home) == before or not stray(before, tree(home), home)


def _silent_server() -> tuple[socket.socket, int, threading.Event]:
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                continue
        for c in held:
            c.close()

    threading.Thread(target=accept, daemon=True).start()
    return server, server.getsockname()[1], stop


def test_a_database_server_that_never_answers_gives_up_with_a_message(
    home: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.store import engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT_S", 2)
    server, port, stop = _silent_server()
    monkeypatch.setenv("TRAINER_DB", f"postgresql+psycopg://u@127.0.0.1:{port}/trainer")
    start = time.monotonic()
    try:
        ran = run("sync")
    finally:
        stop.set()
        server.close()
    assert time.monotonic() - start < 30
    assert_one_line_error(ran, "did not answer")


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))


@pytest.mark.parametrize("command", ["json", "csv", "apkg", "build", "backup"])
def test_a_full_disk_leaves_no_half_file_and_no_temp_file(seeded: Seeded, tmp_path: Path, command: str) -> None:
    """Writes fail past 60 KB (RLIMIT_FSIZE): each command says so in one line and leaves nothing behind."""
    from trainer.deckfile import decks

    big = tuple(f"要点{i:04d}" + "很长的说明" * 20 for i in range(200))
    decks.save(seed_deck(heads=big), seeded.deck_file)
    assert run_process(["sync"], seeded.home).code == 0
    out = tmp_path / "out"
    out.mkdir()
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "优化营商环境\n一、存在的问题\n" + "".join(f"{i}. 要点{i}。" + "说明" * 400 + "\n" for i in range(1, 60))
    )
    args = {
        "json": ["export", "--json", out / "all.json"],
        "csv": ["export", "--csv", out],
        "apkg": ["export", "--apkg", out / "a.apkg"],
        "build": ["build", doc, "-o", out / "d.yaml"],
        "backup": ["backup"],
    }[command]
    before = tree(seeded.home, out)
    ran = run_process(args, seeded.home, preexec_fn=_limit_file_size)
    assert_one_line_error(ran)
    assert not stray(before, tree(seeded.home, out), seeded.home)


def test_a_console_that_cannot_show_chinese_gets_escapes_not_a_crash(seeded: Seeded) -> None:
    ran = run_process(["stats"], seeded.home, env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert ran.code == 0, ran.err
    assert "Traceback" not in ran.err
    ran = run_process(["sync", "不存在.yaml"], seeded.home, env={"PYTHONIOENCODING": "ascii"})
    assert_one_line_error(ran)


async def test_a_crash_in_the_tui_exits_2_with_one_line_and_never_0(home: Path) -> None:
    from tests.conftest import make_deck
    from tests.tui_support import app_for, sync
    from trainer.errors import StoreError
    from trainer.services.database import open_default_store

    engine = open_default_store(daily_backup=False)
    sync(engine, make_deck())
    app = app_for(engine)

    def boom() -> None:
        raise StoreError("the database is read-only (check the file's permissions); nothing was written")

    with pytest.raises(StoreError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(boom)
            await pilot.pause()
            await pilot.pause()
    engine.dispose()
    assert isinstance(app.failure, StoreError)
    assert app.return_code == 2


def test_run_app_turns_a_failure_into_the_cli_s_one_line(home: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """`trainer` with no command: an app that stopped on an error exits 2 with its message (not 0)."""
    from trainer.errors import StoreError
    from trainer.tui import app as tui_app

    def fake_run(self, *args: object, **kwargs: object) -> None:
        self.failure = StoreError("the disk is full; nothing was written")
        self._return_code = 2

    monkeypatch.setattr(tui_app.TrainerApp, "run", fake_run)
    ran = run()
    assert_one_line_error(ran, "disk is full")
