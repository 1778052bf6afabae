"""Where a head glued to its body ends (the page's bold lost in the copy), and where no head ends."""

from __future__ import annotations

import pytest

from trainer.parse.glue import glue_point

CASES = [
    (
        "two_findings_then_body",
        "学习深度不足，流于表面化部分单位把学习教育当成交差任务，只读文件不作解读",
        "学习深度不足，流于表面化",
    ),
    (
        "traditional_characters",
        "縣域經濟結構單一，產業層次較低為了進一步推動縣域經濟發展，有關部門採用了區域規劃",
        "縣域經濟結構單一，產業層次較低",
    ),
    (
        "finding_then_preposition",
        "縣域經濟布局不合理同一般的區域經濟規劃相比，縣域經濟的規劃方式大多比較單一",
        "縣域經濟布局不合理",
    ),
    ("short_first_sentence", "基础设施薄弱制约发展。各地要加大投入力度，补齐短板弱项", ""),
    ("finding_word_goes_on_with_yi", "资金投入不足以支撑农村公共服务的持续运转，亟需拓宽多元筹资渠道", ""),
    ("finding_word_goes_on_with_hua", "产业结构单一化的问题在不少县域都较为突出，抗风险能力普遍偏弱", ""),
    ("finding_word_before_a_noun", "服务质量较低水平徘徊的局面在一些乡镇长期存在，群众对此意见很大", ""),
    ("finding_inside_quotes", "“三个不足”的说法在基层干部中广为流传，反映了基层治理的普遍困境", ""),
]


@pytest.mark.parametrize(("title", "head"), [(t, h) for _, t, h in CASES], ids=[c[0] for c in CASES])
def test_glue_point(title: str, head: str) -> None:
    at = glue_point(title)
    assert (title[:at] if at > 0 else "") == head
