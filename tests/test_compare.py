"""Typed-answer checking: width and punctuation folded, character diff, suggested grade."""

from __future__ import annotations

import pytest

from trainer.core.compare import Mark, Segment, combined_grade, compare, fold, grade_for


@pytest.mark.parametrize(
    ("typed", "expected", "grade"),
    [
        ("人才队伍不完善", "人才队伍不完善", 5),
        ("人才队伍，不完善。", "人才队伍不完善", 5),  # punctuation ignored
        ("ＡＢＣ１２３", "abc123", 5),  # full width folded to half width, case folded
        (" 人才 队伍 不完善 ", "人才队伍不完善", 5),  # spaces ignored
        ("人才队伍不完全", "人才队伍不完善", 3),  # one wrong character in seven: 12/14
        ("人才队伍", "人才队伍不完善", 2),  # four of seven: 8/11
        ("权力下放", "人才队伍不完善", 0),  # nothing in common
        ("", "人才队伍不完善", 0),
        ("。，", "人才队伍不完善", 0),  # only punctuation is nothing typed
    ],
    ids=["exact", "punct", "width", "spaces", "one-wrong", "half", "unrelated", "empty", "only-punct"],
)
def test_suggested_grade(typed: str, expected: str, grade: int) -> None:
    assert compare(typed, expected).grade == grade


def test_grade_floors() -> None:
    assert [grade_for(x) for x in (1.0, 0.95, 0.9, 0.8, 0.75, 0.6, 0.5, 0.3, 0.0)] == [5, 4, 4, 3, 3, 2, 2, 1, 0]


def test_fold_keeps_cjk_and_drops_fullwidth_punctuation() -> None:
    assert fold("“推进”基层治理（试点）！") == "推进基层治理试点"


def test_diff_marks_wrong_and_missing_characters() -> None:
    result = compare("人才队伍不全", "人才队伍不完善")
    assert result.diff == (
        Segment(Mark.SAME, "人才队伍不"),
        Segment(Mark.EXTRA, "全"),
        Segment(Mark.MISSING, "完善"),
    )
    assert not result.exact


def test_diff_of_exact_answer_is_one_same_run() -> None:
    result = compare("线上线下，未融合", "线上线下未融合")
    assert result.exact and result.diff == (Segment(Mark.SAME, "线上线下未融合"),)


def test_diff_of_swapped_order_shows_both_sides() -> None:
    result = compare("下放权力", "权力下放")
    same = "".join(s.text for s in result.diff if s.mark is Mark.SAME)
    missing = "".join(s.text for s in result.diff if s.mark is Mark.MISSING)
    extra = "".join(s.text for s in result.diff if s.mark is Mark.EXTRA)
    assert len(same) == 2 and len(missing) == 2 and len(extra) == 2


def test_list_grade_is_the_weakest_point() -> None:
    assert combined_grade([5, 4, 2, 5]) == 2
    assert combined_grade([]) == 0
