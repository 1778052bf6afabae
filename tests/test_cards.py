"""Cards derived from points: every kind, stable keys, and the store rebuilding each kind."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from trainer.core.cards import (
    CardKind,
    blank,
    cards_for_deck,
    cards_for_section,
    cards_for_topic,
    key_part,
    mnemonic,
    plain,
)
from trainer.core.cloze import SHORT_HEADING, cells, short_heading
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.store import queries
from trainer.store.models import CardRow
from trainer.store.sync import sync_deck

T = "优化基层政企服务"


def _points(kind: SectionKind, *items: tuple[str, str]) -> tuple[Point, ...]:
    return tuple(Point(id=point_id(T, kind, h), head=h, body=b) for h, b in items)


PROBLEMS = Section(
    SectionKind.PROBLEMS,
    "存在的问题",
    _points(
        SectionKind.PROBLEMS,
        ("人才队伍不完善", "便民服务中心人员紧缺。"),
        ("权力下放不到位", "存在群众办事“多次跑”的现象。"),
        ("线上线下未融合", "信息不互通。"),
    ),
)
MEASURES = Section(
    SectionKind.COUNTERMEASURES,
    "对策",
    _points(
        SectionKind.COUNTERMEASURES,
        ("健全人才队伍", "加大人才向一线倾斜。"),
        ("积极推进权力下放", "及时公布权责清单。"),
        ("推动线上线下深度融合", "实现“网上办、马上办、就近办、一次办”，推进{{线下精细服务::精细}}。"),
    ),
)
TOPIC = Topic(T, (PROBLEMS, MEASURES))


def by_kind(cards, kind: CardKind):
    return [c for c in cards if c.kind is kind]


def test_head_card_blanks_the_head_and_shows_the_body() -> None:
    (card, *_) = cards_for_section(T, PROBLEMS)
    assert card.kind is CardKind.HEAD
    assert card.prompt == f"{blank('人才队伍不完善')}\n便民服务中心人员紧缺。"
    assert card.prompt.startswith("［" + "＿" * 7 + "］")
    assert card.answers == ("人才队伍不完善",)
    assert card.context("范文") == "范文 › 优化基层政企服务 › 存在的问题 › 第1点/共3点"


def test_list_card_asks_every_head_in_order_with_a_first_character_hint() -> None:
    (card,) = by_kind(cards_for_section(T, PROBLEMS), CardKind.LIST)
    assert card.answers == ("人才队伍不完善", "权力下放不到位", "线上线下未融合")
    assert card.hint == "人·权·线" == mnemonic(card.answers)
    assert card.position == "共3点"
    assert card.point_ids == tuple(p.id for p in PROBLEMS.points)


def test_overlap_cards_cue_with_the_previous_head() -> None:
    overlaps = by_kind(cards_for_section(T, PROBLEMS), CardKind.OVERLAP)
    assert [c.ordinal for c in overlaps] == [2, 3]
    assert overlaps[0].prompt == f"第1点：人才队伍不完善\n第2点：{blank('权力下放不到位')}"
    assert overlaps[0].answers == ("权力下放不到位",)


def test_slogans_in_quotes_are_blanked_one_at_a_time() -> None:
    slogans = by_kind(cards_for_section(T, MEASURES), CardKind.SLOGAN)
    assert [c.answers for c in slogans] == [("网上办、马上办、就近办、一次办",)]
    assert "“［" in slogans[0].prompt and "网上办" not in slogans[0].prompt
    assert "{{" not in slogans[0].prompt  # manual cloze marks never show
    too_long = Section(SectionKind.OTHER, "x", _points(SectionKind.OTHER, ("甲", "“" + "长" * 21 + "”与“一”")))
    assert by_kind(cards_for_section(T, too_long), CardKind.SLOGAN) == []


def test_manual_cloze_with_hint() -> None:
    (cloze,) = by_kind(cards_for_section(T, MEASURES), CardKind.CLOZE)
    assert cloze.answers == ("线下精细服务",)
    assert cloze.hint == "精细"
    assert "［精细…］" in cloze.prompt
    assert cloze.body == plain(MEASURES.points[2].body) == "实现“网上办、马上办、就近办、一次办”，推进线下精细服务。"


def test_pairs_match_problems_to_countermeasures_one_to_one() -> None:
    pairs = by_kind(cards_for_topic(TOPIC), CardKind.PAIR)
    assert [(c.prompt.splitlines()[0], c.answers[0]) for c in pairs] == [
        ("问题：人才队伍不完善", "健全人才队伍"),
        ("问题：权力下放不到位", "积极推进权力下放"),
        ("问题：线上线下未融合", "推动线上线下深度融合"),
    ]
    uneven = Topic(T, (PROBLEMS, replace(MEASURES, points=MEASURES.points[:2])))
    assert by_kind(cards_for_topic(uneven), CardKind.PAIR) == []


def test_long_head_never_blanks_a_whole_policy_title() -> None:
    head = (
        "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）提出，持续优化政务服务是重要支撑"
    )
    assert key_part(head) == "持续优化政务服务是重要支撑"


def test_long_head_blanks_a_key_part() -> None:
    head = "坚持“一网通办”改革方向，全面推进政务服务标准化规范化便利化建设，切实提升群众满意度"
    assert key_part(head) == "一网通办"
    assert (
        key_part("全面推进政务服务标准化规范化便利化建设，切实提升群众满意度")
        == "全面推进政务服务标准化规范化便利化建设"
    )
    assert (
        key_part("为贯彻党中央国务院关于深化放管服改革的决策部署精神要求，切实提升群众满意度") == "切实提升群众满意度"
    )
    section = Section(SectionKind.OTHER, "要求", (Point(id="p", head=head, body="", long_head=True),))
    (card,) = cards_for_section(T, section)
    assert card.answers == ("一网通办",)
    assert card.prompt.startswith("坚持“［")


def test_keys_are_unique_and_stable_and_a_deck_can_choose_kinds() -> None:
    deck = Deck(name="d", topics=(TOPIC,))
    cards = cards_for_deck(deck)
    assert len({c.key for c in cards}) == len(cards)
    assert [c.key for c in cards] == [c.key for c in cards_for_deck(deck)]
    assert {c.kind for c in cards} == set(CardKind)
    only = cards_for_deck(replace(deck, settings={"cards": ["head", "pair"]}))
    assert {c.kind for c in only} == {CardKind.HEAD, CardKind.PAIR}


@pytest.mark.parametrize("kind", list(CardKind), ids=str)
def test_the_store_rebuilds_every_kind_of_card(engine, kind: CardKind) -> None:
    deck = Deck(name="d", topics=(TOPIC,))
    expected = {c.key: c for c in cards_for_deck(deck) if c.kind is kind}
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="d.yaml", content_hash="x", now=FIXED_NOW)
    with Session(engine) as s:
        ids = dict(s.execute(select(CardRow.key, CardRow.id).where(CardRow.kind == kind.value)).all())
        assert set(ids) == set(expected)
        loaded = queries.load_cards(s, ids.values())
        for key, card_id in ids.items():
            assert loaded[card_id].card == expected[key]
            assert queries.load_card(s, card_id).card == expected[key]


def test_no_card_shows_its_own_answer_elsewhere_in_its_text():
    """A head repeated in its elaboration, a slogan quoted twice, a long head's key part echoed in the
    body, a manual cloze's answer written again: every occurrence is blanked."""
    section = Section(
        SectionKind.COUNTERMEASURES,
        "对策",
        (
            Point(id="a", head="深化改革", body="深化改革是关键，要持续深化改革。"),
            Point(id="b", head="推进放管服", body="深化“证照分离”改革，落实“证照分离”举措，推广“一网通办”。"),
            Point(
                id="c",
                head="持续深化“放管服”改革，优化营商环境",
                body="“放管服”改革是优化营商环境的关键。",
                long_head=True,
            ),
            Point(id="d", head="强化保障", body="建立{{容错纠错}}机制，完善容错纠错制度。"),
        ),
    )
    cards = cards_for_section(T, section, tuple(CardKind))
    checked = 0
    for card in cards:
        if card.kind in (CardKind.LIST, CardKind.OVERLAP, CardKind.PAIR):
            continue
        (answer,) = card.answers
        assert answer not in card.prompt, (card.kind, card.prompt)
        assert blank(answer) in card.prompt or card.kind is CardKind.CLOZE
        checked += 1
    slogan = next(c for c in cards if c.kind is CardKind.SLOGAN and c.answers == ("证照分离",))
    assert slogan.prompt.count(blank("证照分离")) == 2 and "一网通办" in slogan.prompt
    long_head = next(c for c in cards if c.kind is CardKind.HEAD and c.point_ids == ("c",))
    assert long_head.answers == ("放管服",) and long_head.prompt.count(blank("放管服")) == 2
    assert checked >= 6


def test_context_leaves_out_a_deck_name_the_topic_repeats():
    card = cards_for_section(T, PROBLEMS, (CardKind.HEAD,))[0]
    assert card.context("申论") == f"申论 › {T} › 存在的问题 › 第1点/共3点"
    assert card.context(T) == f"{T} › 存在的问题 › 第1点/共3点"


SHORT_HEADINGS = [
    ("存在问题", "存在问题"),
    ("理顺政务部门间的权责关系、推进部门间协同合作", "理顺政务部门间的权责关系"),
    ("XX县创优发展软环境所取得的工作成效及特点", "工作成效及特点"),
    ("XX县域经济发展环境存在的主要问题", "主要问题"),
    ("一个没有任何标点也没有那个字又很长很长还在写下去句子", "一个没有任何标点也没有那个字又…"),
]


@pytest.mark.parametrize(("heading", "shown"), SHORT_HEADINGS, ids=[h for h, _ in SHORT_HEADINGS])
def test_a_card_shows_the_heading_phrase_not_the_sentence(heading: str, shown: str) -> None:
    assert short_heading(heading) == shown
    assert len(short_heading(heading)) <= SHORT_HEADING


def test_card_header_and_list_prompt_use_the_short_heading_and_keep_the_section() -> None:
    long = "理顺政务部门间的权责关系、推进部门间协同合作"
    points = (Point("p1", "建立协调机制", "正文。"), Point("p2", "选好部门领导", "正文。"))
    deck = Deck("卡组", (Topic("政务环境", (Section(SectionKind.COUNTERMEASURES, long, points),)),))
    cards = cards_for_deck(deck)
    assert all(c.heading == long for c in cards)  # the section is still found by its heading
    header = cards[0].context("卡组")
    assert "理顺政务部门间的权责关系 ›" in header and "协同合作" not in header
    listed = next(c for c in cards if c.kind == "list")
    assert listed.prompt.startswith("按顺序说出「理顺政务部门间的权责关系」的2点")


POLICY = (
    "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）提出，"
    "持续优化政务服务是便利企业和群众生产经营与办事创业、畅通国民经济循环的重要支撑"
)
DATED = "2021年7月1日，内蒙古自治区人民政府办公厅印发《内蒙古自治区营商环境评估实施办法（试行）》"


def test_key_part_of_a_long_head_is_never_a_policy_title_nor_a_whole_long_clause() -> None:
    assert key_part(POLICY) == "持续优化政务服务"
    # Only a date is left beside the policy it cites: the date is asked, not the title.
    assert key_part(DATED) == "2021年7月1日"
    assert key_part("2021年9月16日，自治区政府召开民营企业座谈会，强调以企业心为心") == "自治区政府召开民营企业座谈会"


def test_overlap_list_and_pair_cards_blank_only_the_key_part_of_a_long_head() -> None:
    points = (
        Point("p1", DATED, "", long_head=True),
        Point("p2", POLICY, "", long_head=True),
        Point("p3", "加强组织领导", "正文。"),
    )
    deck = Deck("卡组", (Topic("国家政策", (Section(SectionKind.OTHER, "国家政策", points),)),))
    cards = cards_for_deck(deck)
    overlap = next(c for c in cards if c.kind == CardKind.OVERLAP and c.point_ids == ("p2",))
    assert overlap.answers == ("持续优化政务服务",)
    assert "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》" in overlap.prompt
    listed = next(c for c in cards if c.kind == CardKind.LIST)
    assert listed.answers == ("2021年7月1日", "持续优化政务服务", "加强组织领导")
    assert blank("加强组织领导") in listed.prompt and "印发《内蒙古自治区" in listed.prompt
    # The section named after its topic is said once in the header.
    assert listed.context("卡组") == "卡组 › 国家政策 › 共3点"


def test_the_context_line_fits_80_columns_beside_the_review_counter() -> None:
    long = "理顺政务部门间的权责关系、推进部门间协同合作"
    points = (Point("p1", "建立协调机制", "正文。"), Point("p2", "选好部门领导", "正文。"))
    topic = Topic("以良好政务环境推动经济社会高质量发展", (Section(SectionKind.COUNTERMEASURES, long, points),))
    card = cards_for_deck(Deck("优化营商环境专题材料汇编", (topic,)))[0]
    line = card.context("优化营商环境专题材料汇编")
    assert cells(line + "  ·  剩余 999") <= 80
    assert line.endswith(" › 第1点/共2点") and line.count("…") >= 1
    # Short names are never cut.
    short = cards_for_deck(Deck("卡组", (Topic("基层减负", (Section(SectionKind.PROBLEMS, "存在问题", points),)),)))[0]
    assert short.context("卡组") == "卡组 › 基层减负 › 存在问题 › 第1点/共2点"


def test_a_lists_mnemonic_skips_the_words_every_head_opens_with() -> None:
    heads = ["要进一步压缩审批事项", "要加强人员培训", "要健全考核机制"]
    assert mnemonic(heads) == "要…进·加·健"
    assert mnemonic(["平台建设助力产业升级", "平台建设促进创新驱动"]) == "平台建设…助·促"
    assert mnemonic(["人才不足", "权力下放不到位"]) == "人·权"
    assert mnemonic(["加强", "加强学习"]) == "加·加"  # a head that is all the common words: first characters
