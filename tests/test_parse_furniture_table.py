"""The table of furniture shapes (trainer/parse/furniture.py): every row's examples are caught, by that
row, and lines of text that hold the same words are not (issue 12: page furniture by what it is)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_parse_linear import test_regex_time_grows_linearly as grows_linearly
from trainer.parse import decode
from trainer.parse.furniture import _GROUPS, SHAPES, Shape, has_shape
from trainer.parse.noise import is_noise
from trainer.parse.normalize import split_lines

REALDOCS = Path(__file__).parent / "realdocs"
ROWS = [(shape, example) for shape in SHAPES for example in shape.examples]


def _key(text: str) -> str:
    return split_lines(text)[0].key.strip("`- ")


def test_every_row_has_examples_and_says_what_it_is() -> None:
    assert len(SHAPES) >= 40
    for shape in SHAPES:
        assert shape.what and shape.examples, shape


@pytest.mark.parametrize(("shape", "example"), ROWS, ids=[f"{s.what[:24]}|{e}" for s, e in ROWS])
def test_each_example_is_caught_by_its_own_row(shape: Shape, example: str) -> None:
    key = _key(example)
    assert len(key) <= shape.limit
    assert shape.stop_ok or not key.endswith("。")
    assert re.search(shape.pattern, key, re.I), (shape.what, key)
    assert is_noise(split_lines(example)[0])


TEXT = [
    "一、存在的问题",
    "（一）基层力量薄弱",
    "1.加强宣传引导，营造良好氛围。",
    "推荐阅读材料的人越来越多，说明群众关心这个问题。",
    "本文由三部分组成。",
    "网友评论认为，政府应当加强监管。",
    "图片展示了乡村新貌，村民的生活越来越好。",
    "据《行政论坛》2020年第3期刊载的一项研究，基层减负仍有空间。",
    "全书共计27万字，共分14章，采用学习问答的形式。",
    "来源于群众、服务于群众，是这项工作的出发点。",
    "[对策]",
    "问题 | 对策",
    "共有三条意见",
    "建设韧性城市-织密城市安全网",
    "微信支付让老年人的生活更便捷，但也带来了新的难题。",
    "内部资料显示，今年以来全市共办理案件120件。",
    "市政府网站留言区的意见，大多与停车难有关。",
    "本文转向讨论对策。",
    "2021年第4期数据显示，就业形势总体稳定。",
    "12.5%",
    "赞美家乡",
    "评分标准",
    "已有成效",
    "1. 2. 3.",
    "下一步，要加强监管。",
    "上一篇文章提到的问题依然存在。",
    "推荐回答问题的网友越来越多",
    "预约成功率大幅提升",
    "大中小学思政课一体化建设",
    "模拟题的命题思路值得研究",
    "中公教育的学员反映课程实用",
    "群众可在政务平台下载电子证照，办事更便捷。",
    "原创作品的版权保护亟待加强",
    "加强新闻记者队伍建设",
    "为群众分享发展成果",
]


@pytest.mark.parametrize("text", TEXT)
def test_text_with_the_same_words_is_not_furniture(text: str) -> None:
    assert not is_noise(split_lines(text)[0])


@pytest.mark.parametrize("shape", SHAPES, ids=[s.what[:40] for s in SHAPES])
def test_each_row_reads_in_linear_time(shape: Shape) -> None:
    grows_linearly(shape.what, re.compile(shape.pattern, re.I))


@pytest.mark.parametrize("group", range(len(_GROUPS)))
def test_the_rows_joined_read_in_linear_time(group: int) -> None:
    limit, _, _, rx = _GROUPS[group]
    grows_linearly(f"rows up to {limit}", rx)


LINES = sorted(
    {line.key.strip("`- ") for path in REALDOCS.rglob("*.txt") for line in split_lines(decode(path.read_bytes()))}
    | {_key(example) for _, example in ROWS}
)


def test_the_joined_rows_find_what_the_rows_find_one_by_one() -> None:
    """The table is read as a few patterns (anchored alternatives tried once at the start of a line):
    they catch exactly the lines its rows catch each on its own, on every line of the real pages."""
    rows = [(s.limit, s.stop_ok, re.compile(s.pattern, re.I)) for s in SHAPES]
    caught = 0
    for key in LINES:
        for stop in (False, True):
            alone = any(len(key) <= limit and (ok or not stop) and rx.search(key) for limit, ok, rx in rows)
            assert has_shape(key, stop) == alone, (key, stop)
            caught += alone
    assert caught > len(ROWS)
