"""Section kinds a reader takes from a question, a lead-in reporting work done, or the heads' own words
(synthetic documents of the genre; the expected kinds follow tests/realdocs/GUIDE.md)."""

from __future__ import annotations

import pytest

from trainer.core.model import SectionKind as K
from trainer.parse import parse_document
from trainer.parse.drafts import PointDraft, drop_strays
from trainer.parse.kinds import KindCues, section_kind
from trainer.parse.vocab import describes_subject, head_kind, heading_kind


def _kinds(text: str) -> list[tuple[K, str]]:
    deck = parse_document(text, source="doc.txt")
    return [(s.kind, s.heading) for t in deck.topics for s in t.sections]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        # `为什么…` asks the reasons; with a word of worth closing it, it asks why it matters
        ("为什么提升应急保障能力至关重要", K.SIGNIFICANCE),
        ("为何说数字乡村建设十分必要？", K.SIGNIFICANCE),
        ("为什么基层负担屡减不轻？", K.PROBLEMS),
    ],
)
def test_why_it_matters_asks_for_significance(heading: str, kind: K) -> None:
    asked = heading if heading.endswith("？") else heading + "？"
    assert heading_kind(asked) is kind


def test_a_heading_opening_with_why_it_matters_decides_without_a_question_mark() -> None:
    examples = ["2020年新冠疫情在全球扩散", "2021年特大暴雨灾害"]
    assert section_kind(KindCues(heading="为什么提升应急保障能力至关重要", heads=examples)) is K.SIGNIFICANCE


@pytest.mark.parametrize("heading", ["什么是应急管理强基工程？", "何为新质生产力", "新质生产力是什么？"])
def test_asking_what_a_thing_is_describes_it(heading: str) -> None:
    assert describes_subject(heading)
    heads = ["制度基础", "能力基础", "资源基础"]
    # whatever the title asks (`…如何落地见效？`), a definition is of kind other
    assert section_kind(KindCues(heading=heading, heads=heads, topic="强基工程如何落地见效？")) is K.OTHER


def test_asking_what_a_kind_word_is_keeps_its_kind() -> None:
    assert not describes_subject("基层负担重的原因是什么？")
    assert heading_kind("基层负担重的原因是什么？") is K.PROBLEMS


def test_a_writers_reflections_are_not_the_kind_of_the_heading_above() -> None:
    assert describes_subject("感悟")
    heads = ["责任重大", "使命光荣"]
    assert section_kind(KindCues(heading="感悟", inherited=K.PROBLEMS, heads=heads)) is K.OTHER


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("生态文明，关系人民福祉", K.SIGNIFICANCE),  # what it bears on, after the thing named
        ("文旅融合促进乡村旅游，为乡村经济发展提供新动能", K.SIGNIFICANCE),  # what it provides for
        ("壮大县域经济是实现发展目标的重要动力", K.SIGNIFICANCE),
        ("安全生产档案有待进一步完善", K.PROBLEMS),  # still lacking, not improved
        ("宣传教育培训力度有待加强", K.PROBLEMS),
        ("服务水平进一步提升", K.ACHIEVEMENTS),
        ("正确对待监督", K.COUNTERMEASURES),  # how to take it: a call
        ("正确看待名利", K.COUNTERMEASURES),
        ("生態文明，關係社會和諧", K.SIGNIFICANCE),  # 繁體 read as 简体 (關係 → 关系)
        ("完成隐患治理最后一公里，企业要建立奖惩机制", K.COUNTERMEASURES),  # the call after the aim
        ("这一年，我们千方百计惠民生，各项事业协调发展", K.ACHIEVEMENTS),  # a year's work reported
        ("新的一年，我们要千方百计惠民生", K.COUNTERMEASURES),  # work still to do
        ("严查不懈，以刀刃向内的勇气找准问题症结", K.COUNTERMEASURES),  # with what spirit to act
        ("以钉钉子的精神抓好落实", K.COUNTERMEASURES),
        ("以敢为人先解决青年发展的痛点", K.COUNTERMEASURES),  # acting on a 痛点 is no problem named
        ("统筹发展和安全的重要支撑", K.SIGNIFICANCE),  # what it is for, without its subject
        ("推进治理能力现代化的应有之义", K.SIGNIFICANCE),
        ("撰写述职报告是完善干部管理制度的一项重要措施", K.SIGNIFICANCE),
    ],
)
def test_head_readings_of_benefits_lacks_and_attitudes(head: str, kind: K) -> None:
    assert head_kind(head) is kind


def test_a_second_clause_that_only_names_a_need_is_no_call() -> None:
    assert head_kind("隐患排查不彻底，整改要求落实不到位") is K.PROBLEMS  # 要求, a noun


def test_a_relation_named_as_a_noun_is_no_benefit() -> None:
    assert head_kind("理顺政府与市场的关系") is not K.SIGNIFICANCE
    assert head_kind("政府与市场，关系复杂") is not K.SIGNIFICANCE  # 关系 not followed by what it bears on


def test_a_lead_reporting_the_work_done_over_a_period_reads_calls_as_results() -> None:
    calls = ["加强组织建设，提升服务能力", "深化思想引领，增强责任感", "促进就业创业，助力经济发展"]
    assert section_kind(KindCues(lead="一年来，我们的工作涵盖三个方面：", heads=calls)) is K.ACHIEVEMENTS
    assert section_kind(KindCues(lead="这一年，我们苦干实干，让振兴底盘更稳。", heads=calls)) is K.ACHIEVEMENTS
    # 主要 is no modal: `主要做了` reports
    assert section_kind(KindCues(lead="这一年，我们主要做了以下三个方面工作：", heads=calls)) is K.ACHIEVEMENTS
    # what is still to be done, or plans, are no report
    assert section_kind(KindCues(lead="新的一年，我们要做好以下工作：", heads=calls)) is K.COUNTERMEASURES
    assert section_kind(KindCues(lead="今年以来，我们计划从三方面推进：", heads=calls)) is K.COUNTERMEASURES
    assert section_kind(KindCues(heads=calls)) is K.COUNTERMEASURES


def test_a_count_starting_again_opens_a_new_list_not_a_stray() -> None:
    def point(head: str, ordinal: int) -> PointDraft:
        return PointDraft(head=head, body="", long_head=False, line=ordinal, ordinal=ordinal)

    points = [point("守牢粮食安全底线", 1), point("守好返贫底线", 2), point("守住民生底线", 3)]
    points.append(point("深化融合发展", 1))
    assert [p.head for p in drop_strays(points, K.ACHIEVEMENTS)] == [p.head for p in points]
    # a number out of succession whose head names another kind still came from elsewhere
    stray = [*points[:2], point("有利于提升综合国力", 4)]
    assert [p.head for p in drop_strays(stray, K.COUNTERMEASURES)] == [p.head for p in points[:2]]


def test_document_of_a_years_work_reported() -> None:
    text = (
        "2023年某镇乡村振兴工作述职报告\n\n"
        "2023年，全镇上下围绕发展布局，推动乡村振兴工作实现新突破，获得多项荣誉。\n"
        "这一年，我们苦干实干，让振兴底盘更稳。一是守牢粮食安全底线。把责任层层压实，巡田常态化开展，"
        "全年粮食播种面积稳定。二是守好防范返贫底线。双向监测同步推进，新增监测对象全部落实帮扶。"
        "三是守住民生保障底线。对农村自建房开展排查整治，饮水安全实现全覆盖。\n"
    )
    assert [k for k, _ in _kinds(text)] == [K.ACHIEVEMENTS]


def test_document_of_benefits_said_after_the_subject() -> None:
    text = (
        "文旅融合助力乡村振兴\n\n"
        "近来，一幅乡村风景画刷屏全网，映照出文旅融合在乡村振兴中的广阔前景。\n"
        "文旅融合促进乡村旅游，为乡村经济发展提供新动能。各地依托山水资源发展民宿，游客数量逐年增加，"
        "村民收入明显提高。\n"
        "文旅融合发挥乡土魅力，为乡村文化传播提供新途径。古村落、老手艺借助短视频走出大山，"
        "越来越多的年轻人回到家乡。\n"
    )
    assert [k for k, _ in _kinds(text)] == [K.SIGNIFICANCE]


def test_a_heading_saying_what_its_subject_is_good_for_gives_the_reasons(rules_alone: None) -> None:
    angles = ["从可持续发展来看", "从统筹城乡发展来看"]
    heading = "壮大县域经济是实现发展目标的重要动力"
    assert heading_kind(heading) is K.OTHER  # no kind word in it
    assert section_kind(KindCues(heading=heading, heads=angles)) is K.SIGNIFICANCE
    assert section_kind(KindCues(heading="县域经济的发展", heads=angles)) is K.OTHER


def test_a_numbered_heading_glued_to_the_end_of_the_lead_names_the_list() -> None:
    calls = ["积极申报项目补助经费", "加强传承人的管理培训"]
    lead = "本年度非遗工作总结及下一年工作计划 一、2019年工作小结"
    assert section_kind(KindCues(lead=lead, heads=calls)) is K.ACHIEVEMENTS
    assert section_kind(KindCues(lead="本年度非遗工作总结 二、存在的问题：", heads=calls)) is K.PROBLEMS
    # a numbered clause inside a sentence is no heading
    assert section_kind(KindCues(lead="我们总结了两条：一、做法要实", heads=calls)) is K.COUNTERMEASURES


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("安全隐患的辨识方法", K.COUNTERMEASURES),  # a method is a way to act
        ("现状与主要问题的呈现", K.PROBLEMS),  # what is presented is the head
        ("成因的分析", K.PROBLEMS),
        ("问题的提出", K.OTHER),  # raising a question is no presenting
        ("两大权威评价揭示营商环境新进展与新坐标", K.ACHIEVEMENTS),  # progress made
        ("东营利津县的成功案例", K.ACHIEVEMENTS),  # what went well
        ("成功因素", K.ACHIEVEMENTS),
    ],
)
def test_methods_and_nouns_of_presenting(heading: str, kind: K) -> None:
    assert heading_kind(heading) is kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("产学研合作加速推进", K.ACHIEVEMENTS),
        ("科技创新平台建设提质增量", K.ACHIEVEMENTS),
        ("绿水青山就是金山银山，这是对人民群众期盼的积极回应", K.SIGNIFICANCE),
    ],
)
def test_results_and_benefits_said_at_the_end(head: str, kind: K) -> None:
    assert head_kind(head) is kind


def test_a_lead_aiming_at_results_reports_none() -> None:
    calls = ["现场督查确保整改真实性", "调研督查强化整改规范性"]
    aiming = "近期，某县坚持问题导向，着力提升巡察成果运用的实际效果。"
    assert section_kind(KindCues(lead=aiming, heads=calls)) is not K.ACHIEVEMENTS
    reported = "近期，某县坚持问题导向，巡察整改取得了明显成效。"
    assert section_kind(KindCues(lead=reported, heads=calls)) is K.ACHIEVEMENTS


def test_a_lead_ending_on_what_a_meeting_requires_gives_things_to_do(rules_alone: None) -> None:
    heads = ["保持经济合理增长稳住就业", "打好减负稳岗组合拳"]
    assert section_kind(KindCues(lead="会议要求，", heads=heads)) is K.COUNTERMEASURES
    assert section_kind(KindCues(lead="会上，市委书记强调：", heads=heads)) is K.COUNTERMEASURES
    # a requirement named as a subject earlier in the lead decides nothing
    assert section_kind(KindCues(lead="按照会议要求，现汇报如下。", heads=heads)) is not K.COUNTERMEASURES


def test_a_lead_announcing_what_its_subject_is_like_lists_traits() -> None:
    """Heads worded as calls to act, after a lead-in announcing the features of a kind of service: traits."""
    heads = ["强化统筹协调", "突出分类指导", "注重因地制宜"]
    for lead in ("这种服务模式的主要特征如下：", "与一般的商业服务相比，它有着鲜明的自身特点："):
        assert section_kind(KindCues(lead=lead, heads=heads)) is K.OTHER
    # the same heads after a lead announcing what to do are measures
    assert section_kind(KindCues(lead="为此，要从以下几方面着力：", heads=heads)) is K.COUNTERMEASURES
