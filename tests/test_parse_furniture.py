"""Page furniture is known by its shape, and the deck's name is the document's real title (issue 12).

Each case is a made-up page of a shape the genre's sites have (navigation rows, page controls, arrow
trails, layout tables, dates, site notes that name the document), not a copy of one page.
"""

from __future__ import annotations

import pytest

from trainer.parse import parse_document
from trainer.parse.injected import without_injected
from trainer.parse.noise import menu_lines
from trainer.parse.normalize import split_lines

BODY = "\n一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。授权不到位。\n"

# (label, page, its real title or the file stem, the furniture lines that must become nothing)
PAGES = [
    ("page control alone", "导航\n社区养老服务调查" + BODY, "社区养老服务调查", ["导航"]),
    (
        "bulleted controls",
        "  • 您好，本站欢迎您！\n  • 注册\n以发展为导向激发活力" + BODY,
        "以发展为导向激发活力",
        ["注册"],
    ),
    ("arrow trail", "首页\n-> 要闻 -> 通告 -> 公告\n关于整改情况的报告" + BODY, "关于整改情况的报告", ["首页", "要闻"]),
    (
        "long navigation row with one longer item",
        "某某考试网 地方站： 甲城 乙城 丙城 丁城 戊城 更多\n青年就业如何破题" + BODY,
        "青年就业如何破题",
        ["某某考试网"],
    ),
    ("layout table row", "| ||||||||\n通知全文 | ||||||||\n防灾规划" + BODY, "防灾规划", ["通知全文"]),
    ("date alone", "2021年8月\n县域电商人才培养的现实困境" + BODY, "县域电商人才培养的现实困境", ["2021年8月"]),
    ("date in Chinese numerals", "城市更新调研\n二○○八年一月二十五日" + BODY, "城市更新调研", ["二○○八年一月二十五日"]),
    (
        "date after the title",
        "五角场街道2015年工作总结和2016年工作安排 2016-03-07" + BODY,
        "五角场街道2015年工作总结和2016年工作安排",
        ["2016-03-07"],
    ),
    ("label split by a bar", "申论热点｜规范涉企执法" + BODY, "规范涉企执法", ["申论热点"]),
    ("banner said twice", "热点阅读\n来源：某网\n热点阅读\n\n重视传统节日" + BODY, "重视传统节日", ["热点阅读"]),
    ("column under the title", "社会问题四大要素\n2012年公务员申论热点" + BODY, "社会问题四大要素", ["申论热点"]),
    (
        "title only in an aggregator's note",
        "下面是小编为大家整理的街道创城工作进展情况报告,供大家参考。" + BODY,
        "街道创城工作进展情况报告",
        ["小编"],
    ),
    (
        "title only in a recommendation",
        "为帮助考生，某网特别推荐申论热点解读“增强数字政府效能”。希望对考生有帮助。" + BODY,
        "增强数字政府效能",
        ["推荐"],
    ),
    (
        "metadata row names the document",
        "文件名称 | 某区2025年政府工作报告 | ||\n2025年3月21日在某区第十九届\n人民代表大会第四次会议上" + BODY,
        "某区2025年政府工作报告",
        ["文件名称"],
    ),
    (
        "title broken over two lines",
        "第一篇:公共文化事业存在的问题\n芜湖市公共文化事业和文化产业\n存在的问题及建议" + BODY,
        "芜湖市公共文化事业和文化产业存在的问题及建议",
        ["第一篇"],
    ),
    # A preface label or a lead-in may head a section, never name the deck.
    ("a preface label", "引言\n\n基层治理是国家治理的基石，近年来成效明显。" + BODY, "doc", []),
    ("a lead-in", "下面列出一些比较常见的观点和看法：" + BODY, "doc", []),
    (
        "a sentence a copy broke",
        "量避免出现“做法都照搬上级政策文件”“成果千篇一律”“基\n数不一样结果差不多”的情况。" + BODY,
        "doc",
        ["照搬"],
    ),
    ("reporter byline", "基层减负调研\n本报记者 张三 李四" + BODY, "基层减负调研", ["张三"]),
    ("document number alone", "优化营商环境工作方案\n国办发〔2022〕5号" + BODY, "优化营商环境工作方案", ["国办发"]),
    ("a post's date line", "规范涉企执法\n原创 某某君 2024-05-16 07:30 发表于江苏" + BODY, "规范涉企执法", ["某某君"]),
    ("like request", "基层减负" + BODY + "以上，码字不易，觉得有用点个赞吧~\n", "基层减负", ["码字"]),
    (
        "related reading at the end",
        "基层减负" + BODY + "往期推荐：\n申论热点｜数字政府建设\n1. 一网通办。好办事。\n",
        "基层减负",
        ["数字政府", "一网通办"],
    ),
    (
        "running header of every page",
        "县域电商人才培养\n某某学院学报\n\n一、存在问题\n1. 人才队伍不完善。紧缺。\n某某学院学报\n"
        "2. 权力下放不到位。不到位。\n某某学院学报\n",
        "县域电商人才培养",
        ["学报"],
    ),
    ("decorated labelled title", "🔥 申论素材 | 数字政府建设的意义与路径" + BODY, "数字政府建设的意义与路径", ["🔥"]),
    ("issuing body under the title", "县2023年工作总结\nXX县人民政府办公室" + BODY, "县2023年工作总结", ["办公室"]),
    (
        "editorial lines",
        "原标题：推动基层治理现代化\n（本文作者系某某大学教授）\n图片来源：网络\n责编：王五\n审核：赵六"
        + BODY
        + "声明：本文仅代表作者观点。\n",
        "推动基层治理现代化",
        ["作者系", "网络", "王五", "赵六", "声明"],
    ),
    (
        "a Q&A site's counters",
        "基层减负为何越减越难\n关注者\n1,234\n被浏览\n5.6万\n356 人赞同了该回答\n文 | 张三" + BODY,
        "基层减负为何越减越难",
        ["关注者", "1,234", "浏览", "5.6万", "赞同", "张三"],
    ),
    ("more-links promo", "\\更多申论材料与范文金句获取\n基层减负" + BODY, "基层减负", ["更多"]),
    (
        "page of a copy",
        "基层减负_第1页\n基层减负_第2页\n已阅读2页，还剩6页未读 继续免费阅读" + BODY,
        "基层减负",
        ["第2页", "还剩"],
    ),
    ("a piece's number", "学习心得体会\n学习心得体会篇1" + BODY, "学习心得体会", ["篇1"]),
    ("a collection's count", "城市更新调研报告最新5篇" + BODY, "城市更新调研报告", ["5篇"]),
    (
        "a headline's speaker",
        "全国人大代表李某某：推动基层减负落地见效\n推动基层减负落地见效" + BODY,
        "推动基层减负落地见效",
        ["李某某"],
    ),
    ("keyword spam", "免费下载大全_热门影视_在线观看高清_最新资源合集\n基层减负" + BODY, "基层减负", ["免费", "影视"]),
    (
        "slash byline",
        "关于基层减负的思考\n文/张某某 某某区市场监管局" + BODY,
        "关于基层减负的思考",
        ["张某某", "监管局"],
    ),
    ("journal and issue", "基层减负调研札记\n某某行政学院学报 2022年3期" + BODY, "基层减负调研札记", ["学报"]),
    ("a column's count", "某某范文网\n基层治理工作总结汇编\n治理3.5W" + BODY, "基层治理工作总结汇编", ["3.5W"]),
    (
        "a label word over the title",
        "查看原文\n其他\n\n减负、赋能、增效……基层关心的事，到底怎么看？" + BODY,
        "减负、赋能、增效……基层关心的事，到底怎么看？",
        ["原文", "其他"],
    ),
    (
        "a post's topic",
        "#基层减负为什么越减越重#\n\n减负喊了多年，基层仍然感到负担重。" + BODY,
        "基层减负为什么越减越重",
        ["#"],
    ),
    (
        "title only in a preface's note",
        "前言：我们精心挑选了数篇优质基层减负提质增效文章，供您阅读参考。" + BODY,
        "基层减负提质增效",
        ["挑选"],
    ),
    (
        "title only at a breadcrumb's end",
        "您好，欢迎访问某某文档\n当前位置：首页 > 管理 > 其它文档 > 关于基层减负情况的调研报告\n"
        "编号：6241 关于基层减负情况的调研报告 我们走访了十个乡镇。" + BODY,
        "关于基层减负情况的调研报告",
        ["首页", "编号"],
    ),
    (
        "a column at a breadcrumb's end",
        "当前位置：首页 > 范文大全 > 公文范文\n\n减负工作开展以来，基层反映仍有不少问题。" + BODY,
        "doc",
        ["范文"],
    ),
    (
        "an app's name and a label over an exam",
        "快来答\n主观\n\n注意事项：本卷满分100分，考试时限150分钟。"
        + "请先仔细阅读给定资料，然后按照后面提出的作答要求依次作答，答案写在答题卡指定位置。" * 5
        + BODY,
        "doc",
        ["快来答", "主观"],
    ),
    ("a row of links split by bars", "登录 | 注册 | 会员中心\n基层减负" + BODY, "基层减负", ["会员中心"]),
    ("a column's path split by a bar", "申论 | 热点\n基层减负" + BODY, "基层减负", ["热点"]),
    (
        "a site's contact row",
        "咨询热线：400-000-0000\nQQ群：123456 微信：abc123\n基层减负" + BODY,
        "基层减负",
        ["热线", "QQ"],
    ),
    ("a paper's part label with its marks", "基层减负\n二、案例分析题（30分）" + BODY, "基层减负", ["案例分析题"]),
    ("document number with 字", "优化营商环境工作方案\n某开安办字20XX5号" + BODY, "优化营商环境工作方案", ["办字"]),
    (
        "a document site's related documents",
        "基层减负" + BODY + "相关文档\n1. 基层治理调研报告。报告。\n2. 基层治理心得体会。体会。\n",
        "基层减负",
        ["相关文档", "调研报告", "心得体会"],
    ),
    (
        "a paper's English abstract",
        "基层减负研究\nAbstract: The burden on grassroots cadres is heavy.\nKey words: burden; reform" + BODY,
        "基层减负研究",
        ["Abstract", "burden"],
    ),
    (
        "counts beside icons and a document site's scores",
        "基层减负\n👍 12  💬 3\n阅读量 2356\n评分：4.5分\n下载积分：10\n12 赞" + BODY,
        "基层减负",
        ["12", "2356", "4.5", "积分"],
    ),
    (
        "a pager and markup left by a copy",
        "基层减负\n1 2 3 4 5 下一页\n< 上一篇 下一篇 >\n![图片](a.jpg)\n<!-- ad -->" + BODY,
        "基层减负",
        ["下一页", "上一篇", "图片", "ad"],
    ),
    ("a genre's collection", "公文范文\n安全工作方案范文汇编六篇" + BODY, "安全工作方案范文汇编六篇", ["公文范文"]),
    (
        "a site's menu one item a line, font buttons and a marked byline",
        "要闻\n视听\n图说\n热线\n县域\n商城\n以实干推动基层减负\n来源：某某日报 2024-05-16 09:12\nA+A-\n■ 王文涛"
        + BODY,
        "以实干推动基层减负",
        ["要闻", "县域", "A+A", "王文涛"],
    ),
    (
        "the title over its publishing row, under a company's name and a column",
        "某某置业有限公司\n诚信 务实\n党建学习\n基层减负的几点思考\n日期：2023-04-12 10:20:31 浏览次数：" + BODY,
        "基层减负的几点思考",
        ["某某置业有限公司", "党建学习"],
    ),
]


@pytest.mark.parametrize(("label", "page", "title", "furniture"), PAGES, ids=[p[0] for p in PAGES])
def test_furniture_never_names_anything_and_the_title_is_real(
    label: str, page: str, title: str, furniture: list[str]
) -> None:
    deck = parse_document(page, source="doc.txt")
    assert deck.name == title
    names = [deck.name, *(t.title for t in deck.topics)]
    names += [s.heading for t in deck.topics for s in t.sections]
    names += [p.head for t in deck.topics for s in t.sections for p in s.points]
    assert not [f for f in furniture for n in names if f in n]
    assert [p.head for t in deck.topics for s in t.sections for p in s.points] == ["人才队伍不完善", "权力下放不到位"]


def test_a_content_table_is_not_furniture() -> None:
    text = "基层减负\n\n| 问题 | 对策 |\n\n一、存在问题\n1. 会议过多。文山会海。\n2. 考核过频。层层加码。\n"
    deck = parse_document(text, source="doc.txt")
    assert deck.name == "基层减负"


def test_a_list_restarting_after_its_own_lead_in_is_a_new_section() -> None:
    text = (
        "就业难是个复杂的问题。下面列出一些常见的原因：\n"
        "1. 教育与需求不匹配：所学和所用脱节。\n2. 供需失衡：岗位少而人多。\n"
        "针对就业难，一些解决思路包括：\n"
        "1. 加强职业教育，提高就业能力。\n2. 鼓励创业，拓宽就业渠道。\n"
    )
    deck = parse_document(text, source="doc.txt")
    sections = [(s.kind.value, s.heading, [p.head for p in s.points]) for t in deck.topics for s in t.sections]
    assert sections[0][0] == "problems"
    assert [len(h) for _, _, h in sections] == [2, 2]
    assert [h[0][:4] for _, _, h in sections] == ["教育与需", "加强职业"]
    assert sections[1][:2] == ("countermeasures", "一些解决思路")
    # the lead-in is the second list's, not the body of the first list's last point
    assert "解决思路" not in deck.topics[0].sections[0].points[-1].body


def test_a_restart_after_a_sentence_that_sets_out_to_solve_is_the_measures() -> None:
    text = (
        "留守老人的问题归结下来有以下几点：\n(1)生活质量较差。收入不稳。\n(2)精神生活单一。陪伴很少。\n"
        "这就需要各方面共同发力，改善留守老人的问题。\n"
        "(1)子女常回家看看。多打电话。\n(2)政府完善养老保障体系。兜住底线。\n"
    )
    deck = parse_document(text, source="doc.txt")
    assert [s.kind.value for t in deck.topics for s in t.sections] == ["problems", "countermeasures"]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("- f6 U# {) L1 t; v 伴随制度改革不断深入", "伴随制度改革不断深入"),
        ("2.述职报告是评议干部的依据 ; r& m. s5 G, p! a# q6 \\. u", "2.述职报告是评议干部的依据"),
        ("& g) Z0 J7 q9 u$ G0 B0 ~ 1. 撰写述职报告", "1. 撰写述职报告"),
        ("return tax_rate * (1 - reduction_rate)", "return tax_rate * (1 - reduction_rate)"),
        ("A B C D E 五个选项", "A B C D E 五个选项"),
        ("a + b = c + d2 x", "a + b = c + d2 x"),
        ("加强监管锟斤拷锟斤拷力度", "加强监管力度"),
        ("烫烫烫烫烫完善机制", "完善机制"),
        ("營商環(huán)境是一個(gè)地方的綜合反映", "營商環境是一個地方的綜合反映"),
        ("优（yōu）化服务", "优化服务"),
        ("兩會(huì )熱詞", "兩會熱詞"),
        ("开通快速公交(BRT)线路", "开通快速公交(BRT)线路"),
        ("方案(a)与方案(b)", "方案(a)与方案(b)"),
        # glued to the text around them, with no letter beside a digit or with no mark beside a letter
        ('解题技巧0 |2 [1 Y" @5 \\+ F', "解题技巧"),
        ("* `. S! X0 F7 R1 A申论考试", "申论考试"),
        ("8 O8 J1 B, B9 r& \\7 \\- Z8 G第一节 概述", "第一节 概述"),
        ("A. B. C. D. E.", "A. B. C. D. E."),
        ("A1 B2 C3 D4 E5", "A1 B2 C3 D4 E5"),
    ],
)
def test_injected_ascii_scraps_go_and_the_text_stays(line: str, kept: str) -> None:
    assert without_injected(line) == kept


def test_a_line_of_injected_scraps_only_does_not_break_a_sentence() -> None:
    text = "基层减负\n一、存在问题\n1. 文山会海仍未根治，会议多、\n& g) Z0 J7 q9 u$ G0 B0 ~\n文件长的现象时有反弹。\n2. 督查检查过多。迎检。\n"
    deck = parse_document(text, source="doc.txt")
    points = [p for _, _, p in deck.points()]
    assert [p.head for p in points] == ["文山会海仍未根治，会议多、文件长的现象时有反弹", "督查检查过多"]


def test_an_icon_font_s_glyphs_vanish_and_the_number_behind_them_counts() -> None:
    text = "基层减负\n\ue60a 分享\n一、存在问题\n\ue6021. 人才队伍不完善。紧缺。\n2. 权力下放不到位。不到位。\n"
    deck = parse_document(text, source="doc.txt")
    assert [p.head for _, _, p in deck.points()] == ["人才队伍不完善", "权力下放不到位"]


def test_a_list_of_words_under_a_title_is_no_menu() -> None:
    words = "两会热词解读\n共同富裕\n乡村振兴\n数字经济\n绿色发展\n新质生产力\n"
    assert menu_lines(split_lines(words)) == set()
    assert menu_lines(split_lines("问题\n原因\n对策\n成效\n意义\n")) == set()  # a table's heads
    assert menu_lines(split_lines("要闻\n视听\n图说\n热线\n县域\n正文标题在这里\n")) == {0, 1, 2, 3, 4}


def test_a_menu_copied_as_bullets_under_the_site_s_bar_of_links_is_furniture() -> None:
    bar = (
        "首页 范文中心 公文写作 讲话稿 工作总结 心得体会 调研报告 述职报告 学习资料 实用文书 申论素材 党团范文 合同范本"
    )
    menu = "  • 节日致辞\n  • 工作计划\n  • 演讲稿\n  • 主持词\n  • 策划书\n  • 其他范文\n"
    article = "\n    社区养老的几点思考\n\n    第一，发展社区养老有利于减轻家庭负担，让子女安心。\n    第二，发展社区养老有利于盘活闲置资源，带动就业。\n"
    assert len(bar) > 60  # too long for a row of links on its own: the menu under it says what it is
    assert menu_lines(split_lines(bar + "\n" + menu + article)) == {1, 2, 3, 4, 5, 6}
    # A title over bulleted words is no bar of links: those words are the page's own list.
    assert menu_lines(split_lines("两会热词解读与申论运用\n" + menu)) == set()


def test_a_keyword_list_at_the_top_read_as_a_menu_loses_no_point_and_names_nothing() -> None:
    # `关键词` over five short words is read as a site's menu: dropped, it loses nothing the deck would
    # hold (bare words are no points, with or without the menu rule), and none of them becomes the title.
    text = "关键词\n产业兴旺\n生态宜居\n乡风文明\n治理有效\n生活富裕\n一、主要问题\n1. 人才流失。年轻人外出务工。\n2. 产业单一。以种植业为主。\n"
    assert menu_lines(split_lines(text)) == {0, 1, 2, 3, 4, 5}
    deck = parse_document(text, source="kw.txt")
    assert deck.name == "kw"
    assert [p.head for _, _, p in deck.points()] == ["人才流失", "产业单一"]


def test_questions_put_to_the_candidate_are_no_points_and_the_text_after_them_stays() -> None:
    text = (
        "社区养老服务站遇冷怎么办\n某街道建成养老服务站，来的老人很少。\n"
        "1.你认为服务站遇冷的原因是什么？\n2.如果你是街道民政办主任，你会怎么做？\n"
        "这两道题层层递进，下面分别说一下。\n"
        "第一题考查归纳能力：材料里能看出服务内容单一、收费偏高等问题。\n"
        "第二题考查组织能力：思路是先调研需求，再调整服务。\n"
    )
    deck = parse_document(text, source="doc.txt")
    heads = [p.head for _, _, p in deck.points()]
    assert heads == ["第一题考查归纳能力", "第二题考查组织能力"]
    assert not any("你" in t.title or "你" in s.heading for t in deck.topics for s in t.sections)


def test_a_metadata_label_does_not_swallow_the_text_a_pdf_copy_ran_into_its_line() -> None:
    # A paper's metadata line (`中图分类号：…`) with the whole article run on after it, as a PDF copy
    # flattens it: the label leads a line of text, not a line of metadata, and the document is not
    # "only page furniture". (How well the run-on line is read is another question: its mid-line `一、`
    # headings are not split yet.)
    body = (
        "一、基层负担的主要表现 近年来，各地持续整治形式主义，但一些老问题换了新面孔。一是文山会海有所反弹。"
        "有的地方会议层层套开，文件照搬照转。二是督查检查过多过频。多头检查、重复检查仍然存在。"
        "三是考核指标繁杂。考核过多依赖痕迹材料，填表报数挤占了为群众办实事的时间。"
        "二、为基层减负的对策 一是精简文件会议。严控发文数量和会议规模，能合并的合并。"
        "二是统筹督查检查。建立年度计划和备案制度，推行联合检查，结果共享互认。"
    )
    text = f"基层减负的实践路径\n中图分类号:D630 文献标识码:A 文章编号:1008-0000(2024)03-0011-06 {body}\n"
    deck = parse_document(text)
    points = " ".join(p.head + p.body for t in deck.topics for s in t.sections for p in s.points)
    assert "文山会海有所反弹" in points and "考核指标繁杂" in points
    # A short metadata line is still furniture.
    short = parse_document("基层减负的实践路径\n中图分类号:D630 文献标识码:A\n一、问题\n1.文山会海。\n2.督查过多。\n")
    assert all("中图分类号" not in p.head + p.body for t in short.topics for s in t.sections for p in s.points)
