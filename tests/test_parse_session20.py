"""Shapes of real pages read in session 20 (issue 12): a copy's stray commas doubling the mark after them,
items numbered by a digit and a space (not a table's cells), a lead of its own after run-in points, a lead
naming two kinds with 以及, clauses parted by ； before the kind that closes them, the first item of a counted
list cut short, a section named by its kind before a colon, a first line calling to act like a later heading
line, page markers, proposal numbers and download buttons, headings naming what they describe, suggestions
parted by commas, a long bar of links. Each expected outline is what GUIDE.md's rules say of the small
document, written from the rule, not from the builder's output."""

from __future__ import annotations

from trainer.core.model import SectionKind
from trainer.parse import parse_document


def _sections(text: str) -> list[tuple[str, SectionKind, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [h for _, _, heads in _sections(text) for h in heads]


def test_a_stray_comma_before_another_mark_is_dropped() -> None:
    # `一，、基础…；二，、…，。三、…`: a copy that put a comma before each mark still numbers its list
    text = (
        "政协委员谈养老服务业\n"
        "李委员认为，，当前养老服务业的发展，，存在四个突出问题：一，、服务供给总量不足；二，、专业人才十分短缺，。"
        "三、医养结合推进缓慢，。四，、农村养老短板明显。受这些问题影响，养老服务业发展不够快，。\n"
    )
    assert _heads(text) == ["服务供给总量不足", "专业人才十分短缺", "医养结合推进缓慢", "农村养老短板明显"]
    assert "，，" not in parse_document(text, source="page.txt").topics[0].sections[0].points[0].body


def test_items_numbered_by_a_digit_and_a_space_are_a_list() -> None:
    text = (
        "网约车司机的诉求\n"
        "安全问题：司机与乘客的共同关切\n"
        "1 安全保障的缺失 司机在接单途中可能遇到乘客的威胁，平台的紧急求助功能还不完善。\n"
        "2 乘客身份审核的必要性 司机希望平台对乘客做好实名认证，降低遇到不良乘客的风险。\n"
        "3 安全培训的重要性 司机盼望平台定期组织培训，讲授处置突发情况的办法。\n"
    )
    assert _heads(text) == ["安全保障的缺失", "乘客身份审核的必要性", "安全培训的重要性"]


def test_a_table_flattened_to_cells_is_no_list_of_points() -> None:
    # a checklist's rows, cells parted by spaces: no heads of points
    text = (
        "施工现场用电检查\n"
        "一、检查的意义\n"
        "1.保障工人安全。用电事故往往造成人员伤亡，定期检查可以防患于未然。\n"
        "2.减少财产损失。电气火灾损失大，检查能及早发现隐患。\n"
        "二、检查表\n"
        "1 配电箱接地 接地电阻≤4Ω,连接牢固 □合格 □不合格\n"
        "2 漏电保护器 动作电流≤30mA □合格 □不合格\n"
        "3 电线绝缘层 无破损、老化现象 □合格 □不合格\n"
        "4 防护罩 \n"
    )
    heads = _heads(text)
    assert heads[:2] == ["保障工人安全", "减少财产损失"]
    assert not any(h.startswith(("配电箱", "漏电", "电线", "防护罩")) for h in heads)


def test_a_lead_after_run_in_points_opens_a_list_beside_them() -> None:
    # `…仍然存在诸多挑战：` after the last run-in point's text, then 首先/其次: a list of its own, not that point's body
    text = (
        "退役军人就业问题探析\n"
        "退役军人就业越来越受到重视，本文将探讨他们就业的新途径以及面临的挑战：\n"
        "政府政策支持：政府出台职业培训、创业扶持等优惠政策，帮助退役军人提升就业竞争力。\n"
        "企业社会责任：越来越多的企业在招聘时优先录用退役军人，看重他们的纪律性。\n"
        "院校培训合作：不少院校为退役军人开设专门课程，帮助他们提升学历和技能。\n"
        "尽管各方都在努力，退役军人就业仍然存在诸多挑战：\n"
        "首先，部分退役军人对市场需求了解不够，加上长期在部队服役，求职时容易出现技能错配的情况。\n"
        "其次，社会上仍有人对退役军人存在偏见，认为他们难以适应企业的工作节奏和管理方式。\n"
    )
    sections = _sections(text)
    assert [heads for _, _, heads in sections] == [
        ["政府政策支持", "企业社会责任", "院校培训合作"],
        ["部分退役军人对市场需求了解不够", "社会上仍有人对退役军人存在偏见"],
    ]
    assert [kind for _, kind, _ in sections] == [SectionKind.COUNTERMEASURES, SectionKind.PROBLEMS]


def test_a_lead_naming_two_kinds_side_by_side_names_the_first_list() -> None:
    # `…取得的成效以及存在的不足：`: the list right after the lead is the first it names; one naming a single kind
    # is read by it as before
    lead = "下面从以下方面谈谈社区治理取得的成效以及存在的不足："
    items = (
        "网格管理：社区划分网格，每个网格配备网格员，居民诉求及时响应。\n"
        "议事协商：社区定期召开议事会，居民共同商量公共事务。\n"
        "志愿服务：社区组建志愿者队伍，为老人和儿童提供帮扶。\n"
    )
    assert [kind for _, kind, _ in _sections(f"社区治理\n{lead}\n{items}")] == [SectionKind.ACHIEVEMENTS]
    single = "下面谈谈社区治理存在的不足："
    assert [kind for _, kind, _ in _sections(f"社区治理\n{single}\n{items}")] == [SectionKind.PROBLEMS]
    # `…的成效和不足：` may lead one list of either: read by its last kind word, as before
    joined = lead.replace("以及", "和")
    assert [kind for _, kind, _ in _sections(f"社区治理\n{joined}\n{items}")] == [SectionKind.PROBLEMS]


def test_clauses_parted_by_semicolons_before_the_kind_that_closes_them_are_a_list() -> None:
    # `…存在A，…；B，…；C，…等问题。`: the kind named after the clauses; a list parted by 、 sums up and is not taken
    text = (
        "县政协调研农村留守儿童教育\n"
        "日前，县政协组织委员到部分乡镇调研。\n"
        "调研发现，农村留守儿童存在生活条件较差，营养跟不上；亲情陪伴缺失，心理问题增多；安全意识淡薄，"
        "看护不到位等问题。调研组建议：加大政府投入，健全关爱机制；加强学校教育，搭建成长平台；整合社会力量，营造良好氛围。\n"
    )
    sections = _sections(text)
    assert [heads for _, _, heads in sections] == [
        ["生活条件较差", "亲情陪伴缺失", "安全意识淡薄"],
        ["加大政府投入", "加强学校教育", "整合社会力量"],
    ]
    assert [kind for _, kind, _ in sections] == [SectionKind.PROBLEMS, SectionKind.COUNTERMEASURES]
    summed = "调研发现，农村留守儿童存在生活条件较差、亲情陪伴缺失、安全意识淡薄等问题。"
    lines = text.splitlines()
    summed_text = "\n".join([*lines[:2], summed + lines[2][lines[2].index("调研组建议") :]])
    assert _heads(summed_text) == ["加大政府投入", "加强学校教育", "整合社会力量"]


def test_the_first_item_of_a_counted_list_cut_short_is_its_point() -> None:
    # `下面，我提三点要求：` then `一、…` alone (the copy ends in it), its reasons run together in its prose
    text = (
        "在全县安全生产会议上的讲话\n"
        "同志们：刚才通报了前两个月的安全生产情况，下面，我提三点要求：\n"
        "一、安全生产必须警钟长鸣\n"
        "为什么这样说？首先，这是上级会议提出的明确要求，大家必须不折不扣落实到位。其次，这是我县当前安全形势的要求，"
        "前两个月事故起数有所上升。再次，这是对各级政府落实执政为民的要求，保护群众生命财产安全是根本目标。县乡两级\n"
    )
    assert _heads(text) == ["安全生产必须警钟长鸣"]


def test_a_section_name_before_a_colon_heads_what_it_holds() -> None:
    # `案由：…存在以下问题：A；B；C。` `建议：…`: the fields of a proposal, not points led by their names
    text = (
        "关于推进无障碍环境建设的提案\n"
        "提案人：某委员\n"
        "案由：近年来无障碍设施建设取得进展，但公共空间的无障碍设施仍存在以下问题：缺乏统一规划；"
        "已建设施水平不高，实用性不强；管理维护机制不健全。\n"
        "建议：加快推动立法。在国家层面推进立法，为无障碍事业提供根本保障。\n"
        "完善体制机制。统筹各部门和社会力量，明确各方职责，让无障碍理念成为社会共识。\n"
        "提升建设质量。各地要按照使用者的需要制定标准，让新建设施和既有设施衔接起来。\n"
    )
    sections = _sections(text)
    found = [(kind, heads) for _, kind, heads in sections if "缺乏统一规划" in heads]
    assert found == [(SectionKind.PROBLEMS, ["缺乏统一规划", "已建设施水平不高", "管理维护机制不健全"])]
    assert not {"提案人", "案由", "建议"} & {h for _, _, heads in sections for h in heads}


def test_a_first_line_opening_like_a_later_heading_line_is_no_title() -> None:
    # `加强法律法规建设` … `加强宣传教育`, bare lines each over its paragraphs: the page's points, not its title
    body = "要健全非遗保护的法律法规体系，明确各级政府和传承人的责任与义务，加大保护投入，形成长效保护机制。\n"
    text = f"加强法律法规建设\n{body}{body}加强宣传教育\n{body}{body}"
    deck = parse_document(text, source="page.txt")
    assert deck.name != "加强法律法规建设"
    assert _heads(text) == ["加强法律法规建设", "加强宣传教育"]
    # the same subject opening a later section's heading (`…的成效`) leaves the title as it was
    titled = "法治进乡村工作的成效与展望\n" + body + "法治进乡村工作的成效\n" + body + body
    assert parse_document(titled, source="page.txt").name == "法治进乡村工作的成效与展望"
    # lines naming parts of a subject, no call to act, under a title opening like them
    study = "乡村振兴战略研究\n" + body + "乡村人才振兴\n" + body + "乡村产业振兴\n" + body
    assert parse_document(study, source="page.txt").name == "乡村振兴战略研究"


def test_a_page_marker_a_proposals_number_and_a_download_button_name_nothing() -> None:
    body = (
        "一、存在的问题\n"
        "1.心理服务机构数量不足。不少县区还没有专门的心理服务机构，群众求助无门。\n"
        "2.专业人才短缺。心理咨询师数量少，基层几乎没有专业人员。\n"
    )
    marked = parse_document("（正文开始）\n" + body, source="page.txt")
    assert marked.name == "page"  # no title on the page: the file's name
    assert [h for _, _, p in marked.points() for h in [p.head]] == ["心理服务机构数量不足", "专业人才短缺"]
    numbered = parse_document("第172号 关于健全社会心理服务体系的建议\n" + body, source="page.txt")
    assert numbered.name == "关于健全社会心理服务体系的建议"
    button = parse_document("社会心理服务体系建设工作总结\n时间:\n分享\n下载本文\n\n" + body, source="page.txt")
    assert [t.title for t in button.topics] == ["社会心理服务体系建设工作总结"]
    assert [s.heading for t in button.topics for s in t.sections] == ["存在的问题"]


def test_headings_naming_what_they_describe_head_the_lists_under_them() -> None:
    # `（二）…的主要特点` over 1. 2. 3.: a section's name (what it describes of its subject), beside `（一）…的发展背景`
    # over prose; its items are the points. Findings over prose (`（一）基础设施薄弱`) stay the points.
    text = (
        "农村电商发展研究\n"
        "一、农村电商的现状\n"
        "（一）农村电商的发展背景\n"
        "农村电商是借助网络平台开展的农村产品和服务交易，近年来发展很快。\n"
        "（二）农村电商的主要特点\n"
        "1. 商品种类丰富：平台上既有农副产品，也有手工艺品。\n"
        "2. 交易方式便捷：消费者随时随地都能下单购买。\n"
        "3. 带动产业升级：电商推动农业和手工业转型。\n"
        "（三）农村电商的发展成果\n"
        "1. 拓宽了销售渠道：农民借助平台把产品卖到全国。\n"
        "2. 提高了农民收入：电商带来了新的就业和增收机会。\n"
        "二、农村电商面临的挑战\n"
        "（一）基础设施薄弱\n"
        "部分地区网络覆盖不到位，物流配送成本高。\n"
        "（二）人才短缺\n"
        "懂运营、会推广的人才很少，留住人才更难。\n"
    )
    assert [heads for _, _, heads in _sections(text)] == [
        ["商品种类丰富", "交易方式便捷", "带动产业升级"],
        ["拓宽了销售渠道", "提高了农民收入"],
        ["基础设施薄弱", "人才短缺"],
    ]


def test_suggestions_parted_by_commas_each_opening_on_a_verb_are_a_list() -> None:
    text = (
        "政协调研组赴大别山区督办调研\n"
        "调研组认为，规划印发后引领作用初步显现，但也存在协调力度不够等问题。\n"
        "调研组建议：建立国家层面的协调机制，加快交通基础设施建设，推动实施重点水利工程，加大产业政策支持力度。\n"
    )
    assert _heads(text) == [
        "建立国家层面的协调机制",
        "加快交通基础设施建设",
        "推动实施重点水利工程",
        "加大产业政策支持力度",
    ]
    # clauses of one sentence that do not each act are prose
    prose = text.replace("推动实施重点水利工程", "这些年群众反映强烈")
    assert "建立国家层面的协调机制" not in _heads(prose)


def test_a_long_bar_of_links_is_furniture_and_the_title_repeated_under_it_names_the_page() -> None:
    nav = "  |  ".join(
        ["首页", "车型", "图片", "报价", "对比", "团购", "行情", "车险", "车市", "导购", "试驾", "经销商", "视频"]
    )
    title = "电动自行车乱停放问题"
    text = (
        f"{nav}\n首页>栏目>内容详情\n\n{title}\n\n"
        "随着城市交通发展，电动自行车成为很多人出行的首选，但也带来了乱停放的问题，需要认真对待。\n\n"
        f"{title}\n\n"
        "一、存在的问题\n1.乱停乱放现象普遍。车辆停在人行道上，妨碍行人通行。\n2.飞线充电隐患大。私拉电线充电容易引发火灾。\n\n"
        f"{title}\n"
    )
    deck = parse_document(text, source="page.txt")
    assert deck.name == title
    assert _heads(text) == ["乱停乱放现象普遍", "飞线充电隐患大"]


def test_a_government_pages_information_rows_and_a_related_label_over_the_title_are_furniture() -> None:
    body = (
        "一、2023年工作回顾\n"
        "（一）坚持谋发展促增长，全力提振经济活力。全年引进项目二十个，完成固定资产投资十亿元。\n"
        "（二）坚持优环境强服务，营商环境持续改善。全年为企业办理各类事项三千余件。\n"
    )
    title = "东柳街道2023年工作总结和2024年工作思路"
    boxed = (
        "索 引 号 | K16059504/2024-117342 | 公开分类 | |\n"
        "发布单位 | 东柳街道 | 发布日期 | 2024-03-21 |\n"
        "生成日期 | 2024-03-21 | 公开方式 | 主动公开 |\n"
        "文 号 | 主题词 |\n"
        f"{title} |\n" + body
    )
    deck = parse_document(boxed, source="page.txt")
    assert deck.name == title
    assert _heads(boxed) == ["坚持谋发展促增长，全力提振经济活力", "坚持优环境强服务，营商环境持续改善"]
    labelled = parse_document(f"- 相关推荐\n{title}\n" + body, source="page.txt")
    assert labelled.name == title
