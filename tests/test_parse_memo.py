"""Per-document answers (`trainer.parse.memo`): each asked once per parse however far apart the passes ask,
forgotten when the parse ends, and never changing what a parse gives."""

from __future__ import annotations

import threading

from trainer.parse import parse_document
from trainer.parse.markers import Marker, match_line
from trainer.parse.memo import OUTSIDE_A_PARSE, document_tables, per_document


def _counting() -> tuple[list[str], object]:
    asked: list[str] = []

    @per_document
    def length(key: str) -> int:
        asked.append(key)
        return len(key)

    return asked, length


def test_inside_a_parse_each_key_is_worked_out_once_however_many_keys_come_between() -> None:
    asked, length = _counting()
    keys = [f"第{i}行" for i in range(OUTSIDE_A_PARSE * 2)]  # more than the LRU outside a parse holds
    with document_tables():
        first = [length(k) for k in keys]
        second = [length(k) for k in keys]
    assert first == second == [len(k) for k in keys]
    assert len(asked) == len(keys)


def test_the_answers_are_forgotten_when_the_parse_ends() -> None:
    asked, length = _counting()
    with document_tables():
        length("一、存在的问题")
    with document_tables():
        length("一、存在的问题")
    assert asked == ["一、存在的问题", "一、存在的问题"]


def test_another_threads_parse_has_tables_of_its_own() -> None:
    asked, length = _counting()
    with document_tables():
        length("甲")
        thread = threading.Thread(target=length, args=("甲",))
        thread.start()
        thread.join()
    assert asked == ["甲", "甲"]


def test_outside_a_parse_the_answers_are_the_same() -> None:
    with document_tables():
        inside = match_line("（二）健全机制")
    assert inside == match_line("（二）健全机制") == Marker("cn_paren", 2, 0, 3)


def test_a_document_longer_than_the_lru_parses_as_its_parts_do() -> None:
    """Lists far apart in one document read as each reads alone: no part's answer leaks into another."""
    parts = [
        "二、对策\n" + "\n".join(f"{i}. 第{n}部分的要点{i}，措施要落实到位。" for i in range(1, 6))
        for n in range(OUTSIDE_A_PARSE // 4)
    ]
    whole = parse_document("题目\n\n" + "\n\n".join(parts))
    heads = [p.head for t in whole.topics for s in t.sections for p in s.points]
    alone = [p.head for s in parse_document(f"题目\n\n{parts[-1]}").topics[0].sections for p in s.points]
    assert len(heads) == 5 * len(parts)
    assert heads[-5:] == alone and len(set(heads)) == len(heads)
