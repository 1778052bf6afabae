"""Every key has one name: what the key bar of home, review and the outline shows is what the help
(`?`) lists for that screen and what the README calls it; and the outline's `?` (a key) is not
confused with the ? that marks an unsure item."""

from __future__ import annotations

import re
from pathlib import Path

from tests.tui_support import app_for, start_review, sync
from trainer.services.outline_draft import open_document
from trainer.tui.screens.help import KEYS
from trainer.tui.screens.outline import push_outline
from trainer.tui.widgets.key_bar import KeyBar

README = Path(__file__).resolve().parents[1] / "README.md"


def _help_keys(screen: str) -> set[str]:
    (keys,) = [keys for name, keys in KEYS if name == screen]
    return {part for key, _ in keys for part in key.replace("/", " ").split()}


def _bar_keys(app) -> list[str]:
    bar = app.screen.query_one(KeyBar)
    return [part.split(" ")[0] for part in bar.text().split("  ")]


async def test_the_key_bar_names_each_key_as_the_help_does(engine, deck, tmp_path: Path) -> None:
    sync(engine, deck)
    doc = tmp_path / "范文.txt"
    doc.write_text("# 营商环境\n\n## 存在的问题\n\n1. 审批慢。材料多。\n2. 收费乱。标准不一。\n", encoding="utf-8")
    async with app_for(engine).run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        seen = {"首页": _bar_keys(pilot.app)}
        await start_review(pilot)
        seen["复习"] = _bar_keys(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        push_outline(pilot.app, open_document(doc, output=tmp_path / "out.yaml"))
        await pilot.pause()
        seen["大纲"] = _bar_keys(pilot.app)
    for screen, keys in seen.items():
        named = _help_keys(screen) | {"?"}  # `?` is the help itself
        assert "Ctrl+Z" in named or screen != "复习"
        missing = [k for k in keys if k not in named]
        assert not missing, (screen, keys, sorted(named))
        assert not any(k.startswith("^") for k in keys), keys


def test_the_readme_names_the_review_keys_as_the_bar_does() -> None:
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"`\^[a-z]`", text)
    review = next(line for line in text.splitlines() if line.startswith("| review |"))
    assert "`Ctrl+T`" in review and "`Ctrl+Z`" in review


def test_the_outlines_question_mark_is_a_key_in_the_help_and_a_marker_only_in_words() -> None:
    (outline,) = [keys for name, keys in KEYS if name == "大纲"]
    what = dict(outline)["?"]
    assert "按键" in what  # the key shows the keys
    assert "标记" in what or "表示" in what  # and the help says what the ? before an item means


async def test_the_typed_answer_line_names_its_keys_as_the_help_does(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await start_review(pilot)
        await pilot.press("t")  # typed mode: the line under the card says what its keys do
        await pilot.pause()
        line = str(pilot.app.screen.query_one("#front-keys").render())
    assert "Ctrl+T 关闭输入" in line and "Ctrl+Z 撤销" in line
    assert "^" not in line
    (review,) = [keys for name, keys in KEYS if name == "复习"]
    named = {part for key, _ in review for part in key.replace("/", " ").split()}
    assert {"Ctrl+T", "Ctrl+Z", "Esc"} <= named
