"""Deck text is data: an OSC title change or Rich markup in a head reaches the terminal neither as control
codes nor as markup, from the CLI (sync, stats, import, errors) or the TUI (home, browse, review, stats,
notifications, the command palette)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from tests.hostile.conftest import INJECTION_IDS, INJECTIONS, answer_some, assert_one_line_error
from trainer.core.safetext import clean_text
from trainer.services.database import open_default_store
from trainer.services.library import sync_files


def _visible(head: str) -> str:
    """What the learner should see of a head: the text itself, markup included, control codes dropped."""
    return clean_text(head)


def _deck_file(folder: Path, head: str) -> Path:
    """A deck whose name, topic, heading and first head all hold `head`, written with YAML escapes."""
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 -- a JSON string is a YAML double-quoted scalar
    text = (
        f"deck: {q('卡组' + head)}\ntopics:\n- title: {q('主题' + head)}\n  sections:\n  - kind: problems\n"
        f"    heading: {q('问题' + head)}\n    points:\n    - head: {q(head)}\n      body: {q('说明' + head)}\n"
        "    - head: 第二点\n      body: 说明\n"
    )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "inject.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _no_controls(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, repr(text)


@pytest.mark.parametrize("head", INJECTIONS, ids=INJECTION_IDS)
def test_sync_prints_deck_text_inert(home: Path, run, head: str) -> None:
    path = _deck_file(home / "decks", head)
    ran = run("sync", path)
    assert ran.code == 0, ran.err
    _no_controls(ran.out + ran.err)
    assert _visible("卡组" + head) in ran.out


@pytest.mark.parametrize("head", INJECTIONS, ids=INJECTION_IDS)
def test_stats_tables_show_markup_as_text(home: Path, run, head: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    path = _deck_file(home / "decks", head)
    assert run("sync", path).code == 0
    answer_some(f"sqlite:///{home / 'trainer.db'}", 2)
    ran = run("stats")
    assert ran.code == 0, ran.err
    _no_controls(ran.out)
    assert _visible("主题" + head) in ran.out  # mastery per topic: shown as written, not styled or linked
    assert _visible("问题" + head) in ran.out


@pytest.mark.parametrize("head", INJECTIONS, ids=INJECTION_IDS)
def test_import_writes_and_prints_no_control_codes(home: Path, run, tmp_path: Path, head: str) -> None:
    csv = tmp_path / "rows.csv"
    csv.write_text(f"head,body\n{json.dumps(head, ensure_ascii=False)},说明\n第二点,说明\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    ran = run("import", csv, "-o", out, "--name", "卡组" + head)
    assert ran.code == 0, ran.err
    _no_controls(ran.out + ran.err)
    _no_controls(out.read_text(encoding="utf-8"))


def test_an_error_naming_a_file_with_control_codes_prints_them_inert(home: Path, run, tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;pwned\x07\x1b[2J.yaml"
    bad.write_text("deck: [\n", encoding="utf-8")
    assert_one_line_error(run("sync", bad), ".yaml", "invalid YAML")  # the OSC sequence goes whole


async def _synced_app(home: Path, head: str):
    from tests.tui_support import app_for

    path = _deck_file(home / "decks", head)
    engine = open_default_store(daily_backup=False)
    sync_files(engine, [path], now=FIXED_NOW)
    return engine, app_for(engine)


@pytest.mark.parametrize("head", INJECTIONS, ids=INJECTION_IDS)
async def test_the_tui_shows_deck_text_as_written_everywhere(home: Path, head: str) -> None:
    from trainer.tui.screens.browse import BrowseScreen, _clip

    engine, app = await _synced_app(home, head)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            home_screen = pilot.app.screen
            assert str(home_screen.table.get_row_at(0)[0]) == _visible("卡组" + head)
            await pilot.press("b")  # browse: heads and positions in the table
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = pilot.app.screen
            assert isinstance(screen, BrowseScreen)
            cells = [str(c) for r in range(screen.table.row_count) for c in screen.table.get_row_at(r)]
            assert _clip(_visible(head), 10) in cells  # clipped to fit 80 columns, never read as markup
            pilot.app.notify(f"已暂停：{head}")  # notifications carry heads too
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("enter")  # review the deck, reveal the answer
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("space")
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            await pilot.press("ctrl+p")  # the command palette, searched with the head's text
            await pilot.pause()
            await pilot.press(*[c for c in head if c.isprintable()][:12])
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert app.failure is None and app.return_code in (0, None)
    finally:
        engine.dispose()


@pytest.mark.parametrize("head", INJECTIONS, ids=INJECTION_IDS)
async def test_the_stats_screen_shows_markup_as_text(home: Path, head: str) -> None:
    engine, app = await _synced_app(home, head)
    answer_some(f"sqlite:///{home / 'trainer.db'}", 2)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.press("s")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            mastery = pilot.app.screen.query_one("#stats-mastery")
            text = str(mastery.render())
            _no_controls(text)
            assert _visible("主题" + head) in text
        assert app.failure is None
    finally:
        engine.dispose()


async def test_text_stored_before_cleaning_never_reaches_the_screen_as_control_codes(home: Path, run) -> None:
    """A database written by an older trainer may hold control codes: the screens still show them inert."""
    import sqlite3

    from tests.conftest import make_deck
    from tests.tui_support import app_for, sync

    engine = open_default_store(daily_backup=False)
    sync(engine, make_deck(name="卡组"))
    con = sqlite3.connect(home / "trainer.db")
    con.execute("UPDATE decks SET name = name || ?", ("\x1b]0;pwned\x07",))
    con.execute("UPDATE notes SET head = ? || head, topic = topic || ?", ("\x1b[2J\x9b31m", "\x1b]0;t\x07"))
    con.commit()
    con.close()
    app = app_for(engine)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screens = [app.export_screenshot()]
            await pilot.press("b")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screens.append(app.export_screenshot())
            await pilot.press("escape", "enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("space")
            await pilot.pause()
            screens.append(app.export_screenshot())
        for svg in screens:
            _no_controls(svg)
            assert "pwned" not in svg
    finally:
        engine.dispose()
    for args in (["stats"], ["leeches"], ["export", "--json", home / "out.json"]):
        ran = run(*args)
        assert ran.code == 0, ran.err
        _no_controls(ran.out + ran.err)
