"""Table rows as a copy leaves them, and which rows of a table are points; string work only, no tree."""

from __future__ import annotations

import re

from trainer.parse.kindwords import KIND_RX
from trainer.parse.markers import cn_number
from trainer.parse.normalize import Line

# A row: `| 文化教育 | 开设传统文化课程 | 提升青少年文化素养 |`. A page's copy may lose a row's opening bar
# (`历史价值 | 文化遗产是… |`), never its cells' bars: so a row is a line opened by a bar, or a short first
# cell then a bar and a bar closing the line. Every question about rows is answered here.
_FIRST_CELL = r"[^|\s][^|]{0,19}"  # a row's first cell: short, opened by a word, not a space
# A line that is a table row (with its opening bar, or a copy that lost it).
_ROW_LINE = re.compile(rf"^\||^{_FIRST_CELL}\|.*\|\s*$")
# A row led by its first cell (group 1), with a second cell after it; a rule (`| --- |`) leads nothing.
ROW_LEAD = re.compile(rf"^(?:\| *)?(?!-)({_FIRST_CELL}?) *\|(?= *[^|\s-][^|]*\|)")


def is_row_line(key: str) -> bool:
    """True for a line that is a table row (`| 文化创新 | … |`, `历史价值 | … |` with no opening bar)."""
    return bool(_ROW_LINE.match(key))


HEADER_CELL_MAX = 6  # a header row's cells are short labels (实践方向, 具体措施, 效果)


def cells(row: str) -> list[str]:
    """A row's cells, stripped (the bars at its ends are none)."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


_COUNT_CELL = re.compile(r"^\| *(\d{1,2}|[一二三四五六七八九十]{1,3}) *\|")
_SECOND_CELL = re.compile(r"^\|[^|]*\| *([^|\s][^|]*?) *(?:\||$)")


def _counted_rows(rows: list[str]) -> bool:
    """True for table rows whose first cells count them (`| 1 | 大气污染 | …`, a 序号 column): 1, 2, 3 … in
    order; the number is the row's marker, not its lead."""
    counts = [_COUNT_CELL.match(row) for row in rows]
    values = [int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1)) for m in counts if m]
    return len(values) == len(rows) >= 2 and values == list(range(values[0], values[0] + len(values)))


def _second_cell(row: str) -> tuple[int, int]:
    m = _SECOND_CELL.match(row)
    return (m.start(1), m.end(1)) if m else (0, 0)


def _first_cell(row: str) -> tuple[int, int]:
    m = ROW_LEAD.match(row)
    return (m.start(1), m.end(1)) if m else (0, 0)


# Words a header cell names its column by (`问题类型`, `具体措施`, `实施对象`), beside the kind words.
_COLUMN_WORD = re.compile(
    r"项目|内容|说明|类型|类别|方面|名称|序号|具体|地区|时间|对象|指标|备注|要点|步骤|数据|领域|层面|主体|部门|单位"
    r"|情况|分析|范围|表现|做法|效果|影响|特点|方向|形式|阶段|环节|事项|标准|结果|依据"
)


def _is_header(row: str, nxt: str) -> bool:
    """True for a table's first row when its cells are all short labels and the next row's are not, or
    when every one of them names a column (`| 地区 | 主要做法 | 成效 |` over `| 浙江 | 建文化礼堂 | … |`)."""
    heads = cells(row)
    if any(len(c) > HEADER_CELL_MAX for c in heads):
        return False
    return any(len(c) > HEADER_CELL_MAX for c in cells(nxt)) or all(
        _COLUMN_WORD.search(c) or KIND_RX.search(c) for c in heads
    )


VALUE_MAX = 4  # a cell this short (a figure and its unit as one character, a bracketed note aside) states a value
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_FIGURE = re.compile(r"[\d.,%％]+[^\d\s|，。]{0,2}|[A-Za-z]+")  # a figure and its unit, a word


def _is_value(cell: str) -> bool:
    """True for a cell that states a value, not a sentence: a rating (`高（有害垃圾单独处理）`, `明显提升`),
    a figure (`1222万`, `增加43万`), a yes or no."""
    return len(_FIGURE.sub("#", _NOTE.sub("", cell)).replace(" ", "")) <= VALUE_MAX


def _compares(rows: list[str]) -> bool:
    """True for a table that compares (`| 方面 | 垃圾分类前 | 垃圾分类后 |`, `| 指标 | 2022年 | 2023年 |`):
    two or more columns of values beside each row's first cell, every one a value. Its first cells
    name the facets compared, each with no elaboration of its own: no points."""
    values = [cells(row)[1:] for row in rows]
    return all(len(v) >= 2 and all(_is_value(c) for c in v) for v in values)


def _tallies(rows: list[str]) -> bool:
    """True for a table of figures (`| 开展普法讲座次数 | 28 | 涉及民法典… |`, `| 发放宣传资料 | 5000份 | … |`):
    every row's second cell a figure, what its first cell names is counted, not argued: no points."""
    seconds = [cells(row)[1] if len(cells(row)) > 1 else "" for row in rows]
    return all(any(ch.isdigit() for ch in c) and _is_value(c) for c in seconds)


# The attributes a fact sheet gives a thing (`| 定义 | 述职是指… |`, `| 时间 | 2016年12月 |`). A new one is a
# word here.
_ATTRIBUTE = re.compile(
    r"^(?:定义|含义|概念|内涵|全称|简称|别称|目的|主体|对象|时间|地点|范围|依据|来源|出处|形式|类型|时限|作者|发布机构|发布时间)$"
)


def _fact_sheet(rows: list[str]) -> bool:
    """True for a table whose first cells, most of them, name a thing's attributes (定义, 目的, 主体,
    时间): a fact sheet about one thing, not a list of points."""
    named = sum(1 for row in rows if _ATTRIBUTE.match(cells(row)[0]))
    return 2 * named >= len(rows)


def row_leads(rows: list[str]) -> dict[int, tuple[int, int]]:
    """The points of a table's rows (two or more, in order): each row's index in `rows` mapped to where
    its lead starts and ends. A row is led by its first cell, or by the cell after a first cell that
    counts the rows (a 序号 column); the header row (short labels over longer cells) names the
    columns and is no point; a table comparing values has none, nor has a fact sheet."""
    run = list(range(len(rows)))
    if _is_header(rows[0], rows[1]):
        run = run[1:]
    if _compares([rows[k] for k in run]) or _fact_sheet([rows[k] for k in run]) or _tallies([rows[k] for k in run]):
        return {}
    counted = _counted_rows([rows[k] for k in run])
    return {k: _second_cell(rows[k]) if counted else _first_cell(rows[k]) for k in run}


# `力量薄弱 |` on a line of its own: one cell of a table a copy set out a cell a line, each closed by its bar.
_CELL_LINE = re.compile(r"^[^|]+\|$")
COLUMNS_MAX = 6
ROW_LEAD_MAX = 20  # a row's first cell is a short lead


def _row_length(cell_keys: list[str]) -> int:
    """How many cells make a row of a table set out a cell a line: the fewest (two or more) that part
    the cells into two or more rows, each opened by a short lead, and most of them holding a cell
    longer than a label (a table of short values only gives no points, rebuilt or not); 0 if none."""
    n = len(cell_keys)
    for k in range(2, COLUMNS_MAX + 1):
        if n % k or n // k < 2:
            continue
        rows = [cell_keys[i : i + k] for i in range(0, n, k)]
        if any(len(row[0]) > ROW_LEAD_MAX or "。" in row[0] for row in rows):
            continue
        if 2 * sum(any(len(c) > HEADER_CELL_MAX for c in row[1:]) for row in rows) >= len(rows):
            return k
    return 0


def rows_from_cells(lines: list[Line]) -> list[Line]:
    """Lines with a table set out a cell a line (`问题 |`, `具体表现 |`, `力量薄弱 |`, `社区工作者… |`) put
    back into its rows (`| 问题 | 具体表现 |`), each where its first cell was."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _CELL_LINE.match(lines[j].key.strip()):
            j += 1
        run = lines[i:j]
        k = _row_length([ln.key.strip()[:-1].strip() for ln in run]) if len(run) >= 4 else 0
        if not k:
            out.extend(run or lines[i : i + 1])
            i = max(j, i + 1)
            continue
        for r in range(0, len(run), k):
            row = run[r : r + k]
            text = "| " + " | ".join(ln.text.strip()[:-1].strip() for ln in row) + " |"
            key = "| " + " | ".join(ln.key.strip()[:-1].strip() for ln in row) + " |"
            out.append(Line(text, key, row[0].lineno, row[0].indent))
        i = j
    return out


# A table whose copy lost its bars, each cell parted from the next by spaces or a tab: a header of short
# labels naming columns (`表现内容 具体描述`), then rows led by a short first cell (`人口流失 青壮年…`).
_SPACED = re.compile(r"[ \t\u3000]+")
SPACED_LEAD_MAX = 12  # a row's first cell: a short label, no sentence
SPACED_ROWS_MIN = 2


_CELL_WORDS = re.compile(r"^[\u4e00-\u9fff“”]+$")  # a label cell: words only, no number, mark or bullet


def _spaced_header(key: str) -> bool:
    parts = _SPACED.split(key.strip())
    return (
        2 <= len(parts) <= 4
        and all(2 <= len(p) <= HEADER_CELL_MAX and _CELL_WORDS.match(p) for p in parts)
        and any(_COLUMN_WORD.search(p) or KIND_RX.search(p) for p in parts)
    )


def _spaced_row(key: str) -> list[str]:
    parts = _SPACED.split(key.strip(), maxsplit=1)
    if len(parts) != 2 or len(parts[0]) > SPACED_LEAD_MAX or not _CELL_WORDS.match(parts[0]):
        return []
    return parts


def _barred(text: str, cut: int) -> str:
    """A line of space-parted cells as a row with bars (`cut`: how many splits, 0 for every one)."""
    return "| " + " | ".join(_SPACED.split(text.strip(), maxsplit=cut)) + " |"


def rows_from_spaces(lines: list[Line]) -> list[Line]:
    """Lines of a table whose bars a copy turned into spaces, under a header of column labels, put back
    as rows with bars (`| 人口流失 | 青壮年劳动力多数外出打工… |`); other lines as they are."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i + 1
        if _spaced_header(lines[i].key):
            while j < len(lines) and _spaced_row(lines[j].key):
                j += 1
        if j - i - 1 < SPACED_ROWS_MIN:
            out.append(lines[i])
            i += 1
            continue
        for at, line in enumerate(lines[i:j]):
            cut = 0 if at == 0 else 1  # the header's every label a cell; a row's first cell, then its text
            out.append(Line(_barred(line.text, cut), _barred(line.key, cut), line.lineno, line.indent))
        i = j
    return out
