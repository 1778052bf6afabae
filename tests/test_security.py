"""Security: safe YAML only, private files (0600/0700), $EDITOR without a shell, and no file touched
outside the data directory and the paths the learner names."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.test_bad_input import DOC, GOOD_DECK, fails
from trainer.cli import main

ROOT = Path(__file__).resolve().parents[1]
TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- YAML ---------------------------------------------------------------------------------------


def test_no_unsafe_yaml_loader_anywhere_in_the_package() -> None:
    unsafe = re.compile(r"yaml\.(unsafe_load|full_load|load_all)\b|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)\b")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "trainer").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("tag", TAGS, ids=["apply", "new", "name", "module"])
def test_python_tags_in_a_config_file_are_refused(
    tag: str, _isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "pwned"
    _isolated_home.mkdir(parents=True)
    config = _isolated_home / "config.yaml"
    config.write_text(f"exam-date: {tag.format(marker=marker)}\n", encoding="utf-8")
    fails(["config", "list"], capsys, str(config))
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS, ids=["apply", "new", "name", "module"])
def test_python_tags_in_a_deck_are_refused(tag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    deck = tmp_path / "deck.yaml"
    deck.write_text(GOOD_DECK.replace("好卡组", tag.format(marker=marker)), encoding="utf-8")
    fails(["sync", str(deck)], capsys, f"{deck}:1:", "invalid YAML")
    assert not marker.exists()


# -- private files --------------------------------------------------------------------------------


def test_database_backups_and_data_directory_are_private(
    _isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(GOOD_DECK, encoding="utf-8")
    old = os.umask(0o022)  # a common default that would make new files world-readable
    try:
        assert main(["sync", str(deck)]) == 0
        assert main(["backup"]) == 0
        backup = next((_isolated_home / "backups").glob("*-manual.db"))
        assert main(["restore", str(backup)]) == 0
        assert main(["config", "set", "exam-date", "2027-03-28"]) == 0
        assert main(["export", "--json", str(tmp_path / "history.json")]) == 0
    finally:
        os.umask(old)
    assert _mode(_isolated_home) == 0o700
    assert _mode(_isolated_home / "backups") == 0o700
    db = _isolated_home / "trainer.db"
    private = [db, *db.parent.glob("trainer.db-*"), *(_isolated_home / "backups").iterdir()]
    private += [_isolated_home / "config.yaml", tmp_path / "history.json"]
    from trainer.store.snapshots import list_backups

    assert {"daily", "manual", "pre-restore"} <= {b.reason for b in list_backups(_isolated_home / "backups")}
    assert {p.name: oct(_mode(p)) for p in private} == {p.name: oct(0o600) for p in private}


def test_database_created_0600_by_a_real_process(tmp_path: Path) -> None:
    home = tmp_path / "data"
    env = {**os.environ, "TRAINER_HOME": str(home)}
    r = subprocess.run(
        ["sh", "-c", f"umask 000 && exec {sys.executable} -m trainer stats --json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert _mode(home) == 0o700
    assert _mode(home / "trainer.db") == 0o600


# -- nothing outside the data directory and the named paths -------------------------------------------


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_commands_touch_only_the_data_directory_and_named_paths(tmp_path: Path) -> None:
    home, data, cwd, named, tmpdir = (tmp_path / n for n in ("home", "data", "cwd", "named", "tmp"))
    for d in (home, cwd, named, tmpdir):
        d.mkdir()
    (named / "doc.txt").write_text(DOC, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TRAINER_"))},
        "HOME": str(home),
        "TRAINER_HOME": str(data),
        "TMPDIR": str(tmpdir),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    script = "; ".join(
        f"{sys.executable} -m trainer {args}"
        for args in (
            f"build {named / 'doc.txt'} -o {named / 'deck.yaml'}",
            f"sync {named / 'deck.yaml'}",
            "stats --json",
            "db replay",
            "leeches",
            "backup",
            "config set new-per-day 30",
            f"export --json {named / 'out.json'} --csv {named / 'csv'} --apkg {named / 'out.apkg'}",
        )
    )
    r = subprocess.run(["sh", "-ec", script], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert _tree(home) == set()
    assert _tree(cwd) == set()
    assert _tree(tmpdir) == set()
    assert _tree(named) == {"doc.txt", "deck.yaml", "out.json", "out.apkg", "csv", "csv/cards.csv", "csv/reviews.csv"}
    assert {p.name: oct(_mode(p)) for p in named.rglob("*.*") if p.name != "doc.txt"} == {
        name: oct(0o600) for name in ("deck.yaml", "out.json", "out.apkg", "cards.csv", "reviews.csv")
    }
    assert {"trainer.db", "config.yaml", "backups"} <= _tree(data)
    assert tempfile.gettempdir() != str(tmpdir)  # the test process itself was not redirected
