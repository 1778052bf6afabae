"""Every regex of the parser runs in linear time: quadrupling an adversarial input must not make a
search take much more than four times as long (a nested quantifier would take sixteen)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from types import ModuleType

import pytest

import trainer.parse

# Every module of the parser, found rather than listed: a new module's patterns are checked too.
MODULES: list[ModuleType] = [
    importlib.import_module(f"trainer.parse.{info.name}") for info in pkgutil.iter_modules(trainer.parse.__path__)
]
PATTERNS = sorted(
    {
        (f"{m.__name__.rsplit('.', 1)[-1]}.{name}", value)
        for m in MODULES
        for name, value in vars(m).items()
        if isinstance(value, re.Pattern)
    },
    key=lambda item: item[0],
)
# Pieces repeated into inputs that make backtracking regexes blow up: runs of one class of character,
# and alternations of the characters the patterns look for.
PIECES = ["一", " ", "（", "1.", "：", "，", "《", "第1", "一是，", "a ", "【", "—", "问题", "年", "·", "| "]
SMALL = 1_500
RATIO = 10.0  # linear is about 4; quadratic about 16
FLOOR = 0.002  # searches faster than this (seconds) at the large size are fine whatever the ratio


def _time(rx: re.Pattern[str], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        rx.search(text)
        rx.match(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(("name", "rx"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_regex_time_grows_linearly(name: str, rx: re.Pattern[str]) -> None:
    for piece in PIECES:
        small = piece * (SMALL // len(piece)) + "！"
        large = piece * (4 * SMALL // len(piece)) + "！"
        # A busy machine can stall one timing: a real nested quantifier fails every attempt.
        for _ in range(3):
            t_small, t_large = _time(rx, small), _time(rx, large)
            if t_large < FLOOR or t_large < RATIO * max(t_small, 1e-6):
                break
        else:
            raise AssertionError((name, piece, t_small, t_large))


def test_parse_time_grows_linearly() -> None:
    from trainer.parse import parse_document

    block = "一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位：" + "（一是，" * 40 + "\n"
    small, large = block * 20, block * 80
    timings = []
    for text in (small, large):
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            parse_document(text, source="x.txt")
            best = min(best, time.perf_counter() - start)
        timings.append(best)
    assert timings[1] < RATIO * timings[0], timings


# Lists run together one after another in ONE paragraph, each with a lead of its own (a colon, a
# sentence counting what follows, a word and a colon): each list looked through the rest of the
# paragraph for its siblings and copied the text before it, so 0.46 MB took seconds.
# The lists' heads differ from one copy to the next (`…领导0`, `…领导1`): a list said again word for word is
# no new section (`drafts.without_repeats`).
RUN_TOGETHER = (
    "针对上述问题，需要从以下几个方面着手：一是加强组织领导{i}；二是完善制度机制{i}。"
    "建议从以下几方面入手。第一、加强领导{i}；第二、完善制度{i}。"
    "问题：1.人才流失{i}；2.产业单一{i}。对策：1.引进人才{i}；2.发展产业{i}。"
)


def _run_together(copies: int) -> str:
    return "".join(RUN_TOGETHER.format(i=i) for i in range(copies))


GROWTH = 16
GROWTH_RATIO = 32.0  # linear is about 16 (a little less: the fixed cost); quadratic was 60 to 90


def test_a_paragraph_of_thousands_of_run_together_lists_parses_in_linear_time() -> None:
    from trainer.parse import parse_document

    small = "主要对策\n" + _run_together(60) + "\n"
    large = "主要对策\n" + _run_together(60 * GROWTH) + "\n"
    assert len(parse_document(large, source="x.txt").points()) > len(parse_document(small, source="x.txt").points())
    # A busy machine can stall one timing: a quadratic step fails every attempt.
    for _ in range(3):
        t_small, t_large = (_parse_time(parse_document, text) for text in (small, large))
        if t_large < GROWTH_RATIO * t_small:
            break
    else:
        raise AssertionError((t_small, t_large))


def _parse_time(parse, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse(text, source="x.txt")
        best = min(best, time.perf_counter() - start)
    return best
