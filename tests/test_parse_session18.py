"""Shapes of real pages read in session 18 (issue 12): counts said with 一则/一来, successions mixing 一是 and
二要, a site's terms numbered over the document, a numbered heading with its subtitle over its paragraph,
sentences after a lead saying a list follows, short keyword leads under a counting lead, answer labels in
brackets. Each expected outline is what GUIDE.md's rules say of the small document, written from the rule,
not from the builder's output."""

from __future__ import annotations

from pathlib import Path

from trainer.core.model import SectionKind
from trainer.parse import decode, parse_document
from trainer.parse.heads import split_head
from trainer.parse.paragraphs import Line, join_lines


def _sections(text: str) -> list[tuple[str, SectionKind, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [h for _, _, heads in _sections(text) for h in heads]


def test_yize_counts_run_together_are_a_list() -> None:
    text = (
        "直播带货需要全方位监督\n"
        "疫情让直播带货火了起来，然而数据造假的现象屡见不鲜。\n"
        "目前看来，直播数据造假带来的社会危害相当之大：一则破坏了整个直播生态，新兴产业可能因此被扼杀；"
        "二则造成了直播带货虚假繁荣，商家和消费者的权益都会受损；三则会诱导整个行业误入歧途，难以健康发展。\n"
        "直播带货说到底是产品质量和服务水平的竞争。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [["破坏了整个直播生态", "造成了直播带货虚假繁荣", "会诱导整个行业误入歧途"]]
    assert sections[0][1] is SectionKind.PROBLEMS


def test_a_news_item_with_one_measure_word_is_no_list() -> None:
    # `一则消息` counts a piece of news: alone it opens no list, and the paragraphs are read as prose
    text = (
        "乡村振兴见闻\n"
        "近日，一则消息在村里传开了，村里要修一条通往县城的公路，村民们奔走相告，十分高兴。\n"
        "公路修通以后，村里的农产品可以更快运出去，乡亲们的收入也会随之增加。\n"
    )
    assert not any(h.startswith(("消息", "则")) for h in _heads(text))


def test_yishi_and_yiyao_mixed_make_one_succession() -> None:
    text = (
        "为让村庄污水治理收到实效，委员建议：一是细规划。先做规划再动工，拿出有差别、够细致的方案。"
        "二要重实效。把财力集中起来，分清轻重缓急，一步步往前推。三要广发动。充分保障村民的知情权，"
        "广泛动员村民参与进来。四是建队伍。通过多种方式培养一支能挑起治理担子的人才队伍。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [["细规划", "重实效", "广发动", "建队伍"]]
    assert sections[0][1] is SectionKind.COUNTERMEASURES


def test_site_terms_numbered_over_the_document_are_furniture() -> None:
    text = (
        "网站大量收购闲置独家精品文档，联系QQ:2885784924\n"
        "1、本文档共12页，可阅读全部内容。\n"
        "2、原创力文档网站文档一经付费（服务费），不意味着购买了该文档的版权，仅供个人学习、研究之用。\n"
        "3、本站所有内容均由合作方或网友上传，本站不对文档的完整性、权威性做任何保证或承诺！\n"
        "4、如文档侵犯商业秘密、侵犯著作权等，请点击“版权申诉”（推荐）。\n"
        "招商引资面临的问题与对策\n"
        "一、面临的矛盾和问题\n"
        "（一）信息渠道不畅。初到一个城市，人生地不熟，招商员不知该去哪里招商。\n"
        "（二）招商手段单一。多数地方仍靠拼优惠政策吸引企业，缺少专业化的招商队伍。\n"
    )
    deck = parse_document(text, source="page.txt")
    heads = [p.head for _, _, p in deck.points()]
    assert heads == ["信息渠道不畅", "招商手段单一"]
    assert "收购" not in deck.name and "文档" not in deck.name


def test_numbered_heading_with_subtitle_is_not_joined_to_its_paragraph() -> None:
    lines = [
        Line(
            "二、水土流失的“连锁反应”：从生态到经济的多维危机", "二、水土流失的“连锁反应”：从生态到经济的多维危机", 1, 0
        ),
        Line(
            "水土流失造成的损害远不只是土地退化，它的影响是成体系地扩散开来的：",
            "水土流失造成的损害远不只是土地退化，它的影响是成体系地扩散开来的：",
            2,
            0,
        ),
    ]
    assert [p.text for p in join_lines(lines)] == [lines[0].text, lines[1].text]


def test_a_numbered_line_broken_mid_sentence_is_still_joined() -> None:
    # a line that ran on past a comma (no heading and subtitle): the copy broke it, the next line goes on
    first = "一、要加强组织领导，切实提高思想认识，把各项工作"
    rest = "落到实处，确保取得实效。"
    paras = join_lines([Line(first, first, 1, 0), Line(rest, rest, 2, 0)])
    assert [p.text for p in paras] == [first + rest]


def test_sentences_after_a_lead_saying_problems_follow_are_its_points() -> None:
    text = (
        "长城保护与利用中的问题与对策研究报告\n"
        "二、长城保护的现状和问题\n"
        "目前，长城保护存在以下主要问题：由于资金短缺和技术手段不足，部分长城段面临严重的自然侵蚀和人为破坏。"
        "公众对长城保护的意识不强，存在乱涂乱画、破坏植被等不良行为。"
        "缺乏专业的管理机构和法律法规，导致部分长城段得不到有效保护。\n"
    )
    sections = _sections(text)
    assert len(sections) == 1 and sections[0][1] is SectionKind.PROBLEMS
    # the head rule: the whole first sentence when its first clause only gives a cause (`由于…`), else the
    # lead clause of a sentence over 30 characters, else the whole sentence
    assert sections[0][2] == [
        "由于资金短缺和技术手段不足，部分长城段面临严重的自然侵蚀和人为破坏",
        "公众对长城保护的意识不强，存在乱涂乱画、破坏植被等不良行为",
        "缺乏专业的管理机构和法律法规，导致部分长城段得不到有效保护",
    ]


def test_a_cause_clause_is_no_head_of_its_own() -> None:
    head, _, _ = split_head(
        "由于经费预算捉襟见肘，无论是组织大规模执法行动还是推进基础设施建设，都会显得心有余而力不足。"
    )
    assert head.startswith("由于经费预算捉襟见肘，无论")


def test_keyword_leads_under_a_counting_lead_are_points() -> None:
    text = (
        "代表委员们表示，保障和改善民生是一项长期任务，永无止境。\n"
        "站在新的起点上构建民生保障安全网，要抓好三个关键词——\n"
        "发展。投向民生领域的真金白银从何而来？要从严控制行政开支，还要加快经济发展，把蛋糕做大。\n"
        "兜底。政府部门应把保障和改善民生当作底线工程，切实履行基本公共服务职责。\n"
        "创新。借助社会管理创新，引导各类社会组织参与民生保障，更好回应群众需要。\n"
    )
    assert _heads(text) == ["发展", "兜底", "创新"]


def test_answer_labels_in_brackets_lead_no_points() -> None:
    answer = (
        "【参考答案】问题之所以频频出现，要从源头上找原因。我认为小煤窑的出现有以下一些原因："
        "（1）国家政策宣传和监管的力度还有待于加强，上下信息沟通不畅。（2）一些地方的领导片面追求经济效益，搞地方保护。"
        "（3）地方官员存在腐败现象。对于这种现状我认为应该从以下几个方面着手：①加大政策宣传和监管的力度。"
        "②对现有的小煤窑进行普查，逐一登记造册。③提高地方干部的素质。④坚决查处腐败。\n"
    )
    text = "现在中央对安全生产很重视，但有的地方总会出现小煤窑事故，你认为主要原因是什么？\n" + answer + answer
    heads = _heads(text)
    assert "参考答案" not in heads
    assert heads[:3] == [
        "国家政策宣传和监管的力度还有待于加强",
        "一些地方的领导片面追求经济效益",
        "地方官员存在腐败现象",
    ]


def test_a_title_with_a_bracketed_afterword_names_its_kind() -> None:
    # a page of numbered sayings under `节约粮食的重要性（节约粮食的意义）` (dev21 ys07): the title names
    # their kind, its bracketed afterword no second one
    page = Path(__file__).parent / "realdocs" / "dev21" / "ys07_eebang_jieliang_yiyi.txt"
    deck = parse_document(decode(page.read_bytes(), source=page.name), source=page.name)
    assert [s.kind for t in deck.topics for s in t.sections] == [SectionKind.SIGNIFICANCE]


def test_a_copys_own_number_after_the_lists_is_no_part_of_the_head() -> None:
    text = (
        "节约粮食的意义\n"
        "1、民以食为天，手中有粮才能心中不慌。\n"
        "2、2、勤俭节约是中华民族的传统美德，浪费粮食历来被视为可耻行为。\n"
        "3、3、全国人大代表调研后指出，从种子消耗到收获储存，各环节都有浪费。\n"
    )
    assert _heads(text) == [
        "民以食为天，手中有粮才能心中不慌",
        "勤俭节约是中华民族的传统美德，浪费粮食历来被视为可耻行为",
        "全国人大代表调研后指出，从种子消耗到收获储存，各环节都有浪费",
    ]


def test_a_sites_name_before_the_title_is_not_the_decks_name() -> None:
    text = (
        "欧宝体育官方网站:当前乡镇招商引资存在的问题及对策\n"
        "乡镇招商引资工作存在以下问题：一是招商引资定位不准。招商带有很大的盲目性。二是对外宣传力度不够。"
        "多数乡镇拿不出余钱投入招商宣传。三是乡镇各自为战。彼此挖墙角、相互抢商。\n"
    )
    deck = parse_document(text, source="page.txt")
    assert deck.name == "当前乡镇招商引资存在的问题及对策"


def test_an_authors_note_is_furniture_not_the_title() -> None:
    text = (
        "作者：王帆 雷薇田 发布时间：2024-06-21 来源：群众杂志\n"
        "王帆，复旦大学发展研究院研究员、博士生导师\n"
        "雷薇田，浙江省团校青年志愿者行动指导中心助教\n"
        "目前，青年安居城市的痛点主要表现为以下几个方面：\n"
        "1.成本高。城市里的租房开销大，在青年月均收入中占去不小的比重。\n"
        "2.落脚难。刚到城市的青年面对租房市场的信息不对称，很难找到合适的房子。\n"
    )
    deck = parse_document(text, source="qingnian.txt")
    assert "研究员" not in deck.name and "助教" not in deck.name
    assert [p.head for _, _, p in deck.points()] == ["成本高", "落脚难"]


def test_a_paragraph_answering_the_list_above_opens_a_list_of_its_own() -> None:
    text = (
        "首先，部分干部在思想上存在“重业务、轻作风”的倾向，没有充分认识到作风建设的分量。\n"
        "其次，一些同志在工作中缺乏主动性，存在“等、靠、要”的思想。\n"
        "再次，个别干部在落实政策和制度时存在形式主义倾向，只在表面上做文章。\n"
        "针对上述问题，必须从思想根源入手，切实加强作风建设。一方面，要加强对党员干部的思想教育，让他们增强责任感；"
        "另一方面，要完善制度机制，强化监督问责，保证各项规定真正落地。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections][-1] == ["要加强对党员干部的思想教育", "要完善制度机制"]
    assert sections[0][2][0] == "部分干部在思想上存在“重业务、轻作风”的倾向"


def test_sentences_opening_with_youliyu_are_points() -> None:
    text = (
        "新时代枫桥经验在基层社会治理中具有重要作用。有利于维护社会稳定；枫桥经验依靠党组织的领导，从源头预防和化解矛盾。"
        "有利于促进社会和谐；枫桥经验坚持以人民为中心，重视群众的需求和利益；有利于提高社会治理水平；"
        "枫桥经验着力创新群众工作方法，推动社会持续健康发展。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.SIGNIFICANCE, ["有利于维护社会稳定", "有利于促进社会和谐", "有利于提高社会治理水平"])
    ]


def test_a_table_of_figures_gives_no_points() -> None:
    text = (
        "普法工作总结\n"
        "一、主要成果统计表\n"
        "项目 | 数量 | 备注 |\n"
        "开展普法讲座次数 | 28 | 涉及民法典、劳动法等 |\n"
        "法律咨询服务人次 | 1200 | 现场及线上咨询 |\n"
        "发放普法宣传资料 | 5000份 | 含手册、折页、海报等 |\n"
        "二、存在问题与不足\n"
        "1. 部分群众法律意识仍较薄弱；\n"
        "2. 普法形式相对单一。\n"
    )
    heads = _heads(text)
    assert heads == ["部分群众法律意识仍较薄弱", "普法形式相对单一"]


def test_a_lone_bullet_where_the_copy_ends_is_a_point_cut_short() -> None:
    text = (
        "政务差评典型案例\n"
        "一、原因分析\n"
        "- 制度设计不合理：一些办事流程环节过多，一直没有得到优化。\n"
        "- 人员素质参差不齐：部分窗口人员业务不精，服务意识淡薄。\n"
        "二、反思启示\n"
        "- 坚持以人民为\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [["制度设计不合理", "人员素质参差不齐"], ["坚持以人民为"]]


def test_the_outermost_numbering_after_led_bullets_is_not_held_by_them() -> None:
    text = (
        "预算执行难题主要体现在以下几个方面：\n"
        "  • 执行进度缓慢：项目前期工作准备不够充分，大量资金趴在账上沉淀\n"
        "  • 资金使用效益低下：投入多而产出少，资源浪费的情况较为突出\n"
        "  • 监控机制缺失：执行中出现的偏差不能被及时发现和纠正\n"
        "\n"
        "本文将系统阐述预算绩效管理的亮点措施，帮助读者破解预算执行难题。\n"
        "\n"
        "一、构建目标引领的预算编制机制\n"
        "1. 科学设定绩效目标。绩效目标在预算绩效管理中起着龙头作用，设定目标要讲科学。\n"
        "2. 建立绩效目标审核机制。财政部门应当组建审核小组，对各部门报送的目标开展审核。\n"
    )
    deck = parse_document(text, source="yusuan.txt")
    heads = [p.head for _, _, p in deck.points()]
    assert heads[:3] == ["执行进度缓慢", "资金使用效益低下", "监控机制缺失"]
    assert "监控机制缺失：执行中出现的偏差不能被及时发现和纠正本文将" not in "".join(
        p.body for _, _, p in deck.points()
    )
    assert [t.title for t in deck.topics].count("构建目标引领的预算编制机制") <= 1
    assert all("构建目标引领" not in h for h in heads)


def test_a_heading_and_its_first_sub_heading_on_one_line_are_two() -> None:
    text = (
        "老旧小区改造中的适老化痛点\n"
        "一、真实痛点：适老化改造的“三重门槛”（一）硬件之困：“爬不动的楼”与“够不着的设施”\n"
        "老旧小区的“不适老”，最先暴露在基础硬件的短缺上。\n"
        "加装电梯“卡壳”：全国老旧小区加装电梯的意愿率在80%以上，真正装成的却只有12%。\n"
        "无障碍设施“空白”\n"
        "\n"
        "：多数老旧小区没有坡道、扶手，卫生间无法满足老人的需要。\n"
    )
    sections = _sections(text)
    assert [(head, h) for head, _, h in sections] == [
        ("硬件之困：“爬不动的楼”与“够不着的设施”", ["加装电梯“卡壳”", "无障碍设施“空白”"])
    ]


def test_a_head_set_apart_by_a_space_may_be_four_characters() -> None:
    head, body, _ = split_head("服务态度 调研中我们注意到，一些窗口工作人员的服务态度有待改进。")
    assert (head, body.startswith("调研中")) == ("服务态度", True)


def test_heads_glued_to_text_that_repeats_them_are_cut() -> None:
    text = (
        "乡村旅游发展存在的问题\n"
        "1. 乡村旅游基础设施滞后乡村旅游配套设施相对落后，交通不够便利，住宿、餐饮等服务设施不够健全。\n"
        "2. 乡村旅游宣传力度不足乡村旅游的宣传推广力度不够，产品知名度偏低，制约了市场拓展。\n"
        "3. 乡村旅游产品质量参差不齐我国乡村旅游产品质量高低不一，部分景区差距明显。\n"
    )
    assert _heads(text) == ["乡村旅游基础设施滞后", "乡村旅游宣传力度不足", "乡村旅游产品质量参差不齐"]


def test_key_points_heading_names_measures_and_holds_its_points() -> None:
    text = (
        "乡村振兴关键点\n"
        "二、乡村振兴的关键点\n"
        "1. 产业兴旺\n"
        "- 发展特色产业，提高农产品附加值\n"
        "- 推进农业供给侧结构性改革\n"
        "2. 生态宜居\n"
        "- 加强农村生态环境治理，改善农村人居环境\n"
        "- 发展生态农业，保护农村生态环境\n"
        "3. 乡风文明\n"
        "- 传承和发展乡村优秀传统文化\n"
        "- 弘扬社会主义核心价值观，培育文明乡风\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [(SectionKind.COUNTERMEASURES, ["产业兴旺", "生态宜居", "乡风文明"])]


def test_a_line_naming_an_aspect_beside_section_words_heads_its_list() -> None:
    text = (
        "一、食品抽检结果分析\n"
        "1. 抽检范围与频率\n"
        "我国食品抽检已覆盖粮食、食用油、肉蛋奶等众多品类，抽检频次逐年增加。\n"
        "2. 主要问题\n"
        "（1）农兽药残留超标：这是食品抽检中出现最多的问题。\n"
        "（2）非法添加物：一些企业违规往食品里添加非食用物质。\n"
        "3. 行业现状\n"
        "（1）企业主体责任落实不到位：一些企业质量把关不严。\n"
        "（2）监管力量不足：抽检覆盖范围有限，难以做到全面监管。\n"
    )
    sections = _sections(text)
    assert [(head, h) for head, _, h in sections if h] == [
        ("主要问题", ["农兽药残留超标", "非法添加物"]),
        ("行业现状", ["企业主体责任落实不到位", "监管力量不足"]),
    ]


OUTLINE = (
    "【提纲】一、肯定成绩，坚定推进就业优先战略的信心决心。（一）政策体系持续完善，就业扶持精准度不断提升。"
    "（二）重点群体就业稳步推进，民生底线有效筑牢。二、正视问题，清醒认识当前就业工作的严峻形势。"
    "（一）就业总量压力与结构性矛盾并存。（二）政策落实存在“最后一公里”问题。三、压实责任，提供坚强保障。"
    "（一）强化组织领导，形成工作合力。（二）加强督导考核，确保任务落实。\n"
    "全市就业优先战略推进会议讲话\n"
    "同志们：今天召开全市就业优先战略推进会议，下面，我再讲几点意见。\n"
)


def test_an_outline_run_together_on_one_line_is_read_as_an_outline() -> None:
    sections = _sections(OUTLINE)
    assert [(k, h) for _, k, h in sections] == [
        (
            SectionKind.ACHIEVEMENTS,
            ["政策体系持续完善，就业扶持精准度不断提升", "重点群体就业稳步推进，民生底线有效筑牢"],
        ),
        (SectionKind.PROBLEMS, ["就业总量压力与结构性矛盾并存", "政策落实存在“最后一公里”问题"]),
        (SectionKind.COUNTERMEASURES, ["强化组织领导，形成工作合力", "加强督导考核，确保任务落实"]),
    ]


def test_an_outline_the_text_below_says_again_stays_one_line() -> None:
    # the speech below reaches the outline's first entry: the outline is its table of contents, not its points
    text = OUTLINE.replace(
        "下面，我再讲几点意见。", "下面，我再讲几点意见。\n一、肯定成绩，坚定推进就业优先战略的信心决心\n"
    )
    heads = _heads(text)
    assert "政策体系持续完善，就业扶持精准度不断提升" not in heads


def test_numbered_items_an_opening_counts_are_the_points() -> None:
    text = (
        "引言\n"
        "住房问题越来越受社会关注。本文从三个根源入手，对年轻人的住房焦虑作深入剖析。\n"
        "一、住房成本高企\n"
        "1.1 房价上涨压力\n"
        "这些年一二线城市房价一路走高，年轻人买房的压力越来越大。\n"
        "1.2 租房成本上升\n"
        "房租节节攀升，年轻人陷入两难处境。\n"
        "二、就业不稳定\n"
        "2.1 职业发展受限\n"
        "工作不稳定，年轻人对未来收入心里没底。\n"
        "2.2 地域流动性大\n"
        "年轻人得跟着就业机会频繁搬迁。\n"
        "三、家庭支持减少\n"
        "3.1 家庭结构变化\n"
        "年轻人能从家里得到的帮衬越来越少。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [(SectionKind.PROBLEMS, ["住房成本高企", "就业不稳定", "家庭支持减少"])]


def test_a_decimal_number_before_a_year_still_numbers_its_line() -> None:
    text = (
        "老旧小区改造提升整改方案\n"
        "八、时间规划\n"
        "8.12023-2024年重点攻坚阶段\n"
        "8.22025年全面达标阶段\n"
        "8.32026-2027年巩固提升阶段\n"
        "8.4应急调整机制\n"
    )
    assert _heads(text) == ["2023-2024年重点攻坚阶段", "2025年全面达标阶段", "2026-2027年巩固提升阶段", "应急调整机制"]


def test_problems_found_over_their_details_are_the_points() -> None:
    text = (
        "农村电商在助力乡村振兴方面作用明显，但发展中也碰到了不少瓶颈。\n"
        "一、基础设施薄弱\n"
        "- 物流网络不完善\n"
        "- 农村快递网点少，冷链和仓储能力跟不上。\n"
        "二、物流成本高\n"
        "- 运输成本高\n"
        "- 农产品运距长，物流开销大，利润被压薄。\n"
        "三、电商人才缺乏\n"
        "- 电商运营人才短缺\n"
        "- 农村电商从业人员大多不懂运营和营销。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [(SectionKind.PROBLEMS, ["基础设施薄弱", "物流成本高", "电商人才缺乏"])]


def test_a_lead_announcing_a_list_after_an_unnumbered_point_opens_a_new_part() -> None:
    text = (
        "高校就业指导工作是高等教育体系的重要一环，但目前还存在一些问题。\n"
        "就业指导教育起步晚，发展滞后。不少高校的就业指导基本只面向大四学生开展，没有形成系统化教育。\n"
        "与发达国家相比，我国高校的就业指导机制不够成熟。发达国家的就业指导早已形成成套做法。\n"
        "为了改善这种状况，高校就业指导工作需要从以下几个方面进行定位和改进：\n"
        "1. 提升就业指导教育的重要性：把就业指导放到教育教学的核心位置。\n"
        "2. 强化全程教育和阶段教育的结合：新生一入学就开展职业规划教育。\n"
        "3. 加强校企合作：同企业建立紧密的合作关系，及时掌握市场需求。\n"
    )
    heads = _heads(text)
    assert heads[-3:] == ["提升就业指导教育的重要性", "强化全程教育和阶段教育的结合", "加强校企合作"]
    assert heads[:2] == ["就业指导教育起步晚，发展滞后", "与发达国家相比，我国高校的就业指导机制不够成熟"]


def test_what_a_meeting_requires_clause_by_clause_is_a_list() -> None:
    text = (
        "3月4日，县卫健局召开2024年卫生健康工作会议。\n"
        "会议要求，要坚持统筹推进，健全医疗卫生服务体系；要坚持提质增效，抓实深化医改各项任务；"
        "要坚持惠民利民，扎实推进“健康竹溪”建设；要坚持系统观念，持续提升公共卫生服务能力。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.COUNTERMEASURES, ["要坚持统筹推进", "要坚持提质增效", "要坚持惠民利民", "要坚持系统观念"])
    ]


def test_a_problem_labelled_beside_its_measures_is_a_point() -> None:
    text = (
        "存在问题：各单位对政治学习普遍流于形式，学习内容与工作落实停留在应付检查层面。"
        "整改措施：一是强化思想教育，提升党员队伍素质；二是加强组织建设，落实党建工作责任；三是持续规范党内管理。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.PROBLEMS, ["各单位对政治学习普遍流于形式"]),
        (SectionKind.COUNTERMEASURES, ["强化思想教育", "加强组织建设", "持续规范党内管理"]),
    ]


def test_a_table_repeating_a_list_given_above_adds_no_points() -> None:
    text = (
        "一、群众办事四难问题总结\n"
        "1. 门难进：一些单位服务观念淡薄，群众找不准该去的部门。\n"
        "2. 脸难看：个别工作人员态度生硬、缺少耐心。\n"
        "3. 事难办：政策讲不清楚、手续繁琐、要交的材料一大堆。\n"
        "二、群众办事四难问题对比表\n"
        "问题类别 | 具体表现 | 解决建议 |\n"
        "门难进 | 办事地点不明确，窗口设置不合理 | 优化窗口布局，加强导办服务 |\n"
        "脸难看 | 工作人员态度生硬，缺乏沟通技巧 | 加强服务培训，建立考核机制 |\n"
        "事难办 | 政策解读不清，材料要求复杂 | 简化流程，提供一站式服务 |\n"
    )
    assert _heads(text) == ["门难进", "脸难看", "事难办"]


def test_a_lead_stating_a_problem_found_is_a_point_beside_parallel_ones() -> None:
    text = (
        "预付消费卡管理存在的问题\n"
        "整体统筹协调性不足。调研发现，由于预付卡的定义和本质至今没有厘清，社会上还没有形成一致意见。\n"
        "监管基础较为薄弱。目前的预付卡监管平台还做不到对预付卡活动的动态跟踪，难以精准掌握经营主体。\n"
        "监管力度有待加强。有关管理规定施行已超过5年，其间经营场景和流程都发生了变化。\n"
    )
    assert _heads(text) == ["整体统筹协调性不足", "监管基础较为薄弱", "监管力度有待加强"]


def test_a_bulleted_byline_is_furniture() -> None:
    text = (
        "• 首页 > 品牌要闻>正文\n"
        "  • 从多头监管到协同治理的预付卡监管新范式\n"
        "\n"
        "  • 责任编辑:新商业 来源: 中国品牌官 2025-07-16 10:41:38\n"
        "  •   文/周俊良 上海大学\n"
        "\n"
        "      预付式消费，说白了就是商家先把钱收下，再承诺在将来分若干次提供服务或商品。\n"
        "预付消费卡管理存在的问题\n"
        "整体统筹协调性不足。调研发现，社会上对要不要监管还没有形成一致意见。\n"
        "监管基础较为薄弱。目前的监管平台还做不到对预付卡活动的动态跟踪。\n"
    )
    deck = parse_document(text, source="yufuka.txt")
    assert all("周俊良" not in p.head for _, _, p in deck.points())
    assert "周俊良" not in deck.name


def test_authors_before_a_radical_bar_are_not_the_title() -> None:
    text = (
        "章政、闵瑛美丨健全社会信用体系：进展与路径\n"
        "当前社会信用体系建设还存在以下问题：\n"
        "1. 信用立法滞后。全国性的信用法律尚未出台。\n"
        "2. 信息共享不足。部门之间的信用信息仍然分散。\n"
    )
    assert parse_document(text, source="xinyong.txt").name == "健全社会信用体系：进展与路径"


def test_a_collections_piece_number_is_no_part_of_the_title() -> None:
    # (`…汇编六篇` counted in words names a collection, kept whole: dev3's reader)
    for written, name in (
        ("防汛抗旱工作总结二", "防汛抗旱工作总结"),
        ("安全生产实施方案范文汇编六篇", "安全生产实施方案范文汇编六篇"),
    ):
        text = f"{written}\n一、存在问题\n1. 应急预案不完善。部分预案针对性不强。\n2. 物资储备不足。仓库布局不合理。\n"
        assert parse_document(text, source="x.txt").name == name
