"""Section kind words as tables: which heading words name which SectionKind, which none; no logic."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind

# Kind keywords, searched in a heading; the earliest hit decides.
KIND_TABLE: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (
        SectionKind.SIGNIFICANCE,
        (
            "意义", "重要性", "必要性", "紧迫性", "迫切性", "作用", "价值", "贡献", "好处", "必然要求", "必然选择",
            "战略抉择", "内在要求", "应有之义", "优势", "优点", "长处", "益处",
        ),
    ),
    (
        SectionKind.PROBLEMS,
        (
            "问题", "不足", "短板", "困境", "挑战", "原因", "成因", "弊端", "症结", "难点", "痛点", "堵点",
            "瓶颈", "难题", "困难", "短处", "弱项", "隐患", "表现", "危害", "负面影响", "差距", "误区", "乱象",
            "顽疾", "梗阻", "根源", "诱因", "弊病", "缺陷", "隐忧", "阻力", "制约因素", "不到位",
            "矛盾", "薄弱环节", "影响因素", "缺点", "劣势", "弱点",
        ),
    ),
    (
        SectionKind.COUNTERMEASURES,
        (
            "对策", "建议", "措施", "举措", "路径", "做法", "启示", "着手", "入手", "途径", "办法", "策略",
            "着力点", "之道", "出路", "抓手", "怎么办", "打算", "思路", "整改", "安排", "计划", "发力点", "突破口",
            "之策", "良策", "良方", "方略", "药方", "实现路径", "破局", "破题", "努力方向", "改进方向",
            "解决方案", "方法", "关键点", "切入点", "落脚点",
        ),
    ),
    (
        SectionKind.ACHIEVEMENTS,
        (
            "成效", "成绩", "经验", "成果", "成就", "亮点", "收获", "回顾", "取得的进展", "取得进展", "新进展",
            "成功案例", "成功因素",  # what went well, and why
        ),
    ),
)  # fmt: skip
# Achievement words that name results only (not `经验`, also a practice to copy; not `回顾`, `收获`).
RESULT_WORDS = frozenset(("成效", "成绩", "成果", "成就", "亮点", "取得的进展", "取得进展", "新进展"))
KIND_RX = re.compile("|".join(w for _, words in KIND_TABLE for w in words))
WORD_KIND = {w: kind for kind, words in KIND_TABLE for w in words}
KIND_WORDS = frozenset(WORD_KIND)

# Words a heading may consist of (beyond the kind words): they make a line a heading, kind other.
OTHER_TABLE = (
    "内涵", "背景", "现状", "情况", "概述", "概况", "特点", "特征", "目标", "原则", "任务", "要求",
    "意见", "分析", "总结", "体会", "解读", "链接", "框架", "素材", "金句", "案例", "热点", "话题", "观点",
    "方向", "重点", "内容",
    # A document's parts (`一、引言`, `结论`): headings of prose, never points.
    "引言", "前言", "绪论", "导语", "结论", "结语", "结束语",
)  # fmt: skip
# Counted (`下面谈谈几点心得感悟`), these name what a list holds: kind other, like `体会`; not words a
# heading consists of (`工作心得：…` is a site's label over the real title).
COUNTED_OTHER = ("心得", "感悟", "感想")
# Counted (`明确四项重点工作：`, `提出三点要求`, `我讲三点意见`), these name things to be done, of no kind by themselves:
# the heads decide.
COUNTED_TASKS = frozenset(("重点", "任务", "要求", "方向", "方法", "意见"))
# Words of a heading that describes its subject (`隐患的定义与分类`, `内涵和特征`): what it holds is of
# kind other, whatever the heading above it names.
DESCRIBING = (
    "定义", "概念", "含义", "内涵", "实质", "本质", "分类", "类型", "种类", "特点", "特征", "由来", "背景", "概述", "目标",
    "机遇", "构成", "组成", "要素",  # what a thing is made of (`应急保障能力的定义与构成`)
    "感悟", "心得", "感想",  # what a writer took from it (`感悟` after `挑战`): not the kind above
)  # fmt: skip
# A question asking what a thing is (`什么是新质生产力`, `何为…`, `…是什么？`): it describes its subject.
WHAT_IS = re.compile(r"^(?:什么是|何为|何谓|啥是)|(?:是什么|是啥|指什么|何谓)[？?]?$")
# Nouns of presenting after 的 (`现状与主要问题的呈现`, `成因的分析`): the head is what they present.
PRESENTING = frozenset(("呈现", "梳理", "分析", "剖析", "透视", "盘点", "归纳", "概括", "解析"))
MODIFIERS = (
    "主要", "基本", "重要", "当前", "目前", "现存", "存在", "面临", "取得", "具体", "几点", "若干",
    "工作", "有关", "相关", "领导", "深刻", "阶段性", "显著", "初步", "总体", "典型", "核心", "根本",
    "突出", "政策", "深层次", "深层", "一些", "实现", "推进", "解决", "应对", "改进", "优化", "破解",
    "下一步", "今后", "未来", "的", "之", "所", "其", "及", "与", "和", "、", "以及",
    "两大", "三大", "四大", "五大", "六大", "几大", "三重", "多重", "现实",  # counted: `…的三大现实困境`
)  # fmt: skip
TAIL_OK = ("的", "之", "所", "存在", "取得", "面临", "面对")
ALL_WORDS = tuple(sorted({*WORD_KIND, *OTHER_TABLE}, key=len, reverse=True))
OTHER_WORDS = frozenset(OTHER_TABLE) | {"工作总结", "汇报", "报告", "情况"}
MODS = tuple(sorted(MODIFIERS, key=len, reverse=True))

# `下面，我讲四个方面的问题`, `谈三个问题`, `深刻阐明了…一系列重大问题`: the matters a speaker counts or
# a text expounds are its parts, not problems.
SPOKEN_MATTERS = re.compile(
    r"(?:讲|谈|说)(?:讲|谈|说|一下)?(?:以下)?[两二三四五六七八九十几]{1,2}(?:个|点)(?:方面的?)?问题"
    r"|(?:阐明|阐述|阐释|论述|回答)了?[^，。；：]{0,24}?问题"
)
# Verbs of having (`仍面临不少困难`): a kind word after them is what the subject has, not what it acts on.
HAVING = re.compile(r"存在|出现|面临|暴露|遇到|还有|仍有|尚有|带来|产生")

# Headings that name a kind by their shape rather than by a kind word: a period's work reviewed
# (`2019年工作小结`, `2023年工作推进情况`, `“十五”期间工作进展情况`, `关于安全生产年终总结`) holds what
# was done and achieved; without a period (`工作开展情况`) it names no kind and the heads decide.
_PERIOD = (
    r"(?:(?:\d{2,4}|[〇零一二三四五六七八九十]{2,4}|\d{2}-|20[Xx×]{2}|[Xx×]{2,4})\s*年"
    r"|[“\"][^”\"]{1,6}[”\"](?:期间|时期)|过去(?:的)?[一二三四五六七八九十几]年|年终|上半年|下半年|[一二三四]季度)"
)
_REVIEW = r"(?:总结|小结|综述|回顾|进展情况|推进情况|开展情况|完成情况|工作情况)"
HEADING_SHAPES: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (SectionKind.ACHIEVEMENTS, re.compile(rf"^[^，。；：,;:]{{0,16}}?{_PERIOD}[^，。；：,;:]{{0,14}}?{_REVIEW}$")),
)

# `…一般有三个来源。`, `…主要有以下几点：`, `…建议从以下几方面入手。`: a sentence that counts what follows it.
COUNTS_WHAT_FOLLOWS = re.compile(
    r"(?:[两二三四五六七八九十几多]|以下几?)(?:个|条|点|种|类|项|大|方面)[^，。；]{0,6}[。：]$"
)
# How a study was made (`调研方法`, `本次调研采用以下方法：`): a part of a report, no measures.
_STUDY_METHOD = re.compile(r"(?:调研|调查|研究)(?:采用|采取|使用|运用)?了?(?:以下|如下)?的?(?:方法|方式)(?:如下|有)?$")


def names_study_method(text: str) -> bool:
    """`调研方法`, `本次调研采用以下方法：`: how a study was made, a report's part."""
    return bool(_STUDY_METHOD.search(text.strip().rstrip("：:。，,；;！!？? ")))


# Words that look ahead (`下一步工作`, `2024年重点任务`): plans, not work reported.
AHEAD = re.compile(r"下一步|下步|明年|来年|今后|下一年|下阶段|新的一年|未来|计划|打算|安排|任务|要点|思路|目标")
# A lead-in ending on what a meeting, a document or a leader requires (`会议要求，一是…`, `通知强调：`): the
# list is what is to be done.
DIRECTED = re.compile(
    r"(?:会议|会上|讲话|通知|文件|意见|方案|书记|市长|县长|部长|主任|领导|他|她)[^，。；：]{0,6}?(?:要求|强调|部署)$"
)

# A heading asked as a question: the first row whose words it asks with names its kind (see
# `vocab.heading_kind`).
QUESTION_KINDS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (
        SectionKind.SIGNIFICANCE,
        # also when the word of worth closes the question (`为什么提升应急保障能力至关重要`)
        re.compile(
            r"(?:为什么|为何|为啥)(?:要|必须|需要|应当|应该|重要|必要)|意义何在|有何意义|重要在哪|何以重要"
            # a call to act asked why (`为何坚持人民至上？`): the reasons to do it
            r"|(?:为什么|为何|为啥)(?:坚持|推进|推动|加强|加快|强调|重视|提倡|倡导|弘扬|发展|建设|实施|开展|落实|深化|构建|打造|学习|学(?![生校者历科位])|读(?!者))"
            r"|(?:为什么|为何|为啥)[^，。；？?]{0,24}?(?:重要|必要|紧迫|迫切|有意义|有价值)[？?]?$"
        ),
    ),
    (
        SectionKind.COUNTERMEASURES,
        # `如何看待…？`, `怎么看？` ask for a view, not for measures.
        re.compile(
            # `成效如何？` asks what the 成效 are like: its kind word decides
            r"如何(?![？?]|看待|理解|认识)|怎样(?![？?]|看待|理解|认识)|怎么办|怎么(?!会|样|看)|咋办|何以(?:破|解|化|应)"
            r"|出路何在|路在何方"
        ),
    ),
    (SectionKind.PROBLEMS, re.compile(r"为什么|为何|为啥|何以|难在(?:哪|何)|症结何在")),
)


# The words a head stating a problem found ends on (`…不足`, `…滞后`, `…薄弱`): a predicate, not a kind's name
# (`…原因剖析`, `资金门槛`). `glue` cuts a head glued to its text after one; `FINDING` reads a head as one.
FINDING_WORDS = (
    "不足", "不高", "不强", "不够", "不到位", "不合理", "不完善", "不健全", "不均衡", "不平衡", "不畅", "不力", "单一",
    "滞后", "薄弱", "缺失", "缺位", "脱节", "较低", "偏低", "较弱", "偏弱", "乏力", "欠缺",
)  # fmt: skip
# A head ending on one, or on a few more that never end a glued head's first words safely (`…成本高`, `…人才缺乏`,
# `…不对称`). A new ending is an alternative here.
FINDING = re.compile(
    rf"(?:{'|'.join(FINDING_WORDS)}|不对称|缺乏|短缺|老化|偏高|[^不]高|[^不]低|[^不]难|严重|突出|频发|不规范)$"
)
