"""The outline review screen: the built outline beside its source text, fixed with single keys (each
undoable with `u`), saved as a deck file that is synced at once. The edits are
`trainer.core.outline_edits`; reading and saving are `trainer.services.outline_draft`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
from trainer.core.safetext import clean_text
from trainer.errors import TrainerError
from trainer.services.outline_draft import Draft, list_items, save_draft
from trainer.services.zh_messages import in_chinese
from trainer.tui.screens.dialogs import ChoiceScreen, CursorPrompt, TextPrompt, confirm
from trainer.tui.screens.outline_readings import ReadingsMixin
from trainer.tui.widgets.key_bar import KeyBar
from trainer.tui.widgets.outline_list import KIND_LABELS, OutlineList, Row, shown, source_for_display, source_lines

# Two panes side by side from this size; stacked below it (80x24).
SIDE_BY_SIDE = (100, 30)
# What fixes a row the builder was unsure of (`outline_list` says why), by the start of its reason.
FIXES = {
    "要点过长": "e 改短，或 s 在光标处拆成两点",
    "没有说明": "x 不是要点（并入上一点或删除），或 m 并入上一点",
    "只有一点": "> 移到别的小节，或 D 删除这一节",
    "": "k 改小节类型，或 D 删除这一节",
}


class OutlineScreen(ReadingsMixin, Screen[bool]):
    """Dismisses with True once the deck is saved and synced, False when the learner leaves without."""

    CSS_PATH = "../outline.tcss"  # loaded when the screen is first shown, not at start-up
    BINDINGS = [
        Binding("e", "edit", "改", id="outline-edit", priority=True),
        Binding("r", "reading", "读法", id="outline-reading", priority=True),
        Binding("o", "expand", "展开", id="outline-expand", priority=True),
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
        self._readings: list[tuple[str, Deck]] | None = None  # the document's readings, once asked for
        self._reading = 0
        self._edited = False  # an edit made since the reading now shown (a new reading replaces it)

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="outline-title")
        with Horizontal(id="outline-panes"):
            yield OutlineList(id="outline-list")
            source = source_for_display(self.draft.text)
            yield TextArea(source, id="outline-source", read_only=True, soft_wrap=True, show_line_numbers=True)
        yield Static("", id="outline-message")
        with Horizontal(id="outline-buttons"):
            yield Button("保存", id="outline-save-button", variant="primary")
            yield Button("放弃", id="outline-leave-button")
        yield KeyBar(self.BINDINGS, keep=("outline-undo", "outline-save", "outline-leave", "outline-help"))

    @property
    def outline(self) -> OutlineList:
        return self.query_one("#outline-list", OutlineList)

    @property
    def source(self) -> TextArea:
        return self.query_one("#outline-source", TextArea)

    def _title(self) -> Text:
        points = len(self.deck.points())
        return Text(
            f"大纲 · {shown(self.deck.name)} · {points} 点 → {shown(self.draft.target.name)}",
            no_wrap=True,
            overflow="ellipsis",
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
        self.say("；".join(notes) or "条目前的 ? 表示生成器没把握；按 ? 键看全部按键。")

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
        row = self.outline.row
        if row is not None and row.unsure:  # why the row has its ?, and the key that fixes it
            fix = next((keys for why, keys in FIXES.items() if row.unsure.startswith(why)), FIXES[""])
            self.say(f"? {row.unsure}：{fix}")

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

    def _apply(self, edit: Callable[[Deck], Deck], done: str, focus: Row | None = None) -> None:
        """Make an edit (undoably), show the outline again with `focus` (or the same row) highlighted."""
        try:
            deck = edit(self.deck)
        except TrainerError as exc:
            self.say(in_chinese(exc), error=True)
            return
        self.history.append((self.deck, self.outline.highlighted or 0))
        self.deck = deck
        self._edited = True
        self.outline.show(deck, self.outline.index_of(focus) if focus is not None else self.outline.highlighted)
        self.query_one("#outline-title", Static).update(self._title())
        self._show_source()
        self.say(f"{done}（u 撤销）")

    def _point_at(self) -> tuple[int, int, int] | None:
        """The highlighted point's place, or None (and a word to the learner)."""
        row = self.outline.row
        if row is None or row.s is None or row.p is None:
            self.say("先选一个要点", error=True)
            return None
        return row.t, row.s, row.p

    def _section_at(self) -> tuple[int, int, int] | None:
        """The highlighted section's place and the point highlighted in it (-1 on the section row)."""
        row = self.outline.row
        if row is None or row.s is None:
            self.say("先选一个小节或要点", error=True)
            return None
        return row.t, row.s, -1 if row.p is None else row.p

    def _prompt(self, title: str, value: str, edit: Callable[[Deck, str], Deck], done: str) -> None:
        """Ask for a text, then apply `edit` with it."""

        def answered(text: str | None) -> None:
            if text is not None:
                self._apply(lambda d: edit(d, text), done)

        self.app.push_screen(TextPrompt(title, value), answered)

    def action_edit(self) -> None:
        row = self.outline.row
        if row is None:
            return
        t, s, p = row.t, row.s, row.p
        topic = self.deck.topics[t]
        if s is None:
            self._prompt("主题名", topic.title, lambda d, v: ed.rename_topic(d, t, v), "主题已改名")
        elif p is None:
            heading = topic.sections[s].heading
            self._prompt("小节标题", heading, lambda d, v: ed.rename_section(d, t, s, v), "小节已改名")
        else:
            head = topic.sections[s].points[p].head
            self._prompt("要点", head, lambda d, v: ed.edit_point(d, t, s, p, v), "要点已修改")

    def action_split(self) -> None:
        if (at := self._point_at()) is None:
            return
        t, s, p = at
        point = self.deck.topics[t].sections[s].points[p]

        def answered(cut: int | None) -> None:
            if cut is not None:
                self._apply(lambda d: ed.split_point(d, t, s, p, cut), "已拆成两点")

        prompt = CursorPrompt(f"拆分「{point.head}」：光标处开始新的一点", point.body, at=len(point.body) // 2)
        self.app.push_screen(prompt, answered)

    def action_merge(self) -> None:
        if (at := self._point_at()) is not None:
            t, s, p = at
            self._apply(lambda d: ed.merge_into_previous(d, t, s, p), "已并入上一点", Row(t, s, p - 1))

    def action_not_point(self) -> None:
        if (at := self._point_at()) is None:
            return
        t, s, p = at

        def chosen(what: str | None) -> None:
            if what == "merge":
                self.action_merge()
            elif what == "drop":
                self._apply(lambda d: ed.drop_point(d, t, s, p), "已删除这一点")

        options = [("merge", "m  并入上一点的说明"), ("drop", "d  删除")]
        self.app.push_screen(ChoiceScreen("不是要点：它的文字", options, keys={"m": "merge", "d": "drop"}), chosen)

    def action_expand(self) -> None:
        """The highlighted point's body holds a list: the point becomes a section of its items."""
        if (at := self._point_at()) is None:
            return
        t, s, p = at
        items = list_items(self.deck.topics[t].sections[s].points[p].body)
        done = f"已展开成 {len(items)} 点的一节，k 改类型"
        self._apply(lambda d: ed.expand_point(d, t, s, p, items), done, Row(t, s + 1 if p else s))

    def action_kind(self) -> None:
        if (at := self._section_at()) is not None:
            t, s, _ = at
            kind = ed.KINDS[(ed.KINDS.index(self.deck.topics[t].sections[s].kind) + 1) % len(ed.KINDS)]
            self._apply(lambda d: ed.set_kind(d, t, s, kind), f"小节类型：{KIND_LABELS[kind.value]}")

    def action_move(self, step: int) -> None:
        if (at := self._point_at()) is not None:
            t, s, p = at
            done = "已上移" if step < 0 else "已下移"
            self._apply(lambda d: ed.move_point(d, t, s, p, step)[0], done, Row(t, s, p + step))

    def action_move_to(self) -> None:
        if (at := self._point_at()) is None:
            return
        t, s, p = at
        options = [
            (f"{ti}/{si}", f"{topic.title} › {section.heading}")
            for ti, topic in enumerate(self.deck.topics)
            for si, section in enumerate(topic.sections)
            if (ti, si) != (t, s)
        ]

        def chosen(where: str | None) -> None:
            if where is not None:
                ti, si = map(int, where.split("/"))
                self._apply(lambda d: ed.move_point_to(d, t, s, p, ti, si), "已移到所选小节")

        self.app.push_screen(ChoiceScreen("移到哪个小节", options), chosen)

    def action_drop_section(self) -> None:
        if (at := self._section_at()) is not None:
            t, s, _ = at
            self._apply(lambda d: ed.drop_section(d, t, s), "已删除小节", Row(max(0, t - 1) if t else 0))

    def action_add(self) -> None:
        if (at := self._section_at()) is None:
            return
        t, s, after = at
        picked = self._source_pick()
        if picked is None or not picked[0]:
            self.say("先按 Tab 到原文，把光标放在那一行（或用 Shift+方向键选中），再按 a", error=True)
            return
        text, line = picked
        self._apply(lambda d: ed.add_point(d, t, s, after, text, line), "已从原文添加一点", Row(t, s, after + 1))
        self.outline.focus()

    def action_pick_head(self) -> None:
        if (at := self._point_at()) is None:
            return
        t, s, p = at
        picked = self._source_pick()
        if picked is None or not picked[0] or "\n" in picked[0]:
            self.say("先按 Tab 到原文，用 Shift+方向键选中要点文字（一行之内），再按 h", error=True)
            return
        head = picked[0]
        self._apply(lambda d: ed.edit_point(d, t, s, p, head), "要点已取自原文")
        self.outline.focus()

    def action_rename_deck(self) -> None:
        self._prompt("卡组名", self.deck.name, ed.rename_deck, "卡组已改名")

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
        store = getattr(app, "store", None)
        clock = getattr(app, "clock", None)
        if store is None or clock is None:
            return
        try:
            report = save_draft(store, self.draft, self.deck, now=clock())
        except TrainerError as exc:
            self.say(f"没有保存：{in_chinese(exc)}", error=True)
            return
        if report.updated is not None:  # the deck was there already (bundled, or built before): said so
            new, changed = report.updated
            said = f"已更新卡组「{self.deck.name}」：新增 {new} 个要点，修改 {changed} 个\n{self.draft.target}"
        else:
            said = (
                f"已保存 {self.draft.target}：新增 {report.added} 张，保留 {report.kept} 张，退役 {report.retired} 张"
            )
        app.notify(clean_text(said), title=clean_text(self.deck.name), markup=False)
        self.dismiss(True)

    def action_leave(self) -> None:
        if not self.history or self.deck == self.draft.deck:  # nothing changed, or changed back
            self.dismiss(False)
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(False)

        question = confirm(f"放弃对大纲的 {len(self.history)} 处修改？（不写任何文件）", "放弃，不保存", "继续修改")
        self.app.push_screen(question, answered)


def push_outline(app: App[Any], draft: Draft, *, then_exit: bool = False) -> None:
    """Open the outline screen on a draft; with `then_exit` (`trainer build --review`), leaving it quits
    the app with `saved` as its result."""

    def done(saved: bool | None) -> None:
        if then_exit:
            app.exit(bool(saved))

    app.push_screen(OutlineScreen(draft), done)
