"""CSV exports are safe to open in Excel/WPS (formula-like cells quoted), and a failing daily backup is
shown in the app at start-up."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from tests.hostile.conftest import Seeded, answer_some, assert_private
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.deckfile import decks
from trainer.exchange.csvjson import neutralise
from trainer.services.database import open_default_store

FORMULAS = ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize(
    "value",
    [*FORMULAS, "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠SUM(A1)"],
    ids=["eq", "plus", "minus", "at", "dde", "tab", "cr", "wide-eq", "wide-plus", "wide-minus", "wide-at"],
)
def test_a_formula_like_text_cell_is_quoted(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["审批流程繁琐", "a=b", "", 3, -4, 2.5, None], ids=str)
def test_other_cells_are_left_as_they_are(value: object) -> None:
    assert neutralise(value) == value


def test_exported_csv_cells_never_start_a_formula(home: Path, run, tmp_path: Path) -> None:
    points = tuple(Point(id=f"p{i}", head=h, body="说明") for i, h in enumerate(FORMULAS))
    deck = Deck(
        name="=公式卡组",
        topics=(Topic(title="\t+主题", sections=(Section(SectionKind.OTHER, "@部分", points),)),),
        settings={"cards": ["head"]},
    )
    home.mkdir(mode=0o700)
    path = home / "formula.yaml"
    decks.save(deck, path)
    assert run("sync", path).code == 0
    out = tmp_path / "csv"
    ran = run("export", "--csv", out)
    assert ran.code == 0, ran.err
    with (out / "cards.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column in ("deck", "topic", "heading", "answer"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])
    assert {r["answer"] for r in rows} == {"'" + f for f in FORMULAS}
    # Every cell of both files, answers included (the deck name is in every review row).
    assert answer_some(f"sqlite:///{home / 'trainer.db'}", 3) >= 1
    ran = run("export", "--csv", out)
    assert ran.code == 0, ran.err
    for name in ("cards.csv", "reviews.csv"):
        with (out / name).open(encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
        assert len(table) > 1, name
        for row in table[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    with (out / "reviews.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert {r["deck"] for r in csv.DictReader(fh)} == {"'=公式卡组"}


async def test_a_failed_daily_backup_is_shown_in_the_app_at_start(seeded: Seeded) -> None:
    from tests.hostile.test_hostile_edits_backups import _corrupt_live_database
    from tests.tui_support import app_for
    from trainer.tui.screens.error import ErrorScreen

    for p in (seeded.home / "backups").glob("*-daily.db"):
        p.unlink()
    # A damaged page in a table the app does not read at start: it runs, and its backup check fails.
    con = sqlite3.connect(seeded.db)
    con.execute("CREATE TABLE notes_by_hand (x TEXT)")
    con.executemany("INSERT INTO notes_by_hand VALUES (?)", [("备注" * 50,)] * 200)
    con.commit()
    con.close()
    _corrupt_live_database(seeded.db, "notes_by_hand")
    engine = open_default_store(daily_backup=False)
    try:
        app = app_for(engine, daily_backup=True, sync_paths=None)
        async with app.run_test(size=(100, 30)) as pilot:
            app.warm_up()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ErrorScreen)
            assert "daily backup failed" in app.screen.message and "no backup was kept" in app.screen.message
        assert list((seeded.home / "backups").glob("*-daily.db")) == []
    finally:
        engine.dispose()
    assert_private(seeded.home)
