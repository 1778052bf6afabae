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
    (
        "scene_opener_after_head",
        "乡村旅游缺乏政策支持当前，我国乡村旅游在政策层面的扶持仍显不够，相关配套政策尚不健全",
        "乡村旅游缺乏政策支持",
    ),
    (
        "date_opener_after_head",
        "国家政策的颁布2021年7月24日，中共中央办公厅、国务院办公厅印发了相关意见",
        "国家政策的颁布",
    ),
    (
        "suiran_opener_after_head",
        "教育现实情况随着社会不断发展进步，经济蛋糕越做越大，生活水平逐年提高",
        "教育现实情况",
    ),
    ("time_as_an_object", "坚持立足当前，着眼长远，统筹推进乡村基础设施建设和公共服务提升工作", ""),
    ("opener_with_no_comma_after", "要把握当前形势下农村养老服务面临的新情况新问题，采取有力措施积极应对", ""),
]


@pytest.mark.parametrize(("title", "head"), [(t, h) for _, t, h in CASES], ids=[c[0] for c in CASES])
def test_glue_point(title: str, head: str) -> None:
    at = glue_point(title)
    assert (title[:at] if at > 0 else "") == head
