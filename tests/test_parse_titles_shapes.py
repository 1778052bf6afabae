"""Deck names from the real title: the shapes of what a page puts around a title line (issue 12, session 13).

Each case is a small document of the genre; the expected name is what the README's title rule says the
document is called, written from the rule, not from the builder's output."""

from __future__ import annotations

import pytest

from trainer.parse import parse_document

BODY = "\n一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。授权不到位。\n"

DECORATED = [
    ("a count of characters in brackets", "乡村振兴中的问题与建议（2889字）" + BODY, "乡村振兴中的问题与建议"),
    (
        "a count of views glued on",
        "老小区物业难题如何破局？社区治理的实践130" + BODY,
        "老小区物业难题如何破局？社区治理的实践",
    ),
    ("a year at the end is the title's", "留守老人调查报告2023" + BODY, "留守老人调查报告2023"),
    (
        "an official document's issuing number",
        "某市人民政府关于优化营商环境的实施意见（某政〔2017〕101号）" + BODY,
        "某市人民政府关于优化营商环境的实施意见",
    ),
    ("a forum's word for a good post", "一位社区工作者的工作体会(精辟)" + BODY, "一位社区工作者的工作体会"),
    ("a piece label before the title", "篇一：乡镇防汛抗旱工作总结" + BODY, "乡镇防汛抗旱工作总结"),
    (
        "an exam site's essay label",
        "2021乡镇公务员申论范文：争当时代青年 成就无悔青春" + BODY,
        "争当时代青年 成就无悔青春",
    ),
    (
        "a post's theme announced",
        "本期申论轻松学的主题是：激活消费动能，增强发展信心" + BODY,
        "激活消费动能，增强发展信心",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), DECORATED, ids=[t[0] for t in DECORATED])
def test_what_a_page_puts_around_the_title_is_no_part_of_it(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_guidance_column_stays_in_the_deck_name_not_in_the_topic() -> None:
    deck = parse_document("2020军转干申论备考：归纳概括题解题之道" + BODY, source="doc.txt")
    assert deck.name == "2020军转干申论备考：归纳概括题解题之道"
    assert deck.topics[0].title == "归纳概括题解题之道"


KEYWORDS = [
    (
        "a search keyword before the title",
        "人居环境调研报告 农村人居环境整治调研报告" + BODY,
        "农村人居环境整治调研报告",
    ),
    (
        "a keyword and a bar, a page number in spaced brackets",
        "乡镇安全生产总结|乡镇安全生产工作半年总结( 五 )" + BODY,
        "乡镇安全生产工作半年总结",
    ),
    ("two phrases of one title", "争当时代青年 成就无悔青春" + BODY, "争当时代青年 成就无悔青春"),
    (
        "a title said again as a question",
        "制止餐饮浪费的经验做法 制止餐饮浪费的经验做法有什么" + BODY,
        "制止餐饮浪费的经验做法",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), KEYWORDS, ids=[t[0] for t in KEYWORDS])
def test_a_site_s_search_keyword_beside_the_title_is_dropped(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_title_under_a_box_of_figures_names_the_deck() -> None:
    page = (
        "- 0\n- 约4.06千字\n- 约 7页\n- 2026-03-04 发布于山东\n- 举报\n乡镇安全生产工作的调研报告\n"
        "在全面推进乡村振兴的背景下，乡镇一级的安全生产工作直接牵涉群众生命财产安全。" + BODY
    )
    assert parse_document(page, source="doc.txt").name == "乡镇安全生产工作的调研报告"


def test_a_lead_in_heading_the_text_never_names_the_deck() -> None:
    assert parse_document("下面列出一些比较常见的观点和看法：" + BODY, source="doc.txt").name == "doc"


LINES = [
    (
        "a bracketed topic before the title's colon",
        "【企业数字化转型痛点】：揭秘核心难题及破局之道" + BODY,
        "【企业数字化转型痛点】：揭秘核心难题及破局之道",
    ),
    ("a bracketed label before the title", "【答案】基层减负工作总结" + BODY, "基层减负工作总结"),
    (
        "a year a copy broke off onto its own line",
        "2021\n年在实施乡村振兴战略领导小组会议上的讲话" + BODY,
        "2021年在实施乡村振兴战略领导小组会议上的讲话",
    ),
    (
        "a post's mark before the title",
        "原创 什么是“银发经济”？国家为何大力发展？" + BODY,
        "什么是“银发经济”？国家为何大力发展？",
    ),
    (
        "an original title in brackets over the text",
        "（原标题：《政府工作报告》解读二：2024年工作回顾（二））\n这一年，我们聚焦三农谋幸福，乡村振兴持续深入。"
        + BODY,
        "《政府工作报告》解读二：2024年工作回顾（二）",
    ),
    (
        "a paper site's note after the title",
        "中国应急管理的演进与转换：从体系建构到能力提升，本文主要内容关键词为：中国论文，体系论文，此文献不代表本站观点。"
        + BODY,
        "中国应急管理的演进与转换：从体系建构到能力提升",
    ),
    (
        "a case's name in a form",
        "提案范文2021年优秀政协提案范文\n第20xx0002号提案\n案例名称：关于加强乡镇文化服务设施建设的建议\n分类：文化教育"
        + BODY,
        "关于加强乡镇文化服务设施建设的建议",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), LINES, ids=[t[0] for t in LINES])
def test_the_title_line_s_own_shape(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_forum_post_s_title_is_over_its_buttons_and_posting_row() -> None:
    page = (
        "清流社工网\n\n 找回密码\n 注册会员\n查看: 3706|回复: 1\n\n[心得] 一位社区工作者的工作体会(精辟)\n\n"
        "[复制链接]\n发表于 2009-10-1 16:41 | 显示全部楼层 |阅读模式" + BODY
    )
    deck = parse_document(page, source="doc.txt")
    assert deck.name == "一位社区工作者的工作体会"
    assert "复制链接" not in [t.title for t in deck.topics]


PIECES = [
    (
        "the site's year and count over its one piece",
        "2023年人居环境调研报告(优质10篇)\n人居环境调研报告篇一\n通过实地走访调查，我深切体会到农村人居环境工作的重要。"
        + BODY,
        "人居环境调研报告",
    ),
    (
        "the site's 范文 and 范例 over its one piece",
        "本年度非遗工作总结范文及下一年工作计划范例(汇总4篇)\n本年度非遗工作总结及下一年工作计划篇1\n"
        "全市非遗保护工作始终坚持保护为主的方针。" + BODY,
        "本年度非遗工作总结及下一年工作计划",
    ),
    (
        "fewer words over its one piece",
        "安全生产年终总结\n\n关于安全生产年终总结 篇1\n总结是对某一段时间内的工作进行归纳概括的书面材料。" + BODY,
        "关于安全生产年终总结",
    ),
    (
        "a title with words of its own over its one piece",
        "农村教育问题调查报告最新7篇\n农村教育调查报告 篇1\n为了解农村教育的现状，我们走访了三个乡镇。" + BODY,
        "农村教育问题调查报告",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), PIECES, ids=[t[0] for t in PIECES])
def test_a_collection_s_one_piece_names_the_document(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_title_reviewing_a_period_s_work_reads_its_list_as_achievements() -> None:
    text = "关于安全生产年终总结\n1. 领导重视，组织健全。各级成立了领导小组。\n2. 宣传到位，氛围浓厚。开展了多次宣传活动。\n"
    deck = parse_document(text, source="doc.txt")
    assert [str(s.kind) for t in deck.topics for s in t.sections] == ["achievements"]


PROSE_BODY = (
    "\n\n文化遗产是民族乃至全人类不可多得的文化资源，想把保护工作做实做好，可以参考以下建议：\n"
    "1. 理顺管理体制。眼下，文化遗产分属多个部门。\n2. 加大资金投入。保护经费长期不足。\n"
)
FURNITURE = [
    (
        "a thumbnail's label and a lone author label",
        "缩略图\n\n持续提升行政执法质量和效能的路径分析\n\n作者\n\n吴陶 李林娣\n\n中共某某党校 胡杨河市 833200" + BODY,
        "持续提升行政执法质量和效能的路径分析",
    ),
    (
        "a time stamp in parts and a lone source label under the title",
        "首页 > 理论圆桌 > 正文\n\n莫把“自媒体”当作无法无天的“自由体”\n\n2023\n\n03-15\n\n10:46\n\n来源\n\n分享" + BODY,
        "莫把“自媒体”当作无法无天的“自由体”",
    ),
    (
        "a title and its copy around a view count",
        "当前位置:趣味科普网>经验>\n\n为保护我国文化遗产提3条建议\n\n经验 阅读(3.11W)\n\n为保护我国文化遗产提3条建议"
        + PROSE_BODY,
        "为保护我国文化遗产提3条建议",
    ),
    (
        "two links of a site's header",
        "网站首页 | 网站地图\n\n首页 > 中国品牌 > 品牌智库 > 正文\n\n关注新就业群体 共享发展红利" + PROSE_BODY,
        "关注新就业群体 共享发展红利",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), FURNITURE, ids=[t[0] for t in FURNITURE])
def test_page_furniture_around_the_title_never_names_the_deck(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_label_waiting_for_its_value_is_no_title() -> None:
    page = (
        "1 / 6\n文档名称:\n\n基层减负的存在问题及解决方法.pdf\n\n格式:pdf   大小:297KB   页数:6页\n"
        "下载后只包含 1 个 PDF 格式的文档" + BODY
    )
    assert parse_document(page, source="doc.txt").name == "基层减负的存在问题及解决方法"


ECHOES = [
    (
        "a keyword echoed in brackets after the title",
        "科技创新的意义和作用青年如何做(科技创新的意义和作用)" + BODY,
        "科技创新的意义和作用青年如何做",
    ),
    ("a bracket of the title's own words", "乡村振兴战略规划(2018-2022年)" + BODY, "乡村振兴战略规划（2018-2022年）"),
    (
        "a site's listing line over the document's own title",
        "2019环保部门年终总结暨新年计划PPT模板\n环保部门年终总结\n2019年，我局在市委的领导下，各项环保工作稳步推进。"
        + BODY,
        "环保部门年终总结",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), ECHOES, ids=[t[0] for t in ECHOES])
def test_the_title_said_again_by_the_site(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_a_notice_forwarding_a_plan_without_quotes_names_it() -> None:
    page = (
        "各乡镇人民政府，市各委、办、局：\n某市人力资源和社会保障事业“十四五”发展规划已经市政府同意，现予印发，请遵照执行。\n"
        "特此通知。\n某市人民政府办公室\n2021年12月22日\n某市人力资源和社会保障局某市人力资源和社会保障事业“十四五”发展规划\n"
        "本规划是根据某市国民经济和社会发展第十四个五年规划纲要编制的。" + BODY
    )
    assert parse_document(page, source="doc.txt").name == "某市人力资源和社会保障事业“十四五”发展规划"


def test_a_flattened_page_opening_with_its_title_said_again_and_again() -> None:
    title = "关于我区科技创新工作情况的调查报告"
    page = (
        f"{title} {title} 关于我区科技创新工作情况的调 查 报 告为推进创新驱动发展战略，区政协组织了专题调研。"
        "一、存在问题1.人才队伍不完善。便民服务中心人员紧缺。2.权力下放不到位。授权不到位。"
    )
    deck = parse_document(page, source="doc.txt")
    assert deck.name == title
    assert not any("调 查" in p.head or title in p.head for _, _, p in deck.points())


def test_a_glued_speech_title_after_a_site_s_keyword_for_it() -> None:
    title = "在全区优化营商环境暨企业大走访会议上的讲话"
    page = (
        f"1、 全区优化营商环境暨企业大走访会议上讲话 {title} {title} 同志们：刚才我们一道收看了全市营商环境迎评工作会议。"
        + BODY
    )
    assert parse_document(page, source="doc.txt").name == title


def test_the_own_title_line_of_a_document_a_site_quotes_in_more_words() -> None:
    page = (
        "城市更新重大进展！某市老旧小区更新改造征求意见稿发布\n"
        "导读：近日，某市住房城乡建设委发布关于向社会公开征求《某市城镇老旧小区更新改造工作方案（征求意见稿）》意见的公告，"
        "公告指出，城镇老旧小区更新改造包括城镇老旧小区改造和城镇老旧房屋更新。\n"
        "某市城镇老旧小区更新改造工作方案\n（征求意见稿）\n为推进城镇老旧小区更新改造，制定本方案。" + BODY
    )
    assert parse_document(page, source="doc.txt").name == "某市城镇老旧小区更新改造工作方案"


def test_a_title_over_a_shorter_sentence_opening_with_a_quote_is_no_broken_sentence() -> None:
    page = (
        "关注新就业形态劳动者权益保障，某代表建议制定一部独立法律\n“灵活就业”劳动者的权益保护引起了人大代表的重视。\n"
        "今年全国两会期间，某代表就新就业形态劳动者权益保障问题提出建议。" + BODY
    )
    assert parse_document(page, source="doc.txt").name == "关注新就业形态劳动者权益保障，某代表建议制定一部独立法律"
