"""SIGKILL in the middle of writing a named output (export, build -o, backup, restore) leaves nothing in
the output's folder: the named output is the old file or the whole new one, and the temp file is in
trainer's scratch folder (or, on another file system, beside the output with a note), removed at the
next start.

The kill comes at a fixed moment: the writer is stopped inside the temp file's block, after part of the
new content is written, by a worker process that kills itself.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT, Seeded, assert_private, integrity, replay_ok, stray, tree

pytestmark = pytest.mark.slow

# A worker: the named trainer command, killed (SIGKILL) as soon as its output's temp file holds data.
# `beside` makes trainer believe its scratch folder is on another file system than the output.
_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    from trainer.deckfile import staging
    from trainer.cli import main

    beside = sys.argv[1] == "beside"
    if beside:
        staging._same_device = lambda a, b: False
    real = staging.staged.__wrapped__

    def killed(path, **kw):
        gen = real(path, **kw)
        tmp = next(gen)
        yield tmp
        # The body wrote the new content; the kill comes before the rename.
        assert tmp.stat().st_size > 0
        os.kill(os.getpid(), signal.SIGKILL)

    staging.staged = staging.contextlib.contextmanager(killed)
    for name in ("trainer.deckfile.fsutil", "trainer.exchange.apkg"):
        module = sys.modules.get(name) or __import__(name, fromlist=["x"])
        module.staged = staging.staged
    sys.exit(main(sys.argv[2:]))
    """
)


def _killed(home: Path, where: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
    env["TRAINER_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", _WORKER, where, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def cards_csv_header() -> bytes:
    from trainer.exchange.csvjson import CARD_COLUMNS, _csv_bytes

    return _csv_bytes(CARD_COLUMNS, [])


def _old_apkg() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("collection.anki2", b"an old export")
    return buf.getvalue()


def _temps(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if ".tmp" in p.name or p.name.startswith("pending-")]


@pytest.mark.parametrize("where", ["scratch", "beside"])
@pytest.mark.parametrize("command", ["json", "csv", "apkg", "build"])
def test_a_kill_mid_write_leaves_the_old_output_and_no_temp_file_after_the_next_start(
    seeded: Seeded, tmp_path: Path, run, command: str, where: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "优化营商环境\n一、存在的问题\n1. 人才队伍不完善。说明。\n2. 权力下放不到位。说明。\n", encoding="utf-8"
    )
    target, args = {
        "json": (out / "all.json", ["export", "--json", out / "all.json"]),
        "csv": (out / "cards.csv", ["export", "--csv", out]),
        "apkg": (out / "all.apkg", ["export", "--apkg", out / "all.apkg"]),
        "build": (out / "built.yaml", ["build", doc, "-o", out / "built.yaml"]),
    }[command]
    # The old output is an earlier one of its kind: an export replaces nothing else (a learner's notes).
    old = {
        "build": b"deck: old\n",
        "json": b'{\n "format": "trainer-export",\n "version": 1\n}\n',
        "csv": cards_csv_header(),
        "apkg": _old_apkg(),
    }[command]
    target.write_bytes(old)
    os.chmod(target, 0o640)
    before_out, before_home = tree(out, doc), tree(seeded.home)

    done = _killed(seeded.home, where, *args)
    assert done.returncode == -9, done.stderr
    assert target.read_bytes() == old  # the old file, whole: the kill came before the rename
    left = _temps(out)
    if where == "scratch":
        assert left == []  # nothing beside the output, ever
    else:
        assert len(left) == 1 and left[0].parent == out and left[0].name.startswith(f".{target.name}.")
        assert (left[0].stat().st_mode & 0o077) == 0  # a private copy, even half-written

    ran = run("leeches")  # the next start: the writer is gone, its leftovers go (however young)
    assert ran.code == 0, ran.err
    for p in _temps(seeded.home / "tmp"):  # what sits in the scratch folder goes once stale
        os.utime(p, (1_000_000_000, 1_000_000_000))
    assert run("leeches").code == 0
    assert _temps(out, seeded.home) == []
    assert tree(out, doc) == before_out
    assert not stray(before_home, tree(seeded.home), seeded.home)
    assert integrity(seeded.db) == ["ok"]
    replay_ok(run)
    assert_private(seeded.home)


def test_a_note_never_removes_a_file_that_is_not_a_trainer_temp_file(seeded: Seeded, tmp_path: Path, run) -> None:
    """A note written by hand (or a damaged one) naming a learner's file: the file stays."""
    mine = tmp_path / "notes.txt"
    mine.write_text("mine")
    scratch = seeded.home / "tmp"
    scratch.mkdir(mode=0o700, exist_ok=True)
    (scratch / "pending-999999999-aa").write_text(str(mine))
    (scratch / "pending-999999998-bb").write_bytes(b"\xff\xfe")
    assert run("leeches").code == 0
    assert mine.read_text() == "mine"
    assert not (scratch / "pending-999999999-aa").exists()


def test_a_restore_killed_between_its_two_folder_renames_keeps_the_decks_folder(seeded: Seeded, run) -> None:
    """`restore` swaps the decks folder by two renames; a kill between them left no `decks/` at all."""
    decks = seeded.home / "decks"
    before = tree(decks)
    os.rename(decks, seeded.home / "decks.before-restore")  # the state the kill leaves
    assert run("leeches").code == 0
    assert tree(decks) == {k: v for k, v in before.items()}
    assert not (seeded.home / "decks.before-restore").exists()
    replay_ok(run)


def test_a_backup_killed_mid_copy_leaves_nothing_in_the_backups_folder_and_its_temp_file_goes_at_the_next_start(
    seeded: Seeded, run
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
    env["TRAINER_HOME"] = str(seeded.home)
    code = textwrap.dedent(
        """
        import os, signal, sys
        from trainer.store import snapshots
        real = snapshots._connect
        class Killed:
            def __init__(self, con): self.con = con
            def backup(self, target):
                self.con.backup(target, pages=1)
                os.kill(os.getpid(), signal.SIGKILL)
        def connect(path, what):
            con = real(path, what)
            return Killed(con) if what == "database" else con
        snapshots._connect = connect
        from trainer.cli import main
        sys.exit(main(["backup"]))
        """
    )
    before = tree(seeded.home / "backups")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == -9, done.stderr
    assert _temps(seeded.home / "backups") == []  # the half copy is in the scratch folder, not here
    assert _temps(seeded.home / "tmp")
    for p in _temps(seeded.home):
        os.utime(p, (1_000_000_000, 1_000_000_000))
    assert run("leeches").code == 0
    assert _temps(seeded.home) == []
    assert tree(seeded.home / "backups") == before
    for b in (seeded.home / "backups").glob("*.db"):
        assert integrity(b) == ["ok"]
    replay_ok(run)


def test_a_young_temp_file_goes_at_the_next_start_once_its_writer_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill during a start-up backup leaves a temp file minutes old: the name says who wrote it, so the
    next start removes it at once when that process is gone, and keeps it while its writer runs."""
    from trainer.deckfile.staging import temp_name
    from trainer.services.leftovers import clean_leftovers

    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("TRAINER_HOME", str(home))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    ours = home / "tmp" / temp_name(Path("trainer-daily.db"))  # written by this (running) process
    theirs = home / "tmp" / ours.name.replace(f".{os.getpid()}-", f".{dead_pid}-")
    unnamed = home / "tmp" / ".trainer-daily.db.0123456789ab.tmp"  # an older name: no writer in it
    for p in (ours, theirs, unnamed):
        p.write_bytes(b"half a copy")
    removed = clean_leftovers()
    assert removed == [theirs]
    assert ours.exists() and unnamed.exists() and not theirs.exists()
