"""Session 10's outside tester: cases written from the README's promises before reading this suite, each
of which failed on the tree it was run against (c 48ce4ee). Bad input gets one line naming the file, exit
2 and nothing changed; no hang; deck text never reaches the terminal as control codes."""

from __future__ import annotations

import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import Seeded, answer_some, assert_one_line_error, db_content, run_process, stray, tree

DOC = "优化营商环境\n\n一、存在的问题\n1. 审批流程繁琐。企业办事需要多次往返。\n2. 政策落实不到位。部分政策停留在纸面上。\n"
BIDI = ["\u202e", "\u2066", "\u200f", "\u202b"]


def _deck(tmp_path: Path, text: str, name: str = "d.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _one_point_deck(name: str, head: str, title: str = "营商环境") -> str:
    return (
        f'deck: "{name}"\ntopics:\n  - title: "{title}"\n    sections:\n      - kind: problems\n'
        f'        heading: 存在的问题\n        points:\n          - head: "{head}"\n            body: 说明。\n'
    )


# ---- deck text is data -----------------------------------------------------------------------------


@pytest.mark.parametrize("mark", BIDI, ids=["RLO", "LRI", "RLM", "RLE"])
def test_bidi_controls_in_a_deck_never_reach_the_terminal(home: Path, run, tmp_path: Path, mark: str) -> None:
    """A right-to-left override in a deck's name or head reversed every line `deck list`, `sync` and the
    TUI printed after it (Trojan-source style): dropped where the text enters, like the C0/C1 codes."""
    deck = _deck(tmp_path, _one_point_deck(f"坏{mark}卡组", f"审批{mark}流程繁琐"))
    ran = run("sync", deck)
    assert ran.code == 0, ran.err
    listed = run("deck", "list")
    assert "坏卡组" in listed.out
    for text in (ran.out, ran.err, listed.out):
        assert mark not in text
    heads = [r[0] for r in sqlite3.connect(home / "trainer.db").execute("SELECT head FROM notes")]
    assert "审批流程繁琐" in heads


def test_bidi_controls_in_a_document_never_reach_the_outline_or_the_deck(run, tmp_path: Path) -> None:
    doc = _deck(
        tmp_path, DOC.replace("优化营商环境", "优化营商\u202e环境").replace("审批流程", "审批\u2066流程"), "d.txt"
    )
    ran = run("build", doc, "--dry-run")
    assert ran.code == 0, ran.err
    assert "审批流程繁琐" in ran.out and "\u202e" not in ran.out + ran.err and "\u2066" not in ran.out
    out = tmp_path / "out.yaml"
    assert run("build", doc, "-o", out).code == 0
    assert "\u202e" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "head", "title", "line"),
    [
        ("\\e[31m", "头", "题", 1),
        ("卡组", "\\e]0;pwned\\a", "题", 8),
        ("卡组", "\\u202e", "题", 8),
        ("卡组", "头", "\\e[2J", 8),
    ],
    ids=["name", "head-osc", "head-bidi", "title"],
)
def test_a_deck_field_of_control_codes_alone_is_refused(
    home: Path, run, tmp_path: Path, name: str, head: str, title: str, line: int
) -> None:
    """Cleaned, such a field was empty: a deck named "" or a card asking for an empty head was stored."""
    deck = _deck(tmp_path, _one_point_deck(name, head, title))
    ran = run("sync", deck)
    assert_one_line_error(ran, f"{deck}:{line}", "control codes")
    assert not (home / "trainer.db").exists() or not db_content(home / "trainer.db")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("deck: 甲\ndeck: 乙\ntopics: []\n", 2),
        (_one_point_deck("卡组", "头").replace("            body: 说明。\n", "            head: 另一个\n"), 9),
    ],
    ids=["deck-name", "head"],
)
def test_a_key_given_twice_in_a_deck_is_an_error(home: Path, run, tmp_path: Path, text: str, line: int) -> None:
    """YAML keeps the last of two equal keys: the deck silently took the second name or head."""
    deck = _deck(tmp_path, text)
    ran = run("sync", deck)
    assert_one_line_error(ran, f"{deck}:{line}", "given twice")


# ---- the database ----------------------------------------------------------------------------------


def test_another_programs_sqlite_database_is_left_exactly_as_it_is(
    home: Path, run, tmp_path: Path, monkeypatch
) -> None:
    """TRAINER_DB pointed at another app's database: trainer switched it to WAL (rewriting its header),
    created its own tables in it and reported success."""
    other = tmp_path / "notes-app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO notes (text) VALUES ('我的笔记')")
    con.commit()
    con.close()
    before = other.read_bytes()
    monkeypatch.setenv("TRAINER_DB", f"sqlite:///{other}")
    for args in (("sync",), ("stats",), ("deck", "list")):
        ran = run(*args)
        assert_one_line_error(ran, str(other), "not a trainer database", "notes")
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


def test_the_apps_start_leaves_another_programs_database_exactly_as_it_is(home: Path, tmp_path: Path) -> None:
    """`trainer` alone opens the store through the fast start-up path, which set WAL on the file (its
    header rewritten) before finding it was no trainer database."""
    other = tmp_path / "notes-app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    ran = run_process([], home, timeout=60, env={"TRAINER_DB": f"sqlite:///{other}"}, stdin=subprocess.DEVNULL)
    assert ran.code == 2 and "not a trainer database" in ran.err, ran.err
    assert other.read_bytes() == before


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_database_is_refused_before_anything_is_said_to_be_kept(home: Path, run, monkeypatch, url: str):
    """`sync` said "56 added" and the TUI took answers into a database that vanished at exit."""
    monkeypatch.setenv("TRAINER_DB", url)
    for args in (("sync",), ("stats",)):
        assert_one_line_error(run(*args), "in-memory")


@pytest.mark.parametrize(
    "url", ["mysql://bob:S3cretPW@localhost/trainer", "nosuchdb://bob:S3cretPW@localhost:notaport/x"]
)
def test_a_database_urls_password_is_never_shown(home: Path, run, monkeypatch, url: str) -> None:
    monkeypatch.setenv("TRAINER_DB", url)
    ran = run("deck", "list")
    assert ran.code == 2
    assert "S3cretPW" not in ran.err and "bob:***@" in ran.err


def test_a_rename_the_database_refuses_leaves_the_deck_file_as_it_was(seeded: Seeded, run, monkeypatch) -> None:
    """The deck file was rewritten before the commit; the read-only database refused the commit, and the
    next sync found a deck of the new name beside the old one (a duplicate, its history apart)."""
    before = seeded.deck_file.read_bytes()
    monkeypatch.setenv("TRAINER_DB", f"sqlite:///file:{seeded.db}?mode=ro&uri=true")
    ran = run("deck", "rename", "测试卡组", "新名字")
    assert_one_line_error(ran, "read-only")
    assert seeded.deck_file.read_bytes() == before
    assert sorted(p.name for p in seeded.deck_file.parent.iterdir()) == [seeded.deck_file.name]


@pytest.mark.parametrize(
    "new",
    ["甲\n乙", "甲\x1b]0;pwned\x07乙", "甲\u202e乙", "甲\udcff乙", "长" * 200, "x" * 300],
    ids=["newline", "osc", "bidi", "surrogate", "long-cjk", "long-ascii"],
)
def test_a_deck_name_with_a_line_break_a_control_or_no_room_in_a_file_name_is_refused(
    seeded: Seeded, run, new: str
) -> None:
    """A line break split `deck list`'s rows; undecodable bytes and names too long for a file name ended
    in `unexpected UnicodeEncodeError/OSError (a bug)`."""
    before, data = tree(seeded.home), db_content(seeded.db)
    ran = run("deck", "rename", "测试卡组", new)
    assert_one_line_error(ran, "UTF-8" if "\udcff" in new else "deck name")
    assert not stray(before, tree(seeded.home), seeded.home) and db_content(seeded.db) == data


# ---- settings --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9999-12-31", "2207-03-28", "0001-01-01"])
def test_an_implausible_exam_date_is_refused(home: Path, run, value: str) -> None:
    """`trainer plan` projected every point day by day up to the exam: 9999-12-31 never came back."""
    ran = run("config", "set", "exam-date", value)
    assert_one_line_error(ran, "exam-date", "not a plausible exam date")
    assert not (home / "config.yaml").exists()


def test_a_hand_written_far_exam_date_stops_plan_at_once(seeded: Seeded) -> None:
    (seeded.home / "config.yaml").write_text("exam-date: 9999-01-01\n", encoding="utf-8")
    ran = run_process(["plan"], seeded.home, timeout=60)
    assert_one_line_error(ran, f"{seeded.home / 'config.yaml'}:1", "exam-date")


@pytest.mark.parametrize(
    ("text", "line"),
    [("exam-date: 2027-02-30\n", 1), ("# mine\nfuzz: true\nexam-date: 2026-13-01\n", 3)],
    ids=["feb-30", "month-13"],
)
def test_a_config_date_no_calendar_holds_names_the_file_and_line(seeded: Seeded, run, text: str, line: int) -> None:
    """It was `unexpected ValueError: day is out of range for month (a bug; please report it)`."""
    (seeded.home / "config.yaml").write_text(text, encoding="utf-8")
    ran = run("stats")
    assert_one_line_error(ran, f"{seeded.home / 'config.yaml'}:{line}")
    assert "unexpected" not in ran.err


@pytest.mark.parametrize("zone", ["../../../etc/passwd", "Asia/../../../../etc/hostname", "a" * 5000])
def test_a_time_zone_that_is_a_path_or_too_long_is_an_unknown_zone(seeded: Seeded, run, zone: str) -> None:
    """dateutil's warning about a path outside TZPATH and its OSError for a long name ended as `unexpected
    DeprecatedTzKeyWarning/OSError (a bug)`, on `config set` and on every command after a hand edit."""
    ran = run("config", "set", "timezone", zone)
    assert_one_line_error(ran, "unknown time zone")
    (seeded.home / "config.yaml").write_text(f"timezone: {zone}\n", encoding="utf-8")
    ran = run("stats")
    assert_one_line_error(ran, f"{seeded.home / 'config.yaml'}:1", "unknown time zone")


@pytest.mark.parametrize("args", [["--days", "1000000000"], ["--days", "-1"], ["--weakest", "-5"]])
def test_stats_counts_out_of_range_are_refused_at_once(seeded: Seeded, args: list[str]) -> None:
    """A forecast of 10**9 days never came back; negative counts were taken silently."""
    ran = run_process(["stats", *args], seeded.home, timeout=60)
    assert ran.code == 2 and "expected a number from" in ran.err and "Traceback" not in ran.err


# ---- exports ---------------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>我的报告</w:document>")
    return path


@pytest.mark.parametrize("flag", ["--json", "--apkg"])
@pytest.mark.parametrize("name", ["notes.txt", "all.json", "report.docx"])
def test_an_export_never_replaces_a_file_that_is_not_an_earlier_export(
    seeded: Seeded, run, tmp_path: Path, flag: str, name: str
) -> None:
    """`export --json notes.txt` replaced the learner's notes with the export, exit 0."""
    target = tmp_path / name
    if name.endswith(".docx"):
        _docx(target)
    else:
        target.write_text("我的笔记：明天复习营商环境\n", encoding="utf-8")
    before = target.read_bytes()
    ran = run("export", flag, target)
    assert_one_line_error(ran, str(target), "not an earlier export")
    assert target.read_bytes() == before


def test_an_export_replaces_an_earlier_export_of_its_kind(seeded: Seeded, run, tmp_path: Path) -> None:
    for flag, name in (("--json", "all.json"), ("--apkg", "all.apkg"), ("--csv", "tables")):
        target = tmp_path / name
        assert run("export", flag, target).code == 0
        assert run("export", flag, target).code == 0


def test_a_csv_export_never_replaces_a_learners_file_of_the_same_name(seeded: Seeded, run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "reviews.csv").write_text("日期,复习了什么\n", encoding="utf-8")
    ran = run("export", "--csv", out)
    assert_one_line_error(ran, "reviews.csv", "not an earlier export")
    assert sorted(p.name for p in out.iterdir()) == ["reviews.csv"]


def test_two_outputs_of_one_export_onto_one_file_are_refused(seeded: Seeded, run, tmp_path: Path) -> None:
    """`--json x --apkg x` wrote the package, then the JSON over it, exit 0."""
    target = tmp_path / "x"
    ran = run("export", "--json", target, "--apkg", target)
    assert_one_line_error(ran, "same file")
    assert not target.exists()


def test_a_csv_export_that_fails_halfway_leaves_no_half_export(
    seeded: Seeded, run, tmp_path: Path, monkeypatch
) -> None:
    """A full disk at reviews.csv left a new cards.csv beside the old reviews.csv, exit 2."""
    from trainer.errors import TrainerError
    from trainer.exchange import csvjson

    out = tmp_path / "tables"
    assert run("export", "--csv", out).code == 0
    before = tree(out)
    real = csvjson.atomic_write

    def disk_full_at_reviews(path: Path, data: bytes) -> None:
        if Path(path).name == "reviews.csv":
            raise TrainerError("cannot write: No space left on device", path=path)
        real(path, data)

    monkeypatch.setattr(csvjson, "atomic_write", disk_full_at_reviews)
    answer_some(f"sqlite:///{seeded.db}", 2)  # cards.csv would now differ
    ran = run("export", "--csv", out)
    assert_one_line_error(ran, "No space left")
    assert tree(out) == before
    fresh = tmp_path / "fresh"
    assert run("export", "--csv", fresh).code == 2
    assert not (fresh / "cards.csv").exists()


@pytest.mark.parametrize("name", ["长" * 200, "a\udcffb"], ids=["too-long-for-a-file-name", "not-utf8"])
def test_an_import_named_beyond_a_file_name_or_in_broken_bytes_is_clear(home: Path, run, tmp_path: Path, name: str):
    """`import --name` of 200 CJK characters ended in `unexpected OSError: File name too long (a bug)`, and
    bytes that are not UTF-8 in `unexpected UnicodeEncodeError (a bug)`."""
    csv = _deck(tmp_path, "要点,说明\n审批流程繁琐,多次往返\n", "rows.csv")
    ran = run("import", csv, "--name", name)
    if "\udcff" in name:
        assert_one_line_error(ran, "UTF-8")
        assert not (home / "decks").exists() or not list((home / "decks").iterdir())
    else:
        assert ran.code == 0, ran.err
        (written,) = (home / "decks").iterdir()
        assert len(written.name.encode()) <= 255 and written.name.startswith("长")


def _into_a_closed_pipe(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    from tests.hostile.conftest import ROOT

    r, w = os.pipe()
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"} | {"TRAINER_HOME": str(home)}
    code = "import sys; from trainer.cli import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=w, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True
    )
    os.close(w)
    os.close(r)  # the reader is gone before the command prints (`trainer config | head -0`)
    _, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(args, proc.returncode, "", err)


@pytest.mark.parametrize("args", [["config"], ["deck", "list"], ["config", "list"]])
def test_output_into_a_closed_pipe_ends_quietly(seeded: Seeded, args: list[str]) -> None:
    """`trainer config | head -1` ended in `unexpected BrokenPipeError (a bug; please report it)`."""
    done = _into_a_closed_pipe(args, seeded.home)
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("exam-date: 2027-03-28\nexam-date: 2026-12-20\n", 2),
        ("decks:\n  甲:\n    new-per-day: 3\n    new-per-day: 30\n", 4),
    ],
    ids=["top", "per-deck"],
)
def test_a_setting_given_twice_in_the_config_names_the_line(seeded: Seeded, run, text: str, line: int) -> None:
    """YAML kept the last of the two silently: an exam date the learner had replaced planned the drill."""
    (seeded.home / "config.yaml").write_text(text, encoding="utf-8")
    assert_one_line_error(run("stats"), f"{seeded.home / 'config.yaml'}:{line}", "given twice")
