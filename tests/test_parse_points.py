"""Finding points: each general mechanism on small documents, asserting the sections and heads it gives."""

from __future__ import annotations

import pytest

from trainer.parse import parse_document, parse_with_notes
from trainer.parse.heads import split_head
from trainer.parse.noise import is_noise
from trainer.parse.normalize import split_lines


def _sections(text: str) -> list[tuple[str, str, list[str]]]:
    """(section heading, kind, heads) of every section, in deck order."""
    deck = parse_document(text, source="t.txt")
    return [(s.heading, str(s.kind), [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [h for _, _, heads in _sections(text) for h in heads]


# Paragraphs of the same shape are a list with no numbers: each opens with a short lead (a sentence, a
# phrase and a colon, a bracketed phrase) and goes on to elaborate it.
SHAPED = [
    (
        "sentence_leads_under_a_heading",
        "食品安全\n\n话题引入\n民以食为天，食品安全直接关系群众的身体健康和生命安全，也关系经济健康发展和社会稳定。\n"
        "对策措施\n当好食品安全卫士，全面布控精确打击。统计显示，全国共查办食品安全违法案件28万多起。\n"
        "统筹协调，齐抓共管。打击伪劣食品靠的不是单打独斗，各级食安委要把统筹协调作用发挥出来。\n",
        [("对策措施", "countermeasures", ["当好食品安全卫士，全面布控精确打击", "统筹协调，齐抓共管"])],
    ),
    (
        "sentence_leads_after_a_space",
        "规范涉企执法\n\n存在问题\n多头执法、重复检查。 不同部门各管一段，同一家企业被反复上门检查。\n"
        "小过重罚、机械执法。 有的执法人员只看条文不看情节，对初次轻微违法也顶格处罚。\n",
        [("存在问题", "problems", ["多头执法、重复检查", "小过重罚、机械执法"])],
    ),
    (
        "bracketed_leads",
        "乡村治理\n\n【健全议事机制】各村普遍建立村民议事会，大事小情摆上桌面商量着办。\n"
        "【推行积分管理】把参与村务、移风易俗等表现折算成积分，兑换生活用品。\n",
        # `健全…机制`, `推行…管理`: what is done, read as measures (the learned kind cue, kinds._learned)
        [("乡村治理", "countermeasures", ["健全议事机制", "推行积分管理"])],
    ),
    (
        "colon_leads",
        "经济形势\n\n动能转换与效率提升：支撑我国经济增长的动力正在由要素驱动转向创新驱动。\n"
        "消费升级与内需扩大：居民消费从“有没有”转向“好不好”，服务消费占比持续上升。\n",
        [("经济形势", "other", ["动能转换与效率提升", "消费升级与内需扩大"])],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SHAPED, ids=[c[0] for c in SHAPED])
def test_paragraphs_of_one_shape_are_a_list(name: str, text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _sections(text) == expected


def test_one_shaped_paragraph_is_no_list() -> None:
    text = (
        "基层治理\n\n加强组织保障。家是最小国，国是千万家，基层治理要把群众的冷暖放在心上。\n"
        "近年来，各地探索了许多好做法，基层治理的效能不断提升，群众的获得感明显增强。\n"
    )
    # Only the fallback takes these paragraphs as points (noted so): they are no list.
    _, notes = parse_with_notes(text, source="t.txt")
    assert [n.why for n in notes] == ["paragraphs taken as points (no list found)"]


def test_in_a_run_of_leads_only_those_opening_alike_are_points() -> None:
    text = (
        "传承非遗\n\n三万里残阳山河无疆，五千年汉唐高风激扬。岁月流转，冲淡了传统文化的光彩。\n"
        "加强非遗建设，要内炼其“心”。从记录百姓生活的诗经，到承载传统精神的婚嫁礼俗。\n"
        "加强非遗建设，要外塑其“形”。无论是重申报轻保护，还是过度商业化，伤害的都是非遗。\n"
    )
    assert _heads(text) == ["加强非遗建设，要内炼其“心”", "加强非遗建设，要外塑其“形”"]


def test_a_bracketed_label_is_no_lead() -> None:
    text = (
        "农村社会养老服务体系构建\n\n【摘 要】社会养老服务的属性决定着体系建设的责任主体和发展方向。\n"
        "【关键词】农村；社会养老服务；属性；体系构建\n"
    )
    heads = _heads(text)
    assert "摘要" not in heads and "摘 要" not in heads and "关键词" not in heads


def test_in_a_run_of_leads_those_sharing_words_are_points() -> None:
    # The opening's lead is as short as the points', but only the points are parallel (`，乡村振兴有了`).
    text = (
        "乡村振兴\n\n推进乡村全面振兴是总抓手。近年来，各地因地制宜探索振兴路径，农村面貌焕然一新。\n"
        "产业兴旺，乡村振兴有了坚实基础。各地立足资源禀赋发展特色种养和乡村旅游。\n"
        "人才回流，乡村振兴有了持久动力。返乡创业青年带回技术、资金和理念。\n"
    )
    assert _heads(text) == ["产业兴旺，乡村振兴有了坚实基础", "人才回流，乡村振兴有了持久动力"]


def test_an_opening_paragraph_that_ends_on_its_own_names_no_kind() -> None:
    # `…探索振兴路径…。` names 路径 (countermeasures), but it opens the argument, it leads into no list.
    text = (
        "乡村振兴\n\n推进乡村全面振兴，是新时代做好“三农”工作的总抓手。近年来，各地因地制宜探索振兴路径，农村面貌焕然一新。\n"
        "产业兴旺，乡村振兴有了坚实基础。各地立足资源禀赋发展特色种养和乡村旅游。\n"
        "人才回流，乡村振兴有了持久动力。返乡创业青年带回技术、资金和理念。\n"
    )
    assert _sections(text) == [
        ("乡村振兴", "other", ["产业兴旺，乡村振兴有了坚实基础", "人才回流，乡村振兴有了持久动力"])
    ]


def test_leads_opening_with_clauses_of_one_length_are_parallel() -> None:
    # No words in common, but each lead opens with a four-character clause: all three are points.
    text = (
        "发展银发经济\n\n顶层引领，银发经济纳入国家发展战略。党的十八大以来，我国经济转向高质量发展阶段。\n"
        "潜力巨大，老龄社会奠定蓝海市场。2024年我国银发人口达5.4亿，约占总人口的38.5%。\n"
        "能力改进，消费潜力正在被重新估值。银发经济是向老年人提供产品和服务的经济活动。\n"
    )
    assert _heads(text) == [
        "顶层引领，银发经济纳入国家发展战略",
        "潜力巨大，老龄社会奠定蓝海市场",
        "能力改进，消费潜力正在被重新估值",
    ]


# A list of one is no list: a numbered item with no sibling over a list of its own heads that list.
LONE_HEADINGS = [
    (
        "item_with_prose_then_a_list",
        "传统节日\n\n一、传统节日面临尴尬。\n外来文化不断涌入，不少年轻人冷落了本民族的优秀文化，主要原因如下：\n"
        "1、部分风俗不合时宜。许多地方禁止燃放烟花爆竹，春节少了几分滋味。\n"
        "2、传统节日文化教育的缺失。学校很少讲解节日背后的文化内涵。\n",
        [("传统节日面临尴尬", ["部分风俗不合时宜", "传统节日文化教育的缺失"])],
    ),
    (
        "item_over_a_cut_off_list",
        "合作社调查\n\n一、组建类型\n此次调查的10个镇共有农民专业合作社285个。\n"
        "（一）村干带动型。主要由村居社区干部牵头，联合生产同类产品的农户组建专业合作社。\n",
        [("组建类型", ["村干带动型"])],
    ),
    (
        "item_over_paragraphs_of_one_shape",
        "工作总结\n\n（一）夯实基础，统筹兼顾，社区民生持续改善\n始终坚持民生为本，瞄准群众最急最忧最盼的事情，把各项惠民政策落到实处。\n"
        "落实各项基本保障。1月至10月共救助各类困难对象9307人次，发放助困资金581.1万元。\n"
        "特殊群体持续关爱。深入推进老年宜居社区建设，新设为老服务综合窗口。\n",
        [("夯实基础，统筹兼顾，社区民生持续改善", ["落实各项基本保障", "特殊群体持续关爱"])],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), LONE_HEADINGS, ids=[c[0] for c in LONE_HEADINGS])
def test_a_lone_item_over_a_list_is_its_heading(name: str, text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert [(heading, heads) for heading, _, heads in _sections(text)] == expected


def test_two_items_with_sub_lists_stay_points() -> None:
    # With a sibling, the items form a succession of their own: their sub-items stay in their bodies.
    text = (
        "基层减负\n\n存在问题\n1. 会议过多。干部疲于应付。\n① 某县一个月开会40多次。\n② 会议层层套开。\n"
        "2. 考核过频。留痕过度。\n① 台账多，填报任务重。\n② 检查多，迎检负担重。\n"
    )
    assert _heads(text) == ["会议过多", "考核过频"]


def test_a_list_starting_again_after_a_lead_is_a_section_of_its_own() -> None:
    text = (
        "大学生就业难\n\n1. 教育与就业需求不匹配：大学所教的内容和用人单位的需要脱节。\n"
        "2. 就业市场供需失衡：岗位的供给和求职的人数对不上。\n"
        "针对大学生就业难，一些解决对策包括：\n"
        "1. 加强职业教育和实践能力培养，提高大学生的就业竞争力。\n"
        "2. 鼓励大学生创业和自主就业，减少对传统就业市场的依赖。\n"
    )
    sections = _sections(text)
    assert [heads for _, _, heads in sections] == [
        ["教育与就业需求不匹配", "就业市场供需失衡"],
        ["加强职业教育和实践能力培养，提高大学生的就业竞争力", "鼓励大学生创业和自主就业，减少对传统就业市场的依赖"],
    ]
    assert sections[1][1] == "countermeasures"


def test_a_list_going_on_after_prose_stays_one_section() -> None:
    # The lead before the second `1.` is what makes a new list; a remark ending on its own does not.
    text = (
        "基层治理\n\n存在问题\n1. 人才队伍不完善。人员紧缺。\n2. 权力下放不到位。审批权限仍在县里。\n"
        "以上问题在各地普遍存在。\n3. 经费保障不足。运转经费靠上级拨付。\n"
    )
    assert [heads for _, _, heads in _sections(text)] == [["人才队伍不完善", "权力下放不到位", "经费保障不足"]]


def test_a_bracketed_heading_after_a_sentence_item_starts_a_section() -> None:
    # `二、是受…` is item 2 (a 是 after the number is the item's first word), and the items are whole
    # sentences, so the heading after them opens a section of its own instead of nesting in item 4.
    text = (
        "大学生就业难\n\n【概括问题】\n一、大学生毕业人数增长带来的供给增加。\n"
        "二、是受新冠疫情的影响，大量企业缩招或不招人导致的需求减少。\n"
        "三、个别企业在招聘中设置的各种或明或暗的歧视条件也阻碍了大学生的就业。\n"
        "【分析原因】\n当前大学生的就业观念存在偏差。一是忽视国家利益，淡化社会需求。二是个人意识增强，功利主义增长。\n"
    )
    assert [(heading, len(heads)) for heading, _, heads in _sections(text)] == [("概括问题", 3), ("分析原因", 2)]


# A head whose stop was lost (bold on the page) is apart from its body only by a space between words.
GAP_HEADS = [
    (
        "基础文化设施利用率有待提高 近年来全市公共文化设施的总量虽然持续增加，但管理没有跟上。",
        "基础文化设施利用率有待提高",
        "近年来全市公共文化设施的总量虽然持续增加，但管理没有跟上。",
    ),
    # A short run after the space is the head's own words, split by a copy: no cut.
    ("提高基层 治理能力。加强培训。", "提高基层治理能力", "加强培训。"),
    (
        "文化人才欠缺、队伍不稳 群众文化工作的阵地和抓手主要在基层，依托乡镇文化站开展。",
        "文化人才欠缺、队伍不稳",
        "群众文化工作的阵地和抓手主要在基层，依托乡镇文化站开展。",
    ),
    # A space after a clause that has a comma in it is no head boundary: the head rule holds.
    ("近年来，我市 加大投入，建成了一批乡镇综合文化站。", "近年来，我市加大投入，建成了一批乡镇综合文化站", ""),
]


@pytest.mark.parametrize(("text", "head", "body"), GAP_HEADS, ids=[g[1] for g in GAP_HEADS])
def test_a_space_between_words_ends_a_head_that_lost_its_stop(text: str, head: str, body: str) -> None:
    assert split_head(text)[:2] == (head, body)


def test_a_lone_bullet_is_no_list() -> None:
    # The `• 注册` left of a page's menu held the whole article as its body; it is a line of text.
    text = (
        "• 注册\n以银发经济为导向激发经济活力\n\n"
        "日前，国务院办公厅印发《关于发展银发经济增进老年人福祉的意见》，着眼于增强老年人的幸福感。\n"
        "加强组织保障解决老年人后顾之忧。家是最小国，国是千万家。一方面，要弘扬孝亲敬老传统美德；"
        "另一方面，要落实好老年优待政策。\n"
        "优化产业结构满足老年人生活需求。统计显示，我国60周岁及以上老年人口已超过2.8亿。\n"
    )
    assert _heads(text) == ["加强组织保障解决老年人后顾之忧", "优化产业结构满足老年人生活需求"]


def test_a_lead_right_before_a_run_together_list_heads_it() -> None:
    text = (
        "基层治理\n\n存在问题：一是人才队伍不完善，人员紧缺；二是权力下放不到位，审批权限仍在县里。\n"
        "对策建议：一是配强工作人员，充实力量；二是下放审批权限，减少环节。\n"
    )
    assert [(heading, heads) for heading, _, heads in _sections(text)] == [
        ("存在问题", ["人才队伍不完善", "权力下放不到位"]),
        ("对策建议", ["配强工作人员", "下放审批权限"]),
    ]


def test_numbers_set_apart_over_title_lines_are_a_list_and_a_repeated_label_is_no_heading() -> None:
    # A 金句 page: each number on a line of its own over the quotation, and the same `应用示例` line
    # under every item (the items' template, not a heading over them).
    text = (
        "民生话题古籍金句\n\n不少考生写民生话题时，总觉得素材单薄、论述没底气。\n"
        "1\n凡治国之道，必先富民\n出自《管子》，大意是治理国家的办法，首要的是让百姓富裕起来。\n"
        "应用示例\n“凡治国之道，必先富民。”新时代里，各地应把产业发展抓在手上。\n"
        "2\n老吾老，以及人之老\n出自《孟子》，大意是孝敬自家的长辈，并推及别人家的长辈。\n"
        "应用示例\n“老吾老，以及人之老。”新时代的社会保障体系要为老年人织密养老网。\n"
    )
    deck = parse_document(text, source="t.txt")
    points = [p for _, _, p in deck.points()]
    assert [p.head for p in points] == ["凡治国之道，必先富民", "老吾老，以及人之老"]
    assert "应用示例" in points[0].body and "产业发展" in points[0].body


def test_a_page_number_between_lines_of_prose_is_no_marker() -> None:
    text = (
        "基层治理调研报告\n\n一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺，一人多岗的现象比较普遍，\n"
        "1\n"
        "工作人员长期超负荷运转，服务质量难以保证，群众办事还要多跑腿、多等待、多花冤枉钱。\n"
        "2. 经费保障不足。运转经费主要靠上级拨付。\n"
    )
    assert _heads(text) == ["人才队伍不完善", "经费保障不足"]


def test_quotation_lines_are_a_list_and_a_quoted_word_is_no_lead() -> None:
    text = (
        "民生金句\n\n民生是为政之要，下面这些古语值得积累。\n"
        "“民亦劳止，汔可小康。”——《诗经》\n"
        "“治国有常，而利民为本。”——《淮南子》\n"
        "“老吾老，以及人之老；幼吾幼，以及人之幼。”新时代的社会保障体系要为老年人织密养老网。\n"
        "“放管服”改革深入推进，群众办事更方便了，企业开办时间大幅压缩。\n"
    )
    assert _heads(text) == ["民亦劳止，汔可小康", "治国有常，而利民为本", "老吾老，以及人之老"]


def test_figures_and_scene_setting_sentences_lead_no_points() -> None:
    # Paragraphs opening with a figure or with `近年来，…` elaborate the item above them.
    text = (
        "2025年工作总结\n\n一、主要成效\n（一）经济运行\n全年地区生产总值增长6.5%。规模以上工业增加值增长8%，投资增长10%。\n"
        "全年新增就业1.2万人。城镇登记失业率控制在3%以内，零就业家庭动态清零。\n"
        "（二）民生保障\n近年来，我区持续加大投入。新建养老服务站12个，改造老旧小区30个。\n"
        "但短板依然存在。农村养老服务覆盖面仍然不足，需要进一步补齐。\n"
    )
    assert _heads(text) == ["经济运行", "民生保障"]


def test_a_list_announced_after_the_last_item_is_beside_it_not_in_it() -> None:
    text = (
        "如何破解养老难题\n\n当前，我国老龄化程度不断加深，养老问题备受关注。\n"
        "一是养老服务供给不足。养老机构床位紧张。\n二是养老服务质量不高。护理人员专业素质偏低。\n"
        "对此，建议从以下几方面着手：\n"
        "第一，扩大服务供给。鼓励社会力量参与。\n第二，提升服务质量。加强护理人员培训。\n"
    )
    assert [(kind, heads) for _, kind, heads in _sections(text)] == [
        ("problems", ["养老服务供给不足", "养老服务质量不高"]),
        ("countermeasures", ["扩大服务供给", "提升服务质量"]),
    ]


def test_a_deeper_list_announced_inside_an_item_stays_in_it() -> None:
    text = (
        "基层治理\n\n存在问题\n1. 人才队伍不完善。人员紧缺。\n2. 权力下放不到位。审批权限仍在县里。\n其中，权力下放不到位具体表现为：\n"
        "一是审批环节多，群众跑腿多。\n二是权责不对等，基层接不住。\n"
    )
    deck = parse_document(text, source="t.txt")
    points = [p for _, _, p in deck.points()]
    assert [p.head for p in points] == ["人才队伍不完善", "权力下放不到位"]
    assert "审批环节多" in points[1].body


def test_keycap_emoji_digits_number_a_list() -> None:
    text = (
        "基层减负\n\n基层减负喊了多年，为何越减越重？原因有三：\n"
        "1️⃣ 形式主义根子未除。一些地方习惯以文件落实文件。\n"
        "2️⃣ 考核机制不科学。考核指标繁多，过度留痕。\n"
        "3⃣ 权责不对等。上级部门把责任层层下压。\n"
    )
    assert _heads(text) == ["形式主义根子未除", "考核机制不科学", "权责不对等"]


def test_items_parted_by_spaces_on_one_line_and_a_label_line_after_them() -> None:
    # Short items run together with spaces between them (a table or PDF copy); the next line, led by
    # a heading word and a colon, opens a part of its own even though the line before stops on a word.
    text = (
        "参考答案\n\n问题：1.基础设施薄弱 2.人才流失严重 3.产业发展滞后\n"
        "对策：1.加大基础设施投入 2.完善人才引进政策 3.培育特色产业\n"
    )
    assert [(heading, kind, heads) for heading, kind, heads in _sections(text)] == [
        ("问题", "problems", ["基础设施薄弱", "人才流失严重", "产业发展滞后"]),
        ("对策", "countermeasures", ["加大基础设施投入", "完善人才引进政策", "培育特色产业"]),
    ]


def test_a_figure_after_a_space_is_no_marker() -> None:
    text = "经济数据\n\n1. 经济增长较快。全年增长 2.5 倍，投资增长 3.2 个百分点。\n2. 结构持续优化。\n"
    assert _heads(text) == ["经济增长较快", "结构持续优化"]


def test_an_item_run_on_into_its_first_sub_item_is_split_again() -> None:
    text = (
        "防震减灾规划\n\n一、规划背景 （一）工作体系初步形成。各级政府高度重视防震减灾工作的领导和机构建设。\n"
        "（二）监测能力明显提升。建成了覆盖全市的地震监测台网。\n"
    )
    assert [(heading, heads) for heading, _, heads in _sections(text)] == [
        ("规划背景", ["工作体系初步形成", "监测能力明显提升"])
    ]


def test_subheadings_over_prose_under_a_kind_heading_are_its_points() -> None:
    text = (
        "# 优化营商环境\n\n## 一、存在的问题\n\n当前营商环境仍存在一些短板，主要表现为：一是审批环节多，企业办事难；"
        "二是政策落实不到位，惠企政策不畅。\n\n## 二、对策建议\n\n### 1. 深化“放管服”改革\n进一步精简审批事项，推行“一网通办”。\n\n"
        "### 2. 狠抓政策落实\n建立惠企政策直达机制，确保政策红利应享尽享。\n"
    )
    assert [(heading, heads) for heading, _, heads in _sections(text)] == [
        ("存在的问题", ["审批环节多", "政策落实不到位"]),
        ("对策建议", ["深化“放管服”改革", "狠抓政策落实"]),
    ]


def test_subheadings_over_prose_under_any_heading_are_its_points() -> None:
    # Under a heading naming no kind (背景, 现状与影响), subheadings each over a paragraph are points too:
    # the blind annotations mark them so on real pages (a section of kind other is still a section).
    text = (
        "# 餐饮浪费\n\n## 检查行动的背景\n\n### 政策支持\n国家先后出台反食品浪费法等一系列法规，明确各方责任。\n\n"
        "### 社会关注\n公众节约意识不断增强，各界纷纷呼吁制止浪费。\n\n"
        "## 对策建议\n\n1. 全面布控精确打击。开展明查暗访全覆盖。\n2. 统筹协调齐抓共管。形成监管合力。\n"
    )
    assert _heads(text) == ["政策支持", "社会关注", "全面布控精确打击", "统筹协调齐抓共管"]


def test_headings_over_prose_beside_a_heading_over_a_list_stay_headings() -> None:
    # Headings of one level of which one holds a list are the document's parts: the others' prose is
    # background, not points.
    text = (
        "# 食品安全\n\n## 热点背景\n近日，全国食品安全工作会议召开，强调要压紧压实各方责任。\n\n"
        "## 话题引入\n民以食为天，食品安全直接关系群众的身体健康和生命安全。\n\n"
        "## 对策建议\n\n1. 全面布控精确打击。开展明查暗访全覆盖。\n2. 统筹协调齐抓共管。形成监管合力。\n"
    )
    assert _heads(text) == ["全面布控精确打击", "统筹协调齐抓共管"]


def test_colon_leads_may_hold_a_pause_but_not_a_speaker() -> None:
    text = (
        "执法问题\n\n多头执法、重复检查：不同部门各管一段，同一家企业被反复上门检查。\n"
        "小过重罚、机械执法：有的执法人员只看条文不看情节，对轻微违法也顶格处罚。\n"
    )
    assert _heads(text) == ["多头执法、重复检查", "小过重罚、机械执法"]
    quoted = (
        "执法温度\n\n习近平总书记指出：法治是最好的营商环境，要依法平等保护各类市场主体。\n"
        "有关负责人表示：将进一步规范行政执法行为，杜绝选择性执法和一刀切。\n"
    )
    _, notes = parse_with_notes(quoted, source="t.txt")
    assert [n.why for n in notes] == ["paragraphs taken as points (no list found)"]


def test_a_heading_phrase_ended_by_a_stop_leads_the_list_after_it() -> None:
    text = (
        "基层治理\n\n存在问题。一是人才队伍不完善，人员紧缺；二是权力下放不到位，审批权限仍在县里。\n"
        "对策建议。一是配强工作人员，充实力量；二是下放审批权限，减少环节。\n"
    )
    assert [(heading, kind) for heading, kind, _ in _sections(text)] == [
        ("存在问题", "problems"),
        ("对策建议", "countermeasures"),
    ]


def test_points_counted_by_a_word_before_the_number() -> None:
    text = (
        "乡村人才问题\n\n原因一：乡村吸引力不足。乡村基础设施和公共服务落后于城市。\n"
        "原因二：激励机制缺位。返乡人才在编制、职称等方面缺乏保障。\n"
        "对策1：完善公共服务。补齐乡村教育、医疗短板。\n对策2：健全激励机制。在职称评定方面给予倾斜。\n"
    )
    assert [(kind, heads) for _, kind, heads in _sections(text)] == [
        ("problems", ["乡村吸引力不足", "激励机制缺位"]),
        ("countermeasures", ["完善公共服务", "健全激励机制"]),
    ]


def test_lines_as_wide_as_a_narrow_page_are_joined() -> None:
    # A PDF copy broke every line at 14 characters, without punctuation at the breaks.
    bodies = {
        "养老服务设施不足": "全区现有社区养老服务站点覆盖率较低难以满足老年人的日常需求亟待加快布局建设。",
        "专业人才缺乏": "护理人员大多为临时聘用专业水平不高流动性大队伍很不稳定。",
        "资金保障不足": "运营经费主要依靠政府补贴社会资本参与不足可持续性较差。",
    }
    lines = ["关于社区养老的调研报告"]
    for n, (head, body) in enumerate(bodies.items(), 1):
        lines += [f"{n}.{head}", *(body[k : k + 14] for k in range(0, len(body), 14))]
    deck = parse_document("\n".join(lines), source="t.txt")
    assert [(p.head, p.body) for _, _, p in deck.points()] == list(bodies.items())


def test_page_numbers_of_a_narrow_pdf_count_no_list() -> None:
    # Page numbers 1, 2 count too, but each falls mid-sentence, over a line as wide as the page.
    # Four different sentences: a line said three times would be a running header.
    prose = (
        "基层治理现代化是国家治理体系的重要组成部分各地在实践中探索了许多好做法积累了宝贵经验"
        "乡镇街道承担着大量服务群众的具体事务人员编制和经费保障却长期跟不上工作的需要"
        "网格化管理让问题发现在早处置在小但也带来了台账过多和重复填报等新的负担需要减下来"
        "下一步要厘清权责清单推动资源下沉让基层干部把更多精力放到为群众办实事上面去"
    )
    lines = ["基层治理调研", *(prose[k : k + 14] for k in range(0, len(prose), 14))]
    lines.insert(4, "1")
    lines.insert(9, "2")
    deck = parse_document("\n".join(lines) + "。\n", source="t.txt")
    assert [p.body for _, _, p in deck.points()] == [""]
    assert next(p.head for _, _, p in deck.points()).startswith(prose[:40])


def test_an_essays_opening_and_closing_are_no_points_beside_leads_of_one_length() -> None:
    text = (
        "守护舌尖上的安全\n\n民以食为天，食以安为先。食品安全关系每个人的身体健康和生命安全。\n"
        "压实企业责任。企业是食品安全的第一责任人，要建立全过程质量管理体系。\n"
        "强化政府监管。监管部门要开展明查暗访，对违法行为零容忍。\n"
        "凝聚社会合力。要畅通投诉举报渠道，让群众参与监督。\n"
        "食品安全无小事。让我们携手守护舌尖上的安全。\n"
    )
    assert _heads(text) == ["压实企业责任", "强化政府监管", "凝聚社会合力"]


def test_leads_built_alike_stay_points_whatever_their_length() -> None:
    text = (
        "执法问题\n\n存在问题\n多头执法、重复检查。不同部门各管一段，同一家企业被反复上门。\n"
        "小过重罚、机械执法。有的执法人员只看条文不看情节。\n"
        "执法标准不一、自由裁量过宽。同样的问题，这个区罚三千、那个区罚三万。\n"
    )
    assert _heads(text) == ["多头执法、重复检查", "小过重罚、机械执法", "执法标准不一、自由裁量过宽"]


def test_a_point_counted_by_a_kind_word_has_its_own_words_as_head() -> None:
    text = (
        "基层治理的两大难题\n"
        "一、难题一：治理主体能力不足\n干部吃不透政策，服务意识淡薄，落实起来效果打折扣。\n"
        "二、难题二：治理资源匮乏\n人手少、经费紧，信息系统各自为政，难以支撑日常运转。\n"
    )
    heads = [p.head for _, _, p in parse_document(text, source="t.txt").points()]
    assert heads == ["治理主体能力不足", "治理资源匮乏"]


def test_a_line_that_only_says_for_example_heads_nothing() -> None:
    text = (
        "如何积累素材\n"
        "一、多留意身边小事\n身边的事折射社会问题。\n这些事例不必说得很细。\n"
        "二、多积累新闻热点\n新闻热点更具体，针对性更强。\n可以借助新闻客户端积累。\n"
        "三、多了解原理效应\n原理效应揭示客观规律。\n例如：\n“木桶效应”说明要补齐短板。\n“破窗效应”说明问题要及早处理。\n"
    )
    heads = [p.head for _, _, p in parse_document(text, source="t.txt").points()]
    assert heads == ["多留意身边小事", "多积累新闻热点", "多了解原理效应"]


def test_paragraphs_run_together_with_wide_gaps_are_split_after_a_heading_too() -> None:
    line = (
        "乡镇政权处在农村政权体系的最基层，是开展农村工作的根基。农村改革不断深化，乡镇该履行哪些职能已成为课题。"
        "取消农业税以后，乡镇的收入来源变了，职能也跟着变，怎样高效履行职能，是眼下急需研究解决的重要问题。"
        "   一、乡镇工作的困难   从乡镇工作遇到的困难来看，最难办的事情有三件：一是征地拆迁难，补偿标准偏低。"
        "二是维护稳定难，历史欠账太多。三是推进产业化难，缺少调控手段。   二、下一步   要理顺职能。"
    )
    assert [x.text for x in split_lines(line)][1:3] == [
        "一、乡镇工作的困难",
        "从乡镇工作遇到的困难来看，最难办的事情有三件：一是征地拆迁难，补偿标准偏低。二是维护稳定难，历史欠账太多。三是推进产业化难，缺少调控手段。",
    ]


def test_a_time_stamp_to_the_second_makes_a_line_page_metadata_and_one_character_heads_nothing() -> None:
    stamp = split_lines("2018年8月17日23:55:20乡镇职能定位研究报告已关闭评论")[0]
    assert is_noise(stamp)
    text = "乡镇职能定位研究报告\n一、存在的问题\n1. 征地拆迁难。补偿偏低。\n2. 维护稳定难。欠账太多。\n乡\n"
    deck = parse_document(text, source="t.txt")
    assert [s.heading for t in deck.topics for s in t.sections] == ["存在的问题"]
