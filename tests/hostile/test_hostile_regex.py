"""Every pattern over learner text runs in linear time, checked by doubling the input: the work at 2n must
not be more than about twice the work at n (a quadratic pattern gives 4x, a cubic one 8x).

Times are the best of five runs, at an n large enough that one run takes at least 50 ms, so the ratio is
not noise; the bound is 3 (linear is 2, quadratic 4). Parse cases (`trainer/parse/`, being rewritten on
branch parse-general) are marked in their ids with `parse-`.
"""

from __future__ import annotations

import contextlib
import functools
import math
import time
from collections.abc import Callable

import pytest

from trainer.core.cards import cards_for_deck
from trainer.core.cloze import MANUAL, plain
from trainer.core.safetext import clean_text
from trainer.deckfile import decks
from trainer.errors import TrainerError
from trainer.exchange.importing import plain_text, split_cloze
from trainer.parse import parse_document
from trainer.parse.heads import split_head

MAX_RATIO = 3.0
pytestmark = pytest.mark.slow


def _best(fn: Callable[[], object], reps: int = 1, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(reps):
            with contextlib.suppress(TrainerError):  # refusing is fine: the time it takes to decide is measured
                fn()
        best = min(best, time.perf_counter() - start)
    return best


def growth(work: Callable[[int], object], start: int = 500, floor_s: float = 0.05, cap: int = 400_000) -> float:
    """t(2n) / t(n) for the first n (doubling from `start`, up to `cap`) where t(n) >= `floor_s`; work that
    is still faster than that at `cap` is repeated until it is not (so the ratio is not timer noise)."""
    n = start
    while True:
        t1 = _best(functools.partial(work, n))
        if t1 >= floor_s or n >= cap:
            break
        n *= 2
    reps = max(1, math.ceil(floor_s / max(t1, 1e-6)))
    t1 = _best(functools.partial(work, n), reps)
    t2 = _best(functools.partial(work, 2 * n), reps)
    return t2 / max(t1, 1e-9)


def _pairs_doc(n: int) -> str:
    lists = "".join(f"{k}. 问题{i}要点{k}。说明。\n" for i in range(1) for k in range(1, 4))
    body = "".join(f"一、存在的问题\n{lists}二、对策\n{lists}" for _ in range(max(1, n // 50)))
    return "主题\n" + body


def _doc(n: int, piece: str, *, before: str = "一、存在的问题\n", after: str = "\n1. 好。\n2. 坏。\n") -> str:
    return before + piece * n + after


CASES: dict[str, Callable[[int], object]] = {
    "cloze-unclosed": lambda n: MANUAL.findall("{{" * n),
    "cloze-open-text": lambda n: plain("{{甲" * n),
    "cloze-open-hint": lambda n: plain("{{甲::乙" * n),
    "anki-cloze-unclosed": lambda n: split_cloze("{{c1::" * n),
    "anki-cloze-hint": lambda n: split_cloze("{{c1::a::" * n),
    "anki-style-unclosed": lambda n: plain_text("<style>" * n),
    "anki-lone-angles": lambda n: plain_text("<" * n),
    "anki-br-open": lambda n: plain_text("<br" * n),
    "clean-osc-unclosed": lambda n: clean_text("\x1b]" * n),
    "clean-csi-params": lambda n: clean_text("\x1b[" + "1;" * n),
    "clean-mixed": lambda n: clean_text("\x1b[\x1b]\x9b\x07a" * n),
    "deck-long-scalar": lambda n: decks.loads('deck: "' + "甲\\t" * n + '"\ntopics: []\n'),
    "deck-many-points": lambda n: decks.loads(
        "deck: 卡组\ntopics:\n- title: 主\n  sections:\n  - kind: other\n    points:\n"
        + "".join(f"    - head: 甲{i}\n" for i in range(n))
    ),
    "parse-md-heading-spaces": lambda n: parse_document("# 标" + " " * n + "题\n" + _doc(1, "")),
    "parse-md-heading-hashes": lambda n: parse_document("前言\n## 甲" + " #" * n + "乙\n" + _doc(1, "")),
    "parse-subtitle-spaces": lambda n: parse_document("标题" + " " * n + "——以S省为例\n" + _doc(1, "")),
    "parse-repeated-ordinal-one": lambda n: parse_document(_doc(n, "第一，")),
    "parse-repeated-yishi": lambda n: parse_document(_doc(n, "一是")),
    "parse-repeated-circled": lambda n: parse_document(_doc(n, "①")),
    "parse-repeated-lines": lambda n: parse_document(_doc(n, "（一）\n")),
    "parse-long-sentence": lambda n: parse_document(_doc(1, "1. " + "很长，" * n + "。\n")),
    "parse-quotes": lambda n: parse_document(_doc(1, "1. 甲" + "“" * n + "\n")),
    # A point of stray stops: the head is looked for sentence after sentence (was a slice each, n^2).
    "parse-stray-stops": lambda n: split_head("。" * n + "甲"),
    # A topic of many problem and countermeasure lists: pairing found positions by comparing whole
    # sections (n^2 deep comparisons).
    "pair-many-sections": lambda n: cards_for_deck(parse_document(_pairs_doc(n))),
}


@pytest.mark.parametrize("case", list(CASES))
def test_work_at_most_doubles_when_the_input_doubles(case: str) -> None:
    ratio = growth(CASES[case])
    if ratio >= MAX_RATIO:  # one retry: a loaded machine can stall one measurement
        ratio = growth(CASES[case])
    assert ratio < MAX_RATIO, f"{case}: doubling the input multiplied the time by {ratio:.1f}"


def test_the_measure_tells_a_quadratic_pattern_from_a_linear_one() -> None:
    """The check itself: the old hand-written cloze pattern is caught, the linear one passes."""
    import re

    old = re.compile(r"\{\{(.+?)(?:::(.*?))?\}\}")
    # Its best showing of three (a loaded machine can flatten one measurement): ~4 when undisturbed.
    assert max(growth(lambda n: old.findall("{{" * n), floor_s=0.1) for _ in range(3)) >= MAX_RATIO
    assert growth(lambda n: MANUAL.findall("{{" * n)) < MAX_RATIO
