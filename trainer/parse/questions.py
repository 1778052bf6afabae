"""Questions put to the reader (an exam's numbered questions); no tree."""

from __future__ import annotations

import re

from trainer.parse.vocab import is_question_heading

ANSWER_WORDS = r"参考答案|参考作答|答案|作答示例|示例答案|参考范文|范文|答案要点|参考要点"
# `答案：1）…；2）…`: an answer given on the line its label opens.
ANSWER_RUN_ON = re.compile(rf"^(?:{ANSWER_WORDS}) *[：:] *\S")
# A question's score (`（10分）`) is no part of what it asks, and ends its line.
SCORE = re.compile(r"[（(] *+\d{1,3} *+分 *+[）)] *+$")
_SCENE = re.compile(r"^[^，,。；;？?！!]{2,24}[，,]")  # `在整治行动中，`, `结合给定资料3，`
ASKS_MAX = 60


def asked(title: str) -> str:
    """The question a title puts to the reader (`如何评估整治效果？` of `在整治行动中，如何评估整治效果？`,
    `如何看待…？` of `如何看待…？（10分）`): a question heading, maybe after one clause that sets its
    scene; "" when it asks none."""
    text = SCORE.sub("", title.strip()).rstrip()
    if len(text) > ASKS_MAX:
        return ""
    if is_question_heading(text):
        return text
    scene = _SCENE.match(text)
    return text[scene.end() :] if scene is not None and is_question_heading(text[scene.end() :]) else ""
