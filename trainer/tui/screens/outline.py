"""The outline review screen: the built outline beside its source text, fixed with single keys (each
undoable with `u`), saved as a deck file that is synced at once. The edits are
`trainer.core.outline_edits`; reading and saving are `trainer.services.outline_draft`."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.text_area import Selection

from trainer.core import outline_edits as ed
from trainer.core.model import Deck
from trainer.errors import TrainerError
from trainer.services.outline_draft import Draft, save_draft
from trainer.tui.screens.dialogs import ChoiceScreen, CursorPrompt, TextPrompt, confirm
from trainer.tui.widgets.key_bar import KeyBar
from trainer.tui.widgets.outline_list import KIND_LABELS, OutlineList, Row, source_lines

# Two panes side by side from this size; stacked below it (80x24).
SIDE_BY_SIDE = (100, 30)


class OutlineScreen(Screen[bool]):
    """Dismisses with True once the deck is saved and synced, False when the learner leaves without."""

    BINDINGS = [
        Binding("e", "edit", "改", id="outline-edit", priority=True),
        Binding("s", "split", "拆分", id="outline-split", priority=True),
        Binding("m", "merge", "并入", id="outline-merge", priority=True),
        Binding("x", "not_point", "非要点", id="outline-not-point", priority=True),
        Binding("k", "kind", "类型", id="outline-kind", priority=True),
        Binding("ctrl+up,K", "move(-1)", "上移", id="outline-up", priority=True),
        Binding("ctrl+down,J", "move(1)", "下移", id="outline-down", priority=True),
        Binding("greater_than_sign", "move_to", "移到", key_display=">", id="outline-move-to", priority=True),
        Binding("D", "drop_section", "删节", id="outline-drop-section", priority=True),
        Binding("a", "add", "加点", id="outline-add", priority=True),
        Binding("h", "pick_head", "取要点", id="outline-pick-head", priority=True),
        Binding("N", "rename_deck", "卡组名", id="outline-rename-deck", priority=True),
        Binding("u", "undo", "撤销", id="outline-undo", priority=True),
        Binding("ctrl+s", "save", "保存", id="outline-save", priority=True),
        Binding("escape", "leave", "放弃", id="outline-leave"),
        Binding("question_mark", "app.help", "按键", id="outline-help", priority=True),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft
        self.deck: Deck = draft.deck
        self.history: list[tuple[Deck, int]] = []
        self._auto_selection: Selection | None = None  # the source highlight this screen set itself

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="outline-title")
        with Horizontal(id="outline-panes"):
            yield OutlineList(id="outline-list")
            yield TextArea(self.draft.text, id="outline-source", read_only=True, soft_wrap=True, show_line_numbers=True)
        yield Static("", id="outline-message")
        with Horizontal(id="outline-buttons"):
            yield Button("保存", id="outline-save-button", variant="primary")
            yield Button("放弃", id="outline-leave-button")
        yield KeyBar(self.BINDINGS)

    @property
    def outline(self) -> OutlineList:
        return self.query_one("#outline-list", OutlineList)

    @property
    def source(self) -> TextArea:
        return self.query_one("#outline-source", TextArea)

    def _title(self) -> Text:
        points = len(self.deck.points())
        return Text(
            f"大纲 · {self.deck.name} · {points} 点 → {self.draft.target.name}", no_wrap=True, overflow="ellipsis"
        )

    def on_mount(self) -> None:
        self.outline.show(self.deck)
        self.outline.focus()
        self._layout(self.size.width, self.size.height)
        notes = [self.draft.warning] if self.draft.warning else []
        if self.draft.previous is not None:
            conflicts = sum(1 for c in self.draft.changes if c.source.value == "conflict")
            notes.append(
                f"已有卡组：保留你的修改，采用文档的新内容（{len(self.draft.changes)} 处变化，{conflicts} 处冲突保留你的）"
            )
        self.say("；".join(notes) or "? 标出生成器没把握的条目。按 ? 看全部按键。")

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width, event.size.height)

    def _layout(self, width: int, height: int) -> None:
        self.set_class(width < SIDE_BY_SIDE[0] or height < SIDE_BY_SIDE[1], "-stacked")

    def say(self, message: str, *, error: bool = False) -> None:
        """A line under the panes: what the last key did, or why it could not."""
        widget = self.query_one("#outline-message", Static)
        widget.update(Text(message))
        widget.set_class(error, "-error")

    # Source pane

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_source()

    def _show_source(self) -> None:
        row = self.outline.row
        lines = source_lines(self.deck, row) if row is not None else None
        source = self.source
        if lines is None:
            return
        first, last = lines[0] - 1, min(lines[1], source.document.line_count) - 1
        if first > last:
            return
        source.selection = Selection((first, 0), (last, len(source.document.get_line(last))))
        self._auto_selection = source.selection
        source.scroll_to(y=max(0, first - 2), animate=False)

    def _source_pick(self) -> tuple[str, int] | None:
        """The text the learner chose in the source pane (a selection, else the cursor's line) and its
        1-based line; None when they have not been there."""
        source = self.source
        sel = source.selection
        if sel == self._auto_selection:
            return None  # still the highlight this screen set
        text = source.selected_text if sel.start != sel.end else source.document.get_line(sel.end[0])
        return text.strip(), min(sel.start, sel.end)[0] + 1

    # Edits

    def _apply(
        self, edit: Callable[[Deck], Deck | tuple[Deck, int]], done: str, focus: Callable[[Deck], Row] | None = None
    ) -> None:
        try:
            result = edit(self.deck)
        except TrainerError as exc:
            self.say(str(exc), error=True)
            return
        deck = result[0] if isinstance(result, tuple) else result
        self.history.append((self.deck, self.outline.highlighted or 0))
        self.deck = deck
        row = focus(deck) if focus is not None else None
        self.outline.show(deck, self.outline.index_of(row) if row is not None else self.outline.highlighted)
        self.query_one("#outline-title", Static).update(self._title())
        self._show_source()
        self.say(f"{done}（u 撤销）")

    def _need(self, level: str) -> Row | None:
        row = self.outline.row
        if row is None or (level == "point" and row.p is None) or (level == "section" and row.s is None):
            self.say("先选一个要点" if level == "point" else "先选一个小节或要点", error=True)
            return None
        return row

    def action_edit(self) -> None:
        row = self.outline.row
        if row is None:
            return
        topic = self.deck.topics[row.t]
        if row.s is None:
            self.app.push_screen(
                TextPrompt("主题名", topic.title),
                lambda v: v is not None and self._apply(lambda d: ed.rename_topic(d, row.t, v), "主题已改名"),
            )
        elif row.p is None:
            self.app.push_screen(
                TextPrompt("小节标题", topic.sections[row.s].heading),
                lambda v: v is not None and self._apply(lambda d: ed.rename_section(d, row.t, row.s, v), "小节已改名"),
            )
        else:
            head = topic.sections[row.s].points[row.p].head
            self.app.push_screen(
                TextPrompt("要点", head),
                lambda v: (
                    v is not None and self._apply(lambda d: ed.edit_point(d, row.t, row.s, row.p, v), "要点已修改")
                ),
            )

    def action_split(self) -> None:
        if (row := self._need("point")) is None:
            return
        point = self.deck.topics[row.t].sections[row.s].points[row.p]
        self.app.push_screen(
            CursorPrompt(f"拆分「{point.head}」：光标处开始新的一点", point.body, at=len(point.body) // 2),
            lambda at: (
                at is not None and self._apply(lambda d: ed.split_point(d, row.t, row.s, row.p, at), "已拆成两点")
            ),
        )

    def action_merge(self) -> None:
        if (row := self._need("point")) is not None:
            self._apply(
                lambda d: ed.merge_into_previous(d, row.t, row.s, row.p),
                "已并入上一点",
                lambda d: Row(row.t, row.s, row.p - 1),
            )

    def action_not_point(self) -> None:
        if (row := self._need("point")) is None:
            return

        def chosen(what: str | None) -> None:
            if what == "merge":
                self.action_merge()
            elif what == "drop":
                self._apply(lambda d: ed.drop_point(d, row.t, row.s, row.p), "已删除这一点")

        self.app.push_screen(
            ChoiceScreen(
                "不是要点：它的文字",
                [("merge", "m  并入上一点的说明"), ("drop", "d  删除")],
                keys={"m": "merge", "d": "drop"},
            ),
            chosen,
        )

    def action_kind(self) -> None:
        if (row := self._need("section")) is not None:
            kind = ed.KINDS[(ed.KINDS.index(self.deck.topics[row.t].sections[row.s].kind) + 1) % len(ed.KINDS)]
            self._apply(lambda d: ed.set_kind(d, row.t, row.s, kind), f"小节类型：{KIND_LABELS[kind.value]}")

    def action_move(self, step: int) -> None:
        if (row := self._need("point")) is not None:
            self._apply(
                lambda d: ed.move_point(d, row.t, row.s, row.p, step),
                "已上移" if step < 0 else "已下移",
                lambda d: Row(row.t, row.s, row.p + step),
            )

    def action_move_to(self) -> None:
        if (row := self._need("point")) is None:
            return
        options = [
            (f"{ti}/{si}", f"{t.title} › {s.heading}")
            for ti, t in enumerate(self.deck.topics)
            for si, s in enumerate(t.sections)
            if (ti, si) != (row.t, row.s)
        ]

        def chosen(where: str | None) -> None:
            if where is not None:
                ti, si = map(int, where.split("/"))
                self._apply(lambda d: ed.move_point_to(d, row.t, row.s, row.p, ti, si), "已移到所选小节")

        self.app.push_screen(ChoiceScreen("移到哪个小节", options), chosen)

    def action_drop_section(self) -> None:
        if (row := self._need("section")) is not None:
            self._apply(
                lambda d: ed.drop_section(d, row.t, row.s), "已删除小节", lambda d: Row(min(row.t, len(d.topics) - 1))
            )

    def action_add(self) -> None:
        if (row := self._need("section")) is None:
            return
        picked = self._source_pick()
        if picked is None or not picked[0]:
            self.say("先按 Tab 到原文，把光标放在那一行（或用 Shift+方向键选中），再按 a", error=True)
            return
        text, line = picked
        after = -1 if row.p is None else row.p
        self._apply(
            lambda d: ed.add_point(d, row.t, row.s, after, text, line),
            "已从原文添加一点",
            lambda d: Row(row.t, row.s, after + 1),
        )
        self.outline.focus()

    def action_pick_head(self) -> None:
        if (row := self._need("point")) is None:
            return
        picked = self._source_pick()
        if picked is None or not picked[0] or "\n" in picked[0]:
            self.say("先按 Tab 到原文，用 Shift+方向键选中要点文字（一行之内），再按 h", error=True)
            return
        self._apply(lambda d: ed.edit_point(d, row.t, row.s, row.p, picked[0]), "要点已取自原文")
        self.outline.focus()

    def action_rename_deck(self) -> None:
        self.app.push_screen(
            TextPrompt("卡组名", self.deck.name),
            lambda v: v is not None and self._apply(lambda d: ed.rename_deck(d, v), "卡组已改名"),
        )

    def action_undo(self) -> None:
        if not self.history:
            self.say("没有可撤销的修改", error=True)
            return
        self.deck, at = self.history.pop()
        self.outline.show(self.deck, at)
        self.query_one("#outline-title", Static).update(self._title())
        self._show_source()
        self.say("已撤销")

    # Leaving

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "outline-save-button":
            self.action_save()
        else:
            self.action_leave()

    def action_save(self) -> None:
        app = self.app
        engine = getattr(app, "engine", None)
        clock = getattr(app, "clock", None)
        if engine is None or clock is None:
            return
        try:
            report = save_draft(engine, self.draft, self.deck, now=clock())
        except TrainerError as exc:
            self.say(f"没有保存：{exc}", error=True)
            return
        app.notify(
            f"已保存 {self.draft.target}：新增 {report.added} 张，保留 {report.kept} 张，退役 {report.retired} 张",
            title=self.deck.name,
        )
        self.dismiss(True)

    def action_leave(self) -> None:
        if not self.history:
            self.dismiss(False)
            return
        self.app.push_screen(
            confirm(f"放弃对大纲的 {len(self.history)} 处修改？（不写任何文件）", "放弃，不保存", "继续修改"),
            lambda answer: answer == "yes" and self.dismiss(False),
        )


def push_outline(app: App[object], draft: Draft, *, then_exit: bool = False) -> None:
    """Open the outline screen on a draft; with `then_exit` (`trainer build --review`), leaving it quits
    the app with `saved` as its result."""

    def done(saved: bool | None) -> None:
        if then_exit:
            app.exit(bool(saved))

    app.push_screen(OutlineScreen(draft), done)
