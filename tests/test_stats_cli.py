"""`trainer stats` on the command line: rich tables that fit 80 columns, and --json with the documented keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.test_stats import LOG, STATES, history_deck, seed
from trainer import cli
from trainer.services.config import Settings
from trainer.services.database import open_default_store


@pytest.fixture
def home_history(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cli.commands, "_now", lambda: FIXED_NOW)
    monkeypatch.setattr(cli.commands, "load_settings", lambda: Settings(zone=SHANGHAI))
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s, s.begin():
        seed(s, history_deck(), STATES, LOG)
    engine.dispose()


def test_stats_json(home_history, capsys):
    assert cli.main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "today",
        "reviews",
        "streak",
        "retention",
        "cards",
        "forecast",
        "heatmap",
        "topics",
        "weakest",
        "distributions",
    ]
    assert data["today"] == "2026-11-22"
    assert data["reviews"]["today"] == 3 and data["streak"]["current"] == 3
    assert data["retention"]["overall"]["rate"] == 0.6667
    assert [d["due"] for d in data["forecast"]] == [2, 0, 1, 0, 0, 0, 1]
    assert data["weakest"][0]["lapses"] == 2


def test_stats_json_days_and_deck(home_history, capsys):
    assert cli.main(["stats", "--json", "--days", "11", "--weakest", "1", "--deck", "申论"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["forecast"]) == 11 and len(data["weakest"]) == 1
    assert cli.main(["stats", "--deck", "没有"]) == 2
    assert "no deck named '没有'" in capsys.readouterr().err


def test_readme_documents_every_json_key(home_history, capsys):
    assert cli.main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    stats_part = readme[readme.index("## Stats") :]
    keys: set[str] = set()

    def walk(value: object, prefix: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                keys.add(f"{prefix}{k}")
                walk(v, f"{prefix}{k}.")
        elif isinstance(value, list) and value:
            walk(value[0], f"{prefix[:-1]}[].")

    walk(data, "")
    missing = sorted(k for k in keys if f"`{k}`" not in stats_part)
    assert not missing, f"README's Stats section lacks: {missing}"


def test_stats_tables_fit_80_columns(home_history, capsys):
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    for title in ("学习概况", "卡片", "到期预测", "复习热力图", "掌握度", "薄弱要点"):
        assert title in out
    assert "第2点" in out and "权力不到位" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert max(cell_len(line) for line in plain.splitlines()) <= 80


def test_stats_on_an_empty_store(capsys):
    assert cli.main(["stats"]) == 0
    assert "No reviews yet" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["stats", "export", "import", "backup", "restore"])
def test_every_new_command_has_help(command: str, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: trainer {command}" in out
    assert len(out.split("\n\n")[1]) > 80  # a real description, not just the usage line
