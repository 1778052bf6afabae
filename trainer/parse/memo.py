"""Answers about one line or heading remembered for the length of one document's parse; no parsing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import TypeVar

R = TypeVar("R")

# The passes of one parse ask the same questions of the same lines far apart: a bounded LRU forgets
# them on a document of more lines than it holds. During a parse each function has a table of its own
# answers for that document, dropped when the parse ends; outside one, a small LRU serves.
_TABLES: ContextVar[dict[Callable[..., object], dict[object, object]] | None] = ContextVar(
    "trainer_parse_tables", default=None
)
OUTSIDE_A_PARSE = 4096


@contextmanager
def document_tables() -> Iterator[None]:
    """Remember the answers of every `per_document` function until the block ends (one parse)."""
    token = _TABLES.set({})
    try:
        yield
    finally:
        _TABLES.reset(token)


def per_document(fn: Callable[[str], R]) -> Callable[[str], R]:
    """`fn` (a pure function of one string) remembered per document inside `document_tables`."""
    bounded = lru_cache(maxsize=OUTSIDE_A_PARSE)(fn)

    @wraps(fn)
    def remembered(key: str) -> R:
        tables = _TABLES.get()
        if tables is None:
            return bounded(key)
        table = tables.get(fn)
        if table is None:
            table = tables[fn] = {}
        try:
            return table[key]  # type: ignore[return-value]
        except KeyError:
            answer = table[key] = fn(key)
            return answer

    return remembered
