"""SM-2 exactly as issue 2 specifies it: pinned interval and ease histories."""

from __future__ import annotations

import pytest

from trainer.sched import State, review


def run(qualities: list[int]) -> list[State]:
    state, out = None, []
    for q in qualities:
        state = review(state, q)
        out.append(state)
    return out


def test_eight_fours_give_the_documented_intervals() -> None:
    states = run([4] * 8)
    assert [s.interval for s in states] == [1, 6, 15, 38, 95, 238, 595, 1488]
    assert all(s.ease == 2.5 for s in states)
    assert [s.repetitions for s in states] == list(range(1, 9))


@pytest.mark.parametrize(
    ("quality", "ease"),
    [(5, 2.6), (4, 2.5), (3, 2.36), (2, 2.18), (1, 1.96), (0, 1.7)],
    ids=[f"q{q}" for q in range(5, -1, -1)],
)
def test_ease_change_per_quality(quality: int, ease: float) -> None:
    assert review(None, quality).ease == ease


def test_mixed_history_is_exact() -> None:
    states = run([5, 5, 3, 0, 3, 3, 5, 2, 5])
    assert [(s.repetitions, s.ease, s.interval) for s in states] == [
        (1, 2.6, 1),
        (2, 2.7, 6),
        (3, 2.56, 16),
        (0, 1.76, 1),
        (1, 1.62, 1),
        (2, 1.48, 6),
        (3, 1.58, 10),
        (0, 1.3, 1),
        (1, 1.4, 1),
    ]


def test_ease_is_floored_at_1_3_and_keeps_two_decimals() -> None:
    states = run([0] * 10 + [3] * 30)
    assert min(s.ease for s in states) == 1.3
    for s in states:
        assert round(s.ease, 2) == s.ease
        assert s.ease >= 1.3


def test_exact_products_are_not_pushed_up_by_float_noise() -> None:
    # 2.3 * 10 is 22.999999999999996 in floats; ceil must give 23, and 2.2 * 10 must give 22 (not 23).
    assert review(State(repetitions=2, ease=2.3, interval=10), 4).interval == 23
    assert review(State(repetitions=2, ease=2.2, interval=10), 4).interval == 22
    assert review(State(repetitions=2, ease=1.1 + 1.2, interval=10), 4).interval == 23


def test_lapse_restarts_repetitions_with_one_day() -> None:
    lapsed = review(State(repetitions=5, ease=2.5, interval=100), 2)
    assert (lapsed.repetitions, lapsed.interval) == (0, 1)
    again = review(lapsed, 4)
    assert (again.repetitions, again.interval) == (1, 1)
    assert review(again, 4).interval == 6


@pytest.mark.parametrize("bad", [-1, 6, 3.5, "4", True, None], ids=repr)
def test_quality_outside_0_to_5_is_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        review(None, bad)  # type: ignore[arg-type]


def test_state_is_frozen() -> None:
    s = review(None, 4)
    with pytest.raises(AttributeError):
        s.interval = 3  # type: ignore[misc]
