"""`benchmarks.readingmodel`: groups labelled from the annotation as a reader would, the builder run with
another say in the reading, and a model that learns what its labels say."""

from __future__ import annotations

from benchmarks import readingmodel as rm
from benchmarks.outline import norm
from trainer.parse import parse_document, readings
from trainer.parse.outline import Node
from trainer.parse.paragraphs import Para


def _node(title: str, *children: Node) -> Node:
    return Node("arabic", 1, title, title, 1, list(children))


GOLD = rm.Gold(
    heads=[norm(h) for h in ["人才队伍不完善", "资金投入不足", "加强人才培养", "加大资金投入"]],
    headings=[norm(h) for h in ["存在的问题", "对策建议"]],
)


def test_titles_matching_point_heads_are_points() -> None:
    group = [_node("人才队伍不完善：基层缺少专业人员"), _node("资金投入不足")]
    assert rm.label(group, GOLD) is False


def test_titles_matching_section_headings_are_headings() -> None:
    assert rm.label([_node("存在的问题"), _node("对策建议")], GOLD) is True


def test_titles_holding_annotated_points_below_are_headings() -> None:
    group = [
        _node("一方面的情况", _node("人才队伍不完善"), _node("资金投入不足")),
        _node("另一方面的做法", _node("加强人才培养"), _node("加大资金投入")),
    ]
    assert rm.label(group, GOLD) is True


def test_points_run_together_in_a_paragraph_below_count_too() -> None:
    text = "一是加强人才培养，二是加大资金投入。"
    para = Para(text=text, key=text, lineno=2, indent=0, segments=[(0, 2)])
    node = Node("cn_dun", 1, "下一步的打算", "下一步的打算", 1, [para])
    assert rm.label([node], GOLD) is True


def test_groups_the_annotation_says_nothing_of_are_left_out() -> None:
    assert rm.label([_node("首页"), _node("联系我们")], GOLD) is None


TEXT = "一、存在的问题\n1. 人才队伍不完善。\n2. 资金投入不足。\n二、对策建议\n1. 加强人才培养。\n2. 加大资金投入。\n"


def test_the_builder_follows_the_decider_and_is_restored_after() -> None:
    seen: list[tuple[list[str], bool]] = []

    def points_everywhere(group: list[Node], parent: Node, rule: bool) -> bool:
        seen.append(([n.title for n in group], rule))
        return False

    ruled = parse_document(TEXT)
    assert [s.heading for t in ruled.topics for s in t.sections] == ["存在的问题", "对策建议"]
    is_group = readings._is_heading_group
    with rm.deciding(points_everywhere):
        flat = parse_document(TEXT)
    assert readings._is_heading_group is is_group
    assert (["存在的问题", "对策建议"], True) in seen, "the decider is told the rules' reading"
    heads = [p.head for _, _, p in flat.points()]
    assert "存在的问题" in heads and "对策建议" in heads
    assert [s.heading for t in parse_document(TEXT).topics for s in t.sections] == ["存在的问题", "对策建议"]


def test_model_learns_what_the_labels_follow() -> None:
    def group(holds: float, label: bool) -> rm.Group:
        return rm.Group("x", "d", {"rule": 0.0, "holds list": holds, "size:2": 1.0}, False, label)

    data = [group(1.0, True) for _ in range(30)] + [group(0.0, False) for _ in range(30)]
    model = rm.train(data, rm.Settings(0.01, rule="none"))
    assert model.p_heading({"holds list": 1.0, "size:2": 1.0}) > 0.8
    assert model.p_heading({"holds list": 0.0, "size:2": 1.0}) < 0.2


def test_corpus_labels_agree_with_the_rules_that_pass_it() -> None:
    """tests/corpus scores 1.000: where its annotation says a reading, it is nearly always the rules'."""
    groups = rm.collect("corpus")
    ok, n = rm.agreement(groups, lambda g: g.rule)
    assert n >= 300
    assert ok / n >= 0.95
