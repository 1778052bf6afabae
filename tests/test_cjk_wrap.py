"""Chinese line breaking (`trainer.tui.cjk`): no line begins with closing punctuation or ends with an
opening one, blanks and numbers stay whole, nothing is lost, no line is wider than the screen."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Static

from trainer.tui.cjk import NO_END, NO_START, Wrapped, wrap

HAN = "政务服务便民中心人员紧缺存在问题优化营商环境"
PUNCT = "，。、；：？！”’）》"
OPEN = "“‘（《"


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_a_comma_at_the_edge_takes_the_character_before_it_down():
    text = "甲" * 40 + "，" + "乙" * 10
    assert wrap(text, 80) == ["甲" * 39, "甲，" + "乙" * 10]


def test_a_closing_quote_and_full_stop_both_move_with_their_character():
    text = "甲" * 39 + "办”。" + "乙" * 5
    lines = wrap(text, 80)
    assert lines == ["甲" * 39, "办”。" + "乙" * 5]


def test_an_opening_quote_does_not_end_a_line():
    text = "甲" * 39 + "“网上办”"
    assert wrap(text, 80) == ["甲" * 39, "“网上办”"]


def test_blanks_and_numbers_stay_whole_when_they_fit():
    text = "第2点：" + "甲" * 33 + "［＿＿＿＿］，2025年"
    lines = wrap(text, 80)
    assert lines[1].startswith("［＿＿＿＿］，")
    assert wrap("共" * 39 + "2025年", 80) == ["共" * 39, "2025年"]


def test_a_blank_wider_than_the_line_is_folded():
    text = "［" + "＿" * 50 + "］"
    lines = wrap(text, 40)
    assert all(cell_len(line) <= 40 for line in lines) and "".join(lines) == text


def test_newlines_and_spaces():
    assert wrap("答案：\n人才队伍不完善。", 80) == ["答案：", "人才队伍不完善。"]
    assert wrap("a b", 1) == ["a", "b"]  # the space at a break goes
    assert wrap("主题名称 › 重要意义 › 第1点", 14) == ["主题名称 ›", "重要意义 ›", "第1点"]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(HAN),
            st.tuples(st.sampled_from(HAN), st.sampled_from(PUNCT)).map("".join),
            st.tuples(st.sampled_from(OPEN), st.sampled_from(HAN)).map("".join),
            st.sampled_from(["2025", "APP", "［＿＿＿］", " ", "\n"]),
        ),
        max_size=120,
    ),
    st.integers(min_value=10, max_value=80),
)
def test_wrapping_keeps_every_character_within_the_width_and_keeps_the_rules(pieces, width):
    text = "".join(pieces)
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert _squeeze("".join(lines)) == _squeeze(text)
    assert len(lines) >= text.count("\n") + 1
    # Every closing mark here follows a character and every opening one precedes one, so the rules
    # can always be kept by carrying a character down.
    for line in lines[1:]:
        assert not line or line[0] not in NO_START, lines
    for line, after in itertools.pairwise(lines):
        assert not line or after == "" or line[-1] not in NO_END, lines


class _OneText(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Wrapped(self.text), id="t")


async def test_a_static_shows_the_wrapped_lines_at_80_columns():
    text = "甲" * 40 + "，" + "乙" * 45 + "。"
    app = _OneText(text)
    async with app.run_test(size=(80, 24)):
        widget = app.query_one("#t", Static)
        assert widget.region.height == 3
        rows = [
            "".join(seg.text for seg in strip).rstrip() for strip in widget.render_lines(widget.region.reset_offset)
        ]
        assert rows[:3] == ["甲" * 39, "甲，" + "乙" * 38, "乙" * 7 + "。"]
