"""A heading run on into its paragraph (`二、存在的主要问题 通过…`): string work only, no tree."""

from __future__ import annotations

import re

from trainer.parse.vocab import is_heading_phrase

HEADING_PUNCT = re.compile(r"[，。；！？、,.;!?“”《》（）()【】\[\]|]")  # a table row (`| 实践方向 |`) is no heading
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff”》）]) +(?=[\u4e00-\u9fff“《])")
RUN_ON_PHRASE = (6, 12)  # a phrase this long set apart by a space before prose: a heading run on


def run_on(title: str) -> int:
    """Where a heading that runs on into its paragraph (`二、存在的主要问题 通过…`) ends, or -1."""
    m = _CJK_GAP.search(title)
    if not m:
        return -1
    left, right = title[: m.start()], title[m.end() :]
    phrase = RUN_ON_PHRASE[0] <= len(left) <= RUN_ON_PHRASE[1]
    if len(right) < 10 or HEADING_PUNCT.search(left) or not (phrase or is_heading_phrase(left.replace(" ", ""))):
        return -1
    return m.start()
