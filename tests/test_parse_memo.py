"""The parser's speed shortcuts change no answer: per-document answers (`trainer.parse.memo`) are each
worked out once per parse however far apart the passes ask, forgotten when the parse ends; the marker
rows joined into one pattern find what the rows find in turn."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from trainer.parse import decode, parse_document
from trainer.parse.markers import _TABLE, Marker, _match_at, _ordinal, match_line
from trainer.parse.memo import OUTSIDE_A_PARSE, document_tables, per_document
from trainer.parse.normalize import split_lines

REALDOCS = Path(__file__).parent / "realdocs"


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


def _row_by_row(key: str, pos: int) -> Marker | None:
    """The marker table read the plain way: each row tried in turn, a row numbering nothing passed over."""
    for style, pattern, _ in _TABLE:
        m = re.compile(pattern).match(key, pos)
        if m and (n := _ordinal(style, m.group(1))) > 0:
            end = m.end() + len(key[m.end() :]) - len(key[m.end() :].lstrip(" "))
            return Marker(style, n, pos, end)
    return None


def test_the_joined_marker_rows_find_what_the_rows_find_one_by_one() -> None:
    """`_match_at` tries the rows as one pattern: at every position of every line of the real pages (and
    at lines whose first row numbers nothing, `十十、`) it finds the marker the rows find in turn."""
    keys = [line.key for p in sorted(REALDOCS.rglob("*.txt")) for line in split_lines(decode(p.read_bytes()))]
    keys += ["十十、一是加强", "十十，第三，", "（十十）1.做好"]
    found = 0
    for key in keys:
        for pos in range(len(key)):
            expected = _row_by_row(key, pos)
            assert _match_at(key, pos) == expected, (key, pos)
            found += expected is not None
    assert found > 1000
