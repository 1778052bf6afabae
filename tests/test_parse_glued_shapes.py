"""Shapes a copy gives a page (issue 12, session 14): a bullet before each number, a title line run into its
text with no mark between them. Each expected outline is what the README's rules say of the small document,
written from the rule, not from the builder's output."""

from __future__ import annotations

import pytest

from trainer.parse import parse_document
from trainer.parse.markers import match_line


def _outline(text: str) -> list[tuple[str, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [head for _, heads in _outline(text) for head in heads]


# A page whose list items each became two bullets: the first carries the number and the head, the
# second the elaboration. The bullet decorates the number, as an emoji does (`📌1.`).
BULLETED_NUMBERS = (
    "乡镇网格化管理调研\n\n"
    "二、乡镇网格化管理面临的挑战\n\n"
    "  • 1. 推广程度不一\n"
    "  • 从全国看，各地乡镇推行网格化管理的进度参差不齐，有的已全面铺开，有的仍在试点。\n\n"
    "  • 2. 技术支撑不足\n"
    "  • 网格化管理离不开信息技术，但不少乡镇的平台建设滞后，数据难以汇总分析。\n\n"
    "  • 3. 人员培训欠缺\n"
    "  • 推行网格化管理要求管理人员掌握新方法，而培训往往流于形式。\n\n"
    "三、乡镇网格化管理的优势\n\n"
    "  • 1. 精细化管理\n"
    "  • 把乡镇划成一个个网格，每一小块区域都有专人负责。\n\n"
    "  • 2. 快速响应\n"
    "  • 责任落到每个网格，群众反映的问题能第一时间处置。\n"
)


def test_a_bullet_before_a_number_is_decoration_and_the_numbered_items_are_the_points() -> None:
    assert _outline(BULLETED_NUMBERS) == [
        ("乡镇网格化管理面临的挑战", ["推广程度不一", "技术支撑不足", "人员培训欠缺"]),
        ("乡镇网格化管理的优势", ["精细化管理", "快速响应"]),
    ]


@pytest.mark.parametrize(
    ("line", "style", "ordinal", "rest"), [("• 2. 技术", "arabic", 2, "技术"), ("- （三）对策", "cn_paren", 3, "对策")]
)
def test_the_number_after_a_bullet_is_the_marker(line: str, style: str, ordinal: int, rest: str) -> None:
    marker = match_line(line)
    assert marker is not None and (marker.style, marker.ordinal) == (style, ordinal)
    assert line[marker.end :] == rest


def test_a_bullet_before_words_stays_a_bullet() -> None:
    marker = match_line("• 2023年以来，各地加快推进")
    assert marker is not None and marker.style == "bullet"


BODY = "一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。授权不到位。\n"

GLUED = [
    (
        "a PDF's title line joined to its first sentence",
        "关于县区招商引资存在问题及对策建议招商引资作为稳增长、调结构的重要举措，是扩投资的有效途径。\n" + BODY,
        "关于县区招商引资存在问题及对策建议",
    ),
    (
        "a page copied as one line",
        "严格规范党内组织生活调研报告党支部组织生活是党内生活正常化的根本保证，是加强党内监督的重要途径。"
        "一、存在问题1. 人才队伍不完善。便民服务中心人员紧缺。2. 权力下放不到位。授权不到位。",
        "严格规范党内组织生活调研报告",
    ),
]


@pytest.mark.parametrize(("label", "text", "title"), GLUED, ids=[g[0] for g in GLUED])
def test_a_title_run_into_its_text_with_no_mark_between_names_the_deck(label: str, text: str, title: str) -> None:
    assert parse_document(text, source="page.txt").name == title


@pytest.mark.parametrize(
    "first",
    [
        # the words before the document kind are the sentence's subject: `…的调研报告显示`
        "今年的调研报告显示，基层减负工作取得了明显成效，但一些问题仍然存在。",
        # a site's label before the title, joined by a dash: not the title's words
        "精选优质文档-倾情为你奉上2014年九江事业单位面试真题上半年，今年毕业生大学生727万。",
    ],
)
def test_a_sentence_opening_on_a_document_kind_is_no_glued_title(first: str) -> None:
    name = parse_document(first + "\n" + BODY, source="page.txt").name
    assert name != first[: first.find("，")] and not name.startswith(("今年的调研报告", "精选优质文档"))


# Dash bullets, each a label and its elaboration on one line, then the page's next heading lines: a
# heading line never sits inside a bullet item that is a sentence, as it never does inside a numbered one.
BULLETS_THEN_HEADINGS = (
    "告别“检查疲劳”：如何优化执法检查\n"
    "多头执法、重复检查的危害\n"
    "- 增加企业负担： 迎检占用了企业的人手、物资和资金，拖慢生产节奏，经营效益随之下滑。\n"
    "- 降低企业信心： 检查过多过滥，容易让企业对执法部门的做法产生疑虑，进而削弱投资意愿。\n"
    "- 阻碍经济发展： 企业包袱越背越重，创新和成长的空间就被挤压，经济运行也会受到拖累。\n"
    "优化执法检查，减轻企业负担：刻不容缓\n"
    "“检查疲劳”已经成为企业的普遍烦恼，必须下决心加以解决。\n"
    "优化执法检查的策略与措施\n"
    "1. 加强跨部门综合监管和联合抽查\n"
    "2. 推行非现场监管方式\n"
)


def test_a_heading_line_after_one_line_bullets_starts_a_new_section() -> None:
    heads = [head for _, heads in _outline(BULLETS_THEN_HEADINGS) for head in heads]
    assert heads[:3] == ["增加企业负担", "降低企业信心", "阻碍经济发展"]
    assert heads[3:] == ["加强跨部门综合监管和联合抽查", "推行非现场监管方式"]


# A two-level bullet list a copy flattened: every item a lone `-` line, then its text; the labels
# (short phrases) and the measures under them (sentences) at one level. The labels are the points, each
# holding the sentences after it, as the page's indentation did.
FLATTENED_BULLETS = "安全生产整改报告\n二、整改措施\n" + "".join(
    f"-\n{line}\n"
    for line in [
        "强化安全意识",
        "组织全员安全培训，提高安全技能和风险防范意识。",
        "借助安全文化活动，营造人人讲“安全第一”的氛围。",
        "完善制度体系",
        "修订安全生产管理制度和操作规程，做到便于执行。",
        "建立隐患排查治理的长效机制，把定期检查和抽查结合。",
        "严格责任落实",
        "明确各级管理人员的安全职责，建立责任追究机制。",
    ]
)


def test_short_labels_over_sentence_bullets_of_one_level_are_the_points() -> None:
    assert _outline(FLATTENED_BULLETS) == [("整改措施", ["强化安全意识", "完善制度体系", "严格责任落实"])]


def test_a_label_leading_into_its_list_is_left_to_its_own_rule() -> None:
    # `具体表现：` over sentence bullets is a lead-in, not a flattened label: nothing is nested under it
    from trainer.parse.depth import nest_flat_bullets
    from trainer.parse.outline import Node

    root = Node("root", 0, "", "", 0)
    titles = [
        "具体表现：",
        "政策执行不到位：有的干部吃不透政策，落实打折扣。",
        "破解之道：",
        "加强培训：提升执行水平，服务群众。",
    ]
    root.items.extend(Node("bullet", 0, t, "- " + t, i) for i, t in enumerate(titles))
    nest_flat_bullets(root)
    assert [n.title for n in root.children] == titles and not any(n.items for n in root.children)


# A collection's index over its first piece: numbered titles, each with its page number glued on, said
# nowhere again. They are contents, not the page's list.
COLLECTION_INDEX = (
    "1.县医疗保障局上半年工作总结和下半年工作安排13\n"
    "2.县医疗保障局上半年工作总结20\n"
    "3.县医疗保障局上半年工作总结及下半年工作打算37\n"
    "4.县医疗保障局上半年工作总结及下半年工作计划56\n"
    "今年以来，我局始终把人民群众的医疗保障放在首位，各项工作取得新进展。\n"
    "一、存在的问题\n"
    "1.基金监管压力较大。欺诈骗保手段更加隐蔽，监管力量不足。\n"
    "2.信息化水平不高。系统之间数据不通，群众办事仍需多跑。\n"
)


def test_a_collection_index_with_page_numbers_is_no_list_of_points() -> None:
    assert _outline(COLLECTION_INDEX) == [("存在的问题", ["基金监管压力较大", "信息化水平不高"])]


def test_numbered_figures_and_years_are_no_page_numbers() -> None:
    text = "一、取得的成效\n1.粮食总产量稳定在2023\n2.新建高标准农田120万亩\n3.农民人均收入增长8%\n"
    assert _heads(text) == [
        "粮食总产量稳定在2023",
        "新建高标准农田120万亩",
        "农民人均收入增长8%",
    ]


# An exam's answer sheet: each scored task (one quoting its material at length first), its requirement
# line and the answer's label, then the points. Each task heads its answer's section.
ANSWER_SHEET = (
    "申论模拟题一 参考答案\n"
    "（一）根据给定材料，概括城市交通拥堵严重的原因。（20分）\n"
    "要求：概括准确、语言简练，不超过150字。\n"
    "【参考要点】\n"
    "1.机动车保有量迅猛增加；\n"
    "2.城市规划和管理能力落后；\n"
    "3.停车费低；\n"
    "（二）“给定材料3”中提到“北京城不会得感冒，但是总有一天它的交通会得心脏病。”假设你是城市规划局的一名"
    "工作人员，根据“给定资料3-4”，请你针对这一问题提出建议。（25分）\n"
    "要求：条理清楚，具体简明，不超过300字。\n"
    "【参考要点】\n"
    "1.提高城市中心区停车收费；\n"
    "2.加强对公交专用车道的管理；\n"
)


def test_scored_tasks_over_their_answers_lists_head_those_lists() -> None:
    heads = [heads for _, heads in _outline(ANSWER_SHEET)]
    assert heads == [
        ["机动车保有量迅猛增加", "城市规划和管理能力落后", "停车费低"],
        ["提高城市中心区停车收费", "加强对公交专用车道的管理"],
    ]


# Bullets whose marks a copy ran up onto the end of the line above (`…操作更显繁琐。 -` then the next head).
TRAILING_MARKS = (
    "“一网通办”当前存在的主要问题\n"
    "-\n"
    "渠道分散与体验割裂\n"
    "手机端入口太多而功能单薄，服务大多只停留在查询层面；群众办一件事要来回切换。操作更显繁琐。 -\n"
    "数据孤岛与共享滞后\n"
    "区级平台缺少统一的管理机构，和市级系统连不通。群众仍要反复交材料。 -\n"
    "流程冗长与协同不足\n"
    "跨部门事项需要人工重复录入或者线下跑腿。线上预审流于形式。\n"
)


def test_a_bullet_mark_run_up_onto_the_line_above_marks_the_next_line() -> None:
    assert _heads(TRAILING_MARKS) == ["渠道分散与体验割裂", "数据孤岛与共享滞后", "流程冗长与协同不足"]


# A speech copied with each numbered heading glued to its paragraph, the list run in after it.
GLUED_HEADINGS = (
    "在全市安全生产工作会议上的讲话\n"
    "一、充分肯定过去一年我市安全生产工作所取得的成效2002年，在各级党委、政府的领导下，全市安全生产"
    "总体平稳，成绩比较突出：一是全市生产经营单位安全生产形势基本稳定。全市连续3年未出现重大事故。"
    "二是一些重点行业安全生产形势趋于好转。煤矿安全面貌大为改观。三是安全监管力量得到加强。"
    "各县区都成立了安监机构。\n"
    "二、冷静客观地认清当前安全生产面临的严峻形势一是各类安全事故仍呈上升趋势。道路交通事故多发。"
    "二是安全生产基础依然薄弱。一些企业设备老化。\n"
)


def test_numbered_headings_glued_to_their_run_in_lists_head_them() -> None:
    assert _outline(GLUED_HEADINGS) == [
        (
            "充分肯定过去一年我市安全生产工作所取得的成效",
            ["全市生产经营单位安全生产形势基本稳定", "一些重点行业安全生产形势趋于好转", "安全监管力量得到加强"],
        ),
        ("冷静客观地认清当前安全生产面临的严峻形势", ["各类安全事故仍呈上升趋势", "安全生产基础依然薄弱"]),
    ]


# Causes grouped by the side they come from (`政策因素`, `市场因素`), each over bullets led by a label: the
# sides are headings like `政策层面`, their bullets the points, under a heading naming the problems.
SIDES_OF_CAUSES = (
    "二、高额幼托费用背后的问题\n"
    "1. 政策因素\n"
    "  • 收费标准缺乏统一标准：上海的幼托机构还没有形成统一的收费标准。\n"
    "  • 财政投入不足：政府投向幼托领域的财政资金偏少。\n"
    "2. 市场因素\n"
    "  • 优质资源稀缺：好的幼托机构数量有限，家长们争相报名。\n"
    "  • 家长观念：有的家长热衷于高端、品牌幼托机构。\n"
)


def test_sides_of_causes_over_labelled_bullets_are_headings() -> None:
    assert _outline(SIDES_OF_CAUSES) == [
        ("政策因素", ["收费标准缺乏统一标准", "财政投入不足"]),
        ("市场因素", ["优质资源稀缺", "家长观念"]),
    ]


# Numbered sections over label-led lines, two of the measures said again in the last section: heads said
# twice are no template (a template's labels are most of each item's: `问题清单：` `整改情况：` under each).
MEASURES_SAID_TWICE = (
    "一、养老问题现状及挑战\n"
    "老龄化程度加深：我国老龄化水平年年攀升，老年人口持续增加。\n"
    "养老资源不足：各地养老资源分布失衡，优质资源尤其稀缺。\n"
    "养老服务体系不完善：现阶段养老服务体系还不健全，服务质量仍需提升。\n"
    "二、两会养老政策及措施\n"
    "加强养老服务体系建设：政府表示将增加养老服务设施投入。\n"
    "完善养老保障体系：政府将持续健全养老保险制度。\n"
    "推进医养结合：政府将促进医疗与养老的融合。\n"
    "加强老年教育：政府将加大老年教育投入力度。\n"
    "三、破解养老难题的路径\n"
    "加大养老服务设施投入：政府应增加对养老机构、社区养老服务中心的投入。\n"
    "推进医养结合：加强医疗资源与养老资源的整合。\n"
    "加强老年教育：开办多种形式的老年教育。\n"
)


def test_points_said_again_in_another_section_are_no_template() -> None:
    assert [heading for heading, _ in _outline(MEASURES_SAID_TWICE)] == [
        "养老问题现状及挑战",
        "两会养老政策及措施",
        "破解养老难题的路径",
    ]
    assert _outline(MEASURES_SAID_TWICE)[2][1] == ["加大养老服务设施投入", "推进医养结合", "加强老年教育"]


def test_a_short_first_sentence_of_two_halves_is_the_head_whole() -> None:
    text = (
        "（一）内源性原因剖析\n"
        "一是迷茫，不敢为。不少干部心里发虚，并非不想干事，而是不清楚该怎么干。\n"
        "二是懒惰，不愿为。有的干部抱着“多一事不如少一事”的心态，满足现状。\n"
        "三是唯利，不肯为。有的干部眼里只有利益，不见好处就不办事。\n"
    )
    assert _outline(text) == [("内源性原因剖析", ["迷茫，不敢为", "懒惰，不愿为", "唯利，不肯为"])]


def test_a_label_before_a_long_sentence_is_still_the_head() -> None:
    text = (
        "二、存在的问题\n"
        "1、水，自来水管道老旧，跑冒滴漏现象时有发生，居民用水得不到保障。\n"
        "2、电，线路私拉乱接普遍，夏季用电高峰经常跳闸断电。\n"
    )
    assert _outline(text) == [("存在的问题", ["水", "电"])]


def test_zero_padded_numbers_glued_to_their_words_are_a_list() -> None:
    text = (
        "一、灵活就业人员社保体系发展背景\n"
        "现行社会保障体系大多建立在固定、长期的正规就业之上，很难把灵活就业人员纳入进来。\n"
        "01经济结构转型推动制度适配\n"
        "产业升级驱动：第三产业占比提高，旧有社保制度难以覆盖非标准劳动关系；\n"
        "02社会风险防控与公平正义诉求\n"
        "系统性风险积累：没有参保的人一旦遭遇重病，很容易陷入贫困；\n"
        "03 劳动力市场治理现代化的必要要求\n"
        "稳定就业核心功能：灵活就业提供了六成以上的新增就业岗位；\n"
    )
    assert _heads(text) == ["经济结构转型推动制度适配", "社会风险防控与公平正义诉求", "劳动力市场治理现代化的必要要求"]


@pytest.mark.parametrize("line", ["01月15日召开会议，部署全年工作。", "05年以来，全县新建农村公路300公里。"])
def test_a_date_or_a_year_at_a_line_start_is_no_padded_number(line: str) -> None:
    assert match_line(line) is None


def test_sub_arguments_counted_by_their_word_are_the_points() -> None:
    text = (
        "丨思路提纲丨\n"
        "中心论点：新时代，让文化领跑。\n"
        "分论点一：时代变了，文化不再是后台的配角。\n"
        "分论点二：时代变了，文化已经成长为台前的主力。\n"
        "分论点三：新时代，由文化来引领。\n"
    )
    assert _heads(text)[-3:] == [
        "时代变了，文化不再是后台的配角",
        "时代变了，文化已经成长为台前的主力",
        "新时代，由文化来引领",
    ]


def test_heading_lines_over_prose_stay_points_when_the_prose_says_two_sides() -> None:
    text = (
        "乡镇应急管理面临的问题\n"
        "应急管理体系构建不完善\n"
        "眼下不少乡镇的应急管理体系架构还不健全，突出表现为应急预案编制不够、人手配备不足。\n"
        "应急资源分配不合理\n"
        "资源配置失衡是乡镇应急管理的又一个要害问题。一方面，资源投入往往偏向城市，乡村存在明显短板；"
        "另一方面，受经济条件制约，乡镇很难自行补齐。\n"
        "公众参与度不高\n"
        "一些乡镇的群众对应急管理了解不多，也缺少自救互救的技能训练。\n"
    )
    assert _heads(text) == ["应急管理体系构建不完善", "应急资源分配不合理", "公众参与度不高"]


def test_a_conclusion_line_after_heading_lines_closes_them() -> None:
    text = (
        "市场监管所年度工作总结\n"
        "市场监管所是守护市场秩序、维护消费者权益的一线机构。过去一年里，各级市场监管所做了大量工作。\n"
        "深入推进“双随机、一公开”监管\n"
        "“双随机、一公开”监管是市场监管所日常工作的重中之重。一年来抽查覆盖面持续扩大。\n"
        "严厉打击假冒伪劣产品\n"
        "假冒伪劣产品一直是消费者最关心的问题之一。各级市场监管所加大了执法力度。\n"
        "加强知识产权保护\n"
        "知识产权保护是推动创新发展的关键一环。各级市场监管所强化了专利和商标执法。\n"
        "总结\n"
        "总之，过去一年，各级市场监管所在维护消费者权益方面取得了明显成效。\n"
    )
    assert _heads(text) == ["深入推进“双随机、一公开”监管", "严厉打击假冒伪劣产品", "加强知识产权保护"]


def test_a_digit_glued_to_its_words_numbers_them() -> None:
    text = (
        "一)顶层设计逐步完善\n"
        "1制度框架明确\n"
        "近年来国家层面出台了多项应急管理制度，基层应急工作有章可循。\n"
        "2责任机制强化\n"
        "各地层层签订责任书，把应急责任落实到岗到人。\n"
    )
    assert _heads(text) == ["制度框架明确", "责任机制强化"]


@pytest.mark.parametrize("line", ["7位县区委书记作了表态发言。", "3个方面的问题值得重视。", "5家企业获得表彰。"])
def test_a_count_at_a_line_start_is_no_glued_number(line: str) -> None:
    assert match_line(line) is None


def test_a_head_glued_to_a_body_opening_on_although_is_cut_there() -> None:
    text = (
        "我国医疗保险制度存在的问题\n"
        "1.城乡医保整合进度不一虽然国家早已部署整合，但一些地方推进缓慢，参保群众感受不到变化。\n"
        "2.不同地区之间医疗保险待遇差异大虽然各地都建立了各自的医保制度，但报销比例差距明显。\n"
        "3.异地就医结算仍不顺畅尽管直接结算范围不断扩大，手续繁琐的问题依然存在。\n"
    )
    assert _heads(text) == ["城乡医保整合进度不一", "不同地区之间医疗保险待遇差异大", "异地就医结算仍不顺畅"]


def test_yi_yue_counts_a_list_as_yi_shi_does() -> None:
    text = (
        "基层形式主义面面观\n"
        "下面，我们就走进基层，看看形式主义的几张面孔。\n"
        "一曰文山会海。这是基层最具代表性的一种形式主义，文件照抄照转、会议层层套开。\n"
        "二曰督查过频。有的地方督查检查名目繁多，基层疲于应付。\n"
        "三曰留痕过度。工作做没做，全看台账和照片。\n"
    )
    assert _heads(text) == ["文山会海", "督查过频", "留痕过度"]
