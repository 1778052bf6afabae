"""What the review screen says about the session and its refusals, apart from the screen's keys."""

from __future__ import annotations

from trainer.errors import ChangedElsewhereError, TrainerError

# The title line's second part during a practice (custom study without rescheduling): it looks like a
# review in every other way, and records nothing.
PRACTICE_TITLE = "练习模式（不记录）"

# The grade bar's line while the cursor is in a typed-answer input.
TYPED_KEYS = "回车 检查答案 · Esc 不输入，直接看答案 · Ctrl+T 关闭输入 · Ctrl+Z 撤销"


def refusal(exc: TrainerError) -> str:
    """The dialog's text for an answer the store refused."""
    if isinstance(exc, ChangedElsewhereError):
        return (
            "这张卡片刚在另一个终端回答过（或被更改），这次回答没有记录。\n"
            f"请按 Esc 关闭，q 结束本次复习，再重新开始复习。\n（{exc}）"
        )
    return str(exc)
