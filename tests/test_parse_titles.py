"""Deck names come from the document's real title, never from a site's or a byline's lines (issue 12)."""

from __future__ import annotations

import pytest

from trainer.parse import parse_document

BODY = "\n一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。授权不到位。\n"
PROSE = "\n随着国家不断发展进步，基层工作的地位日益重要，但也存在一些问题。\n" + BODY

TITLES = [
    ("site name above the title", "申论范文\n让行政执法有力度显温度" + BODY, "让行政执法有力度显温度"),
    ("byline above the title", "何艺轩，王郁芳\n高龄农民工养老问题" + BODY, "高龄农民工养老问题"),
    (
        "running header after a wide gap",
        "2022年省考申论真题解析（B类）        内部资料 严禁外传" + BODY,
        "2022年省考申论真题解析（B类）",
    ),
    ("version count", "留守老人的调查报告5篇 留守老人调查报告2023" + BODY, "留守老人的调查报告"),
    ("file extension", "我国中小企业融资难的原因和对策.docx\n中小企业融资" + BODY, "中小企业融资"),
    ("long site label", "2026山西公务员面试热点：预制菜食品安全标准" + BODY, "预制菜食品安全标准"),
    ("kind phrase over prose is a title", "基层存在的问题和不足" + PROSE, "基层存在的问题和不足"),
    ("welcome banner", "欢迎来到专业的范文网平台！\n创建文明城市工作汇报" + BODY, "创建文明城市工作汇报"),
    ("page number glued on", "自查问题清单1\n自查问题清单" + BODY, "自查问题清单"),
    ("a short title over its subtitle", "担当\n——读《基层减负》有感" + BODY, "担当"),
    ("a two-character title over prose", "乡愁" + PROSE, "乡愁"),
    ("a site's name after the title", "基层治理调研报告_百度文库" + BODY, "基层治理调研报告"),
    ("a Q&A site after a dash", "如何提升基层治理效能？ - 知乎" + BODY, "如何提升基层治理效能？"),
    ("a document site glued by a dash", "基层治理调研报告-原创力文档" + BODY, "基层治理调研报告"),
    ("a site's word for its copy", "基层治理调研报告(word版)" + BODY, "基层治理调研报告"),
    ("a title's own dash", "建设韧性城市-织密城市安全网" + BODY, "建设韧性城市-织密城市安全网"),
    ("a year range", "杭州市防震减灾规划(2006-2020年)" + BODY, "杭州市防震减灾规划（2006-2020年）"),
    (
        "a question over numbered headings, under its author's lines",
        "如何看待基层治理中的形式主义？\n张三\n公务员/申论讲师\n345 人赞同了该回答" + BODY,
        "如何看待基层治理中的形式主义？",
    ),
    ("its date in brackets", "基层减负工作总结（2024年12月20日）" + BODY, "基层减负工作总结"),
    ("wholly in brackets", "【基层减负工作总结】" + BODY, "基层减负工作总结"),
    ("an emoji before it", "📌基层减负工作总结" + BODY, "基层减负工作总结"),
    ("a bracketed label before it", "（受权发布）关于基层减负的若干措施" + BODY, "关于基层减负的若干措施"),
    ("a question's label", "问：如何理解基层减负？\n答：" + BODY, "如何理解基层减负？"),
    (
        "a speech over its speaker",
        "在全县工作会议上的讲话\n县委书记 张三\n（2024年5月6日）\n同志们：" + BODY,
        "在全县工作会议上的讲话",
    ),
    ("a news site's name above the title", "人民网\n基层减负的思考" + BODY, "基层减负的思考"),
    ("a paper's masthead above the title", "人民日报\n基层减负的思考" + BODY, "基层减负的思考"),
    ("a news site's name alone", "人民网" + PROSE, "doc"),
    ("a title line ending with 网", "工业互联网\n" + PROSE.strip() + BODY, "工业互联网"),
    ("site name alone", "申论范文" + PROSE, "doc"),
    ("site name under a site's name", "申论范文_百度文库" + PROSE, "doc"),
    ("byline alone", "何艺轩，王郁芳" + PROSE, "doc"),
]


@pytest.mark.parametrize(("label", "text", "title"), TITLES, ids=[t[0] for t in TITLES])
def test_deck_name_is_the_real_title(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="doc.txt").name == title


def test_kind_phrase_over_a_list_heads_a_section() -> None:
    deck = parse_document("存在问题\n1. 人才队伍不完善。紧缺。\n2. 权力下放不到位。不到位。\n", source="doc.txt")
    assert deck.name == "doc"
    assert [s.heading for t in deck.topics for s in t.sections] == ["存在问题"]


def test_mixed_succession_in_one_paragraph() -> None:
    text = "参与渠道不畅\n参与渠道不畅，表现多样。首先，信息不对称：居民不知道渠道。其次，渠道单一化：只有线下。第三，反馈机制缺失：意见石沉大海。\n"
    heads = [p.head for _, _, p in parse_document(text, source="doc.txt").points()]
    assert heads == ["信息不对称", "渠道单一化", "反馈机制缺失"]


def test_the_authors_name_alone_is_a_byline() -> None:
    text = "作者：公考老司机\n数字形式主义\n公考老司机\n■ 那到底该怎么治？\n1. 清理整合政务APP。一律关停。\n2. 改革考核评价方式。看实绩。\n"
    deck = parse_document(text, source="doc.txt")
    assert "公考老司机" not in [
        deck.name,
        *(t.title for t in deck.topics),
        *(s.heading for t in deck.topics for s in t.sections),
    ]


def _title(text: str) -> str:
    return parse_document(text, source="stem.txt").name


def test_a_title_a_document_site_says_again_and_again_at_the_top_is_the_title() -> None:
    title = "北京提出十大措施应对交通拥堵(通用版)"
    body = "措施一：给公交车设置专用车道。让公交跑得更快。\n措施二：引导和限制私车使用。提高停车收费。\n"
    text = f"当前位置：文档之家› {title}\n\n{title}\n\n{title}\n{title}\n\n{body}"
    assert _title(text) == "北京提出十大措施应对交通拥堵"


def test_a_file_name_with_a_download_note_names_the_document() -> None:
    text = (
        "义务教育均衡发展的问题与对策Word文档下载推荐.docx\n- 文档编号：17217269\n- 上传时间：2022-11-29\n"
        "一、存在的问题\n1、师资不均衡。城乡教师待遇差距大。\n2、投入不均衡。农村学校经费紧张。\n"
    )
    assert _title(text) == "义务教育均衡发展的问题与对策"


def test_a_column_name_before_a_bar_is_no_part_of_the_title() -> None:
    text = (
        "德泓观察|县域经济高质量发展问题及对策建议\n县域连接城乡，是经济发展的重要单元。\n"
        "（一）县域经济布局不合理。规划方式单一。\n（二）县域经济结构单一。产业层次较低。\n"
    )
    assert _title(text) == "县域经济高质量发展问题及对策建议"


def test_a_phrase_naming_its_subject_over_prose_names_the_document() -> None:
    text = (
        "传承非遗的意义\n\n非遗是代代相传的非物质文化遗产。\n"
        "首先，非遗的传承是保护传统文化的重要策略。它蕴藏着先人的智慧。\n"
        "其次，非遗的传承关系文化安全。它是民族认同的根基。\n最后，非遗的传承守护文化多样性。\n"
    )
    assert _title(text) == "传承非遗的意义"


def test_a_speech_s_speaker_and_salutation_name_no_topic() -> None:
    text = "在全县工作会议上的讲话\n县委书记 张三\n同志们：" + BODY
    deck = parse_document(text, source="doc.txt")
    assert [t.title for t in deck.topics] == ["在全县工作会议上的讲话"]


def test_a_q_and_a_site_s_label_names_no_topic() -> None:
    deck = parse_document("基层减负有哪些措施？\n最佳答案" + BODY, source="doc.txt")
    assert [t.title for t in deck.topics] == ["基层减负有哪些措施"]
