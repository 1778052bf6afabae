"""The outline benchmark: its head-matching rule, and a run over the corpus that writes JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from benchmarks import outline

CASES = [
    ("人才队伍不完善", "人才队伍不完善", True),
    ("人才队伍不完善", "人才队伍不完善。", True),
    ("ＡＢＣ，人才", "abc人才", True),
    ("基础设施建设逐步改善，生活环境不断优化", "基础设施建设逐步改善", False),
    ("加强基层党组织建设工作", "加强基层党组织建设", True),
    ("人才", "人才队伍不完善", False),
    ("", "", False),
]


@pytest.mark.parametrize(("a", "b", "same"), CASES, ids=[f"{a}|{b}" for a, b, _ in CASES])
def test_heads_match(a: str, b: str, same: bool) -> None:
    assert outline.heads_match(outline.norm(a), outline.norm(b)) is same


def test_matching_is_one_to_one_in_order() -> None:
    pairs = outline.match_points(["a", "b", "a"], ["a", "a", "c"])
    assert pairs == [(0, 0), (2, 1)]


def test_corpus_run_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.json"
    assert outline.main(["corpus", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    total = data["corpus"]["total"]
    assert total["documents"] >= 40
    assert total["f1"] == 1.0 and total["furniture_pieces"] == 0
    assert "TOTAL corpus" in capsys.readouterr().out


def test_agreement_scores_the_second_reading_like_the_builder(tmp_path: Path) -> None:
    from benchmarks import agreement

    first = {
        "title": "优化营商环境",
        "topics": [{"sections": [{"kind": "problems", "heads": ["审批环节多", "政策落实难", "服务意识弱"]}]}],
    }
    second = {
        "title": "优化营商环境",
        "topics": [
            {"sections": [{"kind": "problems", "heads": ["审批环节多。", "政策落实难"]}]},
            {"sections": [{"kind": "countermeasures", "heads": ["服务意识弱", "简化审批"]}]},
        ],
    }
    got = agreement.agreement(first, second)
    assert got == {"first": 3, "second": 4, "shared": 3, "same_kind": 2, "title": 1}
    for name, data in (("a.expected.yaml", first), ("a.second.yaml", second), ("b.expected.yaml", first)):
        (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rows, total = agreement.part_agreement(tmp_path)
    assert [name for name, _ in rows] == ["a"]  # b has no second reading
    assert total["precision"] == 0.75 and total["recall"] == 1.0 and total["f1"] == round(6 / 7, 4)
    assert total["kind_agreement"] == round(2 / 3, 4) and total["titles_same"] == "1/1"
