"""Smoke test: the real `trainer` command in tmux; review three of four cards by key presses, quit, check the log."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import make_deck
from trainer.core.model import Deck
from trainer.deckfile import decks

TIMEOUT_S = 30.0
DECK = "0 冒烟测试"


def _trainer_command() -> str:
    script = Path(sys.executable).with_name("trainer")
    found = str(script) if script.exists() else shutil.which("trainer")
    assert found, "the trainer console script is not installed"
    return found


class Tmux:
    """One tmux server on a private socket in the test's folder, so the test never touches other sessions."""

    def __init__(self, socket: Path) -> None:
        self.base = ["tmux", "-S", str(socket)]

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


@pytest.mark.slow
@pytest.mark.tmux
def test_review_three_cards_in_the_real_command(tmp_path: Path) -> None:
    assert shutil.which("tmux"), "tmux is required for this test (CI installs it)"
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    heads = ("人才队伍不完善", "权力下放不到位", "线上线下未融合", "考核评价机制不健全")
    # "0 " sorts before any bundled deck's name, so the deck is the first row on the home screen.
    decks.save(make_deck(name=DECK, heads=heads), home / "decks" / "demo.yaml")
    tmux = Tmux(tmp_path / "tmux.sock")
    command = f"TRAINER_HOME={home} TERM=xterm-256color {_trainer_command()}"
    tmux.run("new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command)
    try:
        tmux.wait_for("the home screen with the synced deck", lambda s: DECK in s and "新卡" in s)
        # The start-up sync adds the deck after the first paint, and the highlight stays on the deck it
        # was on (a bundled one): go up to the first row, where this deck sorts.
        tmux.keys(*["Up"] * 8)
        tmux.keys("Enter")
        for k in (1, 2, 3):
            tmux.wait_for(f"card {k}", lambda s, k=k: f"{DECK} › " in s and f"第{k}点/共4点" in s and "显示答案" in s)
            tmux.keys("Space")
            tmux.wait_for(f"the answer of card {k}", lambda s: "答案：" in s and "完全忘记" in s)
            tmux.keys("4")
        tmux.wait_for("card 4", lambda s: "第4点/共4点" in s)
        tmux.keys("q")  # leave mid-session
        tmux.wait_for("the summary", lambda s: "回答：3 次（3 张卡片）" in s)
        tmux.keys("q")
        tmux.wait_for("the home screen", lambda s: "今日回答 3 次" in s)
        tmux.keys("q")
        deadline = time.monotonic() + TIMEOUT_S
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "trainer did not exit on q"
    finally:
        tmux.run("kill-server", check=False)
    with sqlite3.connect(home / "trainer.db") as db:
        rows = db.execute(
            "SELECT d.name, c.key, r.quality, r.duration_ms FROM review_log r JOIN cards c ON c.id = r.card_id"
            " JOIN decks d ON d.id = c.deck_id ORDER BY r.id"
        ).fetchall()
        states = db.execute(
            "SELECT s.queue, s.reps, s.interval FROM card_state s JOIN cards c ON c.id = s.card_id"
            " JOIN review_log r ON r.card_id = c.id ORDER BY r.id"
        ).fetchall()
    deck = make_deck(name=DECK, heads=heads)
    first_three = [f"{p.id}:head" for _, _, p in deck.points()[:3]]
    assert [(name, key, q) for name, key, q, _ in rows] == [(DECK, k, 4) for k in first_three]
    assert all(ms > 0 for *_, ms in rows)
    assert states == [(2, 1, 1)] * 3


def _list_learned_yesterday(tmp_path: Path, heads: tuple[str, ...]) -> tuple[Path, Deck, int]:
    """A home whose deck's points were all answered 4 yesterday: today its list is due with its heads.
    Gives the home, the deck and yesterday's day number."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy.orm import Session

    from trainer.sched.days import study_day
    from trainer.services.config import Settings
    from trainer.services.library import sync_files
    from trainer.store import open_store, queries

    assert shutil.which("tmux"), "tmux is required for this test (CI installs it)"
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    deck = make_deck(name=DECK, heads=heads)
    decks.save(deck, home / "decks" / "demo.yaml")
    settings = Settings()
    now = datetime.now(UTC)
    yesterday = study_day(now, settings.tz(), settings.day_start_hour) - 1
    engine = open_store(f"sqlite:///{home / 'trainer.db'}")
    sync_files(engine, [home / "decks" / "demo.yaml"], now=now)
    with Session(engine) as s, s.begin():
        for card_id in range(1, len(heads) + 1):
            queries.record_answer(s, card_id, 4, now=now - timedelta(days=1), today=yesterday)
    engine.dispose()
    return home, deck, yesterday


def _answers_since(home: Path, day: int) -> tuple[list[tuple[str, int, int | None]], int]:
    """(card key, quality, list id) of the answers logged after `day`, and the list card's id."""
    with sqlite3.connect(home / "trainer.db") as db:
        rows = db.execute(
            "SELECT c.key, r.quality, r.via_card_id FROM review_log r JOIN cards c ON c.id = r.card_id"
            " WHERE r.day > ? ORDER BY r.id",
            (day,),
        ).fetchall()
        list_id = db.execute("SELECT id FROM cards WHERE kind = 'list'").fetchone()[0]
    return rows, list_id


HEADS4 = ("人才队伍不完善", "权力下放不到位", "线上线下未融合", "考核评价机制不健全")


@pytest.mark.tmux
def test_review_one_list_in_the_real_command(tmp_path: Path) -> None:
    """A list whose points were all learned yesterday: the real command shows it with its heads, a grade
    per point is given by keys, and each lands in the log as an answer of its point's head card."""
    home, deck, yesterday = _list_learned_yesterday(tmp_path, HEADS4)
    tmux = Tmux(tmp_path / "tmux.sock")
    command = f"TRAINER_HOME={home} TERM=xterm-256color {_trainer_command()}"
    tmux.run("new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command)
    try:
        tmux.wait_for("the home screen with the deck", lambda s: DECK in s)
        tmux.keys(*["Up"] * 8)
        tmux.keys("Enter")
        tmux.wait_for("the list card", lambda s: "共4点" in s and "按顺序说出" in s)
        tmux.keys("Space")
        tmux.wait_for("the points to grade", lambda s: "▸ 1. 人才队伍不完善" in s and "整组" in s)
        tmux.keys("5")
        tmux.wait_for("point 1 graded", lambda s: "1. 人才队伍不完善　5 完美" in s and "▸ 2." in s)
        tmux.keys("Down")
        tmux.wait_for("point 3 highlighted", lambda s: "▸ 3." in s)
        tmux.keys("2")
        tmux.wait_for("two points graded", lambda s: "3. 线上线下未融合　2 困难 → 今天" in s)
        tmux.keys("Space")
        tmux.wait_for("the list back for a repeat", lambda s: "按顺序说出" in s and "整组" not in s)
        tmux.keys("q")
        # Counted as the log, home and stats count: the list's answer and one per point.
        tmux.wait_for("the summary", lambda s: "回答：5 次（1 张卡片）" in s and "列表：1 次，逐点评分 4 个要点" in s)
        tmux.keys("q")
        tmux.wait_for("the home screen", lambda s: DECK in s and "今日回答 5 次" in s)
        tmux.keys("q")
        deadline = time.monotonic() + TIMEOUT_S
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        tmux.run("kill-server", check=False)
    rows, list_id = _answers_since(home, yesterday)
    keys = [f"{p.id}:head" for _, _, p in deck.points()]
    assert rows[0][0].endswith(":list") and rows[0][1:] == (2, None)  # the list: its weakest point's grade
    assert rows[1:] == [(k, g, list_id) for k, g in zip(keys, [5, 4, 2, 4], strict=True)]


@pytest.mark.tmux
def test_keys_typed_ahead_on_a_list_apply_in_order_in_the_real_command(tmp_path: Path) -> None:
    """The last point's 0 and Space sent together, as a learner types them quickly: the 0 grades the
    last point before Space answers the list (Space ran first: the point got 4, and the 0 fell on the
    next card's front)."""
    home, deck, yesterday = _list_learned_yesterday(tmp_path, HEADS4)
    tmux = Tmux(tmp_path / "tmux.sock")
    command = f"TRAINER_HOME={home} TERM=xterm-256color {_trainer_command()}"
    tmux.run("new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command)
    try:
        tmux.wait_for("the home screen with the deck", lambda s: DECK in s)
        tmux.keys(*["Up"] * 8)
        tmux.keys("Enter")
        tmux.wait_for("the list card", lambda s: "共4点" in s and "按顺序说出" in s)
        tmux.keys("Space")
        tmux.wait_for("the points to grade", lambda s: "▸ 1. 人才队伍不完善" in s and "整组" in s)
        for k in (1, 2, 3):
            tmux.keys("5")
            tmux.wait_for(f"point {k} graded", lambda s, k=k: f"{k}. {HEADS4[k - 1]}　5 完美" in s)
        tmux.keys("0", "Space")  # one send-keys: both reach the app at once
        tmux.wait_for("the list back for a repeat", lambda s: "按顺序说出" in s and "整组" not in s)
        assert "先按空格" not in tmux.screen()
        tmux.keys("q")
        tmux.wait_for("the summary", lambda s: "回答：5 次" in s)
    finally:
        tmux.run("kill-server", check=False)
    rows, list_id = _answers_since(home, yesterday)
    keys = [f"{p.id}:head" for _, _, p in deck.points()]
    assert rows[0][0].endswith(":list") and rows[0][1:] == (0, None)
    assert rows[1:] == [(k, g, list_id) for k, g in zip(keys, [5, 5, 5, 0], strict=True)]


def test_typed_mode_and_browse_after_a_bury_in_the_real_command(tmp_path: Path) -> None:
    """Issue 18: Ctrl+T and Ctrl+Z work while typing (t and u are text), and browse opens after a new
    card is buried (it crashed, and the process still exited 0)."""
    assert shutil.which("tmux"), "tmux is required for this test (CI installs it)"
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    heads = ("人才队伍不完善", "权力下放不到位", "线上线下未融合")
    decks.save(make_deck(name=DECK, heads=heads), home / "decks" / "demo.yaml")
    tmux = Tmux(tmp_path / "tmux.sock")
    exit_file = tmp_path / "exit"
    command = f"TRAINER_HOME={home} TERM=xterm-256color {_trainer_command()}; echo $? > {exit_file}"
    tmux.run("new-session", "-d", "-s", "smoke", "-x", "80", "-y", "24", command)
    try:
        tmux.wait_for("the home screen with the synced deck", lambda s: DECK in s and "新卡" in s)
        tmux.keys(*["Up"] * 8)
        tmux.keys("Enter")
        tmux.wait_for("card 1", lambda s: "第1点/共3点" in s and "显示答案" in s)
        tmux.keys("C-t")
        tmux.wait_for("the typed-answer input", lambda s: "输入答案，回车检查" in s and "Ctrl+T 关闭输入" in s)
        tmux.keys("t", "u")  # letters: text in the box, not the mode's keys
        tmux.wait_for("tu typed in the box", lambda s: "tu" in s and "第1点/共3点" in s)
        tmux.keys("C-u")  # the input's own clear-line key
        tmux.wait_for("the box cleared", lambda s: "tu" not in s and "第1点/共3点" in s)
        tmux.run("send-keys", "-t", "smoke", "-l", heads[0])
        tmux.wait_for("the head typed in the box", lambda s: heads[0] in s and "第1点/共3点" in s)
        tmux.keys("Enter")
        tmux.wait_for("the checked answer", lambda s: "答案：" in s and "→ 5" in s)
        tmux.keys("Enter")  # accept the suggested 5
        tmux.wait_for("card 2 in typed mode", lambda s: "第2点/共3点" in s and "Ctrl+T 关闭输入" in s)
        tmux.keys("C-z")  # undo from inside the input
        tmux.wait_for("card 1 again", lambda s: "第1点/共3点" in s and "已撤销" in s)
        tmux.keys("Escape")  # no typing: the answer
        tmux.wait_for("the answer of card 1", lambda s: "答案：" in s and "完全忘记" in s)
        tmux.keys("4")
        tmux.wait_for("card 2", lambda s: "第2点/共3点" in s)
        tmux.keys("C-t")  # typed mode off, from inside the input
        tmux.wait_for("typed mode off", lambda s: "第2点/共3点" in s and "输入答案，回车检查" not in s)
        tmux.keys("-")  # bury a new card
        tmux.wait_for("card 3", lambda s: "第3点/共3点" in s)
        tmux.keys("q")
        tmux.wait_for("the summary", lambda s: "回答：1 次（1 张卡片）" in s)
        tmux.keys("q")
        tmux.wait_for("the home screen", lambda s: "今日回答 1 次" in s)
        tmux.keys("b")
        tmux.wait_for("browse", lambda s: "共 " in s and " 条" in s)
        tmux.keys(*["f"] * 6)  # the state filter: all, new, learning, due, review, suspended, buried
        tmux.wait_for("browse with the buried card", lambda s: "共 1 条" in s and "已搁置" in s and heads[1] in s)
        tmux.keys("Escape")
        tmux.wait_for("the home screen", lambda s: "今日回答 1 次" in s)
        tmux.keys("q")
        deadline = time.monotonic() + TIMEOUT_S
        while not exit_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert exit_file.read_text().strip() == "0", tmux.screen()
    finally:
        tmux.run("kill-server", check=False)
    with sqlite3.connect(home / "trainer.db") as db:
        rows = db.execute("SELECT c.key, r.quality FROM review_log r JOIN cards c ON c.id = r.card_id").fetchall()
        buried = db.execute(
            "SELECT c.key FROM card_state s JOIN cards c ON c.id = s.card_id WHERE s.queue = -2"
        ).fetchall()
    points = make_deck(name=DECK, heads=heads).points()
    assert rows == [(f"{points[0][2].id}:head", 4)]  # the typed 5 was undone; 4 given after
    assert buried == [(f"{points[1][2].id}:head",)]
