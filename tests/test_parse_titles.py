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
    ("site name alone", "申论范文" + PROSE, "doc"),
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
