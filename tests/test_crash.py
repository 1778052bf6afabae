"""SIGKILL while reviewing: the real app in its own process is killed at seeded random moments.

After every kill the database must pass `PRAGMA integrity_check`, hold every answer whose next card had
been shown (and nothing more than the one answer that may have been committed just before the kill), and
`trainer db replay` must find every card's state equal to what the review log gives.

TRAINER_CRASH_RUNS (default 20) and TRAINER_CRASH_SEED change the number of kills and the seed, e.g.
`TRAINER_CRASH_RUNS=200 pytest tests/test_crash.py` for a long soak.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.helpers.decks import big_deck
from trainer.cli import main
from trainer.store import open_store
from trainer.store.sync import sync_deck

RUNS = int(os.environ.get("TRAINER_CRASH_RUNS", "20"))
SEED = int(os.environ.get("TRAINER_CRASH_SEED", "20261122"))
DRIVER = Path(__file__).resolve().parent / "helpers" / "review_driver.py"
ROOT = DRIVER.parents[2]
LINE_TIMEOUT_S = 60.0


@dataclass
class Driver:
    """One review_driver.py process and the lines it printed."""

    proc: subprocess.Popen[str]
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None
    errors: str = ""

    @classmethod
    def spawn(cls, seed: int, env: dict[str, str], *extra: str) -> Driver:
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(seed), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
            encoding="utf-8",
        )
        driver = cls(proc)
        driver.reader = threading.Thread(target=driver._read, daemon=True)
        driver.reader.start()
        return driver

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self) -> str | None:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(f"driver printed nothing for {LINE_TIMEOUT_S} s; stderr:\n{self.stderr()}")
        if line is not None:
            self.seen.append(line)
        return line

    def wait_for(self, prefix: str, count: int = 1) -> None:
        """Read lines until `count` lines starting with `prefix` were seen (or the process ended)."""
        n = 0
        while n < count:
            line = self.next_line()
            if line is None:
                return
            if line.startswith("ERROR"):
                pytest.fail(f"driver: {line}\n{self.stderr()}")
            n += line.startswith(prefix)

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("GO\n")
        self.proc.stdin.flush()

    def kill_and_collect(self) -> list[str]:
        """SIGKILL the process, then return every line it printed (pipes closed afterwards)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=LINE_TIMEOUT_S)
        while self.next_line() is not None:
            pass
        self.close()
        return self.seen

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=LINE_TIMEOUT_S)
        if self.reader is not None:
            self.reader.join(timeout=LINE_TIMEOUT_S)
        assert self.proc.stderr is not None
        if not self.proc.stderr.closed:
            self.errors = self.proc.stderr.read()
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        self.close()
        return self.errors


def _env(home: Path, db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TRAINER_HOME=str(home), TRAINER_DB=f"sqlite:///{db}", PYTHONPATH=str(ROOT))
    env.pop("TEXTUAL", None)
    return env


def _answers(lines: list[str]) -> list[tuple[int, int, int]]:
    out = []
    for line in lines:
        if line.startswith("ANSWERED "):
            log_id, card_id, quality = map(int, line.split()[1:])
            out.append((log_id, card_id, quality))
    return out


def _integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _log(db: Path) -> dict[int, tuple[int, int]]:
    conn = sqlite3.connect(db)
    try:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, card_id, quality FROM review_log")}
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_no_shown_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, db = tmp_path / "home", tmp_path / "home" / "trainer.db"
    monkeypatch.setenv("TRAINER_DB", f"sqlite:///{db}")
    engine = open_store(f"sqlite:///{db}")
    deck = big_deck("崩溃测试", max(600, 30 * RUNS))
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="crash.yaml", content_hash="x", now=datetime.now(UTC))
    engine.dispose()

    rng = random.Random(SEED)
    env = _env(home, db)
    kinds: dict[str, int] = {"startup": 0, "reviewing": 0}
    total_shown = 0
    upcoming = Driver.spawn(rng.randrange(2**31), env, "--wait-go")
    for run in range(RUNS):
        driver = upcoming
        driver.wait_for("LOADED")
        if run + 1 < RUNS:  # import the next process while this one runs and is checked
            upcoming = Driver.spawn(rng.randrange(2**31), env, "--wait-go")
        before = _log(db)
        driver.go()
        if rng.random() < 0.2:
            kinds["startup"] += 1
            time.sleep(rng.uniform(0.0, 0.15))  # while it builds the queue and shows the first cards
        else:
            kinds["reviewing"] += 1
            driver.wait_for("ANSWERED", rng.randint(1, 25))
            time.sleep(rng.uniform(0.0, 0.02))  # anywhere in the reveal-grade-commit-show cycle (~5 ms)
        lines = driver.kill_and_collect()
        assert driver.proc.returncode == -signal.SIGKILL, (run, lines, driver.stderr())
        assert not [ln for ln in lines if ln.startswith("ERROR")], lines

        assert _integrity(db) == ["ok"], f"run {run}"
        after = _log(db)
        shown = _answers(lines)
        total_shown += len(shown)
        for log_id, card_id, quality in shown:
            assert after.get(log_id) == (card_id, quality), f"run {run}: answer {log_id} lost"
        new = set(after) - set(before)
        assert set(before) <= set(after), f"run {run}: earlier answers vanished"
        # Committed but killed before the next card was shown: at most that one answer.
        assert {s[0] for s in shown} <= new and len(new) - len(shown) in (0, 1), (run, shown, sorted(new))

        capsys.readouterr()
        assert main(["db", "replay"]) == 0, f"run {run}: " + capsys.readouterr().out
    if upcoming is not driver:
        upcoming.close()
    assert kinds["reviewing"] >= RUNS // 2
    assert total_shown >= RUNS  # the kills really did land among answers


SYNC_RUNS = int(os.environ.get("TRAINER_CRASH_SYNC_RUNS", "6"))


def test_sigkill_during_start_up_backup_and_sync_leaves_a_usable_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`trainer sync` killed anywhere: while creating the schema, taking the daily backup or writing the deck."""
    from trainer.deckfile import decks
    from trainer.store.migrate import HEAD

    deck_file = tmp_path / "big.yaml"
    decks.save(big_deck("同步", 3000), deck_file)
    # A database with history and no backup yet today, copied fresh for every kill.
    base_home = tmp_path / "base"
    monkeypatch.setenv("TRAINER_HOME", str(base_home))
    small = tmp_path / "small.yaml"
    decks.save(big_deck("已学", 40), small)
    assert main(["sync", str(small)]) == 0
    engine = open_store(f"sqlite:///{base_home / 'trainer.db'}")
    with Session(engine) as s, s.begin():
        from trainer.store.answers import record_answer

        for card_id in range(1, 31):
            record_answer(s, card_id, 4, now=datetime.now(UTC), today=datetime.now(UTC).toordinal())
    engine.dispose()
    for p in (base_home / "backups").iterdir():
        p.unlink()
    from trainer.store.snapshots import copy_database

    rng = random.Random(SEED + 1)
    for run in range(SYNC_RUNS):
        home = tmp_path / f"run{run}"
        home.mkdir(mode=0o700)
        fresh = run % 3 == 0  # every third run starts with no database at all
        if not fresh:  # a consistent copy (the base's last writes may still sit in its WAL)
            copy_database(base_home / "trainer.db", home / "trainer.db")
        env = {**os.environ, "TRAINER_HOME": str(home), "PYTHONPATH": str(ROOT)}
        env.pop("TRAINER_DB", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "trainer", "sync", str(deck_file)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.4, 1.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        monkeypatch.setenv("TRAINER_HOME", str(home))
        db = home / "trainer.db"
        if db.exists() and db.stat().st_size:
            assert _integrity(db) == ["ok"], f"run {run}"
            conn = sqlite3.connect(db)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" in tables:
                assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
                decks_now = {r[0] for r in conn.execute("SELECT name FROM decks")}
                expected = (set(), {"同步"}) if fresh else ({"已学"}, {"已学", "同步"})
                assert decks_now in expected, f"run {run}: half a sync? {decks_now}"
            else:
                assert "cards" not in tables, f"run {run}: tables without a schema version: {tables}"
            conn.close()
        # The next start works and finds everything: history kept, the deck synced whole.
        capsys.readouterr()
        assert main(["sync", str(deck_file)]) == 0, capsys.readouterr().err
        assert main(["db", "replay"]) == 0
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT count(*) FROM review_log").fetchone() == ((0,) if fresh else (30,))
        assert (
            conn.execute(
                "SELECT count(*) FROM cards JOIN decks ON decks.id = cards.deck_id WHERE decks.name = '同步'"
            ).fetchone()[0]
            >= 3000
        )
        conn.close()
        leftovers = [p.name for p in home.rglob("*") if p.name.endswith(".tmp")]
        assert leftovers == [], f"run {run}: {leftovers}"
