"""The lines a site or a byline puts above a document's title, and which line below them is it; no choice of title."""

from __future__ import annotations

import re

from trainer.core.model import normalize_key
from trainer.parse.bylines import is_person_name
from trainer.parse.docsites import is_viewer_line
from trainer.parse.furniture import is_metadata
from trainer.parse.markers import CHAPTER_LABEL, match_line
from trainer.parse.noise import GENRE_LINE_MAX, ends_terminal, is_genre_line, is_noise, is_subtitle_line
from trainer.parse.normalize import Line
from trainer.parse.paragraphs import BARRIER, is_start_line
from trainer.parse.titles import (
    CRUMB_TITLE_MIN,
    TITLE_MAX,
    TITLE_WINDOW,
    TITLED_PHRASE_MIN,
    body_after,
    counts_pieces,
    headline_over_title,
    is_label_line,
    off_topic,
    path_leaf,
    path_root,
    undecorated,
)
from trainer.parse.vocab import is_heading_phrase


def title_like(line: Line) -> bool:
    key = line.key
    return (
        len(key) <= TITLE_MAX
        and not ends_terminal(key.rstrip("？?！!"))
        and not is_start_line(line)
        and not is_heading_phrase(key)
    )


# `第一篇：…`, `第二章 …`: a chapter label a collection puts above a document's own title.
_CHAPTER = re.compile(rf"^{CHAPTER_LABEL}\s*[：:、 ]")


COPY_NOISE_MAX = 1  # lines of noise between a title and its copy


def past_site_lines(lines: list[Line], content: list[int], site_names: set[str]) -> tuple[int, str] | None:
    """The title after the lines a site or a byline puts above it (`申论范文`, `何艺轩，王郁芳`, `天天看點`,
    `【答案解析】[参考例文]`, `正文`): the next title-like line among the first few, when there is one."""
    skipped = 0
    top = [lines[i].key for i in content[: 3 * TITLE_WINDOW]]
    # `大学校园网` over `大学校园网 > 社会实践 > …`: the root of a breadcrumb below is the site's name.
    roots = {path_root(k) for k in top} - {""}
    # The text under the top lines, where a title's words come back and a site's name's do not.
    body = body_after(lines, content[min(len(content), TITLE_WINDOW) - 1])
    chapter = False  # the line above was a collection's chapter label: this one is its piece's title
    for n, i in enumerate(content[:TITLE_WINDOW]):
        line = lines[i]
        nxt = lines[content[n + 1]].key if n + 1 < len(content) else ""
        # A short line said twice at the top (`申论热点阅读` … `申论热点阅读`) is the site's banner; said twice
        # on lines next to each other, it is the title and its copy (a page's heading over the article's own).
        # (a line of noise between them, a view count, is still next to them)
        between = sum(lines[j].indent == BARRIER for j in range(i + 1, content[n + 1])) if n + 1 < len(content) else 0
        copied = nxt == line.key and between <= COPY_NOISE_MAX
        # past noise, the copy has the text under it (a banner said twice has another title under it)
        texted = not between or (n + 2 < len(content) and bool(re.search("[，。,]", lines[content[n + 2]].key)))
        if (skipped or between) and copied and texted and title_like(line):
            return i, line.text
        # said twice with only page furniture between, the text right under the copy: the title and its copy
        # (a banner said twice has a title under it, not the text)
        under = lines[content[n + 2]].key if n + 2 < len(content) else ""
        if nxt == line.key and title_like(line) and len(under) >= PROSE_MIN and ("。" in under or under.endswith("：")):
            return i, line.text
        banner = len(line.key) <= GENRE_LINE_MAX and top.count(line.key) > 1 and not counts_pieces(line.key)
        if (
            banner
            or _column_of(line.key, nxt)
            or is_genre_line(line.key)
            or is_person_name(line)
            or line.key.isascii()
            or numbers_line(line.key)
            or _CHAPTER.match(line.key)
            or is_label_line(line.key)
            or line.key.strip() in roots | site_names
            or bool(SITE_NAME.match(line.key.strip()))
            or _site_and_column(line.key)
            or bare_genre(line.key)
            or _column_path(line.key, top[n + 1 :])
            or off_topic(line.key, body)
            or (n == 0 and headline_over_title(line.key, nxt, body))
            or label_word(line.key, nxt)
        ):
            skipped += 1
            chapter = bool(_CHAPTER.match(line.key))
            continue
        after = lines[content[n + 1]] if n + 1 < len(content) else None
        if skipped and (title_like(line) or (chapter and _piece_title(line)) or _asked_over_prose(line, after)):
            return i, line.text
        return None
    return None


# A line of numbers with a word or two between them (`1580 1580 112638`, `1786 期 / 第1版：1`, an id, an
# issue and page): a page's counter or a paper's page label, never a title (a title has words).
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
NUMBERS_MIN = 3
WORDS_MAX = 3


def numbers_line(key: str) -> bool:
    """True for a short line of digits with at most WORDS_MAX characters of words among them."""
    digits = sum(ch.isdigit() for ch in key)
    return digits >= NUMBERS_MIN and len(_HAN_CHAR.findall(key)) <= WORDS_MAX and len(key) <= TITLE_MAX


def _piece_title(line: Line) -> bool:
    """Under a chapter label (`第一篇：…`), a piece's title may name its section's words
    (`…质量不高的症结及对策`): a phrase this long names the piece, not a section."""
    key = line.key
    return TITLED_PHRASE_MIN <= len(key) <= TITLE_MAX and not ends_terminal(key) and not is_start_line(line)


PROSE_MIN = 20  # a line this long with a stop in it is a paragraph of prose


def _asked_over_prose(line: Line, after: Line | None) -> bool:
    """Past a site's lines, a question over a paragraph of prose (`城市治理现存哪些核心问题？` over
    `下面我会围绕…梳理。`) is the document's title; a question over a list heads that list."""
    key = line.key.strip()
    if not key.endswith(("？", "?")) or not TITLED_PHRASE_MIN <= len(key) <= TITLE_MAX or is_start_line(line):
        return False
    return after is not None and not is_start_line(after) and len(after.key) >= PROSE_MIN and "。" in after.key


COLUMN_TITLE_MAX = 40
_SENTENCE_MARK = re.compile(r"[。；：！？]")


def _column_of(key: str, nxt: str) -> bool:
    """`工作总结` over `乡镇应急管理年度工作总结范文参考`: a short line the title below names again is its
    column; a long line that opens with the line below and runs on (`乡镇创城工作汇报收到创城通知以后…`)
    is a site's excerpt of the document."""
    key, nxt = key.strip(), nxt.strip()
    if not key or not nxt or len(nxt) > TITLE_MAX or undecorated(nxt) == key:
        return False  # `X` over `X篇1`: the title, over its first piece's
    if len(key) <= GENRE_LINE_MAX and len(key) < len(nxt) <= COLUMN_TITLE_MAX and key in nxt:
        return not _SENTENCE_MARK.search(nxt)  # the line below is a title, not the text it opens
    return len(key) > TITLE_MAX and len(nxt) >= TITLED_PHRASE_MIN and key.startswith(nxt)


# A genre's name alone (`研究报告`, `工作总结`, `总结范文`): a site's column over the title, naming no subject.
_BARE_GENRE = re.compile(r"^(?:研究|调研|调查|工作|述职|自查|情况|专题)?(?:报告|总结|汇报|范文)(?:范文|大全|精选)?$")


def bare_genre(key: str) -> bool:
    """True for a genre's name alone on a line (`研究报告`, `工作总结`): a column's label, no title."""
    return bool(_BARE_GENRE.match(key.strip()))


# `共产党员网 先锋文汇学习心得`: a site's name, then its column; `> 地理`: the tail of a breadcrumb.
_CRUMB_TAIL = re.compile(r"^\s*(?:>>|->|[>＞»])")
_ARROW = re.compile(r">>|->|[>＞»]")


def _site_and_column(key: str) -> bool:
    """True for a line that opens with a site's name and a space (`共产党员网 先锋文汇学习心得`), with a
    breadcrumb's arrow (`> 地理`), or is a breadcrumb ending in a column's short name: the site's, never
    the document's title (a breadcrumb ending in the title: `titles.crumb_title`)."""
    words = key.split()
    crumb = bool(_ARROW.search(key)) and 0 < len(path_leaf(key)) < CRUMB_TITLE_MIN  # `…：政务公开 > 工作报告`
    return crumb or bool(_CRUMB_TAIL.match(key)) or (len(words) > 1 and bool(SITE_NAME.match(words[0])))


def _column_path(key: str, below: list[str]) -> bool:
    """`保定市|近期舆情热点话题` over `近期舆情热点话题：关注食品安全…`: a column's path, its last item the
    label of a line below."""
    leaf = path_leaf(key)
    return bool(leaf) and any(k.startswith(leaf) and k[len(leaf) : len(leaf) + 1] in "：:|｜" for k in below)


LABEL_WORD_MAX = 2  # `其他`, `原创`: a line this short labels the page; it names no document


def label_word(key: str, nxt: str = "") -> bool:
    """A word too short to name a document (`其他` over the title, `主观` over an exam's notes), unless
    a subtitle follows it (`担当` over `——读…有感`)."""
    return len(key.strip()) <= LABEL_WORD_MAX and not is_subtitle_line(nxt.strip())


# A site's column under a title (`2012年公务员申论热点`): a short line naming the exam, no heading.
_COLUMN = re.compile(r"公务员|公考|考试|申论|题库|文库|频道")
# A site's own name alone on a line (`愚愚学园`, `XX论坛`; `乡村教育` names a topic).
# A site's, a paper's or an app's own name alone on a line (`愚愚学园`, `人民网`, `人民日报`, `新华网客户端`;
# `乡村教育`, `工业互联网` and `织密城乡供水网` are no names).
SITE_NAME = re.compile(
    r"^(?:[\u4e00-\u9fffA-Za-z]{1,8}(?:学园|学堂|论坛|官网|文库|题库|资源库|资料库|网站|客户端|频道|日报|晚报|时报)"
    r"|[\u4e00-\u9fffA-Za-z]{1,4}(?<!互联|物联)网)$"  # `织密城乡供水网` is a title's phrase
)


# The body that issues or writes a document, on its own line under the title (`XX县人民政府办公室`).
_ISSUER = re.compile(
    r"^[\u4e00-\u9fffA-Za-z（）()·]{2,24}(?:人民政府|政府|办公室|办公厅|委员会|委|局|厅|处|署|研究院|研究所|研究中心"
    r"|大学|学院|党校|街道办事处|办事处|协会|学会|课题组|调研组)$"
)


APP_NAME_MAX = 4  # a name this short whose words the text never uses is an app's or a label


def app_name(line: Line, body: str) -> bool:
    """A short name at the top whose words the text below never uses (an app's `一起答`)."""
    if is_start_line(line) or is_heading_phrase(line.key) or len(line.key) > APP_NAME_MAX:
        return False
    return off_topic(line.key, body)


def site_word(line: Line, body: str) -> bool:
    """A word at the top that names no part of the text: an app's name, or a label (`主观`) with no
    subtitle under it."""
    if app_name(line, body):
        return True
    nxt = body.lstrip("\n").split("\n", 1)[0]
    return not is_start_line(line) and not is_heading_phrase(line.key) and label_word(line.key, nxt)


def site_column(line: Line) -> bool:
    """A site's column (`2012年公务员申论热点`) or the issuing body (`XX县人民政府办公室`) under a title."""
    if is_start_line(line):
        return False
    return bool(_ISSUER.match(line.key.strip())) or (is_genre_line(line.key) and bool(_COLUMN.search(line.key)))


# A page's publishing row (`来源：… 发布时间：2025-10-03`, `日期：2020-12-14 浏览次数：`, `浏览量 时间 2024-05-29`)
# sits right under the title it describes, whatever banners, mottos and columns the site sets above.
_DATED = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
METADATA_TOP = 16  # the publishing row is looked for among this many lines of text from the top


def over_metadata(lines: list[Line]) -> set[str]:
    """The folded key of the line right above the page's first publishing row near the top (past a
    subtitle or a byline between them), as a title the page names; else nothing."""
    above: list[Line] = []
    top = [line for line in lines if line.key][:METADATA_TOP]
    for line in top:
        key = line.key.strip()
        if is_noise(line) and (is_metadata(key) or _DATED.search(key)):
            break
        above.append(line)
    else:
        return set()
    for line in reversed(above):
        key = line.key.strip()
        if is_subtitle_line(key) or is_person_name(line) or is_noise(line) or not re.search(r"[\u4e00-\u9fff]", key):
            continue  # a subtitle, a byline, noise, the parts of a time stamp (`2023` / `03-15` / `10:46`)
        banner = sum(1 for other in top if other.key.strip() == key) > 1  # said twice: the site's
        if (
            banner
            or len(key) > TITLE_MAX
            or ends_terminal(key.rstrip("？?！!"))
            or key.endswith(("：", ":"))  # `文档名称：`: a label, its value under it
            or is_start_line(line)
            or is_genre_line(key)
            or _ISSUER.match(key)
            or SITE_NAME.match(key)
        ):
            return set()
        return {normalize_key(key)}
    return set()


VIEWER_BELOW = 2  # a viewer's line this close under the first line marks it the site's listing


def over_viewer(lines: list[Line]) -> int:
    """The index of the first line when a document site's viewer lines (`合集下载`, `VIP专免`) follow it:
    the site's listing of the document, which may name it otherwise than the document does; else -1."""
    content = [i for i, line in enumerate(lines) if line.key.strip()]
    if len(content) < 2:
        return -1
    return content[0] if any(is_viewer_line(lines[i].key) for i in content[1 : 1 + VIEWER_BELOW]) else -1


def own_title_below(lines: list[Line], listing: int) -> tuple[int, str] | None:
    """Under a site's listing and its viewer, the document's own title when it differs (`停车位问题调查
    社会调查报告` under `社会调查报告 （停车位问题调查）`): the first line of text, title-like, over the
    text; a copy of the listing's words (whole or cut) is the same title."""
    content = [i for i, line in enumerate(lines) if line.key.strip() and i > listing][:TITLE_WINDOW]
    if not content:
        return None
    line = lines[content[0]]
    below = [lines[i] for i in content[1:] if lines[i].key != line.key]  # past the title said again
    if not below:
        return None
    text = below[0]
    mine, theirs = normalize_key(line.key), normalize_key(lines[listing].key)
    # `我国乡村旅游发展存在的问题及对策`: a phrase of section words long enough to name its subject
    named = is_heading_phrase(line.key) and len(line.key) >= TITLED_PHRASE_MIN and not is_start_line(line)
    if not (title_like(line) or named) or ends_terminal(line.key) or theirs.startswith(mine) or mine.startswith(theirs):
        return None
    return (content[0], line.text) if len(text.key) > len(line.key) else None


_NOT_LETTER = re.compile(r"[\W_]+")
_LABEL_END = re.compile(r"[：:|｜]|(?<=\S)[-—_](?=\S)")  # where a site's label before a title ends
COPY_MIN = 6  # the title said alone holds this many letters at least
COPY_LOOK = 3  # it sits within this many lines of text under the page's form
_YEAR_FIRST = re.compile(r"^\d{4}\s*年(?:度)?")


def title_form_below(lines: list[Line], index: int) -> tuple[int, str] | None:
    """The title said alone under the page's labelled form of it (`申论范文评析：X` over `X`,
    `保护生态环境心得体会-X` over `X`, `2023年X Y` over `X`): the line below, when the line above is a
    label, a separator and the same words, or titles side by side, one of them these words."""
    key = lines[index].key
    tails = {_NOT_LETTER.sub("", key[m.end() :]) for m in _LABEL_END.finditer(key) if m.start() >= 2}
    # a listing of titles side by side (`2023年关于…的调研报告 公共服务设施建设管理调研报告`): each, with
    # or without the year a site puts before it
    pieces = key.split() if len(key.split()) > 1 else []
    tails |= {_NOT_LETTER.sub("", p) for piece in pieces for p in (piece, _YEAR_FIRST.sub("", piece))}
    below = [i for i in range(index + 1, min(len(lines), index + 40)) if lines[i].key][:COPY_LOOK]
    for i in below:
        lower = _NOT_LETTER.sub("", lines[i].key)
        if len(lower) >= COPY_MIN and lower in tails and title_like(lines[i]):
            return i, lines[i].text
    return None


BOX_MIN_LABELS = 2  # a box over the page names at least this many of its rows by a metadata label
_SENTENCE_STOP = re.compile(r"[。；！？]")


def metadata_box(lines: list[Line], content: list[int]) -> int:
    """How many content lines at the top are an information box's rows set as a list (`• 索 引 号：…`,
    `- 发文字号` / `- 2025-08-15`): items each a metadata label (with its value or alone) or a short value,
    at least BOX_MIN_LABELS of them labels and as many as the values. They name no title; else 0."""
    labels = values = 0
    n = 0
    for i in range(content[0], len(lines)) if content else ():
        line = lines[i]
        if not line.key:
            labels += line.indent == BARRIER and labels > 0  # a row dropped as metadata inside the box
            continue
        marker = match_line(line.key)
        if marker is None or marker.style not in _ITEM_STYLES:
            break
        item = line.key[marker.end :].replace(" ", "").strip()
        if is_metadata(item) or is_metadata(item + "："):
            labels += 1
        elif numbers_line(item) or (item and len(item) <= SHORT_VALUE_MAX and not _SENTENCE_STOP.search(item)):
            values += 1
        else:
            break
        n += 1
    return n if labels >= BOX_MIN_LABELS and labels >= values else 0


_ITEM_STYLES = frozenset({"bullet"})
SHORT_VALUE_MAX = 24  # a box's value alone on its row (`执法稽查`, `00545225x/2025-00006`)
