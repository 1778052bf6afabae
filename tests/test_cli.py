"""The command line: --help everywhere, exit codes, TRAINER_HOME and TRAINER_DB honoured."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import make_deck
from trainer.cli import build_parser, main
from trainer.deckfile import decks


def _commands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_every_command_has_help_text(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _commands()
    assert {"build", "sync"} <= set(commands)
    for command in ["", *commands]:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"] if command else ["--help"])
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "usage: trainer" in out
        assert "TRAINER_DB" in out
        if command:
            description = build_parser()._subparsers._group_actions[0].choices[command].description  # type: ignore[union-attr]
            assert description and len(description) > 20


def test_sync_honours_trainer_home_and_trainer_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    home = tmp_path / "home"
    (home / "decks").mkdir(parents=True)
    decks.save(make_deck("用户卡组"), home / "decks" / "mine.yaml")
    monkeypatch.setenv("TRAINER_HOME", str(home))
    db = tmp_path / "elsewhere.db"
    monkeypatch.setenv("TRAINER_DB", f"sqlite:///{db}")
    assert main(["sync"]) == 0
    assert "用户卡组" in capsys.readouterr().out
    assert db.exists() and not (home / "trainer.db").exists()
    with create_engine(f"sqlite:///{db}").connect() as c:
        names = c.execute(text("select name from decks")).scalars().all()
    assert "用户卡组" in names


def test_default_database_lives_in_trainer_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "data"
    monkeypatch.setenv("TRAINER_HOME", str(home))
    deck_file = tmp_path / "d.yaml"
    decks.save(make_deck(), deck_file)
    assert main(["sync", str(deck_file)]) == 0
    assert (home / "trainer.db").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sync", "/no/such/deck.yaml"], "no such file"),
        (["build", "/no/such/doc.txt", "-o", "out.yaml"], "no such file"),
    ],
    ids=["sync-missing", "build-missing"],
)
def test_expected_failures_print_one_line_and_exit_2(args, message, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists()


def test_bad_deck_exits_2_with_file_and_line_and_writes_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: d\ntopics:\n- title: t\n  sections:\n  - kind: nonsense\n    points: []\n", encoding="utf-8")
    assert main(["sync", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5" in err and "unknown section kind" in err


def test_console_script_runs_as_a_process(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "trainer", "--version"], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.startswith("trainer ")
