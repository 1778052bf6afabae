"""Shapes of real pages read in session 19 (issue 12): bulleted parts led by the same labels under each
numbered item, why-questions asking for reasons to act, a title asking for one kind, counted headings over
their 一是 lists, clauses parted by ； under a heading naming a kind, a conclusion closing a list and setting
out one of its own, a pen name beside a byline. Each expected outline is what GUIDE.md's rules say of the
small document, written from the rule, not from the builder's output."""

from __future__ import annotations

from trainer.core.model import SectionKind
from trainer.parse import parse_document


def _sections(text: str) -> list[tuple[str, SectionKind, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def _heads(text: str) -> list[str]:
    return [h for _, _, heads in _sections(text) for h in heads]


def test_bullets_led_by_the_same_labels_under_each_item_are_its_parts() -> None:
    # `- 亮点描述：` `- 具体案例：` under each numbered item: a template of each item, not the list
    text = (
        "引言\n"
        "本文梳理街道办一周工作中的亮点和遇到的挑战。\n"
        "一、一周工作亮点\n"
        "1. 网格治理成效显著\n"
        "- 亮点描述：推行网格化管理后，社区治理效率明显提高。\n"
        "- 具体案例：某街道把辖区划成若干网格，居民反映的问题得到及时解决。\n"
        "2. 便民服务更加便捷\n"
        "- 亮点描述：精简办事流程，居民办事更加方便。\n"
        "- 具体案例：某街道推行“一站式”服务，办事用时缩短一半。\n"
        "3. 安全防范扎实有力\n"
        "- 亮点描述：开展安全隐患排查，守护居民平安。\n"
        "- 具体案例：某街道组建巡防队伍，盗窃案件明显减少。\n"
        "二、一周工作挑战\n"
        "1. 资源分配不均\n"
        "- 挑战描述：辖区范围大，部分社区发展相对落后。\n"
        "- 应对措施：主动争取上级资源，引导社区互帮互助。\n"
        "2. 工作人员不足\n"
        "- 挑战描述：人手有限，难以应对不断增加的任务。\n"
        "- 应对措施：优化人力配置，广泛招募志愿者。\n"
    )
    assert _heads(text) == ["网格治理成效显著", "便民服务更加便捷", "安全防范扎实有力", "资源分配不均", "工作人员不足"]


def test_numbered_labels_are_points_not_a_template() -> None:
    # the same heads said again in a table below are no labels of a template: the numbered list stays
    text = (
        "群众办事难问题\n"
        "一、四类问题\n"
        "1. 门难进：有的窗口位置偏僻，群众找不到地方。\n"
        "2. 脸难看：个别工作人员态度生硬。\n"
        "3. 事难办：政策解释不清，材料要求反复。\n"
        "二、对照表\n"
        "问题 | 表现 | 对策 |\n"
        "门难进 | 窗口难找 | 设置指引 |\n"
        "脸难看 | 态度生硬 | 加强培训 |\n"
        "事难办 | 材料反复 | 一次告知 |\n"
        "三、结语\n"
        "解决好群众办事难，是转变作风的重要一环。\n"
    )
    assert _heads(text)[:3] == ["门难进", "脸难看", "事难办"]


def test_why_pursue_asks_for_reasons_significance() -> None:
    text = (
        "坚持绿色发展\n"
        "为何坚持绿色发展？\n"
        "一、发展方式转变的必然要求。粗放增长难以为继，转变势在必行。\n"
        "二、满足人民美好生活的需要。群众对良好生态的期待越来越高。\n"
        "三、参与全球治理的现实选择。绿色转型关乎国际竞争的主动权。\n"
        "如何推进绿色发展？\n"
        "一、完善制度体系。让保护生态有章可循。\n"
        "二、培育绿色产业。让绿水青山变成金山银山。\n"
    )
    kinds = [k for _, k, _ in _sections(text)]
    assert kinds == [SectionKind.SIGNIFICANCE, SectionKind.COUNTERMEASURES]


def test_a_title_asking_for_significance_names_the_list_under_it() -> None:
    # the heads open on verbs (促进, 推动) that would read as measures; the title asks for the meaning
    text = (
        "加强非遗保护与传承的意义是什么？\n"
        "\n"
        "非遗保护与传承的意义既深且广，涉及认同、和谐、创新和交流等方面。下面分几点具体说明：\n"
        "1. 维护文化多样性与民族认同。非遗凝聚着一个民族共同的记忆。\n"
        "2. 促进社会和谐与文化建设。传统节庆让邻里走得更近。\n"
        "3. 推动文化创新与发展。传统技艺为创意产业提供源泉。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [["维护文化多样性与民族认同", "促进社会和谐与文化建设", "推动文化创新与发展"]]
    assert sections[0][1] is SectionKind.SIGNIFICANCE


def test_counted_headings_over_yishi_lists_are_headings() -> None:
    # `一、三点体会` holds a single 一是 where the copy ends: still the first point of that heading's list
    text = (
        "下面，我就这段时间的工作谈几点认识。\n"
        "一、两点工作体会\n"
        "一是服务群众要用心。群众的事再小也是大事，要时时放在心上。\n"
        "二、三点工作困惑\n"
        "一是想推动产业发展，但招商引资的渠道不多。县里的资源有限，项目落地难。\n"
        "二是想化解信访积案，但政策空间不够。一些老问题牵涉面广，一时难以解决。\n"
    )
    sections = _sections(text)
    assert [(h, heads) for h, _, heads in sections] == [
        ("两点工作体会", ["服务群众要用心"]),
        ("三点工作困惑", ["想推动产业发展，但招商引资的渠道不多", "想化解信访积案，但政策空间不够"]),
    ]


def test_semicolon_clauses_under_a_problems_heading_are_its_points() -> None:
    # the lead before the colon names no kind (`薄弱之处`); the heading above does
    text = (
        "关于加强基层消防工作的建议\n"
        "1.存在问题\n"
        "我县基层消防工作仍有不少薄弱之处，主要是：消防站点布局不合理，偏远乡镇覆盖不到；"
        "专职消防队伍人员不足，流动性大；消防设施老化，维护资金短缺；群众消防意识不强，宣传不到位。\n"
        "2.对策建议\n"
        "1）合理布局消防站点。在偏远乡镇增设小型站点。\n"
        "2）充实专职消防队伍。提高待遇，稳定队伍。\n"
    )
    sections = _sections(text)
    assert sections[0][1] is SectionKind.PROBLEMS
    assert sections[0][2] == ["消防站点布局不合理", "专职消防队伍人员不足", "消防设施老化", "群众消防意识不强"]


def test_clauses_in_a_plain_paragraph_stay_prose() -> None:
    # with no heading naming a kind, a colon whose lead names none is prose (`我们走访了三个村：…`)
    text = (
        "驻村见闻\n"
        "这个月我们走访了四个村，情况是：东村修好了路，村民出行方便了；西村建了文化广场，晚上很热闹；"
        "南村引进了合作社，果子不愁卖；北村办起了民宿，游客多了起来。\n"
        "这些变化让人欣喜，也让人看到乡村的潜力。\n"
    )
    assert "东村修好了路" not in _heads(text)


def test_a_conclusion_after_a_list_sets_out_a_list_of_its_own() -> None:
    text = (
        "农村寄递物流的短板\n"
        "农村寄递物流关系到农产品进城和工业品下乡，但眼下还有不少短板。\n"
        "首先，网点覆盖不全是一个突出问题。不少行政村没有快递网点，村民要跑到镇上取件。\n"
        "其次，配送成本偏高也是一大难题。农村居住分散，单件成本比城里高出不少。\n"
        "最后，专业人才缺乏制约着发展。懂运营、会管理的人不愿意留在农村。\n"
        "综上所述，农村寄递物流还面临不少问题。要解决这些问题，需要从多个方面入手。首先，加密站点布局，"
        "推动快递进村；其次，整合配送资源，降低单件成本；最后，加强人才培养，留住专业人员。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.PROBLEMS, ["网点覆盖不全是一个突出问题", "配送成本偏高也是一大难题", "专业人才缺乏制约着发展"]),
        (SectionKind.COUNTERMEASURES, ["加密站点布局", "整合配送资源", "加强人才培养"]),
    ]


def test_a_paragraph_answering_the_list_closes_the_last_item() -> None:
    # `为了解决…的问题，…。A；B；C。` after the last of the problems: the measures, a section of its own
    text = (
        "青年就业难的原因\n"
        "岗位供需错位\n"
        "热门岗位挤破头，基层岗位无人问津。\n"
        "实践能力不足\n"
        "不少毕业生缺少实习经历，上手慢。\n"
        "求职观念偏差\n"
        "一些人只盯着大城市和体制内岗位。\n"
        "为了解决青年就业难的问题，需要多方共同发力。高校应优化专业设置，对接市场需求；"
        "企业应提供更多见习岗位，给新人成长机会；政府应完善就业服务，搭建供需对接平台。\n"
    )
    sections = _sections(text)
    assert sections[-1][1] is SectionKind.COUNTERMEASURES
    assert sections[-1][2] == ["高校应优化专业设置", "企业应提供更多见习岗位", "政府应完善就业服务"]
    assert sections[0][2] == ["岗位供需错位", "实践能力不足", "求职观念偏差"]


def test_a_pen_name_beside_the_author_is_a_byline() -> None:
    text = (
        "弘扬传统节日文化的意义\n"
        "\n"
        "山水客 王建国\n"
        "\n"
        "1. 增强文化认同。节日承载着共同的记忆。\n"
        "2. 凝聚家庭情感。团圆是节日的主题。\n"
        "3. 带动消费增长。节日经济日益活跃。\n"
    )
    deck = parse_document(text, source="page.txt")
    names = [deck.name] + [t.title for t in deck.topics] + [s.heading for t in deck.topics for s in t.sections]
    assert not any("王建国" in n for n in names)
    assert [p.head for _, _, p in deck.points()] == ["增强文化认同", "凝聚家庭情感", "带动消费增长"]


def test_decorated_leads_over_keycap_lists_are_headings_and_plans_look_ahead() -> None:
    text = (
        "🌟某县2024年工作报告📜\n"
        "各位代表：\n"
        "🌈2023年，全县上下团结奋进，经济社会发展取得明显成效，以下是一年来的工作回顾：\n"
        "1️⃣ 产业发展势头良好，规上工业增加值增长9%，新引进亿元以上项目十二个，园区承载能力明显增强。\n"
        "2️⃣ 城乡面貌持续改善，新建改建农村公路120公里，完成老旧小区改造三十个，人居环境整治走在全市前列。\n"
        "3️⃣ 民生保障更加有力，新增城镇就业5000人，城乡居民医保参保率稳定在98%以上，养老服务网络基本建成。\n"
        "🎯展望2024年，我们将紧紧围绕以下目标开展工作：\n"
        "1️⃣ 产业转型再加力，培育两个百亿级产业集群，推动传统产业数字化改造，让新兴产业成为增长的主引擎。\n"
        "2️⃣ 城乡融合再提速，推进县城基础设施补短板，加快农村寄递物流体系建设，促进城乡要素双向流动。\n"
        "3️⃣ 民生福祉再提升，办好十件民生实事，扩大优质教育和医疗资源供给，让发展成果更多更公平惠及全体群众。\n"
        "🌟新征程，新使命，让我们携起手来，为全县更加美好的明天不懈奋斗！\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.ACHIEVEMENTS, ["产业发展势头良好", "城乡面貌持续改善", "民生保障更加有力"]),
        (SectionKind.COUNTERMEASURES, ["产业转型再加力", "城乡融合再提速", "民生福祉再提升"]),
    ]


def test_rows_of_a_table_of_figures_are_no_points() -> None:
    text = (
        "村级集体经济调研报告\n"
        "一、存在的问题\n"
        "1.1集体经济底子薄弱\n"
        "全镇六成的村没有集体经营收入，收入来源主要靠上级补助。\n"
        "各村收入明细表\n"
        "东山村 0 0 0.1 2 2.1\n"
        "西河村 0 0.9 0 2 2.9\n"
        "0.32 0.46 0 2\n"
        "2.32 2.46\n"
        "1.2发展不平衡\n"
        "受交通和资源条件制约，各村之间差距明显。\n"
    )
    assert _heads(text) == ["集体经济底子薄弱", "发展不平衡"]


def test_why_learn_asks_for_significance_and_why_hard_for_causes() -> None:
    text = (
        "党史学习问答\n"
        "为什么学党史？\n"
        "1. 从党的奋斗历程中汲取前进力量。\n"
        "2. 更好地坚定理想信念。\n"
        "为什么学生负担屡减不轻？\n"
        "1. 评价方式单一。\n"
        "2. 校外培训推波助澜。\n"
    )
    kinds = [k for _, k, _ in _sections(text)]
    assert kinds == [SectionKind.SIGNIFICANCE, SectionKind.PROBLEMS]


def test_how_a_study_was_made_names_no_measures() -> None:
    text = (
        "关于社区养老服务的调研报告\n"
        "一、调研方法\n"
        "本次调研采用以下方法：\n"
        "1. 文献研究：查阅相关政策文件和研究成果。\n"
        "2. 实地走访：走访了五个社区的养老驿站。\n"
        "3. 问卷调查：发放问卷三百份。\n"
        "二、存在的问题\n"
        "1. 服务供给不足。驿站数量少，覆盖面窄。\n"
        "2. 专业人员短缺。护理人员流动性大。\n"
        "三、对策建议\n"
        "1. 增加服务供给。新建一批社区养老驿站。\n"
        "2. 稳定护理队伍。提高护理人员待遇。\n"
    )
    sections = _sections(text)
    assert [k for _, k, _ in sections] == [SectionKind.OTHER, SectionKind.PROBLEMS, SectionKind.COUNTERMEASURES]
    assert sections[0][2] == ["文献研究", "实地走访", "问卷调查"]


def test_a_clause_saying_since_when_is_no_head() -> None:
    # `…自成立之日起，` sets the time: the head rule keeps the whole first sentence
    text = (
        "为什么要学党史？\n"
        "1. 中国共产党自成立之日起，就把人民利益放在第一位，全心全意为人民服务。百年来党团结带领人民不懈奋斗。\n"
        "2. 学史明理，才能更好地把握历史规律和发展大势，增强工作的预见性和主动性，在新征程上走得更稳。\n"
    )
    assert _heads(text)[0] == "中国共产党自成立之日起，就把人民利益放在第一位，全心全意为人民服务"


def test_clauses_opening_on_yao_after_members_propose_are_measures() -> None:
    text = (
        "政协委员建言反诈工作\n"
        "本报讯 日前，市政协组织委员围绕反诈工作开展专题调研。委员们建议，要坚持防范为先，打造覆盖全域的宣传格局；"
        "要坚持源头治理，把重点人员管控落到实处；要坚持严打整治，保持高压态势；要坚持部门协同，形成工作合力。\n"
    )
    sections = _sections(text)
    assert sections[-1][1] is SectionKind.COUNTERMEASURES
    assert sections[-1][2] == ["要坚持防范为先", "要坚持源头治理", "要坚持严打整治", "要坚持部门协同"]


def test_findings_over_findings_said_with_their_text_are_the_points() -> None:
    # `一、` items state problems found, each over numbered findings said with their own text on the line:
    # no outline of sections (those are headings with no text under them), the outer findings are the points
    text = (
        "第1篇\n"
        "近年来不少地方洪水灾害频发，为了有效应对，各地都编制了防汛应急预案，但实践中仍暴露出一些问题。\n"
        "一、应急预案编制不够科学\n"
        "1.预案编制缺乏针对性。有些预案没有结合当地的地理和气候条件。\n"
        "2.预案编制不够全面。有些预案只关注预警和转移环节。\n"
        "3.预案编制缺乏可操作性。有些预案对职责分工写得不够具体。\n"
        "二、应急响应机制不健全\n"
        "1.应急响应启动不及时。有的地方收到预警后没有及时启动预案。\n"
        "2.应急响应协调不畅。部门之间沟通配合不到位。\n"
        "3.应急救援力量不足。救援队伍装备陈旧。\n"
        "三、应急物资储备不足\n"
        "1.物资储备种类单一。只储备了基本生活物资。\n"
        "2.物资储备数量不足。一旦发生灾情就会吃紧。\n"
        "3.物资储备管理不善。物资丢失损坏时有发生。\n"
        "四、应急宣传教育不到位\n"
        "1.应急宣传教育形式单一。只停留在发资料、办讲座。\n"
        "2.应急宣传教育覆盖面窄。对象只限于部分群体。\n"
    )
    assert _heads(text) == ["应急预案编制不够科学", "应急响应机制不健全", "应急物资储备不足", "应急宣传教育不到位"]


def test_a_lead_answering_the_list_above_sets_out_a_list_beside_it() -> None:
    # `第一，` counts at another depth than `(1)`: answering the list (`针对上述原因，…`), it is no part of `(3)`
    text = (
        "提高政府应对突发事件的能力\n"
        "为什么要提高这种能力，原因主要有：\n"
        "(1) 突发公共事件日益增多；\n"
        "(2) 预警机制不完善；\n"
        "(3) 公众应急意识不强。\n"
        "针对上述原因，应提出以下对策：\n"
        "第一，建立完善的预警机制；\n"
        "第二，加强应急宣传教育；\n"
        "第三，提高干部应急处置能力。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [
        ["突发公共事件日益增多", "预警机制不完善", "公众应急意识不强"],
        ["建立完善的预警机制", "加强应急宣传教育", "提高干部应急处置能力"],
    ]
    assert sections[1][1] is SectionKind.COUNTERMEASURES


def test_paragraphs_led_by_a_phrase_and_a_space_are_points_under_any_heading() -> None:
    text = (
        "农村养老困境\n"
        "一、农村养老困境的现状\n"
        "养老资源匮乏 农村养老服务设施不足，养老机构数量少，满足不了老人的需求。\n"
        "保障水平偏低 农村养老保险覆盖面不广，保障水平偏低，难以维持基本生活。\n"
        "子女赡养压力大 青壮年外出务工，留在家中照顾老人的人越来越少。\n"
        "二、破解农村养老难题的策略\n"
        "加强政策支持 政府要更加重视农村养老问题，健全农村养老保险制度。\n"
        "发展互助养老 依托村级组织开办幸福院，让老人就近得到照料。\n"
    )
    assert _heads(text) == [
        "养老资源匮乏", "保障水平偏低", "子女赡养压力大", "加强政策支持", "发展互助养老",
    ]  # fmt: skip


def test_a_question_heading_with_a_subtitle_heads_what_follows() -> None:
    text = (
        "电子政务发展观察\n"
        "当前电子政务发展的两大瓶颈\n"
        "1. 数据孤岛仍未打通\n"
        "部门之间的数据共享仍然不够顺畅，群众办事还要重复提交材料。\n"
        "2. 服务体验不够友好\n"
        "不少政务应用没有照顾到老年人的使用习惯。\n"
        "如何破解瓶颈？三个实战策略\n"
        "策略一：构建数据中台\n"
        "搭建分级分类的数据中台，明确谁提供、谁负责。\n"
        "策略二：推进适老化改造\n"
        "为老年人保留线下渠道，开发大字版应用。\n"
        "策略三：筑牢安全防线\n"
        "健全数据安全制度，防止信息泄露。\n"
    )
    sections = _sections(text)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.PROBLEMS, ["数据孤岛仍未打通", "服务体验不够友好"]),
        (SectionKind.COUNTERMEASURES, ["构建数据中台", "推进适老化改造", "筑牢安全防线"]),
    ]


def test_urgency_a_past_years_work_and_a_glued_heading_name_their_kinds() -> None:
    from trainer.parse.kinds import KindCues, section_kind

    assert section_kind(KindCues(heading="提升农民基础养老金的迫切性", heads=["保障基本生活", "促进社会和谐稳定"])) is (
        SectionKind.SIGNIFICANCE
    )
    assert section_kind(KindCues(heading="2020年工作情况", heads=["明确目标任务，落实专人推进"])) is (
        SectionKind.ACHIEVEMENTS
    )
    glued = "2023年工作回顾 2023年是全面贯彻党的二十大精神开局之年"
    assert section_kind(KindCues(heading=glued, heads=["坚持谋发展，全力提振经济活力"])) is SectionKind.ACHIEVEMENTS


def test_a_paragraph_opening_on_quoted_speech_is_read_by_the_head_rule() -> None:
    # what a member said, quoted whole, is a sentence like any other: its lead clause is the head
    from trainer.parse.heads import split_head

    said = "“积极推进文化与旅游的深度融合，既有助于加快文化产业发展，又能促进旅游产业转型升级。”州政协委员认为，两者融合得还不够。"
    assert split_head(said)[0] == "积极推进文化与旅游的深度融合"
    said = "“我州文化旅游资源丰富，但缺少统一规划，缺少拳头产品，缺少叫得响的品牌。”委员们在调研中谈到。"
    assert split_head(said)[0] == "我州文化旅游资源丰富"
    # a slogan in quotes holds no clause: it stays part of the head
    assert split_head("“两个确立”的决定性意义。这是新时代最重要的政治成果。")[0] == "“两个确立”的决定性意义"


def test_a_label_and_its_number_is_no_row_of_figures() -> None:
    from trainer.parse.noise import is_noise
    from trainer.parse.normalize import Line

    for row in ("0.32 0.46 0 0 2", "东山村 0 0 0.1 2 2.1", "大鹅村 0"):
        assert is_noise(Line(row, row, 1, 0)), row
    for label in ("问题 1", "材料 2", "2024"):
        assert not is_noise(Line(label, label, 1, 0)), label
