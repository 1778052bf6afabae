"""A title a copy set over two lines (broken mid-phrase, or over its —— subtitle); no choice of title."""

from __future__ import annotations

import itertools
import re

from trainer.core.model import normalize_key
from trainer.parse.bylines import is_person_name
from trainer.parse.headwords import CALL_START
from trainer.parse.markers import match_line
from trainer.parse.noise import ends_terminal, is_subtitle_line
from trainer.parse.normalize import Line
from trainer.parse.paragraphs import BARRIER, is_start_line
from trainer.parse.titles import PART_LABEL, TITLE_MAX, undecorated, within
from trainer.parse.vocab import is_heading_phrase


def barrier(line: Line) -> Line:
    """A blank in place of a dropped line keeps the lines around it from being joined across it."""
    return Line("", "", line.lineno, BARRIER)


# A line that opens with a word needing a subject before it (`存在的问题及建议`, `及其对策`, `的调查`)
# continues the line above.
_CONTINUES = re.compile(r"^(?:存在的|面临的|所|的|之|及|与|和|以及|及其|中的)")
_TITLE_BROKEN_MIN = 6


def _second_title_line(lines: list[Line], index: int) -> bool:
    """True when the line right under the title is a short phrase with no sentence mark and the line
    right under that is the subtitle (`——…`)."""
    if index + 2 >= len(lines):
        return False
    nxt, sub = lines[index + 1], lines[index + 2]
    key = nxt.key.strip()
    return (
        bool(key)
        and len(key) <= SECOND_LINE_MAX
        and is_subtitle_line(sub.key.strip())
        and not re.search(r"[，。；！？,.;!?：:]", key)
        and not is_start_line(nxt)
        and not is_heading_phrase(key)
    )


SECOND_LINE_MAX = 30


def continued_title(lines: list[Line], index: int, title: str) -> str:
    """A title a copy broke over two lines (`芜湖市公共文化事业和文化产业` / `存在的问题及建议`): the
    two joined, when the second follows with no blank line, opens with a word that needs the first,
    and neither holds a sentence mark."""
    if index + 1 >= len(lines) or len(title.strip()) < _TITLE_BROKEN_MIN:
        return title
    nxt = lines[index + 1].key.strip()
    if _second_title_line(lines, index):
        # `着力推进“五个突破”` / `持续深化“一件事一次办”改革攻坚` / `——常德市…典型经验`: a title set on
        # two lines, its subtitle under them.
        second = lines[index + 1].text.strip()
        lines[index + 1] = barrier(lines[index + 1])
        return f"{title.strip()} {second}"
    joined = title.strip() + nxt
    if _cut_short(lines, index, title):
        # `…民主生活会对照检` / `查材料（含案例）` over the text: a title a page's width cut mid-word
        second = lines[index + 1].text.strip()
        lines[index + 1] = barrier(lines[index + 1])
        return title.strip() + second
    if (
        not nxt
        or not _CONTINUES.match(nxt)
        or len(joined) > TITLE_MAX
        or re.search(r"[，。；！？,.;!?：:]", joined)
        or is_start_line(lines[index + 1])
    ):
        return title
    lines[index + 1] = barrier(lines[index + 1])
    return joined


CUT_TITLE_MIN = 15  # a title line this long may be cut by the page's width
CUT_REST_MAX = 10  # the rest of it on the next line is this short
_CLAUSE_MARK = re.compile(r"[，。；！？,.;!?：:、—]")


def _cut_short(lines: list[Line], index: int, title: str) -> bool:
    """True when the line right under a long title is its short rest, a page's width having cut it: a
    few words with no clause mark, no heading, name or number, over a line of the text."""
    title = title.strip()
    if index + 2 >= len(lines) or len(title) < CUT_TITLE_MIN or _CLAUSE_MARK.search(title):
        return False
    if title.endswith(("）", ")", "】", "]", "”", "」", "》")):
        return False  # a title closed by its bracket or quote is whole
    nxt, text = lines[index + 1], lines[index + 2].key.strip()
    key = nxt.key.strip()
    return (
        0 < len(key) <= CUT_REST_MAX
        and key not in title  # `…年终总结暨新年计划PPT模板` / `环保部门年终总结`: its words said again, a title
        and len(text) >= CUT_TITLE_MIN
        and not _CLAUSE_MARK.search(key)
        and not key[0].isdigit()
        and key[0] not in "【〖[（(《"
        and match_line(key) is None
        and not is_start_line(nxt)
        and not is_heading_phrase(key)
        and not PART_LABEL.match(key)
        and not is_person_name(nxt)
        and len(title) + len(key) <= TITLE_MAX
    )


SIBLING_LOOK = 400  # lines searched below a piece label for its title (a bounded look: linear)


def run_in(lines: list[Line], index: int, title: str) -> list[Line]:
    """The lines with the title at `index` set on a line of its own when a flattened page ran its text on
    after it (`…对策研究 伴随我国经济…`): the text stays, on a line of its own; the lines as they were else."""
    line = lines[index]
    if title == line.text or not line.text.startswith(title) or not line.text[len(title) : len(title) + 1].isspace():
        return lines
    rest = Line(line.text[len(title) :].strip(), line.key[len(title) :].strip(), line.lineno, line.indent)
    return [*lines[:index], Line(title, line.key[: len(title)], line.lineno, line.indent), rest, *lines[index + 1 :]]


_SYMBOLIC = ("sym", "emoji")  # a line opened by a symbol (■) or an emoji (🔥), no number


def lone_symbol(lines: list[Line], content: list[int]) -> bool:
    """True when the first line opens with a symbol (an emoji, ■) that no other line opens with."""
    first = lines[content[0]].key
    marker = match_line(first)
    if marker is None or not marker.style.startswith(_SYMBOLIC) or not first[marker.end :].strip():
        return False
    return not any(lines[i].key[:1] == first[:1] for i in content[1:])


def without_marker(line: Line) -> Line:
    marker = match_line(line.key)
    end = marker.end if marker is not None else 0
    return Line(line.text[end:].strip(), line.key[end:].strip(), line.lineno, line.indent)


def symbol_title(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """`■ 新时代“枫桥经验”与基层社会治理` over `■ 重要意义`, `■ 对策`: the first symbol line is the title
    when it names no section and every other line with that symbol does."""
    first = lines[content[0]]
    marker = match_line(first.key)
    if marker is None or not marker.style.startswith(_SYMBOLIC):
        return None
    text = first.key[marker.end :]
    if not text or len(text) > TITLE_MAX or ends_terminal(text) or is_heading_phrase(text):
        return None
    others = [lines[i].key for i in content[1:] if lines[i].key[:1] == first.key[0]]
    if not others or not all(is_heading_phrase(k[1:].strip()) for k in others):
        return None
    return content[0], first.text[marker.end :]


# A collection's piece label: a title with the piece's number after it (`农村教育调查报告 篇1`).
_PIECE_LABEL = re.compile(r"^[^，。；！？,.;!?]{4,60}?\s*篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[：:]?$")


def lone_piece_label(lines: list[Line]) -> int:
    """The index of the one piece label of a copy that holds a single piece of a collection (`…报告 篇1`
    and no `篇2`): it tells nothing the document's title does not, and heads no section; else -1."""
    found = [i for i, line in enumerate(lines) if line.key and _PIECE_LABEL.match(line.key.strip())]
    return found[0] if len(found) == 1 else -1


def piece_title(lines: list[Line], piece: int) -> tuple[int, str] | None:
    """The piece's own title under the one piece label of a collection's page (`…论文 篇1:` over
    `统筹城乡，壮大县域经济的思考`): the document is that piece, named by it; else nothing."""
    if piece < 0:
        return None
    below = [i for i in range(piece + 1, min(len(lines), piece + SIBLING_LOOK)) if lines[i].key][:2]
    if len(below) < 2:
        return None
    title, text = lines[below[0]], lines[below[1]]
    key = title.key.strip()
    if len(key) > TITLE_MAX or ends_terminal(key) or is_start_line(title) or is_heading_phrase(key):
        return None
    return (below[0], title.text) if len(text.key) > len(key) and "。" in text.key else None


# What a collection's site dresses a piece's title in, at the top of its page (`2023年…`, `最新…`, `…范文`).
_SITE_DRESS = re.compile(r"(?:19|20)\d{2}\s*年度?|最新|精选|优秀|范文|范例|模板|大全")


def piece_named(label: str, title: str) -> str:
    """The title a collection's one piece label gives (`本年度非遗工作总结及下一年工作计划篇1`) when the
    page's title at the top is the same words dressed by the site (`…总结范文及…计划范例`, `2023年X`,
    `最新X`) or fewer of them (`安全生产年终总结` of `关于安全生产年终总结 篇1`); else ""."""
    own = undecorated(label).rstrip("：: ")
    if not own or own == label.strip() or normalize_key(own) == normalize_key(title):
        return ""
    if len(own) > len(title) and within(title, own):
        return own
    return own if normalize_key(_SITE_DRESS.sub("", title)) == normalize_key(own) else ""


_CHAPTER = re.compile(r"^第[一二三四五六七八九十\d]{1,3}章(?:\s+|[：:、]\s*)\S")


def lone_chapter(lines: list[Line], content: list[int]) -> bool:
    """True when the first line is a chapter's heading (`第一章 申论的命题规律`) and no other line opens a
    chapter: a book's chapter copied on its own, whose heading names it."""
    first = lines[content[0]].key.strip()
    if not _CHAPTER.match(first) or len(first) > 40:
        return False
    return not any(_CHAPTER.match(lines[i].key.strip()) for i in content[1:])


_RUN_INTO = re.compile(r"^([^\s，。；：！？、,.;:!?]{8,40})\s+(?=\S)")


def run_into_text(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """A flattened page's title run into its text (`…对策研究 伴随我国经济…`, the page's headings cut
    from the same line onto lines of their own): the words before the first space, when they hold no
    punctuation and the text after them is a sentence; else nothing."""
    first = lines[content[0]]
    m = _RUN_INTO.match(first.key)
    if m is None or is_start_line(first) or len(content) < 2 or lines[content[1]].lineno != first.lineno:
        return None
    rest = first.key[m.end() :]
    if len(rest) < 2 * len(m.group(1)) or "。" not in rest:
        return None
    return content[0], first.text[: m.end(1)]


# What a document's title ends with (`…的讲话`, `…存在的主要问题`, `…及答案解析`, `…的调研与思考`).
_TITLE_END = (
    r"(?:讲话|发言|问题|困难|难题|解析|思考|报告|体会|心得|研究|分析|对策|建议|路径|意见|方案|规划|通知|总结|综述|调研"
    r"|启示|探析|浅析|措施|意义|做法|经验|感悟)"
)
# Where the text a copy glued on after it starts: a space, a speech's `同志们：`, an exam's header in
# brackets (`（总分：…）`), a quotation's speaker (`习近平总书记指出`). Not a section's number glued on
# (`…的亮点与困难一、工作总结的亮点…`): the heading is glued to its text too, a copy's layout to mend first.
_GLUED = re.compile(
    r"^(?:1、\s*)?([^，。；！？,;!?：:“”《》（）()\s][^，。；！？,;!?：:“”《》（）()]{6,38}?" + _TITLE_END + r")"
    r"(?=\s+[\u4e00-\u9fff]|同志们|[（(](?:总分|满分)|习近平)"
)


# With no mark at all between them (`…存在问题及对策建议招商引资作为…`, a PDF's title line joined to its
# text): only the names of a document's kind end such a title, the last before the first stop, and the
# text after it opens a sentence (not `的`, `是`, `中`: the words before it are that sentence's subject).
_DOC_KIND = r"(?:讲话|发言|报告|总结|体会|心得|研究|建议|意见|方案|提案|通知|综述|调研|答案|真题|范文)"
_GLUED_BARE = re.compile(
    r"^([^，。；！？,;!?：:“”《》（）()【】\[\]\-|｜\s]{6,38}" + _DOC_KIND + r")"
    r"(?=[\u4e00-\u9fff][^，。；！？,;!?]{0,60}[，。,])(?![的地得是中在有为和与及等了着之])"
)
GLUED_NAMED_MIN = 12  # a heading phrase this long names its subject: a title


def glued_title(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """A title a copy glued to the front of the first paragraph (`1、我市行政执法工作存在的主要问题 行政执法
    是…`, `…动员会上的讲话同志们：…`): the words before the text's
    start, when they end as a title does and name no section; else nothing."""
    first = lines[content[0]]
    if len(first.key) <= TITLE_MAX and "。" not in first.key:
        return None  # a line of its own is a title or not by the other rules
    m = _GLUED.match(first.key) or _GLUED_BARE.match(first.key)
    # `存在的主要问题 …` is a section's heading; `我市行政执法工作存在的主要问题` names its subject too
    if (
        m is None
        or match_line(m.group(1)) is not None
        or (is_heading_phrase(m.group(1)) and len(m.group(1)) < GLUED_NAMED_MIN)
    ):
        return None
    # the title on a line of its own, the text after it on the next (`lines` is changed in place)
    i, cut = content[0], m.end(1)
    rest = len(first.key[cut:]) - len(first.key[cut:].lstrip())
    lines[i] = Line(first.text[m.start(1) : cut], first.key[m.start(1) : cut], first.lineno, first.indent)
    lines.insert(i + 1, Line(first.text[cut + rest :], first.key[cut + rest :], first.lineno, first.indent))
    return i, lines[i].text


_YEAR_ALONE = re.compile(r"^(?:19|20)\d{2}$")
YEAR_LOOK = 8  # lines at the top searched for a year a copy broke off its title


def year_rejoined(lines: list[Line]) -> list[Line]:
    """The lines with a title's year set back before it when a copy broke it onto a line of its own
    (`2021` / `年在实施乡村振兴战略领导小组会议上的讲话`): alone, the year reads as a page's number."""
    said = [i for i, line in enumerate(lines[: 4 * YEAR_LOOK]) if line.key][:YEAR_LOOK]
    for i, j in itertools.pairwise(said):
        if _YEAR_ALONE.match(lines[i].key.strip()) and lines[j].key.startswith("年"):
            year, rest = lines[i], lines[j]
            joined = Line(year.text.strip() + rest.text.strip(), year.key.strip() + rest.key, year.lineno, year.indent)
            return [*lines[:i], joined, *lines[i + 1 : j], barrier(rest), *lines[j + 1 :]]
    return lines


OWN_TITLE_MIN = 6  # the document's own title under a site's longer line holds at least this many characters


def own_title_under(lines: list[Line], index: int, title: str) -> tuple[int, str] | None:
    """The document's own title on the line under a site's longer line that holds it (`2019环保部门年终总结
    暨新年计划PPT模板` over `环保部门年终总结` over the text): the site lists it in its own words."""
    below = [i for i in range(index + 1, min(len(lines), index + 4)) if lines[i].key][:2]
    if len(below) < 2:
        return None
    own, text = lines[below[0]], lines[below[1]].key
    key = own.key.strip()
    if not OWN_TITLE_MIN <= len(key) < len(title.strip()) or key not in title or is_start_line(own):
        return None
    if ends_terminal(key) or is_heading_phrase(key) or not re.search("[，。]", text):
        return None
    return below[0], own.text


_PHRASE = r"([^\s，。；：！？、,.;:!?]{8,40})\s+"
_SAID_TWICE = (  # with a keyword before the title, then without
    re.compile(rf"^(?:1、\s*)?{_PHRASE}{_PHRASE}(?=\S)"),
    re.compile(rf"^(?:1、\s*)?(){_PHRASE}(?=\S)"),
)


def _past_copies(text: str, title: str) -> int:
    """Where the text goes on past every copy of the title it opens with (spaces in a copy ignored)."""
    at = 0
    while True:
        j, k = at, 0
        while j < len(text) and k < len(title) and (text[j] == title[k] or text[j].isspace()):
            k += text[j] == title[k]
            j += 1
        if k < len(title):
            return at
        at = j + len(text[j:]) - len(text[j:].lstrip())


def said_again(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """A flattened page that opens with its title said again and again (`X X X为推进…`), maybe after a
    site's keyword for it (`1、 全区…会议上讲话 在全区…会议上的讲话 在全区…`): the title on a line of its
    own, the text after its copies on the next (`lines` is changed in place); else nothing."""
    first = lines[content[0]]
    m = next(
        (m for rx in _SAID_TWICE for m in [rx.match(first.key)] if m and first.key[m.end() :].startswith(m.group(2))),
        None,
    )
    if m is None or (m.group(1) and m.group(1) != m.group(2) and not within(m.group(1), m.group(2))):
        return None
    i, start, title = content[0], m.start(2), m.group(2)
    rest = m.end(2) + _past_copies(first.key[m.end(2) :], title)
    lines[i] = Line(first.text[start : m.end(2)], title, first.lineno, first.indent)
    lines.insert(i + 1, Line(first.text[rest:], first.key[rest:], first.lineno, first.indent))
    return i, lines[i].text


def broken_sentence(lines: list[Line], content: list[int]) -> bool:
    """True when the first line is the start of a sentence a copy broke: the next line follows with no
    blank line, is shorter, and ends the sentence (`量避免出现“…”“基` / `数不一样…之类的情况。`)."""
    first, nxt = lines[content[0]], lines[content[1]]
    adjacent = content[1] == content[0] + 1
    return (
        adjacent
        and len(nxt.key) < len(first.key)
        and nxt.key.endswith(("。", "！", "？"))
        and "。" not in nxt.key[:-1]
        and not nxt.key.startswith(_OPENS_SENTENCE)  # `“灵活就业”劳动者的…。` under a title starts its own
    )


_OPENS_SENTENCE = ("“", "「", "《")


_ALIKE_PROSE_MIN = 40  # a line this long under a heading line is its prose
_ALIKE_MAX = 16  # heading lines opening alike are short phrases
_STOPS = re.compile(r"[，,。；;：:！!？?]")


def first_of_alike(lines: list[Line], content: list[int]) -> bool:
    """A first line over prose calling to act as a later one over prose does, opening alike (`加强法律法规建设` …
    `加强宣传教育`, bare lines each over its paragraphs): the first of those headings or points, not the
    document's title (`乡村振兴战略研究` over `乡村人才振兴` … is one: no call to act)."""

    def over_prose(at: int) -> bool:
        key = lines[content[at]].key
        nxt = lines[content[at + 1]].key if at + 1 < len(content) else ""
        return len(key) <= _ALIKE_MAX and not _STOPS.search(key) and len(nxt) >= _ALIKE_PROSE_MIN

    first = lines[content[0]].key
    if not over_prose(0) or match_line(first) is not None or not CALL_START.match(first):
        return False
    # alike: the same verb or opening (`加强`), a different object; the same subject (`法治进乡村…的成效`) is a
    # title and its section's heading
    return any(
        over_prose(at)
        and (key := lines[content[at]].key)[:2] == first[:2]
        and CALL_START.match(key)
        and key[:4] != first[:4]
        and match_line(key) is None
        for at in range(2, len(content))
    )
