"""Signals at seeded random moments during every writing command (import, export, backup, restore, sync,
build, in-app edit): the database passes integrity_check and `trainer db replay` matches, inputs are
untouched, the named output is absent or whole, SIGTERM leaves no temp file, and what SIGKILL leaves
(in TRAINER_HOME, or beside an output) is gone after the next start.

TRAINER_SIGNAL_RUNS (default 3 per command and signal) and TRAINER_SIGNAL_SEED change the runs and seed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from tests.hostile.conftest import ROOT, answer_some, assert_private, integrity, make_apkg, seed_deck, spawn, tree
from trainer import cli
from trainer.deckfile import decks

RUNS = int(os.environ.get("TRAINER_SIGNAL_RUNS", "3"))
SEED = int(os.environ.get("TRAINER_SIGNAL_SEED", "20261206"))
HEADS = tuple(f"要点{i:04d}" for i in range(1500))
pytestmark = pytest.mark.slow


@dataclass
class Job:
    """A writing command: its arguments, its inputs (never changed) and its output (absent or whole)."""

    args: list[str | Path]
    inputs: list[Path]
    output: Path | None
    whole: Callable[[Path], bool]


def _json_whole(p: Path) -> bool:
    return json.loads(p.read_text(encoding="utf-8"))["format"] == "trainer-export"


def _zip_whole(p: Path) -> bool:
    with zipfile.ZipFile(p) as z:
        return z.testzip() is None


def _deck_whole(p: Path) -> bool:
    return bool(decks.load(p).points())


def _db_whole(p: Path) -> bool:
    return integrity(p) == ["ok"]


def _csv_whole(folder: Path) -> bool:
    cards, reviews = folder / "cards.csv", folder / "reviews.csv"
    return all(not p.exists() or p.read_bytes().endswith(b"\r\n") for p in (cards, reviews))


def _jobs(home: Path, work: Path) -> dict[str, Job]:
    doc = work / "doc.txt"
    pkg = work / "hist.apkg"
    backups = sorted((home / "backups").glob("*-manual.db"))
    big = work / "big.yaml"
    return {
        "export-json": Job(["export", "--json", work / "out.json"], [], work / "out.json", _json_whole),
        "export-apkg": Job(["export", "--apkg", work / "out.apkg"], [], work / "out.apkg", _zip_whole),
        "export-csv": Job(["export", "--csv", work / "csv"], [], work / "csv", _csv_whole),
        "backup": Job(["backup"], [], None, _db_whole),
        "restore": Job(["restore", backups[0]], [backups[0]], None, _db_whole),
        "sync": Job(["sync", big], [big], None, _db_whole),
        "build": Job(["build", doc, "-o", work / "built.yaml"], [doc], work / "built.yaml", _deck_whole),
        "import": Job(["import", pkg], [pkg], home / "decks" / "历史.yaml", _deck_whole),
        "edit": Job([], [home / "decks" / "mine.yaml"], None, _db_whole),
    }


@pytest.fixture
def big_home(home: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A home with a 1500-point deck synced, answers and a backup; work files beside it."""
    from trainer.services.database import backup_now, open_default_store
    from trainer.services.library import sync_files

    home.mkdir(mode=0o700)
    (home / "decks").mkdir(mode=0o700)
    deck_file = home / "decks" / "mine.yaml"
    decks.save(seed_deck(heads=HEADS), deck_file)
    engine = open_default_store(daily_backup=False)
    sync_files(engine, [deck_file], now=FIXED_NOW)
    engine.dispose()
    answer_some(f"sqlite:///{home / 'trainer.db'}", 20)
    backup_now()
    work = tmp_path / "work"
    work.mkdir()
    lines = "".join(f"{i}. 要点{i}。说明{i}，便民服务中心人员紧缺。\n" for i in range(1, 800))
    (work / "doc.txt").write_text("优化营商环境\n一、存在的问题\n" + lines, encoding="utf-8")
    notes = [("历史", [f"历史要点{i}", "说明"]) for i in range(300)]
    make_apkg(work / "hist.apkg", notes, revlog=5)
    decks.save(seed_deck("大卡组", tuple(f"大要点{i:04d}" for i in range(3000))), work / "big.yaml")
    return home, work


def _start(job: Job, name: str, home: Path):
    if name == "edit":
        pid = seed_deck(heads=HEADS).points()[0][2].id
        env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
        env["TRAINER_HOME"] = str(home)
        return subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("edit_worker.py")), pid, f"改过的要点{random.random()}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )
    return spawn(job.args, home)


def _temp_files(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if ".tmp" in p.name or p.name == "tmp"]


@pytest.mark.parametrize(
    "name", ["export-json", "export-apkg", "export-csv", "backup", "restore", "sync", "build", "import", "edit"]
)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["TERM", "KILL"])
def test_a_signal_at_a_random_moment_loses_and_leaves_nothing(
    big_home: tuple[Path, Path], name: str, signum: int, capsys: pytest.CaptureFixture[str]
) -> None:
    home, work = big_home
    rng = random.Random(f"{SEED}-{name}-{signum}")
    job = _jobs(home, work)[name]
    # How long the command takes here, undisturbed (then put back as it was).
    started = time.monotonic()
    proc = _start(job, name, home)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    took = time.monotonic() - started
    for run in range(RUNS):
        if name == "import":  # the import runs again from the start; its history is kept (nothing doubled)
            for p in (home / "decks").glob("历史*.yaml"):
                p.unlink()
        inputs = {p: p.read_bytes() for p in job.inputs if p.is_file() and name != "edit"}
        proc = _start(job, name, home)
        time.sleep(rng.uniform(0.0, took * 1.1))
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        # The learner's data: sound, and every schedule what the log gives.
        assert integrity(home / "trainer.db") == ["ok"], f"{name} run {run}"
        capsys.readouterr()
        assert cli.main(["db", "replay"]) == 0, capsys.readouterr()
        for p, data in inputs.items():
            assert p.read_bytes() == data, f"{name} changed its input {p}"
        if job.output is not None and job.output.exists():
            assert job.whole(job.output), f"{name}: half an output after {signal.Signals(signum).name}"
        if name == "edit":
            assert decks.load(home / "decks" / "mine.yaml").points()  # the deck file: old or new, whole
        for backup in (home / "backups").glob("*.db"):
            assert integrity(backup) == ["ok"], backup
        if signum == signal.SIGTERM:
            assert _temp_files(home / "decks", home / "backups", work) == [], name
        else:  # what a kill left is removed at the next start (once it is stale)
            for p in _temp_files(home):
                os.utime(p, (1_000_000_000, 1_000_000_000))
            assert cli.main(["leeches"]) == 0
            assert [p for p in _temp_files(home) if p.name != "tmp"] == [], name
            assert _temp_files(work) == [], name  # nothing beside a named output either
    assert_private(home)
    capsys.readouterr()
    assert sqlite3.connect(home / "trainer.db").execute("SELECT count(*) FROM review_log").fetchone()[0] >= 20
    assert tree(home)  # still a home
