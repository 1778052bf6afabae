"""Which level of a two-level list holds the points (issue 12, session 15). The README's rule: a list nested
inside a point stays in that point, unless the outer level is a section heading. Each expected outline is
what that rule says of the small document, written from the rule, not from the builder's output."""

from __future__ import annotations

from trainer.core.model import SectionKind
from trainer.parse import parse_document


def _sections(text: str) -> list[tuple[str, SectionKind, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


# Under a numbered heading naming its kind (`…的主要举措`), plain lines that name a measure each open a
# few bullets of detail: the lines are the measures, the bullets their bodies.
PHRASES_OVER_BULLETS = (
    "垃圾分类进社区\n\n"
    "一、垃圾分类的重要意义\n\n"
    "垃圾分类能减少填埋和焚烧的总量，也能让可回收物重新进入生产环节。\n\n"
    "二、推进垃圾分类的主要举措\n\n"
    "设施配置到位\n\n"
    "- 每个小区按楼栋配齐四色分类桶，标识清楚。\n\n"
    "- 在集中投放点加装洗手池和照明，方便夜间投放。\n\n"
    "督导队伍常驻\n\n"
    "- 招募志愿者在早晚高峰值守，现场指导居民分拣。\n\n"
    "- 对屡次混投的住户上门讲解，必要时通报物业。\n\n"
    "激励机制跟进\n\n"
    "- 推行积分兑换，分类正确可换取日用品。\n\n"
    "- 每季度评选分类示范楼栋，给予表彰。\n"
)


def test_phrases_over_bullets_under_a_kind_heading_are_its_points() -> None:
    sections = _sections(PHRASES_OVER_BULLETS)
    measures = [s for s in sections if s[1] is SectionKind.COUNTERMEASURES]
    assert [s[2] for s in measures] == [["设施配置到位", "督导队伍常驻", "激励机制跟进"]]
    assert all("分类桶" not in h for s in sections for h in s[2])


# The same lines under a heading that names no kind (`实践探索`) head lists of their own: there the rule's
# exception (the outer level a section heading) may hold, and the bullets stay the points.
SIDES_OVER_BULLETS = (
    "垃圾分类进社区\n\n"
    "一、各方责任\n\n"
    "政府层面\n\n"
    "- 完善分类投放、收运和处理的全链条设施。\n\n"
    "- 出台奖惩办法，明确各主体责任。\n\n"
    "居民层面\n\n"
    "- 学会分类知识，做到源头减量。\n\n"
    "- 主动参与监督，劝导身边的混投行为。\n"
)


def test_sides_over_bullets_stay_headings() -> None:
    heads = [h for _, _, hs in _sections(SIDES_OVER_BULLETS) for h in hs]
    assert "政府层面" not in heads and "居民层面" not in heads
    assert len(heads) == 4


# Numbered calls to act in two halves at the top of a page, each over labelled sub-items and their bullets:
# each call is a point; what it holds, however deep, is its body.
CLAIMS_OVER_LISTS = (
    "提升社区防火能力的几点做法\n\n"
    "一、压实责任链条，织密消防安全网\n"
    "1.1 明确分工\n"
    "- 街道层面：每季度召开一次联席会议，通报隐患整改进度。\n"
    "- 小区层面：物业与业委会共同签订消防责任书。\n"
    "1.2 定期督查\n"
    "- 街道组织交叉检查，对问题楼栋挂牌督办。\n"
    "二、补齐设施短板，夯实防火基础\n"
    "2.1 更新器材\n"
    "- 为老旧楼栋配齐灭火器和应急照明灯。\n"
    "2.2 打通通道\n"
    "- 清理楼道堆物，施划消防车通道标线。\n"
    "三、开展常态演练，提升自救本领\n"
    "3.1 进楼入户\n"
    "- 每半年组织一次疏散演练，覆盖全部住户。\n"
    "3.2 培训骨干\n"
    "- 每栋楼培养两名消防明白人。\n"
)


def test_calls_to_act_over_nested_lists_are_the_points() -> None:
    heads = [h for _, _, hs in _sections(CLAIMS_OVER_LISTS) for h in hs]
    assert heads == ["压实责任链条，织密消防安全网", "补齐设施短板，夯实防火基础", "开展常态演练，提升自救本领"]


# The same page with its parts named as sections (`一、存在的问题`): the sections hold the points.
NAMED_PARTS_OVER_LISTS = (
    "社区防火调研\n\n"
    "一、存在的问题\n"
    "1. 责任不清。物业与业委会相互推诿。\n"
    "2. 设施老化。灭火器过期无人更换。\n"
    "二、对策建议\n"
    "1. 压实责任。签订消防责任书。\n"
    "2. 更新器材。配齐灭火器和应急照明灯。\n"
)


def test_sections_named_by_kind_still_hold_their_points() -> None:
    sections = _sections(NAMED_PARTS_OVER_LISTS)
    assert [(s[1], s[2]) for s in sections] == [
        (SectionKind.PROBLEMS, ["责任不清", "设施老化"]),
        (SectionKind.COUNTERMEASURES, ["压实责任", "更新器材"]),
    ]


# Decimal items (`2.1`, `2.2`) under a numbered heading naming its kind (`二、…的主要对策`), each a measure
# over a few bullets, are its points: a decimal number alone makes no section heading (session 16, from
# three blind-annotated pages of this shape).
DECIMAL_CLAIMS = (
    "城市内涝防治\n\n"
    "一、内涝频发的主要原因\n"
    "1.1 排水管网标准偏低\n"
    "- 老城区管网多按一年一遇设计，暴雨时很快满负荷。\n"
    "- 雨污合流，管道淤积严重。\n"
    "1.2 硬化地面持续扩张\n"
    "- 绿地被挤占，雨水难以下渗。\n"
    "- 低洼地带缺少调蓄空间。\n"
    "二、防治内涝的主要对策\n"
    "2.1 提高管网建设标准\n"
    "- 新建管网按五年一遇设计，老旧管网分批改造。\n"
    "- 推进雨污分流，定期清淤疏通。\n"
    "2.2 建设海绵城市\n"
    "- 推广透水铺装和下沉式绿地。\n"
    "- 利用公园和广场建设调蓄池。\n"
)


def test_decimal_claims_under_a_kind_heading_are_its_points() -> None:
    sections = _sections(DECIMAL_CLAIMS)
    assert [(s[1], s[2]) for s in sections] == [
        (SectionKind.PROBLEMS, ["排水管网标准偏低", "硬化地面持续扩张"]),
        (SectionKind.COUNTERMEASURES, ["提高管网建设标准", "建设海绵城市"]),
    ]


# Decimal items that name what their lists hold (`1.1 …的具体表现`) stay the headings of those lists.
DECIMAL_NAMED = (
    "城市内涝防治\n\n"
    "一、内涝问题分析\n"
    "1.1 内涝问题的具体表现\n"
    "- 主干道积水：暴雨后主干道积水超过半米。\n"
    "- 地下空间倒灌：地下车库和商场进水。\n"
    "1.2 内涝问题的深层成因\n"
    "- 管网标准偏低：老城区管网设计标准不足。\n"
    "- 调蓄空间不足：低洼地带缺少蓄水设施。\n"
)


def test_decimal_items_naming_their_kind_stay_headings() -> None:
    heads = [h for _, _, hs in _sections(DECIMAL_NAMED) for h in hs]
    assert heads == ["主干道积水", "地下空间倒灌", "管网标准偏低", "调蓄空间不足"]
