"""Smoke test: the real `trainer` command in tmux; review three cards by key presses, quit, check the log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import make_deck
from trainer import decks

TIMEOUT_S = 30.0


def _trainer_command() -> str:
    script = Path(sys.executable).with_name("trainer")
    found = str(script) if script.exists() else shutil.which("trainer")
    assert found, "the trainer console script is not installed"
    return found


class Tmux:
    """One tmux server on a private socket, so the test never touches the user's sessions."""

    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-L", socket]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=check)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "smoke", check=False).stdout

    def alive(self) -> bool:
        return self.run("has-session", "-t", "smoke", check=False).returncode == 0

    def wait_for(self, what: str, test: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            text = self.screen()
            if test(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "smoke", *keys)


@pytest.mark.tmux
def test_review_three_cards_in_the_real_command(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required for this test (CI installs it)"
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    decks.save(make_deck(), home / "decks" / "demo.yaml")
    tmux = Tmux(f"trainer-smoke-{os.getpid()}")
    command = f"TRAINER_HOME={home} TERM=xterm-256color {_trainer_command()}"
    tmux.run("new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command)
    try:
        tmux.wait_for("the home screen with the synced deck", lambda s: "测试卡组" in s and "新卡" in s)
        tmux.keys("Enter")
        for k in (1, 2, 3):
            tmux.wait_for(f"card {k}", lambda s, k=k: f"第{k}点/共3点" in s and "显示答案" in s)
            tmux.keys("Space")
            tmux.wait_for(f"the answer of card {k}", lambda s: "答案：" in s and "重来" in s)
            tmux.keys("4")
        tmux.wait_for("the list card", lambda s: "共3点" in s and "按顺序" in s)
        tmux.keys("q")
        tmux.wait_for("the summary", lambda s: "复习卡片：3 张" in s)
        tmux.keys("q")
        tmux.wait_for("the home screen", lambda s: "今日已复习 3 张" in s)
        tmux.keys("q")
        deadline = time.monotonic() + TIMEOUT_S
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "trainer did not exit on q"
    finally:
        tmux.run("kill-server", check=False)
    with sqlite3.connect(home / "trainer.db") as db:
        rows = db.execute("SELECT card_id, quality, duration_ms FROM review_log ORDER BY id").fetchall()
        states = db.execute("SELECT queue, reps, interval FROM card_state WHERE card_id IN (1, 2, 3)").fetchall()
    assert [(c, q) for c, q, _ in rows] == [(1, 4), (2, 4), (3, 4)]
    assert all(ms > 0 for _, _, ms in rows)
    assert states == [(2, 1, 1)] * 3
