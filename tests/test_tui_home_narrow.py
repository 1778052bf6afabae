"""Home at 60 columns: the table fits (no column pushed off the right edge, 总数 kept; 学习中, which the
status line counts, goes first, then long deck names are cut with …) and at 80 columns nothing changes."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.conftest import make_deck
from tests.tui_support import app_for, sync

LONG = "提升政务服务效能优化营商环境的对策建议"  # 38 cells, as a bundled deck's name
LONGER = "以良好政务环境推动经济社会高质量发展的若干思考与实践路径研究"


def _table_lines(app) -> list[str]:
    table = app.screen.query_one("#decks")
    strips = table.render_lines(table.region.reset_offset)
    return ["".join(seg.text for seg in strip).strip() for strip in strips]


@pytest.mark.parametrize("name", [LONG, LONGER], ids=["bundled-length", "longer"])
async def test_at_60_columns_the_home_table_fits_and_keeps_the_totals(engine, name) -> None:
    sync(engine, make_deck(name))
    sync(engine, make_deck("范文积累", ("加强人才队伍建设", "推动权力真正下放")))
    async with app_for(engine).run_test(size=(60, 24)) as pilot:
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        table = pilot.app.screen.query_one("#decks")
        header, *rows = _table_lines(pilot.app)[:3]
        assert table.virtual_size.width <= table.scrollable_content_region.width, header
        assert "总数" in header and "到期" in header and "新卡" in header, header
        assert all(cell_len(line) <= 60 for line in (header, *rows))
        by_name = {line.split()[0]: line.split()[1:] for line in rows}
        assert by_name["范文积累"][-1] == "3"  # 总数: two points and the list card
        long_row = next(line for line in rows if line.startswith(name[:6]))
        assert long_row.split()[-1] == "4"


async def test_at_80_columns_home_shows_every_column_and_whole_names(engine) -> None:
    sync(engine, make_deck(LONG))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        header, row = _table_lines(pilot.app)[:2]
        assert header.split() == ["卡组", "/", "主题", "到期", "新卡", "学习中", "总数"]
        assert row.startswith(LONG) and row.split()[-1] == "4"
