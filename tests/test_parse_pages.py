"""How a document's lines become paragraphs: a page width read from the prose, not from short head lines."""

from __future__ import annotations

from trainer.parse import parse_document
from trainer.parse.numberings import numbering_runs_on
from trainer.parse.outline import Node


def _outline(text: str) -> list[tuple[str, list[str]]]:
    """(section heading, heads) of every section of the deck built from `text`, in deck order."""
    deck = parse_document(text, source="t.txt")
    return [(s.heading, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [head for _, heads in _outline(text) for head in heads]


# Numbered headings, each over head lines of nearly one length (no punctuation inside) and their bodies:
# the head lines share a width, but that is the length of their words, not a page a PDF copy broke at,
# so no heading is run into the head line under it.
HEAD_LINES = (
    "就业援助的困境分析\n"
    "一、制度设计层面的困境\n"
    "救助对象差异性不足\n"
    "当前的就业救助制度大多按普遍适用的思路设计，没有充分照顾到不同群体的具体需要。\n"
    "政策衔接与协同机制缺失\n"
    "就业援助牵涉多个部门，而部门之间信息互通、协作配合的机制还不健全。\n"
    "二、实施效果层面的困境\n"
    "精准识别与动态管理滞后\n"
    "援助对象的认定标准还不够精细，“一刀切”的做法依然存在。\n"
    "资源投入与覆盖范围有限\n"
    "就业援助在资金和岗位上的供给都相对紧张，基层得到的支持明显偏弱。\n"
    "三、资源整合层面的困境\n"
    "社会力量参与程度不足\n"
    "企业、社会组织参与就业援助的程度不高，协同格局还没有真正形成。\n"
    "信息化与平台建设滞后\n"
    "就业信息平台建设还不够完善，供需双方对接效率不高。\n"
    "四、社会认知层面的困境\n"
    "就业观念与技能匹配偏差\n"
    "一些群体仍有“等靠要”的想法，培训与市场需求之间存在错位。\n"
)


def test_head_lines_of_one_length_are_no_page_width() -> None:
    got = _outline(HEAD_LINES)
    assert got == [
        ("制度设计层面的困境", ["救助对象差异性不足", "政策衔接与协同机制缺失"]),
        ("实施效果层面的困境", ["精准识别与动态管理滞后", "资源投入与覆盖范围有限"]),
        ("资源整合层面的困境", ["社会力量参与程度不足", "信息化与平台建设滞后"]),
        ("社会认知层面的困境", ["就业观念与技能匹配偏差"]),
    ]


def test_prose_broken_at_a_page_width_is_still_joined() -> None:
    text = (
        "一、存在的问题\n"
        "（一）基层负担依然较重。一些地方督查检查考核过多过频，\n"
        "填表报数、迎检材料层层加码，基层干部疲于应付，真正用\n"
        "于抓落实的时间和精力被大量挤占，群众对此多有反映。\n"
        "（二）服务能力有待提升。部分窗口人员业务不熟、态度生\n"
        "硬，办事流程不够简明，群众反映办事仍需多次往返，跑腿\n"
        "次数没有明显减少，满意度有待进一步提高和巩固。\n"
    )
    deck = parse_document(text, source="t.txt")
    points = [p for t in deck.topics for s in t.sections for p in s.points]
    assert [p.head for p in points] == ["基层负担依然较重", "服务能力有待提升"]
    assert "真正用于抓落实" in points[0].body and "跑腿次数" in points[1].body


def test_a_lone_item_over_a_list_run_together_further_down_heads_it() -> None:
    # The copy holds the first numbered part only; its list is run together in a later paragraph.
    text = (
        "县长在全县经济工作会议上的讲话\n"
        "同志们：\n"
        "这次会议的主要任务是总结去年工作，部署今年任务。\n"
        "一、认真总结成绩，准确把握态势，始终保持加快发展的劲头\n"
        "过去一年，全县上下顶住各种压力，在困境中积聚有利因素，经济社会保持了良好的发展态势，主要经济指标增幅均高于全市平均水平，为今年的发展打下了坚实基础。\n"
        "“三个突破”：一是项目工作取得新突破。全年共实施重点项目两百多个，完成投资三十多亿元。"
        "二是工业发展取得新突破。规模以上工业增加值增长两成以上。三是“三农”工作取得新突破。粮食总产再创新高。\n"
    )
    got = _outline(text)
    assert got == [
        (
            "认真总结成绩，准确把握态势，始终保持加快发展的劲头",
            ["项目工作取得新突破", "工业发展取得新突破", "“三农”工作取得新突破"],
        )
    ]


def test_numbered_claims_over_lines_led_by_labels_are_the_points() -> None:
    # `1. 基础设施老化…：副题` over `水电管网：…` lines: the numbered claims are the points, the labelled
    # lines their details; the last claim's details were cut short by the copy.
    text = (
        "旧小区物业管理\n"
        "旧小区物业管理的“先天不足”与“后天失调”\n"
        "想解决问题，先得把问题的根子摸清。老旧小区物业管理的困难，主要集中在下面两个方面。\n"
        "1. 基础设施老化与功能缺失：时代的烙印与发展的差距\n\n\n"
        "不少旧小区建于上世纪八九十年代，当年的设计理念和建设标准已经远远跟不上今天的需要。\n"
        "水电管网：水管、电线年头久了，漏水、跳闸、电压不稳成了家常便饭。\n"
        "消防安全：消防设施陈旧破损，有的根本没有，安全隐患十分突出。\n"
        "停车位：规划时家家户户没几辆车，如今车位严重不够，车辆乱停乱放。\n"
        "2. 资金困境：收费难与维护成本高的恶性循环\n\n\n"
        "资金是物业管理赖以运转的基础，却偏偏是旧小区最大的痛处，收支长期难以平衡。\n"
        "收费意愿低：由于基础设施差、服务质量不"
    )
    assert _heads(text) == ["基础设施老化与功能缺失", "资金困境"]


def test_numbered_labels_under_a_bare_heading_holding_lists_are_headings() -> None:
    # `角度解读` over `一、基本含义` (prose), `二、新的方式` (a list) and `三、主要问题` (a list the copy
    # cut after its first item): the numbered labels are sections, their lists the points.
    text = (
        "传统文化新样式\n"
        "热点背景\n"
        "中华优秀传统文化凝结着中华文明的智慧与精华，是中华民族的突出优势。\n"
        "角度解读\n"
        "一、基本含义\n"
        "传统文化是一个民族的文明成果、风俗习惯和精神面貌的总和，需要在新的时代条件下传承发展。\n"
        "二、新的方式\n"
        "（一）传统文化+直播。一些文化机构把传统祭祀活动搬到线上，借助直播让更多人参与其中。\n"
        "（二）传统文化+网游。一些游戏把古典国风元素融入画面和剧情，吸引了大批年轻玩家。\n"
        "（三）传统文化+综艺。一些节目让历史文物担当主角，讲活了文物背后的故事。\n"
        "三、主要问题\n"
        "1.多元文化冲击。经济全球化加速推进，外来文化不断涌入，传统文化的生存空间受到挤压。\n"
    )
    got = _outline(text)
    assert got == [
        ("新的方式", ["传统文化+直播", "传统文化+网游", "传统文化+综艺"]),
        ("主要问题", ["多元文化冲击"]),
    ]


def test_a_heading_counting_its_items_makes_them_the_points() -> None:
    # `建立“三张清单”` over three labels, each over bullets: the three it counts are what is learnt.
    text = (
        "营商环境交流互鉴\n"
        "二、重点“学什么”——建立“三张清单”\n"
        "1. 政策清单：\n"
        "• 国家部委最新出台的改革文件（市场准入、公平竞争、信用监管等）。\n"
        "• 自贸区、改革试验区的权限下放清单。\n"
        "2. 案例清单：\n"
        "• 开办企业指标：一些城市的“一网通办、一照一码”。\n"
        "• 纳税指标：一些省份的“多税合一”申报。\n"
        "3. 工具清单：\n"
        "• 数字化平台：各地的企业服务平台。\n"
        "• 指标体系：营商环境评价指标体系。\n"
    )
    got = _outline(text)
    assert got == [("重点“学什么”——建立“三张清单”", ["政策清单", "案例清单", "工具清单"])]


def test_a_heading_counting_other_than_its_items_leaves_them_headings() -> None:
    # `二十大` counts nothing, and a heading counting two says nothing of three labels.
    for heading in ("学习二十大精神的体会", "两方面的思考"):
        text = (
            f"一、{heading}\n"
            "1. 政策清单：\n• 国家部委最新出台的改革文件。\n• 自贸区的权限下放清单。\n"
            "2. 案例清单：\n• 开办企业指标：“一网通办”。\n• 纳税指标：“多税合一”申报。\n"
            "3. 工具清单：\n• 数字化平台：企业服务平台。\n• 指标体系：评价指标体系。\n"
        )
        deck = parse_document(text, source="t.txt")
        assert [s.heading for t in deck.topics for s in t.sections] == ["政策清单", "案例清单", "工具清单"]


def test_a_number_alone_going_on_a_numbered_list_numbers_the_line_under_it() -> None:
    text = (
        "一、为什么必须“交流互鉴”\n"
        "1. 视野瓶颈：只靠内部复盘，很容易困在“信息茧房”里；和外部对标，才能尽快找出盲区。\n"
        "2. 路径依赖：某地管用的做法往往和当地资源禀赋分不开，原样照搬容易“水土不服”。\n"
        "3.\n"
        "改革窗口期：国家层面每年都会出台新政策，谁先学到、先落地，谁就抢得先机。\n"
    )
    assert _heads(text) == ["视野瓶颈", "路径依赖", "改革窗口期"]


def test_a_numbering_going_on_across_subheadings_makes_them_headings() -> None:
    text = (
        "2020年某区法治政府建设情况报告\n"
        "一、2020年推进法治政府建设的主要举措\n"
        "（一）加强法治政府建设组织领导\n"
        "1.加强党对法治政府建设的领导。区委常委会认真研究部署法治政府建设工作，开展定期检查和专项督查。\n"
        "2.强化考核评价和督促检查。把法治建设成效纳入全区绩效考核指标体系，每年开展检查考评。\n"
        "（二）依法全面履行政府职能\n"
        "3.深化行政审批制度改革。梳理各类事项清单，实行动态管理，压减审批环节和时限。\n"
        "4.优化法治化营商环境。清理涉企规范性文件，落实公平竞争审查制度。\n"
    )
    got = _outline(text)
    assert got == [
        ("加强法治政府建设组织领导", ["加强党对法治政府建设的领导", "强化考核评价和督促检查"]),
        ("依法全面履行政府职能", ["深化行政审批制度改革", "优化法治化营商环境"]),
    ]


def test_section_numbers_over_prose_holding_a_list_mid_paragraph_are_points() -> None:
    # `1.1 …`, `1.2 …` over paragraphs, one of which runs a list together in its middle: the numbered
    # phrases are the points, the run-together list a detail of one of them.
    text = (
        "破解基层治理难题\n"
        "一、基层治理难题的深度剖析\n"
        "1.1 资源配置不均衡的结构性困境\n"
        "基层治理面临的头号难题，是资源配置在结构上的失衡，城市社区和农村地区差距明显。\n"
        "更深一层的问题在于，条块分割的行政体制让资源很难真正沉到基层。\n"
        "1.2 群众参与不足的治理主体单一化\n"
        "眼下基层治理中“政府干、群众看”的情况相当普遍。\n"
        "群众参与度不高，原因是多方面的：一是参与渠道不畅，二是参与激励不足，三是参与能力欠缺。\n"
    )
    assert _heads(text) == ["资源配置不均衡的结构性困境", "群众参与不足的治理主体单一化"]


def test_numbered_claims_over_prose_with_sides_said_inside_are_the_points() -> None:
    # `一方面…另一方面…` said inside an item's prose details it: the numbered claims stay the points.
    text = (
        "平台建设的作用\n"
        "本文围绕平台建设的作用展开论述。\n"
        "一、平台建设助力产业升级\n"
        "平台把产业链上下游的资源整合起来，实现信息共享、技术交流和市场拓展，提升产业的整体竞争力。\n"
        "二、平台建设促进创新驱动\n"
        "平台建设是创新驱动发展中的关键一环。一方面，平台可以集聚创新资源，为创新创业者搭建舞台。"
        "另一方面，平台建设有助于降低创新成本，加快成果转化。\n"
        "三、平台建设推动社会治理现代化\n"
        "平台建设在推进社会治理现代化方面作用突出。一方面，平台能够促进信息共享，提升治理效能。"
        "另一方面，平台能够强化社会监督，推动政务公开。\n"
    )
    assert _heads(text) == [
        "平台建设助力产业升级",
        "平台建设促进创新驱动",
        "平台建设推动社会治理现代化",
    ]


def test_a_table_whose_bars_became_spaces_is_read_as_rows() -> None:
    text = (
        "农村空心化\n"
        "二、农村空心化的主要表现\n"
        "表现内容 具体描述\n"
        "人口流失 青壮年劳动力多数外出打工，村里留下的大多是老人和孩子。\n"
        "房屋空置 不少房子常年没人住，变成了“空心房”。\n"
        "土地撂荒 缺少劳动力导致农田荒废，一些耕地任其长草。\n"
    )
    deck = parse_document(text, source="t.txt")
    assert [p.head for _, _, p in deck.points()] == ["人口流失", "房屋空置", "土地撂荒"]
    assert deck.points()[0][2].body.startswith("青壮年劳动力多数外出打工")


def test_numbered_headings_and_bullets_are_no_spaced_table() -> None:
    text = "社区养老\n2.1 存在问题\n- 专业护理人员短缺\n- 服务资金来源单一\n- 智能化水平不高\n"
    assert _heads(text) == ["专业护理人员短缺", "服务资金来源单一", "智能化水平不高"]


def test_acts_and_units_number_headings_like_chapters() -> None:
    text = (
        "老小区物业难题如何破局\n"
        "第一幕：困境重重，老小区的“心病”\n"
        "1. 设施老化。水电管网年头久了，漏水跳闸成了家常便饭。\n"
        "2. 收费困难。物业费标准多年未调，收缴率也不高。\n"
        "第二幕：破局之道，多方协同\n"
        "1. 引入专业物业。通过招标选聘有资质的物业企业。\n"
        "2. 推动居民自治。成立业主委员会，让居民参与管理。\n"
    )
    got = _outline(text)
    assert [h for _, heads in got for h in heads] == ["设施老化", "收费困难", "引入专业物业", "推动居民自治"]
    assert all("第一幕" not in heading and "第二幕" not in heading for heading, _ in got)


def test_lines_each_opened_by_an_emoji_are_a_list() -> None:
    text = (
        "营商环境与认知水平\n"
        "💡营商环境的核心在于认知水平。只有把企业看作发展的根基，营商环境才谈得上真正好。\n"
        "🏢不同地区的认知水平差异导致营商环境不同。有的地方乐于迎接企业落户，有的却把企业当成包袱。\n"
        "📈政府的认知应从权力认知升级为服务认知。由短期政绩思维转向长期生态思维。\n"
        "看一个地方的营商环境，翻翻当地的政府工作报告，满篇都是“优化”“提升”这一类字眼。\n"
        "可营商环境究竟怎样，最有发言权的还是企业家。\n"
    )
    assert _heads(text) == [
        "营商环境的核心在于认知水平",
        "不同地区的认知水平差异导致营商环境不同",
        "政府的认知应从权力认知升级为服务认知",
    ]


def test_a_short_tag_after_a_dash_stays_in_the_head() -> None:
    text = (
        "争当时代青年\n对策：\n"
        "1. 以敢为人先解决青年发展的痛点——奉献精神。青年要敢于担当，在急难险重任务中冲锋在前。\n"
        "2. 以奋勇搏击疏通青年发展的堵点——奋斗意识。青年要勇于拼搏，在平凡岗位上建功立业。\n"
        "3. 加强组织领导——各级党委要把青年工作摆上重要议程，定期研究部署。\n"
    )
    assert _heads(text) == [
        "以敢为人先解决青年发展的痛点——奉献精神",
        "以奋勇搏击疏通青年发展的堵点——奋斗意识",
        "加强组织领导",
    ]


def test_one_claim_of_three_listing_two_details_after_its_prose_stays_a_point() -> None:
    text = (
        "认知水平，才是营商环境的底层决定力\n"
        "一、认知是营商环境的“土壤”\n"
        "企业是创造财富的主体，能拉动就业、上缴税收、推动创新，这早已是共识。\n"
        "二、认知差异催生截然不同的行为\n"
        "认知直接左右着政府部门的办事逻辑，两相对照十分鲜明：\n"
        "• A地“管控型”认知：招商时承诺“金牌服务”，企业落地后碰上难题却推脱。\n"
        "• B地“共创型”认知：碰到企业的创新模式，马上请专家论证，主动调整规则。\n"
        "三、招商引资的两种认知：狩猎式与农耕式\n"  # the copy ends here
    )
    assert _heads(text) == [
        "认知是营商环境的“土壤”",
        "认知差异催生截然不同的行为",
        "招商引资的两种认知",
    ]


def test_a_text_below_a_box_read_as_a_footer_still_gives_its_outline() -> None:
    # A document site sets its `相关文档` box above the text it previews: cutting the page there left
    # nothing, so the page is read again with its footers kept (never nothing).
    text = (
        "1 / 6\n文档名称：\n\n新时期共青团工作存在问题及解决方法.pdf\n\n格式：pdf   大小：297KB   页数：6页\n"
        "下载后只包含 1 个 PDF 格式的文档，没有任何的图纸或源代码，查看文件列表\n\n"
        "如果您已付费下载过本站文档，您可以点这里二次下载\n\n分享\n\n预览\n\n"
        "新时期共青团工作存在问题及解决方法.pdf\n\n上传人：小明 2025/3/3 文件大小：297 KB\n\n"
        "相关文档\n\n文档介绍\n\n"
        "议新时期共青团工作存在问题及解决方法\n"
        "一、存在的问题\n"
        "1. 重视程度不高。一些基层党组织对团的建设关心过问不多，管理手段偏软。\n"
        "2. 业务水平不高。专职团干部少，兼职团干部精力有限，工作热情不高。\n"
    )
    deck = parse_document(text, source="t.txt")
    assert [p.head for _, _, p in deck.points()] == ["重视程度不高", "业务水平不高"]
    assert "下载" not in deck.name and deck.name != "文档介绍"


def _item(style: str, ordinal: int, *kids: tuple[str, int]) -> Node:
    return Node(style, ordinal, "标题", "标题", 1, items=[Node(s, n, "子项", "子项", 1) for s, n in kids])


def test_only_numbered_parts_whose_lists_go_on_are_headings_over_one_list() -> None:
    going_on = [_item("cn_paren", 1, ("arabic", 1), ("arabic", 2)), _item("cn_paren", 2, ("arabic", 3))]
    assert numbering_runs_on(going_on)
    # bullets a copy's tree let swallow one numbered line each (2, 3, 4) are no parts over one list
    swallowed = [_item("bullet", 0, ("arabic", n)) for n in (2, 3, 4)]
    assert not numbering_runs_on(swallowed)
    restarting = [_item("cn_paren", 1, ("arabic", 1), ("arabic", 2)), _item("cn_paren", 2, ("arabic", 1))]
    assert not numbering_runs_on(restarting)
