"""`benchmarks.sectionmodel`: sections labelled from the annotation as a reader would, and a ranking
measure that says which of two confidences finds the wrong sections first."""

from __future__ import annotations

from benchmarks import sectionmodel as sm


def _row(heads: int, hit: int, kind_ok: int) -> dict[str, object]:
    return {"heads": ["甲"] * heads, "hit": hit, "kind_ok": kind_ok}


def test_a_section_is_right_when_half_its_heads_match_with_their_kind() -> None:
    assert sm.right(_row(4, 2, 1))
    assert not sm.right(_row(4, 1, 1))  # most of its points are not the reader's
    assert not sm.right(_row(4, 4, 1))  # the reader's points, under the wrong kind


def test_auc_counts_right_sections_rated_above_wrong_ones() -> None:
    assert sm.auc([0.9, 0.8, 0.2], [True, True, False]) == 1.0
    assert sm.auc([0.2, 0.8, 0.9], [True, True, False]) == 0.0
    assert sm.auc([0.5, 0.5], [True, False]) == 0.5


def test_every_section_of_the_corpus_is_labelled_right() -> None:
    # tests/corpus passes whole (test_parse_corpus): every section the builder makes there matches.
    rows = sm.collect(["corpus"])
    assert len(rows) > 300
    assert all(sm.right(r) for r in rows)
    assert {r["how"] for r in rows} >= {"heading", "untitled"}


def test_the_model_learns_what_separates_its_labels() -> None:
    one = {"how": "heading", "why": "heading, complete succession", "kind": "problems", "heading": "存在的问题",
           "heads": ["人才不足", "资金不足", "机制不全"], "bodies": ["……"] * 3, "ordinals": [1, 2, 3],
           "long": [False] * 3, "index": 0, "sections": 2}  # fmt: skip
    other = {**one, "how": "untitled", "why": "untitled, numbers repeat", "heading": "", "ordinals": [1, 1, 2]}
    w = sm.train([(sm.features(one), 1.0, 1.0), (sm.features(other), 0.0, 1.0)] * 20)
    assert sm.p_right(w, sm.features(one)) > 0.8 > 0.2 > sm.p_right(w, sm.features(other))
