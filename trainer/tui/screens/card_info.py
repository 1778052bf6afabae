"""Card info: deck, state, ease, interval, due day and every past answer of one card; read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from trainer.core.stats import correct_run
from trainer.sched.days import day_to_date
from trainer.store import card_ops
from trainer.store.card_ops import CardInfo
from trainer.store.handle import Store
from trainer.store.models import Queue
from trainer.tui.cjk import Wrapped
from trainer.tui.format import SHORT_GRADES, due_label, interval_label, seconds_label

QUEUE_NAMES = {
    Queue.NEW: "新卡",
    Queue.LEARNING: "学习中",
    Queue.REVIEW: "复习",
    Queue.SUSPENDED: "已暂停",
    Queue.BURIED: "已搁置",
    Queue.RETIRED: "已移除",
}


def info_text(info: CardInfo) -> str:
    """The card's schedule as a few lines."""
    st = info.state
    due = due_label(st.due_day, never=st.queue is Queue.NEW)
    lines = [
        f"卡组：{info.deck}    类型：{'整段列表' if info.kind == 'list' else '要点'}",
        f"状态：{QUEUE_NAMES.get(st.queue, str(st.queue))}{'（难记卡）' if info.leech else ''}",
        f"易度：{st.ease:.2f}    间隔：{interval_label(st.interval) if st.interval else '—'}    到期：{due}",
        f"连续答对：{correct_run([h.quality for h in info.history])} 次    遗忘：{st.lapses} 次    复习：{len(info.history)} 次",
    ]
    return "\n".join(lines)


class CardInfoScreen(ModalScreen[None]):
    """Shows one card's info; Escape, Enter, q or i closes it."""

    BINDINGS = [Binding("escape,enter,q,i", "close", "关闭")]

    def __init__(self, store: Store, card_id: int) -> None:
        super().__init__()
        with store.read() as r:
            self.info = card_ops.card_info(r.session, card_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="info-box", classes="dialog"):
            yield Static("卡片信息", classes="dialog-title")
            yield Static(Wrapped(info_text(self.info)), id="info-text")
            yield DataTable(id="info-history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("日期", "评分", "间隔", "易度", "用时")
        for h in reversed(self.info.history):
            table.add_row(
                day_to_date(h.day).isoformat(),
                f"{h.quality} {SHORT_GRADES[h.quality]}",
                interval_label(h.interval_after),
                f"{h.ease_after:.2f}",
                seconds_label(h.duration_ms / 1000),
            )

    def action_close(self) -> None:
        self.dismiss(None)
