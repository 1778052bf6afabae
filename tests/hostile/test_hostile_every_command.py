"""Every command (and `trainer` with no command, the TUI) under a hostile environment: a home that is a
file, a database location that is a text file, a damaged database (read-only and full file systems: test_hostile_environment).
Each either works (exit 0) or says one `trainer: error:` line and exits 2: never a traceback, never
exit 1, and nothing outside the home changes."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Ran, Seeded, assert_one_line_error, tree

# (arguments, with {doc} {deck} {backup} {out} filled in)
COMMANDS = {
    "tui": [],
    "build": ["build", "{doc}", "-o", "{out}/deck.yaml"],
    "sync": ["sync", "{deck}"],
    "deck-list": ["deck", "list"],
    "deck-rename": ["deck", "rename", "测试卡组", "新名字"],
    "deck-remove": ["deck", "remove", "测试卡组"],
    "config-set": ["config", "set", "new-per-day", "10"],
    "config-get": ["config", "get", "new-per-day"],
    "config-list": ["config", "list"],
    "plan": ["plan"],
    "db-replay": ["db", "replay"],
    "leeches": ["leeches"],
    "stats": ["stats"],
    "export": ["export", "--json", "{out}/all.json"],
    "import": ["import", "{out}/rows.csv", "-o", "{out}/imported.yaml"],
    "backup": ["backup"],
    "backup-list": ["backup", "--list"],
    "restore": ["restore", "{backup}"],
}


def _damage(db: Path) -> None:
    """Overwrite every page after the schema page with garbage (the file stays a SQLite file)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    for start in range(page, len(data), page):
        data[start : start + page] = b"\xa5" * min(page, len(data) - start)
    db.write_bytes(bytes(data))


def _home_is_a_file(s: Seeded, mp: pytest.MonkeyPatch, tmp: Path) -> None:
    fake = tmp / "home-file"
    fake.write_text("not a folder")
    mp.setenv("TRAINER_HOME", str(fake))


def _db_is_text(s: Seeded, mp: pytest.MonkeyPatch, tmp: Path) -> None:
    diary = tmp / "diary.db"
    diary.write_text("my diary\n" * 100)
    mp.setenv("TRAINER_DB", f"sqlite:///{diary}")


def _db_damaged(s: Seeded, mp: pytest.MonkeyPatch, tmp: Path) -> None:
    _damage(s.db)


ENVIRONMENTS: dict[str, Callable[[Seeded, pytest.MonkeyPatch, Path], None]] = {
    "home-is-a-file": _home_is_a_file,
    "db-is-a-text-file": _db_is_text,
    "db-damaged": _db_damaged,
}


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_works_or_says_one_line(
    seeded: Seeded, run: Callable[..., Ran], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, env: str
) -> None:
    from trainer.tui import app as tui_app

    out = tmp_path / "out"
    out.mkdir()
    doc = tmp_path / "doc.txt"
    doc.write_text("题目\n一、存在的问题\n1. 人才队伍不完善。说明。\n2. 权力下放不到位。说明。\n", encoding="utf-8")
    (out / "rows.csv").write_text("head,body\n要点甲,说明\n要点乙,说明\n", encoding="utf-8")
    args = [a.format(doc=doc, deck=seeded.deck_file, backup=seeded.backup, out=out) for a in COMMANDS[command]]
    ENVIRONMENTS[env](seeded, monkeypatch, tmp_path)
    # The TUI itself is not run here (no terminal): an app that gets as far as running stops at once,
    # recording no failure; what is checked is everything before it (opening the store, the backup).
    monkeypatch.setattr(tui_app.TrainerApp, "run", lambda self, *a, **k: None)
    outside = tree(doc, seeded.backup)
    ran = run(*args)
    assert ran.code in (0, 2), (ran.code, ran.err)
    if ran.code == 2:
        assert_one_line_error(ran)
    else:
        assert "Traceback" not in ran.err
    assert tree(doc, seeded.backup) == outside  # inputs untouched


def test_folders_trainer_creates_are_private_whatever_the_umask(
    tmp_path: Path, run: Callable[..., Ran], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home several folders deep and a CSV export into new nested folders: every folder trainer makes
    is 0700 (`mkdir(parents=True)` gave the new parents the umask's 0755), every file 0600."""
    home = tmp_path / "a" / "b" / "home"
    monkeypatch.setenv("TRAINER_HOME", str(home))
    doc = tmp_path / "doc.txt"
    doc.write_text("题目\n一、存在的问题\n1. 人才队伍不完善。说明。\n2. 权力下放不到位。说明。\n", encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert run("build", doc).code in (0,)
        assert run("sync").code == 0
        ran = run("export", "--csv", tmp_path / "x" / "y" / "csv", "--json", tmp_path / "all.json")
        assert ran.code == 0, ran.err
    finally:
        os.umask(old)
    made = [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "x", tmp_path / "x" / "y"]
    made += [p for root in (tmp_path / "a", tmp_path / "x") for p in root.rglob("*")]
    made.append(tmp_path / "all.json")
    loose = sorted(f"{p} {stat.S_IMODE(p.stat().st_mode):o}" for p in made if stat.S_IMODE(p.stat().st_mode) & 0o077)
    assert loose == []


def _odd_config_fifo(home: Path) -> None:
    (home / "config.yaml").unlink(missing_ok=True)
    os.mkfifo(home / "config.yaml")


def _odd_config_huge(home: Path) -> None:
    (home / "config.yaml").write_text("# " + "x" * 2_000_000 + "\n")


def _odd_tmp_file(home: Path) -> None:
    (home / "tmp").mkdir(exist_ok=True)
    (home / "tmp").rmdir()
    (home / "tmp").write_text("not a folder")


def _odd_tmp_fifo(home: Path) -> None:
    (home / "tmp").mkdir(exist_ok=True)
    (home / "tmp").rmdir()
    os.mkfifo(home / "tmp")


ODD_HOMES = {
    "config-is-a-fifo": _odd_config_fifo,
    "config-is-huge": _odd_config_huge,
    "scratch-is-a-file": _odd_tmp_file,
    "scratch-is-a-fifo": _odd_tmp_fifo,
}
ODD_COMMANDS = {
    "stats": ["stats"],
    "import": ["import", "{pkg}"],
    "export-apkg": ["export", "--apkg", "{out}/all.apkg"],
    "export-json": ["export", "--json", "{out}/all.json"],
    "build": ["build", "{doc}", "-o", "{out}/deck.yaml"],
    "restore": ["restore", "{backup}"],
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(ODD_COMMANDS))
@pytest.mark.parametrize("odd", list(ODD_HOMES))
def test_odd_things_in_the_home_never_hang_or_crash_a_command(
    seeded: Seeded, tmp_path: Path, odd: str, command: str
) -> None:
    """A config that is a FIFO hung every command for good; a scratch folder that is a file ended an
    import with "unexpected NotADirectoryError (a bug)". Real processes, so a hang is a timeout."""
    from tests.hostile.conftest import make_apkg, run_process

    out = tmp_path / "out"
    out.mkdir()
    doc = tmp_path / "doc.txt"
    doc.write_text("题目\n一、存在的问题\n1. 人才队伍不完善。说明。\n2. 权力下放不到位。说明。\n", encoding="utf-8")
    pkg = make_apkg(tmp_path / "p.apkg", [("卡组", ["要点甲", "说明"]), ("卡组", ["要点乙", "说明"])])
    ODD_HOMES[odd](seeded.home)
    args = [a.format(pkg=pkg, out=out, doc=doc, backup=seeded.backup) for a in ODD_COMMANDS[command]]
    ran = run_process(args, seeded.home, timeout=60)
    assert "a bug" not in ran.err, ran.err
    if ran.code != 0:
        assert_one_line_error(ran)
    if odd.startswith("config") and command == "stats":  # a command that reads the settings says so
        assert_one_line_error(ran, "config")


@pytest.mark.parametrize("odd", ["fifo", "folder"])
@pytest.mark.parametrize("command", ["stats", "sync"])
def test_a_database_location_that_is_not_a_file_is_named_as_such(tmp_path: Path, odd: str, command: str) -> None:
    """TRAINER_DB naming a FIFO (or a folder) said "disk I/O error"; now the one line says what is wrong."""
    from tests.hostile.conftest import run_process

    home = tmp_path / "home"
    home.mkdir()
    where = tmp_path / "trainer.db"
    os.mkfifo(where) if odd == "fifo" else where.mkdir()
    ran = run_process([command], home, timeout=60, env={"TRAINER_DB": f"sqlite:///{where}"})
    assert ran.code == 2
    assert_one_line_error(ran, "not a regular file")
    assert str(where) in ran.err
    assert stat.S_ISFIFO(where.stat().st_mode) if odd == "fifo" else where.is_dir()
