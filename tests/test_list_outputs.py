"""List reviews in what trainer prints and writes: the exported review log names the list a point's answer
came from, and `trainer stats` counts how often the whole list was recalled (issue 15)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.test_tui_lists import HEADS, LIST_ID, known_yesterday
from trainer.cli import main
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store import open_store
from trainer.store.models import CardRow


@pytest.fixture
def reviewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    """Points learned yesterday, their list reviewed today (every point passed); card keys by id."""
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TRAINER_DB", raising=False)
    (tmp_path / "home").mkdir()
    engine = open_store(f"sqlite:///{tmp_path / 'home' / 'trainer.db'}")
    known_yesterday(engine)
    session = StudySession.start(engine, [1], Settings(zone=SHANGHAI), lambda: FIXED_NOW)
    assert session.current().card_id == LIST_ID
    session.answer_list([5, 4, 3, 4, 5, 4])
    with Session(engine) as s:
        keys = dict(s.execute(select(CardRow.id, CardRow.key)).all())
    engine.dispose()
    return keys


def test_exported_reviews_name_the_list_a_point_was_answered_through(tmp_path: Path, reviewed) -> None:
    keys = reviewed

    assert main(["export", "--csv", str(tmp_path / "csv"), "--json", str(tmp_path / "all.json")]) == 0
    reviews = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "reviews.csv").read_text("utf-8-sig"))))
    yesterday, today = reviews[: len(HEADS)], reviews[len(HEADS) :]
    assert all(r["via"] == "" for r in yesterday)  # answered on their own
    assert [(r["card"], r["via"]) for r in today] == [(keys[LIST_ID], "")] + [
        (keys[i], keys[LIST_ID]) for i in range(1, len(HEADS) + 1)
    ]
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert [r["via"] for r in data["reviews"]] == [r["via"] for r in reviews]


def test_trainer_stats_shows_how_often_the_whole_list_was_recalled(reviewed, capsys) -> None:
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (section,) = data["topics"][0]["sections"]
    assert section["list"] == {"reviews": 1, "recalled": 1, "rate": 1.0}
    assert data["reviews"]["total"] == 2 * len(HEADS) + 1  # yesterday's points, today's list and its points
    assert main(["stats"]) == 0
    table = capsys.readouterr().out.split("掌握度 Mastery")[1]
    cells = [line.strip(" │").split("│")[-1].strip() for line in table.splitlines() if line.startswith("│")]
    assert "1/1" in cells  # the section's row, in the last column (整组)
