"""Items alone of their style that are no list (a stray bullet, a byline after a symbol); no kinds."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.noise import ends_terminal
from trainer.parse.outline import Node
from trainer.parse.paragraphs import Para
from trainer.parse.vocab import heading_kind

_RUN_IN_LEAD = re.compile(r"^[^，。；：！？]{2,12}：")


def unlist_lone_items(node: Node) -> None:
    """A bullet with no sibling bullet is no list (a stray `• 注册` of a page's menu): it is a line of
    text, and what was read into it belongs to its parent."""
    bullets = [c for c in node.children if c.style == "bullet"]
    para = bullets[0].para if len(bullets) == 1 else None
    if para is None:
        _unlist_lone_symbol(node)
        return
    at = node.items.index(bullets[0])
    before = node.items[at - 1] if at else None
    opens = at == 0 or (isinstance(before, Para) and before.key.rstrip().endswith("："))
    if opens and _RUN_IN_LEAD.match(bullets[0].title):
        return  # opening its item or announced (`主要存在以下问题：`), and led like a point: a list cut short
    cut = node.items[-1] is bullets[0] and not bullets[0].items and not ends_terminal(bullets[0].title.strip())
    if opens and cut and heading_kind(node.title) is not SectionKind.OTHER:
        return  # `三、反思启示` then `- 坚持以人民为`, where the copy ends: the first point of a list cut short
    node.items[at : at + 1] = [para, *bullets[0].items]


SYMBOL_LINE_MAX = 8


def _unlist_lone_symbol(node: Node) -> None:
    """A short line after a symbol (`■ 朱海波`, a byline) with no sibling of its symbol, over prose only,
    is no list either: a line of text among its parent's."""
    for style in {c.style for c in node.children if c.style.startswith("sym")}:
        same = [c for c in node.children if c.style == style]
        lone = same[0] if len(same) == 1 else None
        if lone is None or lone.para is None or lone.children or len(lone.title.strip()) > SYMBOL_LINE_MAX:
            continue
        at = node.items.index(lone)
        node.items[at : at + 1] = [lone.para, *lone.items]
