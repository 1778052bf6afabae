"""Lists run together in one sentence with no markers: clauses parted by ； after a lead; no structure."""

from __future__ import annotations

import re

from trainer.parse.heads import split_run_together
from trainer.parse.normalize import clean
from trainer.parse.paragraphs import Para
from trainer.parse.vocab import KIND_WORDS

MIN_CLAUSES = 3  # two clauses parted by ； are a sentence's halves; three or more are a list
_KIND_END = re.compile(f"(?:{'|'.join(sorted(KIND_WORDS, key=len, reverse=True))})(?:如下|有)?$")
# A lead and the sentence after its colon, up to the sentence's end.
_ANNOUNCED = re.compile(r"(?:^|(?<=[。！？]))([^。！？：]{4,60})：([^。！？：]+)")


def semicolon_points(para: Para) -> tuple[str, list[tuple[str, str, int]]]:
    """The items of a list announced by a lead that ends by naming what it lists (`…还存在着诸多的问题：`)
    and parted by ； with no numbers (`A，…；B，…；C，…。`): the lead, and (head, body, offset) per item,
    each head its clause up to the first ，. A colon whose lead names no kind (`重点部署五方面任务：`, `危害不小：`) is
    prose, and so are fewer than MIN_CLAUSES clauses."""
    for m in _ANNOUNCED.finditer(para.key):
        if not _KIND_END.search(m.group(1).rstrip()):
            continue
        pieces = m.group(2).split("；")
        if len(pieces) < MIN_CLAUSES or any(len(p.strip()) < 4 for p in pieces):
            continue
        out = []
        start = m.start(2)
        for piece in pieces:
            head, body, _ = split_run_together(para.text[start : start + len(piece)])
            out.append((clean(head), body, start))
            start += len(piece) + 1
        return m.group(1).strip(), out
    return "", []
