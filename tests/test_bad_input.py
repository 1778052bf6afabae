"""Bad input through the command line: one clear message naming the file (and line), exit 2, no
traceback, and nothing written or half-written. Documents, decks and databases."""

from __future__ import annotations

import dataclasses
import errno
import os
import pathlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from trainer.cli import main
from trainer.store.handle import Store

DOC = "一、存在的问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。审批事项多。\n"
GOOD_DECK = """\
deck: 好卡组
topics:
  - title: 优化基层政企服务
    sections:
      - kind: problems
        heading: 存在的问题
        points:
          - head: 人才队伍不完善
            body: 便民服务中心人员紧缺。
"""


def fails(argv: list[str], capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    """Run the CLI in-process; it must exit 2 with one `trainer: error:` line holding every needle."""
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    assert err.startswith("trainer: error: "), err
    assert err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


def run_cli(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real `trainer` command in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# -- documents ------------------------------------------------------------------------------------


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def _big_text(tmp: Path) -> Path:
    path = tmp / "big.txt"
    line = ("1. 加强组织领导。" + "完善制度建设" * 20 + "\n").encode()
    with path.open("wb") as fh:
        for _ in range(20_000_000 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size >= 20_000_000
    return path


BAD_DOCUMENTS = {
    "empty": (lambda t: _write(t, "empty.txt", b""), "the document is empty", None),
    "whitespace": (lambda t: _write(t, "blank.txt", " \n\t\r\n\u3000 \n".encode()), "the document is empty", None),
    "png": (lambda t: _write(t, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "PNG image", None),
    "20 MB": (_big_text, "documents to build from over 2 MB are refused", None),
    "mixed encodings": (
        lambda t: _write(t, "mixed.txt", DOC.encode("utf-8") + "3. 线上线下未融合。\n".encode("gbk")),
        "mixed encodings",
        4,
    ),
    "100k-character line": (lambda t: _write(t, "line.txt", ("字" * 100_000).encode()), "no numbered points", None),
    "furniture only": (
        lambda t: _write(t, "noise.txt", "当前位置 首页 > 公文范文 >\n发布时间:2023-06-15 浏览数:\n".encode()),
        "no numbered points",
        None,
    ),
    "directory": (lambda t: (t / "folder.txt").mkdir() or t / "folder.txt", "is a directory", None),
    "missing": (lambda t: t / "nowhere.txt", "no such file", None),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_bad_document_is_refused_and_no_deck_is_written(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, needle, line = BAD_DOCUMENTS[case]
    doc = make(tmp_path)
    out = tmp_path / "out" / "deck.yaml"
    out.parent.mkdir()
    where = f"{doc}:{line}:" if line else f"{doc}:"
    fails(["build", str(doc), "-o", str(out)], capsys, where, needle)
    assert files_in(out.parent) == set()


def test_one_bad_document_among_good_ones_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.txt", DOC.encode())
    bad = _write(tmp_path, "bad.txt", b"")
    out = tmp_path / "deck.yaml"
    out.write_text(GOOD_DECK, encoding="utf-8")  # the learner's deck from an earlier build
    fails(["build", str(good), str(bad), "-o", str(out)], capsys, str(bad))
    assert out.read_text(encoding="utf-8") == GOOD_DECK


def test_unreadable_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _write(tmp_path, "secret.txt", DOC.encode())
    if os.geteuid() == 0:
        # root reads a 000 file anyway: make opening it fail the way it does for a normal user.
        real_open = pathlib.Path.open

        def open_(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if self == doc:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pathlib.Path, "open", open_)
    else:
        doc.chmod(0)
    try:
        fails(["build", str(doc), "-o", str(tmp_path / "deck.yaml")], capsys, str(doc), "permission denied")
    finally:
        doc.chmod(0o600)
    assert not (tmp_path / "deck.yaml").exists()


HARD_BUT_VALID = {
    "gbk without declaration": DOC.encode("gbk"),
    "gb18030": DOC.encode("gb18030"),
    "utf-16 with BOM": DOC.encode("utf-16"),
    "utf-16-le without BOM": DOC.encode("utf-16-le"),
    "utf-8 with BOM": DOC.encode("utf-8-sig"),
    "100k-character body line": (DOC + "3. 线上线下未融合。" + "说明" * 50_000 + "\n").encode(),
}


@pytest.mark.parametrize("case", list(HARD_BUT_VALID), ids=list(HARD_BUT_VALID))
def test_documents_in_other_encodings_build(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from trainer.deckfile import decks

    doc = _write(tmp_path, "doc.txt", HARD_BUT_VALID[case])
    out = tmp_path / "deck.yaml"
    assert main(["build", str(doc), "-o", str(out)]) == 0
    heads = [p.head for _, _, p in decks.load(out).points()]
    assert heads[:2] == ["人才队伍不完善", "权力下放不到位"]


@pytest.mark.slow
def test_bad_documents_in_a_real_process(tmp_path: Path) -> None:
    png = _write(tmp_path, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    for doc, needle in ((png, "PNG image"), (tmp_path / "nowhere.txt", "no such file")):
        r = run_cli("build", str(doc), "-o", str(tmp_path / "deck.yaml"), cwd=tmp_path)
        assert r.returncode == 2, r
        assert "Traceback" not in r.stderr
        assert r.stderr.startswith(f"trainer: error: {doc}: ") and needle in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1
    assert not (tmp_path / "deck.yaml").exists()


# -- decks --------------------------------------------------------------------------------------

BAD_DECKS = {
    "invalid yaml": ("deck: x\ntopics: [\n  - title: a\n", "invalid YAML", 3),
    "wrong shape": ("- 1\n- 2\n", "a deck must be a mapping", 1),
    "topics not a list": ("deck: x\ntopics: 3\n", "needs `topics`", 1),
    "missing head": (
        GOOD_DECK.replace("          - head: 人才队伍不完善\n            body", "          - body"),
        "needs `head`",
        8,
    ),
    "duplicate ids": (
        GOOD_DECK + "          - {id: p1, head: 甲}\n          - {id: p1, head: 乙}\n",
        "duplicate point id 'p1' (first used at line 10)",
        11,
    ),
    "unknown kind": (GOOD_DECK.replace("kind: problems", "kind: 存在的问题"), "unknown section kind", 5),
    "python object tag": (
        "deck: !!python/object/apply:os.system ['touch pwned']\ntopics: []\n",
        "could not determine a constructor",
        1,
    ),
    "python name tag": ("deck: !!python/name:os.system\ntopics: []\n", "could not determine a constructor", 1),
    "not utf-8": (None, "deck files must be UTF-8", None),
}


def _db_snapshot(home: Path) -> dict[str, list[tuple[object, ...]]]:
    db = home / "trainer.db"
    if not db.exists():
        return {}
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in ("decks", "cards", "card_state", "review_log")}
    finally:
        conn.close()


@pytest.mark.parametrize("case", list(BAD_DECKS), ids=list(BAD_DECKS))
def test_bad_deck_is_refused_and_the_database_is_untouched(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], _isolated_home: Path
) -> None:
    text, needle, line = BAD_DECKS[case]
    good = tmp_path / "a_good.yaml"
    good.write_text(GOOD_DECK.replace("好卡组", "另一个"), encoding="utf-8")
    bad = tmp_path / "b_bad.yaml"
    if text is None:
        bad.write_bytes(GOOD_DECK.encode("gbk"))
    else:
        bad.write_text(text, encoding="utf-8")
    assert main(["stats", "--json"]) == 0
    before = _db_snapshot(_isolated_home)
    where = f"{bad}:{line}:" if line else f"{bad}:"
    # The good deck comes first: a bad deck anywhere in the list means nothing is synced.
    fails(["sync", str(good), str(bad)], capsys, where, needle)
    assert _db_snapshot(_isolated_home) == before
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_ten_megabyte_deck_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], _isolated_home: Path
) -> None:
    deck = tmp_path / "huge.yaml"
    with deck.open("w", encoding="utf-8") as fh:
        fh.write(GOOD_DECK)
        for i in range(10_000_000 // 60):
            fh.write(f"          - head: 第{i}条要点\n            body: 便民服务中心人员紧缺。\n")
    assert deck.stat().st_size >= 10_000_000
    fails(["sync", str(deck)], capsys, str(deck), "files over 5 MB are refused")
    assert _db_snapshot(_isolated_home).get("decks", []) == []


@pytest.mark.slow
def test_bad_deck_in_a_real_process(tmp_path: Path, _isolated_home: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: !!python/object/apply:os.system ['touch pwned']\ntopics: []\n", encoding="utf-8")
    r = run_cli("sync", str(bad), cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r
    assert r.stderr.startswith(f"trainer: error: {bad}:1: invalid YAML"), r.stderr
    assert not (tmp_path / "pwned").exists()


# -- databases ----------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database(_isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _isolated_home.mkdir(parents=True)
    db = _isolated_home / "trainer.db"
    db.write_bytes(b"my shopping list\n" * 100)
    for argv in (["stats"], ["sync", str(Path(__file__).parents[1] / "decks")], ["db", "replay"], ["backup"]):
        fails(argv, capsys, str(db))
    assert db.read_bytes() == b"my shopping list\n" * 100
    r = run_cli()  # the review app itself refuses to start on it
    assert r.returncode == 2 and "Traceback" not in r.stderr, r
    assert r.stderr.startswith(f"trainer: error: {db}: not a trainer database"), r.stderr


def test_a_newer_schema_is_refused_not_downgraded(_isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    db = _isolated_home / "trainer.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.execute("CREATE TABLE from_the_future (x INTEGER)")
    conn.commit()
    conn.close()
    fails(["sync", str(Path(__file__).parents[1] / "decks")], capsys, str(db), "newer than this trainer", "'0999'")
    r = run_cli("stats")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "newer than this trainer" in r.stderr, r
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0999",)]
    assert conn.execute("SELECT count(*) FROM from_the_future").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM decks").fetchone() == (0,)
    conn.close()


def test_a_read_only_database(
    _isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(GOOD_DECK, encoding="utf-8")
    assert main(["stats", "--json"]) == 0
    db = _isolated_home / "trainer.db"
    before = _db_snapshot(_isolated_home)
    if os.geteuid() == 0:
        # root may write to a 0444 file: open it read-only through SQLite instead.
        monkeypatch.setenv("TRAINER_DB", f"sqlite:///file:{db}?mode=ro&uri=true")
    else:
        db.chmod(0o444)
    try:
        assert main(["stats", "--json"]) == 0  # reading still works
        fails(["sync", str(deck)], capsys, str(db), "read-only")
    finally:
        db.chmod(0o600)
    assert _db_snapshot(_isolated_home) == before
    assert not Path("file:").exists()


def no_growth(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """SQLite as on a full disk: no page may be added to the file (SQLITE_FULL, as from ENOSPC)."""
    dbapi_connection.execute("PRAGMA max_page_count = 1")  # clamped to the pages it already has


@pytest.fixture
def full_disk() -> Iterator[None]:
    """Every engine created from now on sees a full disk."""
    event.listen(Engine, "connect", no_growth)
    yield
    event.remove(Engine, "connect", no_growth)


def test_a_full_disk_while_syncing(
    _isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    deck = tmp_path / "deck.yaml"
    points = "".join(f"          - head: 第{i}条要点\n            body: 便民服务中心人员紧缺。\n" for i in range(300))
    deck.write_text(GOOD_DECK + points, encoding="utf-8")
    assert main(["stats", "--json"]) == 0
    before = _db_snapshot(_isolated_home)
    request.getfixturevalue("full_disk")
    fails(["sync", str(deck)], capsys, str(_isolated_home / "trainer.db"), "the disk is full")
    assert _db_snapshot(_isolated_home) == before


def test_a_full_disk_while_answering_loses_nothing(engine, settings) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from tests.conftest import FIXED_NOW, make_deck
    from trainer.errors import StoreError
    from trainer.services.study import StudySession
    from trainer.store.models import ReviewLogRow
    from trainer.store.replay import replay
    from trainer.store.sync import sync_deck

    deck = make_deck(heads=tuple(f"第{i}条要点加强基层治理" for i in range(400)))
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="d.yaml", content_hash="x", now=FIXED_NOW)
    settings = dataclasses.replace(settings, new_per_day=10_000)
    session = StudySession.start(Store(engine), [1], settings, clock=lambda: FIXED_NOW)
    assert session.left == 400
    engine.dispose()
    event.listen(engine, "connect", no_growth)
    accepted = 0
    with pytest.raises(StoreError, match="the disk is full"):
        while session.current() is not None:  # the first answers may still fit in the file's free space
            session.answer(5)
            accepted += 1
    assert session.current() is not None  # the refused card is still the one on screen
    assert len(session.done) == accepted
    engine.dispose()
    event.remove(engine, "connect", no_growth)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == accepted
        assert replay(s).ok


def test_a_full_disk_while_writing_a_deck_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trainer.deckfile.fsutil

    doc = _write(tmp_path, "doc.txt", DOC.encode())
    out = tmp_path / "deck.yaml"
    out.write_text(GOOD_DECK, encoding="utf-8")  # the learner's edited deck

    def enospc(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(trainer.deckfile.fsutil.os, "fsync", enospc)
    fails(["build", str(doc), "-o", str(out)], capsys, str(out), "No space left on device")
    assert out.read_text(encoding="utf-8") == GOOD_DECK
    assert files_in(tmp_path) == {"doc.txt", "deck.yaml"}  # no temp file left behind
