"""The key help: every key of every screen in one list; read-only."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.tui.cjk import wrap

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "首页",
        (
            ("⏎ 回车", "复习光标所在的卡组或主题"),
            ("t", "展开或收起卡组的主题"),
            ("a", "复习全部卡组"),
            ("s", "统计"),
            ("b", "浏览要点"),
            ("c", "浏览每张卡片（多选、批量操作）"),
            (
                "x",
                "自定义学习：提前复习、当前卡组或主题、最薄弱的要点；默认是练习（不记录、不改日程），今天没有要复习的卡片时按键栏显示为“x 练习”",
            ),
            ("p", "备考计划：考试当天的预计记忆（按主题、按清单）、每天需要的分钟"),
            ("k", "考前速记：把预计最弱的清单过一遍（考试当天；回答照常记录）"),
            ("Ctrl+P", "命令面板"),
            ("n", "新建卡组：选文档或粘贴文本，对照原文检查大纲"),
            ("r", "卡组改名（卡片和复习记录都保留）"),
            ("Delete", "删除卡组（确认后；卡片退役，记录保留）"),
            ("q", "退出"),
        ),
    ),
    (
        "大纲",
        (
            ("↑ / ↓ / Tab", "选条目 / 在大纲和原文之间切换（原文高亮所选条目的行）"),
            ("e", "改要点、小节标题或主题名"),
            ("s", "在光标处把一点拆成两点"),
            ("m", "并入上一点"),
            ("x", "不是要点：并入上一点或删除"),
            ("o", "展开：说明里是一个列表时，这一点变成一节，列表各项成为要点（后面的点接在「原标题（续）」一节）"),
            ("r", "换一种读法：把一组编号的条目当作要点或当作小标题（再按 r 看下一种，回到原读法）"),
            ("k", "改小节类型（意义/问题/对策/成效/其他）"),
            ("Ctrl+↑ / K", "上移一点"),
            ("Ctrl+↓ / J", "下移一点"),
            (">", "移到另一个小节"),
            ("D", "删除小节"),
            ("a", "把原文光标所在行（或选中的文字）加为一点"),
            ("h", "用原文选中的文字作要点"),
            ("N", "卡组改名"),
            ("u", "撤销，可连续多步"),
            ("Ctrl+S / 保存", "写入卡组文件并同步"),
            ("Esc", "放弃（有修改时先询问）"),
            ("?", "按键帮助（本页）；条目前的 ? 是标记，表示生成器对它没把握"),
        ),
    ),
    (
        "复习",
        (
            ("空格 / 回车", "显示答案；显示后等于 4 分（或输入答案的建议分）"),
            ("0–5", "评分（显示答案后；每个键下方是下次间隔）"),
            ("↑ / ↓ / Tab", "清单卡片显示答案后逐点评分：选要点（高亮 ▸）"),
            ("0–5", "清单卡片：给高亮的要点评分，光标移到下一个未评的要点"),
            ("空格 / 回车", "清单卡片：未评的要点按 4 分，提交；“整组”一行是整个清单得几分（取最低分）和下次间隔"),
            ("h", "提示：多按一次多显示一个字；卡片下方显示它的提示（字数，清单的口诀）"),
            ("Ctrl+T / t", "输入答案模式开/关（逐点比较，给出建议分）；输入框中用 Ctrl+T"),
            ("Ctrl+Z / u", "撤销，可连续多步；输入框中用 Ctrl+Z"),
            ("Esc", "输入框中：不输入，直接看答案"),
            ("-", "搁置到明天"),
            ("@", "暂停此卡"),
            ("e", "编辑要点（保留复习记录）"),
            ("i", "卡片信息"),
            ("q / Esc", "结束本次复习，看小结"),
            ("F2", "显示/隐藏计时（默认不显示；时间限制见 trainer config set time-limit）"),
        ),
    ),
    (
        "浏览",
        (
            ("/", "搜索框（在表格上直接输入汉字也开始搜索）"),
            ("f", "切换状态筛选"),
            ("n / p", "下一页 / 上一页"),
            ("回车 / i", "卡片信息"),
            ("@", "暂停 / 恢复"),
            ("e", "编辑"),
            ("a", "在光标所在的小节末尾添加要点（写入卡组文件，同编辑）"),
        ),
    ),
    (
        "卡片浏览（首页 c）",
        (
            ("/", "搜索框"),
            ("空格", "选中 / 取消选中（可多选）"),
            ("a", "全选 / 取消本页"),
            ("@", "暂停；选中的全已暂停时恢复"),
            ("-", "搁置到明天"),
            ("x", "重置为新卡（确认后；复习记录保留）"),
            ("d", "改期：几天后到期"),
            ("o / r", "换排序列（到期、间隔、易度、遗忘、类型）/ 倒序"),
            ("c", "选择显示的列"),
            ("f / k", "切换状态 / 卡片类型筛选"),
            ("n / p", "下一页 / 上一页"),
            ("回车 / i", "卡片信息"),
        ),
    ),
)


KEY_CELLS = 13  # the key column's width; a description starts after it


def help_text(width: int | None = None) -> str:
    """Every key as lines of text (markup), grouped by screen; at a `width`, a description too long for
    its line goes on under itself (a hanging indent), broken as Chinese is (`cjk.wrap`)."""
    lines: list[str] = []
    indent = 2 + KEY_CELLS
    for screen, keys in KEYS:
        lines.append(f"[b]{screen}[/b]")
        for k, what in keys:
            # Pad by display width: 回车 takes four cells, not two.
            pad = " " * max(1, KEY_CELLS - cell_len(k))
            first, *rest = [what] if width is None else wrap(what, max(10, width - indent))
            lines.append(f"  [$text-accent]{k}{pad}[/]{first}")
            lines += [" " * indent + more for more in rest]
        lines.append("")
    return "\n".join(lines).rstrip()


class KeyHelp(Static):
    """The key list, wrapped again for the width it is given."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(help_text(), id=id)
        self._width = 0

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.update(help_text(self._width))


class HelpScreen(ModalScreen[None]):
    """Lists every key; Escape, q, ? or Enter closes it."""

    BINDINGS = [Binding("escape,q,question_mark,enter", "close", "关闭")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static("按键", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield KeyHelp(id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
