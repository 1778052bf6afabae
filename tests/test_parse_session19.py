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
    # `- 做法：` `- 成效：` under each numbered item: a template of each item, not the list
    text = (
        "社区工作月度回顾\n"
        "一、本月工作亮点\n"
        "1. 网格服务更加精细\n"
        "- 做法：把社区分成十二个网格，每格配一名专职网格员。\n"
        "- 成效：居民反映的问题平均两天内得到回应。\n"
        "2. 老年食堂运转顺畅\n"
        "- 做法：引入社会力量运营，政府按人次给予补贴。\n"
        "- 成效：每天为两百多位老人提供午餐。\n"
        "3. 矛盾调解关口前移\n"
        "- 做法：在每个小区设立调解工作室。\n"
        "- 成效：纠纷就地化解率明显上升。\n"
    )
    assert _heads(text) == ["网格服务更加精细", "老年食堂运转顺畅", "矛盾调解关口前移"]


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
        "加强非遗保护的意义是什么？\n"
        "非遗保护的意义可以从以下几点来看：\n"
        "1. 促进文化认同。非遗凝聚着一个民族共同的记忆。\n"
        "2. 推动地方发展。非遗项目能带动旅游和手工业。\n"
        "3. 丰富群众生活。传统技艺让日常生活更有滋味。\n"
    )
    sections = _sections(text)
    assert [h for _, _, h in sections] == [["促进文化认同", "推动地方发展", "丰富群众生活"]]
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
        "我县基层消防工作仍有不少薄弱环节，主要是：消防站点布局不合理，偏远乡镇覆盖不到；"
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
