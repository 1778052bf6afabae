"""Snapshots of the outline review screen on a fixed document: two panes at 120x40, stacked at 80x24.

Regenerate after an intended change with `pytest tests/test_tui_outline_snapshots.py --snapshot-update`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_tui_outline import DOC
from tests.tui_support import app_for
from trainer.services.outline_draft import open_document
from trainer.tui.screens.outline import push_outline


@pytest.fixture
def draft(tmp_path: Path):
    doc = tmp_path / "范文.txt"
    doc.write_text(DOC + "\n3. 一句没有说明的很长很长很长很长很长很长很长很长很长很长很长的要点\n", encoding="utf-8")
    return open_document(doc, output=tmp_path / "范文.yaml")


def _opened(draft, keys: list[str]):
    async def run_before(pilot) -> None:
        push_outline(pilot.app, draft)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_outline_screen(snap_compare, engine, draft, size) -> None:
    # The second point highlighted: its source line is highlighted beside it.
    assert snap_compare(app_for(engine), terminal_size=size, run_before=_opened(draft, ["down", "down", "down"]))
