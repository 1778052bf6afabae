"""Two shapes the session-8 builder misread (found by a second reader): a title whose words hold `一、`
(`统一、开放`) is no title glued to its first heading when that heading has a line of its own; and
clauses opening with `是` that say nothing after it (`是的，是的`) or too little are no 排比 of points."""

import pytest

from trainer.core.model import SectionKind
from trainer.parse import parse_with_notes


def _outline(text: str) -> tuple[str, list[tuple[SectionKind, list[str]]]]:
    deck, _ = parse_with_notes(text, source="guard.txt")
    return deck.name, [(s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def test_a_title_holding_yi_dun_keeps_its_words_when_the_first_heading_has_its_own_line() -> None:
    name, sections = _outline(
        "加快建设全国统一、开放的大市场\n一、存在的问题\n一是审批多；二是收费乱；三是监管弱。\n"
        "二、主要对策\n一是简审批；二是清收费；三是强监管。\n"
    )
    assert name == "加快建设全国统一、开放的大市场"
    assert [kind for kind, _ in sections] == [SectionKind.PROBLEMS, SectionKind.COUNTERMEASURES]


@pytest.mark.parametrize(("first", "second"), [("一、", "二、"), ("（一）", "（二）")], ids=["yi_dun", "paren_yi"])
def test_a_title_glued_to_its_first_heading_is_still_cut(first: str, second: str) -> None:
    name, sections = _outline(
        f"城市老旧小区环境整治实施方案{first}背景分析\n老旧小区设施老化，居民反映强烈。\n"
        f"{second}存在的问题\n一是管网老化；二是停车困难；三是绿化缺失。\n"
    )
    assert name == "城市老旧小区环境整治实施方案"
    assert (SectionKind.PROBLEMS, ["管网老化", "停车困难", "绿化缺失"]) in sections


def test_replies_are_no_parallel_clauses() -> None:
    _, sections = _outline("他低头想了很久，是的，是的，是的，我都知道了。这件事情不能再拖下去了。\n")
    heads = [h for _, hs in sections for h in hs]
    assert "的" not in heads and SectionKind.SIGNIFICANCE not in [k for k, _ in sections]


def test_parallel_clauses_that_say_a_claim_are_points() -> None:
    _, sections = _outline(
        "实现高水平科技自立自强，是新时代科技创新思想的内在要求，是把握新一轮产业变革机遇的客观需要，"
        "是维护国家安全的必然要求，是建设现代化强国的必然选择。\n"
    )
    assert sections and sections[0][0] is SectionKind.SIGNIFICANCE
    assert sections[0][1][:2] == ["新时代科技创新思想的内在要求", "把握新一轮产业变革机遇的客观需要"]
