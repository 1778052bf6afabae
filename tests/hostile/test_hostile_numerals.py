"""Numbering marks a parser reads as numbers: any run of Chinese numeral characters is a number or not
one, never a crash (`十十、` ended `trainer build` with "unexpected KeyError: '十' (a bug)")."""

from __future__ import annotations

import itertools
from pathlib import Path

from tests.hostile.conftest import assert_one_line_error
from trainer.parse.markers import cn_number


def test_every_run_of_numeral_characters_is_a_number_or_none() -> None:
    digits = "一二三四五六七八九十"
    for size in (1, 2, 3):
        for chars in itertools.product(digits, repeat=size):
            value = cn_number("".join(chars))
            assert 0 <= value <= 99
    assert (cn_number("十"), cn_number("十一"), cn_number("二十"), cn_number("九十九")) == (10, 11, 20, 99)
    assert (cn_number("十十"), cn_number("一十十"), cn_number("十十一")) == (0, 0, 0)


def test_a_document_of_odd_numerals_builds_or_is_refused_in_one_line(home: Path, run, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("题目\n十十、问题。\n（十十）说明。\n十十是甲。\n", encoding="utf-8")
    ran = run("build", doc, "-o", tmp_path / "deck.yaml")
    if ran.code != 0:
        assert_one_line_error(ran, str(doc))
    assert "a bug" not in ran.err
