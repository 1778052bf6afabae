"""Joining lines broken by PDF/web copying into logical paragraphs, keeping source line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.parse.markers import STYLE_RANK, cn_number, match_line
from trainer.parse.noise import ends_terminal
from trainer.parse.normalize import Line
from trainer.parse.questions import ANSWER_RUN_ON, SCORE
from trainer.parse.tablerows import is_row_line, rows_from_cells, rows_from_spaces
from trainer.parse.vocab import COUNTS_WHAT_FOLLOWS, is_heading_phrase

BARRIER = -1  # the indent of a blank line standing in for removed noise: never join across it
LONG_LINE = 40  # a line this long that stops mid-sentence was broken by the copy
_CLAUSE_MARK = re.compile("[，；,;]")  # a head phrase has none: `发现二：排污、垃圾…最为迫切的类别`
COUNTED_HEAD_MAX = 60  # a counted head (`发现二：…`) this long, stopping on a word, is a head line whole
PROSE_LINE = 24  # a line of prose (it has a stop or comma inside) this long that stops on a word was broken
_SOFT_END = "，、；,;"
_CLOSERS = " ”’」』）)》】\"'"
_MD_HEADING = re.compile(r"^#{1,6}(?:\s|$)")
_HAS_PUNCT = re.compile(r"[，。；：！？、,.;:!?]")


@dataclass(slots=True)
class Para:
    """A logical paragraph: display text, folded key (same length) and where each piece came from.

    `segments` holds (offset in text, source line number) for every joined physical line.
    """

    text: str
    key: str
    lineno: int
    indent: int
    segments: list[tuple[int, int]]
    gap: int = 0  # blank lines before it (a dropped noise line counts as three)

    def line_at(self, offset: int) -> int:
        """The source line number of a character offset in this paragraph."""
        line = self.lineno
        for start, n in self.segments:
            if start > offset:
                break
            line = n
        return line

    def slice(self, start: int, end: int | None = None) -> Para:
        """A sub-paragraph from `start` to `end`, with line numbers carried over."""
        stop = len(self.text) if end is None else end
        segs = [(max(0, s - start), n) for s, n in self.segments if s < stop]
        first = self.line_at(start)
        segs = [(0, first)] + [(s, n) for s, n in segs if s > 0]
        return Para(self.text[start:stop], self.key[start:stop], first, 0, segs)


# `对策：1.…`: a line led by a heading word and a colon opens a part of its own.
_LABEL_LEAD = re.compile(r"^([^，。；：！？、,.;:!?\s]{2,8})：")


def is_start_line(line: Line) -> bool:
    """True when a line opens something of its own (heading, numbered item, a part led by a heading
    word and a colon) and must not be joined."""
    if _MD_HEADING.match(line.key) or match_line(line.key) is not None or is_row_line(line.key):
        return True  # a table row (`| 文化创新 | … |`, `历史价值 | … |` copied without its opening bar) too
    if ANSWER_RUN_ON.match(line.key):
        return True  # `答案：1）…`: an answer opens after its question
    label = _LABEL_LEAD.match(line.key)
    return label is not None and is_heading_phrase(label.group(1))


def _columns(text: str) -> int:
    """How wide a line is on the page: a Chinese character takes two columns, ASCII one."""
    return sum(1 if ch.isascii() else 2 for ch in text)


PAGE_LINES = 4  # lines of one width at least this many times: the width of the page a copy broke at
PAGE_MIN = 20  # columns; a shorter common width is a list of short items, not a page


def page_width(lines: list[Line]) -> int:
    """The width (in columns) most lines of a PDF copy share, or 0 when no width is common enough."""
    counts: dict[int, int] = {}
    keyed = [line for line in lines if line.key]
    for at, line in enumerate(keyed):
        after = keyed[at + 1] if at + 1 < len(keyed) else None
        # Numbered lines and headings are as long as their words, not as wide as the page; so is a
        # head line over a longer paragraph (a line the page broke is followed by one no wider).
        if not is_start_line(line):
            cols = _columns(line.key)
            if after is None or _columns(after.key) <= cols + 2:
                counts[cols] = counts.get(cols, 0) + 1
    # A width and the one next to it count together (a half-width digit or mark shifts a line by one).
    best = max(counts, key=lambda w: counts[w] + counts.get(w - 1, 0), default=0)
    shared = counts.get(best, 0) + counts.get(best - 1, 0)
    return best if best >= PAGE_MIN and shared >= PAGE_LINES else 0


def _breaks_mid_sentence(line: Line, width: int = 0) -> bool:
    body = line.key.rstrip(_CLOSERS)
    if not body or _MD_HEADING.match(line.key) or SCORE.search(line.key):
        return False  # a question's score (`（15分）`) ends it
    if width and _columns(body) >= width - 1 and _is_word(body[-1]):
        return True  # a line as wide as the page that stops on a word ran on
    if body[-1] in _SOFT_END:
        return True
    if body[-1] == "：" and len(body) >= 20:
        return True
    counted = not width and len(body) <= COUNTED_HEAD_MAX and (marker := match_line(body)) is not None
    if counted and marker.style == "word_num" and not _CLAUSE_MARK.search(body, marker.end):
        return False  # `发现一：…最为见效` over its paragraph: a counted head phrase, on a page with no common width
    if len(body) >= LONG_LINE and not ends_terminal(line.key) and body[-1] != "：":
        return True
    # A PDF copy breaks at the page width, which may be short: prose that stops on a word ran on.
    # (A numbered line's own marker, `一、`, is no punctuation of its text.)
    marker = match_line(body)
    start = marker.end if marker is not None else 0
    if marker is not None and len(body) <= NUMBERED_HEADING_MAX and HEADING_SUBTITLE.match(body, start):
        return False  # `二、水土流失的“连锁反应”：从生态到经济的多维危机`: a numbered heading and its subtitle
    prose = len(body) >= PROSE_LINE and _is_word(body[-1]) and bool(_HAS_PUNCT.search(body, start, len(body) - 1))
    return prose and not ends_terminal(line.key)  # `…。（评析：点出主旨）`: a remark after the stop


# A heading's words, a colon, its subtitle: no clause mark but the one colon (`硬件之困：“爬不动的楼”与…`).
HEADING_SUBTITLE = re.compile(r"[^，。；：！？、,.;:!?]{2,28}：[^，。；：！？,.;:!?]{2,28}$")


def _is_word(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isalnum()


# A label and its subtitle (`空间失衡：物理空间的“无序”与“割裂”`): a heading line too, never a sentence's tail.
LABEL_AND_SUBTITLE = re.compile(r"^[^，。；：！？、\s]{2,10}：[^，。；：！？]{2,16}$")


def _looks_like_heading(line: Line) -> bool:
    return (len(line.key) <= 20 and not _HAS_PUNCT.search(line.key)) or bool(LABEL_AND_SUBTITLE.match(line.key))


_ITEM_LEAD = re.compile(r"^[^，。；：！？、,.;:!?\s]{2,12}：")
# An item led by a short phrase and a colon (or a stop) with its elaboration after (`住房与教育支出：一线城市…`,
# `执行进度缓慢：项目前期工作准备不够充分`).
LED_ITEM = re.compile(r"^[^，。；：！？]{2,16}[：。](?=[^：]{8})")
_ANNOUNCING = re.compile(r"(?:如下|以下|下列|几个方面|几点)[^，。；：]{0,6}：$")
NUMBERED_HEADING_MAX = 30  # a numbered line this short, then a blank line, is a heading, not a broken line


def _numbered_line(line: Line) -> bool:
    marker = match_line(line.key)
    return marker is not None and marker.style in STYLE_RANK and len(line.key.rstrip()) <= NUMBERED_HEAD_MAX


def _stands_apart(last: Line, line: Line, gap: int, width: int = 0) -> bool:
    """True when `line` starts something of its own after `last` although `last` looks unfinished: the
    first item of a list `last` announces (`…确保服务高效运转：` then `定时响应：…`, `…分析如下：` then a
    short line with no stop, the first heading), or the paragraph under
    a short numbered heading set apart from it by a blank line (`一、创新机制：打造…阵地`)."""
    if last.key.rstrip().endswith("：") and (
        _ITEM_LEAD.match(line.key) or COUNTS_WHAT_FOLLOWS.search(last.key.rstrip())
    ):
        return True  # `…主要表现在以下几个方面：` then `增强民族凝聚力。…`: the first item
    if _ANNOUNCING.search(last.key.rstrip()) and _looks_like_heading(line):
        return True  # `…分析如下：` then `高校扩招与岗位减少`: the first of the headings it announces
    if bool(gap) and match_line(last.key) is not None and len(last.key.rstrip()) <= NUMBERED_HEADING_MAX:
        return True
    # `一、统一思想，提高认识，切实增强…的紧迫感` over a paragraph many times its length, on a page whose lines
    # share no width: the numbered line is said whole (a PDF's broken lines are as long as each other).
    return not width and len(line.key) >= 2 * len(last.key) and _numbered_line(last)


def join_lines(lines: list[Line]) -> list[Para]:
    """Group physical lines into paragraphs: every non-blank line is its own paragraph unless it
    continues a line that was broken mid-sentence (possibly across one or two blank lines)."""
    lines = rows_from_spaces(rows_from_cells(lines))  # a table set out a cell a line or its bars lost
    paras: list[Para] = []
    last: Line | None = None
    before: Line | None = None  # the line before `last`, when `last` opened a paragraph right after it
    gap = 0
    width = page_width(lines)
    for line in lines:
        if not line.key:
            gap += 3 if line.indent == BARRIER else 1
            continue
        if (
            paras
            and last is not None
            and gap <= 2
            and (_breaks_mid_sentence(last, width) or line.key.startswith("："))  # a colon opens no paragraph
            and not is_start_line(line)
            and not (gap and _looks_like_heading(line))
            and not _stands_apart(last, line, gap, width)
            and not (gap and _ends_as_its_sibling(before, last))
        ):
            para = paras[-1]
            sep = " " if para.key[-1:].isascii() and para.key[-1:].isalnum() and line.key[0].isalnum() else ""
            sep = sep if line.key[0].isascii() else ""
            para.segments.append((len(para.text) + len(sep), line.lineno))
            para.text += sep + line.text
            para.key += sep + line.key
            before = None
        else:
            paras.append(Para(line.text, line.key, line.lineno, line.indent, [(0, line.lineno)], gap))
            before = last if not gap else None
        last = line
        gap = 0
    return paras


def _ends_as_its_sibling(before: Line | None, last: Line) -> bool:
    """True when `last` is an item (`• 评价结果应用不足：…`) right after a sibling of its marker that ended
    the same way, with no stop, and stood apart: the list's items end so, and a blank line after the
    last one ends the list (`本文将系统阐述…` after it is a paragraph of its own, not its tail)."""
    if before is None:
        return False
    mine, theirs = match_line(last.key), match_line(before.key)
    return (
        mine is not None
        and theirs is not None
        and mine.style == theirs.style
        and not ends_terminal(before.key)
        and not before.key.rstrip(_CLOSERS).endswith(tuple(_SOFT_END))
    )


# A number alone on its line (`1`, `01`, `1.`, `一`, `①`): the big numeral a page sets over each item.
_NUMBER_LINE = re.compile(r"^(?:0?(\d{1,2})[.、]?|([一二三四五六七八九十]{1,3})|([①②③④⑤⑥⑦⑧⑨⑩]))$")
NUMBERED_HEAD_MAX = 40  # the line under such a number is the item's title, not a page of prose


def _number_of(line: Line) -> int:
    m = _NUMBER_LINE.match(line.key.strip())
    if not m:
        return 0
    if m.group(1):
        return int(m.group(1))
    if m.group(2):
        return cn_number(m.group(2))
    return "①②③④⑤⑥⑦⑧⑨⑩".index(m.group(3)) + 1


def _lone_style(key: str) -> str:
    """The numbering style a number alone on its line goes on: `3.`/`3、` arabic, `三、` cn_dun, `③` circled."""
    key = key.strip()
    if key[:1].isdigit() and key[-1:] in ".、":
        return "arabic"
    return "cn_dun" if key[-1:] == "、" else "circled" if key in "①②③④⑤⑥⑦⑧⑨⑩" else ""


def number_lines(lines: list[Line]) -> list[Line]:
    """Numbers alone on their lines, each over a short title line, that count 1, 2, 3 …: a list whose
    numbers a page set apart (`1` then `凡治国之道，必先富民`). Each number becomes its title line's
    marker (`1. 凡治国之道，必先富民`); numbers that count nothing (page numbers) are left alone."""
    lines = _bullet_lines(lines)
    found: list[tuple[int, int, int]] = []  # (number line, title line, number)
    going_on: list[tuple[int, int, int]] = []  # numbers alone that go on a list numbered on its lines
    last: dict[str, int] = {}  # the number each style's list has reached, on lines of their own
    width = page_width(lines)
    before: Line | None = None
    for i, line in enumerate(lines):
        n = _number_of(line)
        prev, before = before, (line if line.key else before)
        if not n:
            if (marker := match_line(line.key)) is not None:
                last[marker.style] = marker.ordinal
            continue
        j = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].key), -1)
        style = _lone_style(line.key)
        # A page number falls where the page broke, mostly mid-sentence, and the line after it is as
        # wide as the page; a list's number stands after a finished sentence, over a short title.
        after_stop = prev is None or not _breaks_mid_sentence(prev, width)
        if (
            n >= 2
            and last.get(style) == n - 1
            and prev is not None
            and after_stop
            and j >= 0
            and not is_start_line(lines[j])
            and not _number_of(lines[j])
        ):
            going_on.append((i, j, n))  # `2. 路径依赖：…` then `3.` alone over `改革窗口期：…`
            last[style] = n
            continue
        if not after_stop:
            continue
        if j < 0 or is_start_line(lines[j]) or _number_of(lines[j]):
            continue
        # A number with its mark (`1.`) is an item's whatever follows; a bare one over a long line may
        # be a page number.
        marked = line.key.strip()[-1] in ".、"
        if not marked and (len(lines[j].key) > NUMBERED_HEAD_MAX or (width and _columns(lines[j].key) >= width - 1)):
            continue
        found.append((i, j, n))
    chain: list[tuple[int, int, int]] = []
    for item in found:
        if item[2] == len(chain) + 1:
            chain.append(item)
    if len(chain) < 2:
        chain = []
    if not chain and not going_on:
        return lines
    out = list(lines)
    for i, j, n in chain + going_on:
        title = lines[j]
        out[j] = Line(f"{n}. {title.text}", f"{n}. {title.key}", title.lineno, title.indent)
        out[i] = Line("", "", lines[i].lineno, 0)
    return out


_LONE_BULLET = frozenset("-*•·")
_TRAILING_BULLET = re.compile(r"(?<=[。；！？.;!?]) +[-•·]\s*$")  # a mark after a stop, at a line's end


def _bullet_lines(lines: list[Line]) -> list[Line]:
    """Bullet marks alone on their lines, two or more, each over a line of text (`-` then `问题概括`):
    a list whose marks a copy set apart. Each mark becomes the marker of the line under it."""
    found = []
    for i, line in enumerate(lines):
        trailing = _TRAILING_BULLET.search(line.key)  # `…操作更显繁琐。 -`: the next item's mark, run on up
        if line.key.strip() in _LONE_BULLET or trailing:
            j = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].key), -1)
            # A mark over a paragraph of sentences is a rule between parts of the page, not a marker.
            prose = j > 0 and lines[j].key.count("。") >= 2
            if j > 0 and not prose and lines[j].key.strip() not in _LONE_BULLET and match_line(lines[j].key) is None:
                found.append((i, j))
    if len(found) < 2:
        return lines
    out = list(lines)
    for i, j in found:
        mark, item, line = lines[i].key.strip()[-1], lines[j], lines[i]
        out[j] = Line(f"{mark} {item.text.lstrip()}", f"{mark} {item.key.lstrip()}", item.lineno, item.indent)
        kept = _TRAILING_BULLET.sub("", line.text), _TRAILING_BULLET.sub("", line.key)
        out[i] = Line(*kept, line.lineno, line.indent) if len(line.key.strip()) > 1 else Line("", "", line.lineno, 0)
    return out


_ITEM_GAP = re.compile(r" +")
RUN_ON_TITLE_MAX = 20  # the title of an item run on with its first sub-item is a short phrase
_RUN_ON_LEAD = re.compile(r"[^，。；：！？、,.;:!?\s]{2,12}：[^：]{10}")  # `考核指挥棒转向：浙江推行…`


def split_run_on_items(paras: list[Para]) -> list[Para]:
    """An item whose line runs on, after a space, into its first sub-item of a deeper style
    (`一、规划背景 （一）“十五”期间工作进展情况。`) or into a first point led by a short phrase and a
    colon (`二、案例背后的治理逻辑 考核指挥棒转向：浙江…`): two lines run together by a copy, split again."""
    out: list[Para] = []
    for para in paras:
        marker = match_line(para.key)
        rank = STYLE_RANK.get(marker.style, 0) if marker is not None else 0
        gap = _ITEM_GAP.search(para.key, marker.end) if marker is not None and rank else None
        if marker is None or gap is None or not 2 <= gap.start() - marker.end <= RUN_ON_TITLE_MAX:
            out.append(para)
            continue
        sub = match_line(para.key[gap.end() :])
        title = para.key[marker.end : gap.start()]
        deeper = sub is not None and sub.ordinal == 1 and STYLE_RANK.get(sub.style, 0) > rank
        deeper = deeper or (sub is None and _RUN_ON_LEAD.match(para.key, gap.end()) is not None)
        if not deeper or _HAS_PUNCT.search(title):
            out.append(para)
            continue
        head = para.slice(0, gap.start())
        head.gap, head.indent = para.gap, para.indent
        out.extend([head, para.slice(gap.end())])
    return out
