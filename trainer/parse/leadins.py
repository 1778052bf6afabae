"""A section's lead-in: the prose right before its first point, where the kind cues read it; no parsing."""

from __future__ import annotations

from trainer.parse.markers import find_inline
from trainer.parse.outline import NOTE, Node
from trainer.parse.paragraphs import Para
from trainer.parse.successions import run_lists


def lead_in(node: Node, first: int) -> str:
    """The prose right before a node's first point (`first` is its line): the paragraph before a
    numbered item, or, for a list run together in a paragraph, the sentences before its first marker
    in that paragraph (`…河长制工作体系初步建立，取得了一定成效。一是…`), else the paragraph before it;
    "" when points read out of paragraphs come first."""
    prev: Para | None = None
    for item in node.items:
        if isinstance(item, Node) and item.style != NOTE and not item.heading and not item.lone:
            return prev.key if prev is not None and item.lineno <= first else ""
        if isinstance(item, Para):
            start = _run_together_at(item, first)
            if start is not None:
                return item.key[:start] if start > 0 else (prev.key if prev is not None else "")
        prev = item if isinstance(item, Para) else None
    return ""


def _run_together_at(para: Para, first: int) -> int | None:
    """Where the first list run together in a paragraph starts, when the section's first point is its
    first item (same line); else None."""
    if para.lineno > first:
        return None
    group = next(run_lists(find_inline(para.key)), None)
    return group[0].start if group and para.line_at(group[0].start) == first else None
