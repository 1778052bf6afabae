"""A list review's point answers keep the list they came from in the exported review log (issue 15)."""

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


def test_exported_reviews_name_the_list_a_point_was_answered_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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

    assert main(["export", "--csv", str(tmp_path / "csv"), "--json", str(tmp_path / "all.json")]) == 0
    reviews = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "reviews.csv").read_text("utf-8-sig"))))
    yesterday, today = reviews[: len(HEADS)], reviews[len(HEADS) :]
    assert all(r["via"] == "" for r in yesterday)  # answered on their own
    assert [(r["card"], r["via"]) for r in today] == [(keys[LIST_ID], "")] + [
        (keys[i], keys[LIST_ID]) for i in range(1, len(HEADS) + 1)
    ]
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert [r["via"] for r in data["reviews"]] == [r["via"] for r in reviews]
