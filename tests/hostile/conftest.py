"""The hostile-input suite's tools: a seeded TRAINER_HOME (a deck, answers, a backup), snapshots of a
tree (every file's hash and mode) to prove nothing outside the named output changed, the CLI run in
process or as a real process, and the database checks after a crash (integrity_check, db replay)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from trainer import cli
from trainer.core.model import Deck
from trainer.deckfile import decks
from trainer.services.config import Settings

ROOT = Path(__file__).resolve().parents[2]
# The four heads of the issue: a terminal title change (OSC), and Rich markup that would style, crash
# (`[/bold]` closes nothing) or link a local file.
INJECTIONS = ["\x1b]0;pwned\x07题头", "[bold]加粗[/bold]", "[/bold]闭合", "[link=file:///etc/passwd]x[/link]"]
INJECTION_IDS = ["osc-title", "bold", "close-tag", "link"]


@dataclass(frozen=True)
class Ran:
    """One CLI run: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Seeded:
    """A TRAINER_HOME with a synced deck file, answers in the log and one manual backup."""

    home: Path
    deck_file: Path
    db: Path
    backup: Path


Tree = dict[str, tuple[str, int]]


def tree(*roots: Path) -> Tree:
    """Every file under `roots` (relative name -> (sha256, mode)); folders by mode alone."""
    found: Tree = {}
    for root in roots:
        if not root.exists():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames:
                p = Path(dirpath, name)
                found[str(p)] = ("dir", stat.S_IMODE(p.lstat().st_mode))
            for name in filenames:
                p = Path(dirpath, name)
                st = p.lstat()
                digest = hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else "special"
                found[str(p)] = (digest, stat.S_IMODE(st.st_mode))
    return found


def changed(before: Tree, after: Tree) -> set[str]:
    """Files added, removed or changed between two snapshots."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def stray(before: Tree, after: Tree, home: Path) -> set[str]:
    """`changed`, less what any start may touch: the live database's -wal/-shm (SQLite creates and
    checkpoints them) and trainer's empty private scratch folder `tmp/`."""
    db = home / "trainer.db"
    allowed = {f"{db}-wal", f"{db}-shm"}
    scratch = home / "tmp"
    if after.get(str(scratch), ("", 0))[0] == "dir" and not any(k.startswith(f"{scratch}/") for k in after):
        allowed.add(str(scratch))
    return changed(before, after) - allowed


def db_content(db: Path) -> list[tuple[object, ...]]:
    """The learner's data in a database: every review and card state (the bytes may be checkpointed)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT * FROM review_log ORDER BY id").fetchall()
        rows += con.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
        rows += con.execute("SELECT id, key, retired FROM cards ORDER BY id").fetchall()
    finally:
        con.close()
    return rows


def integrity(db: Path) -> list[str]:
    """`PRAGMA integrity_check`'s rows, or the error a page too damaged to check gives."""
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [f"error: {exc}"]
    finally:
        con.close()


def assert_one_line_error(ran: Ran, *words: str) -> None:
    """Exit 2, one `trainer: error:` line on stderr holding `words`, no traceback, no control codes."""
    assert ran.code == 2, (ran.code, ran.out, ran.err)
    lines = [ln for ln in ran.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("trainer: error:"), ran.err
    assert "Traceback" not in ran.err
    assert "\x1b" not in ran.err and "\x07" not in ran.err
    for word in words:
        assert word in ran.err, (word, ran.err)


def assert_private(home: Path) -> None:
    """No file or folder under `home` is readable by group or others."""
    loose = [str(p) for p in [home, *home.rglob("*")] if p.exists() and stat.S_IMODE(p.lstat().st_mode) & 0o077]
    assert not loose, loose


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Ran]:
    """Run `trainer ARGS` in this process (so a traceback fails the test), capturing its output."""

    def _run(*args: str | Path) -> Ran:
        capsys.readouterr()
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return _run


def spawn(args: Iterable[str | Path], env_home: Path, **kw: object) -> subprocess.Popen[str]:
    """`trainer ARGS` as its own process with TRAINER_HOME = `env_home`."""
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
    env["TRAINER_HOME"] = str(env_home)
    env.update(kw.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.Popen(
        [sys.executable, "-c", "import sys; from trainer.cli import main; sys.exit(main())", *map(str, args)],
        stdout=kw.pop("stdout", subprocess.PIPE),
        stderr=kw.pop("stderr", subprocess.PIPE),
        env=env,
        cwd=ROOT,
        text=True,
        **kw,  # type: ignore[arg-type]
    )


def run_process(args: Iterable[str | Path], env_home: Path, timeout: float = 60, **kw: object) -> Ran:
    proc = spawn(args, env_home, **kw)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"trainer {' '.join(map(str, args))} still running after {timeout} s")
    return Ran(proc.returncode, out, err)


def seed_deck(
    name: str = "测试卡组", heads: tuple[str, ...] = ("人才队伍不完善", "权力下放不到位", "线上线下未融合")
) -> Deck:
    return make_deck(name, heads)


def answer_some(db_url: str, count: int = 3) -> int:
    """Answer up to `count` of the day's cards through the study session; returns how many."""
    from trainer.services.study import StudySession
    from trainer.store import open_store

    engine = open_store(db_url)
    try:
        clock = iter(FIXED_NOW + timedelta(seconds=30 * i) for i in range(1000))
        session = StudySession.start(engine, [1], Settings(zone=SHANGHAI), lambda: next(clock))
        n = 0
        while n < count and session.current() is not None:
            session.answer(4 if n % 2 else 2, duration_ms=5000)
            n += 1
        return n
    finally:
        engine.dispose()


@pytest.fixture
def seeded(home: Path) -> Seeded:
    """A home with `decks/mine.yaml` synced, three answers, and a manual backup."""
    from trainer.services.database import backup_now, backup_today, open_default_store
    from trainer.services.library import sync_files

    deck_file = home / "decks" / "mine.yaml"
    home.mkdir(mode=0o700)
    deck_file.parent.mkdir(mode=0o700)
    decks.save(seed_deck(), deck_file)
    engine = open_default_store(daily_backup=False)
    sync_files(engine, [deck_file], now=FIXED_NOW)
    engine.dispose()
    db = home / "trainer.db"
    assert answer_some(f"sqlite:///{db}") == 3
    backup = backup_now()
    backup_today()  # today's daily backup exists, so later commands add no file of their own
    return Seeded(home=home, deck_file=deck_file, db=db, backup=backup)


def replay_ok(run: Callable[..., Ran]) -> None:
    ran = run("db", "replay")
    assert ran.code == 0, ran.out + ran.err


def write_collection(path: Path, notes: list[tuple[str, list[str]]], *, revlog: int = 0) -> None:
    """A legacy Anki collection (`collection.anki2` schema, enough for the importer): Basic notes
    (deck name, fields), and `revlog` answers on the first card."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE col (id INTEGER PRIMARY KEY, models TEXT, decks TEXT, conf TEXT);
        CREATE TABLE notes (id INTEGER PRIMARY KEY, mid INTEGER, flds TEXT, tags TEXT);
        CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER);
        CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, usn INTEGER, ease INTEGER, ivl INTEGER,
                             lastIvl INTEGER, factor INTEGER, time INTEGER, type INTEGER);
        """
    )
    names = sorted({d for d, _ in notes})
    deck_ids = {d: 100 + i for i, d in enumerate(names)}
    models = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}}
    con.execute(
        "INSERT INTO col VALUES (1, ?, ?, ?)",
        (json.dumps(models), json.dumps({str(i): {"name": d} for d, i in deck_ids.items()}), json.dumps({})),
    )
    for n, (deck, fields) in enumerate(notes, 1):
        con.execute("INSERT INTO notes VALUES (?, 1, ?, '')", (n, "\x1f".join(fields)))
        con.execute("INSERT INTO cards VALUES (?, ?, ?, 0)", (1000 + n, n, deck_ids[deck]))
    at = int(FIXED_NOW.timestamp() * 1000) - 10 * 86_400_000
    for k in range(revlog):
        con.execute("INSERT INTO revlog VALUES (?, 1001, -1, 3, 1, 0, 2500, 6000, 1)", (at + k * 86_400_000,))
    con.commit()
    con.close()


def make_apkg(path: Path, notes: list[tuple[str, list[str]]], *, revlog: int = 0) -> Path:
    """An .apkg holding `write_collection`'s collection."""
    col = path.with_suffix(".anki2")
    write_collection(col, notes, revlog=revlog)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(col, "collection.anki2")
        z.writestr("media", "{}")
    col.unlink()
    return path
