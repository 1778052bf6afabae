"""Questions put to the reader (an exam's numbered questions); no tree."""

from __future__ import annotations

import re

from trainer.parse.vocab import is_question_heading

ANSWER_WORDS = r"参考答案|参考作答|答案|作答示例|示例答案|参考范文|范文|答案要点|参考要点"
# `参考答案：` alone on its line: what follows answers the question above it.
ANSWER_LINE = re.compile(rf"^[【〖\[]? *(?:{ANSWER_WORDS}) *[】〗\]]? *[：:]?$")
# `答案：1）…；2）…`: an answer given on the line its label opens.
ANSWER_RUN_ON = re.compile(rf"^(?:{ANSWER_WORDS}) *[：:] *\S")
# A question's score (`（10分）`) is no part of what it asks, and ends its line.
SCORE = re.compile(r"[（(] *+\d{1,3} *+分 *+[）)] *+$")
_SCENE = re.compile(r"^[^，,。；;？?！!]{2,24}[，,]")  # `在整治行动中，`, `结合给定资料3，`
ASKS_MAX = 60


# What an exam's task asks the candidate to do: its last such verb and what follows name what the
# answer holds (`概括…面临的主要问题`, `针对上述问题提出对策建议` → `提出对策建议`).
_TASK_VERBS = "概括|归纳|总结|梳理|分析|指出|提出|谈谈|说明|阐述|阐明|解释|评价"
_TASK_VERB = re.compile(f"{_TASK_VERBS}|谈")
# A task: a line with its score, or one that sends the candidate to the materials or asks them (`请就…`).
_TASK = re.compile(r"^(?:请你?|请)?(?:根据|结合|阅读|参考|围绕)(?:给定)?(?:资料|材料)|^请你?[就对针]")


# `1.分析老旧小区改造的目的意义。`, `3.提出改进建议。`: a short line opening with a task's verb, as an
# interview or exam answer numbers the tasks it answers.
_OPENS_TASK = re.compile(f"^(?:请你?)?(?:{_TASK_VERBS}|表明|亮明)")  # an answer step too: `1.表明自身观点`
TASK_LINE_MAX = 30


def opens_task(title: str) -> bool:
    """True for a short line that opens with a task's verb (`分析可能存在的问题。`)."""
    text = title.strip()
    return len(text) <= TASK_LINE_MAX and bool(_OPENS_TASK.match(text)) and not re.search("[，,；;]", text)


def _task(text: str, scored: bool) -> str:
    if not (scored or _TASK.match(text)):
        return ""
    verbs = list(_TASK_VERB.finditer(text))
    return text[verbs[-1].start() :].rstrip("。；;") if verbs else ""


def asked(title: str) -> str:
    """The question a title puts to the reader (`如何评估整治效果？` of `在整治行动中，如何评估整治效果？`,
    `如何看待…？` of `如何看待…？（10分）`): a question heading, maybe after one clause that sets its
    scene, or an exam's task (`根据给定资料1，概括…的主要问题。（15分）`) from its last verb on; "" when
    it asks none."""
    text = title.strip()
    score = SCORE.search(text)
    text = text[: score.start()].rstrip() if score else text
    if len(text) > ASKS_MAX:
        return ""
    if text.endswith(("？", "?")):
        if is_question_heading(text):
            return text
        scene = _SCENE.match(text)
        return text[scene.end() :] if scene is not None and is_question_heading(text[scene.end() :]) else ""
    return _task(text, score is not None)


def scored_task(title: str) -> bool:
    """An exam's task with its score (`（二）“给定材料3”中提到“…”……请你针对这一问题提出建议。（25分）`),
    however long the material it quotes first: a numbered item that asks it heads its answer."""
    text = title.strip()
    score = SCORE.search(text)
    return score is not None and bool(_task(text[: score.start()].rstrip(), True))


SUBTITLE_MAX = 12
_PLAIN = re.compile(r"^[^，。；！？、,.;!?“”《》（）()【】\[\]|：:]+$")


def asks_as_heading(text: str) -> bool:
    """A heading asked as a question (`基层负担为何屡减不轻？`), maybe with a short subtitle after its mark
    (`如何破解瓶颈？四个实战策略`)."""
    if is_question_heading(text):
        return True
    asked_part, mark, rest = text.partition("？")
    return (
        bool(mark)
        and 0 < len(rest) <= SUBTITLE_MAX
        and bool(_PLAIN.match(rest))
        and is_question_heading(asked_part + mark)
    )


def answered_question(ordinal: int, title: str, next_key: str | None) -> bool:
    """A numbered question answered on the next line (`1.如何…？` then `答案：1）…` or `参考答案：`) is the
    paper's own, not a line of the materials before it."""
    answer = next_key is not None and bool(ANSWER_RUN_ON.match(next_key) or ANSWER_LINE.match(next_key))
    return bool(ordinal) and answer and bool(asked(title))
