"""Recognising web noise beyond the shape table of `furniture` (buttons, navigation rows, time stamps, footers) and tidying titles; no structure."""

from __future__ import annotations

import re

from trainer.parse.bylines import affiliation
from trainer.parse.furniture import SPEAKER_ROLES, has_shape, is_metadata
from trainer.parse.markers import CHAPTER_LABEL
from trainer.parse.markers import SYMBOLS as _SYMBOLS
from trainer.parse.memo import per_document
from trainer.parse.normalize import Line, fold
from trainer.parse.titles import counts_pieces, undecorated
from trainer.parse.vocab import is_heading_phrase, is_label

# A trail of sections split by arrows (`-> 要闻 -> 审计通告 -> 审计公告`, `首页 >> 申论资料 >> 热点`).
_ARROW = re.compile(r"->|=>|>>|>|＞|»|→")
ARROWS_MIN = 2
# Page controls and site links that stand alone on a line (`导航`, `• 注册`, `首页`, `返回顶部`).
_UI_WORDS = re.compile(
    r"登录后才能评论|网站首页|首页|导航|注册|登录|登陆|退出|搜索|返回|更多|菜单|打印|关闭|分享|收藏|网站地图|无障碍|繁体|简体|手机版|移动版"
    r"|设为首页|加入收藏|English|APP|下载|客户端|顶部|上一页|下一页|上一篇|下一篇|尾页|末页|目录|本页|窗口|联系我们|关于我们|纠错|推荐|赞|朗读|主动公开|依申请公开"
    r"|(?:写|发表|我要|网友|热门|最新)?(?:留言|评论)",
    re.I,
)
_UI_REST = re.compile(r"[\s\d•·●▪◆■□|｜/<>＜＞«»【】\[\]()（）:：-]+")  # `1 2 3 下一页`: a pager
UI_MAX = 24
# A row of a page's layout table (`文件名称 | 汉滨区2025年政府工作报告 | ||`, `| ||||||||`).
TABLE_BARS_MIN = 3
_WORDY = re.compile(r"[^\W_]")
_EMPTY_CELL = re.compile(r"\|\s*\|")
# A metadata label further along a short line (`2026-03-11 19:16 来源：参考消息网 责任编辑：刘某`).
_META_INSIDE = re.compile(
    r"\s(?:来源|文章来源|作者|编辑|责任编辑|发布时间|发布日期|浏览|阅读|点击)\s*[：:]|\s(?:发表于|发布于|原创)"
)
# A navigation bar: four or more short items in a row, split by spaces, | or ·.
_NAV_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,6}")
_NAV_SPLIT = re.compile(r"\s*[|｜·•/]\s*|\s+")
NAV_MIN_ITEMS = 4
_BARS = re.compile(r"[|｜]")
# A title with its date in brackets after it (`基层减负工作总结（2024年12月20日）`) is no date line.
_DATED_TITLE = re.compile(r"(?<=[\u4e00-\u9fff])\s*[（(][^（()）]{0,16}\d{4}\s*年[^（()）]{0,12}[）)]$")
# A date with its year (and maybe the time), or a post's month and day with the time (`11月04日 08:20`).
_DATETIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"|(?<!\d)\d{1,2}\s*(?:月\s*\d{1,2}\s*日|-\d{1,2})\s*\d{1,2}[:：]\d{2}(?![\d年])"
)
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_FOOTER = re.compile(
    r"^(?:相关文章|猜你喜欢|推荐访问|推荐阅读|相关热词搜索|热门文章|相关推荐|相关阅读|延伸阅读|版权所有"
    r"|版权声明|免责声明|本文链接|上一篇|下一篇|copyright|©|返回顶部|top$|参考文献|参考资料\s*[：:]?$"
    r"|往期推荐|往期回顾|往期精选|精彩推荐|热门推荐|相关链接|相关新闻|注释\s*[：:]?$"
    r"|常见问题(?:及|与|和)?解答|常见问答|faq\b"
    r"|(?:相关|热门|推荐|精品|最新|更多)(?:文档|资料|范文)\s*[：:]?$|猜你想看|大家都在看|你可能(?:还)?(?:喜欢|感兴趣)"
    r"|相关搜索\s*[：:]?$)",
    re.I,
)
_TERMINAL = "。！？!?…"
# Share, like and comment buttons with their counts: `点赞(128) 收藏 评论(32)`, `赞同 356 26 条评论`.
_BUTTONS = re.compile(
    r"点赞|赞同了该回答|赞同了该文章|赞同|赞赏|收藏|评论|分享|转发|喜欢|举报|打赏|申请转载|在看|阅读量|阅读|被浏览|浏览量|浏览"
    r"|投诉|关注者|下载量|下载|人评分|评分|热度|人气|赞"
)
_BUTTON_REST = re.compile(r"[\d\s.,，:：|/·•+()（）\[\]共有已条人次万分wk]+", re.I)
# Counts beside icons only (`👍 12  💬 3`, `♥ 12`): symbols and numbers, no word.
_ICON_COUNTS = re.compile(r"^(?=.*\d)(?=.*[^\w\s.,，:：/()（）\[\]+%-])\W*\d[\d\W]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–~·•]+ *\d{1,3} *[-—–~·•]+|\d{1,3}|第 *\d{1,3} *页(?: *[,，/]? *共 *\d{1,3} *页)?"
    r"|\d{1,3} */ *\d{1,3}|page *\d{1,3}(?: *of *\d{1,3})?)$",
    re.I,
)


def is_page_number(line: Line) -> bool:
    """True for a page number a PDF copy leaves between lines (`- 2 -`, `第3页 共8页`, a lone `12`)."""
    return bool(_PAGE_NUMBER.match(line.key.strip()))


# A form's blanks to fill in (`姓名：______ 班级：______`): labels each followed by a run of underscores.
_FORM_BLANK = re.compile(r"[\u4e00-\u9fff]{1,6}\s*(?:[：:]\s*)?[_＿]{3,}")  # one \s* per gap: linear


BUTTONS_MAX = 40
_PLACEHOLDER = re.compile(r"^(?:\[[\u4e00-\u9fff]{1,3}\]\s*){1,5}$")


def _is_furniture(key: str) -> bool:
    blanks = "_" in key or "＿" in key  # looked for first: the pattern is slow on a long line of words
    if blanks and _FORM_BLANK.search(key) and not _WORDY.search(_FORM_BLANK.sub("", key)):
        return True
    if len(key) > BUTTONS_MAX:
        return False
    if _PLACEHOLDER.match(key) and not is_heading_phrase(key.strip("[] ")):
        return True  # `[图片]`, `[微笑][微笑]`: a picture's or an emoticon's placeholder; `[对策]` heads
    if _ICON_COUNTS.match(key):
        return True
    return bool(_BUTTONS.search(key)) and not _BUTTON_REST.sub("", _BUTTONS.sub("", key))


def is_footer(line: Line) -> bool:
    """True for a line that starts the site footer: it and everything after it is dropped."""
    return bool(_FOOTER.match(line.key.strip().lstrip("-•·* ")))


_WIDE_GAP = re.compile(r" {4,}")


def without_running_header(line: Line) -> Line:
    """A line without the running header a PDF put beside it after a wide gap
    (`2022年省考《申论》真题解析（B类）      内部资料 严禁外传`): the parts after the first gap go when
    they are furniture and the first part is not."""
    m = _WIDE_GAP.search(line.key)
    if m is None or m.start() == 0:
        return line
    rest = Line(line.text[m.end() :], line.key[m.end() :], line.lineno, 0)
    first = Line(line.text[: m.start()], line.key[: m.start()], line.lineno, line.indent)
    if is_noise(rest) and not is_noise(first):
        return first
    return line


# A site's menu set one item a line over the page (`要闻` / `视听` / `图说` / `县域` / …): a run of short
# words at the top, each alone on its line (a word may carry its reading: `读报（bào）`), bulleted or not
# (`• 汇报体会` / `• 节日庆典` / …, a menu copied as a list), maybe under the site's bar of links.
_MENU_ITEM = re.compile(r"(?:[•·] )?[\u4e00-\u9fff]{2,4}")  # pinyin readings are gone by now (`injected.py`)
MENU_MIN_ITEMS = 5
MENU_TOP = 2  # the menu starts within this many lines of text from the top
MENU_ABOVE_MAX = 8  # a line above the menu is as short as a site's name (a title above it makes a list)


def menu_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines of a site's menu at the top of the page, one short item a line (blank lines
    between them allowed); a run of heading words (`问题` / `原因` / `对策`) is a table's, no menu."""
    run: list[int] = []
    seen = 0
    for i, line in enumerate(lines):
        key = line.key.strip()
        if not key:
            continue
        if _MENU_ITEM.fullmatch(key):
            run.append(i)
            continue
        if len(run) >= MENU_MIN_ITEMS:
            break
        seen += len(run) + 1
        run = []
        if seen >= MENU_TOP or (len(key) > MENU_ABOVE_MAX and not is_nav_bar(key)):
            return set()
    if len(run) < MENU_MIN_ITEMS or sum(is_heading_phrase(lines[i].key) for i in run) > 1:
        return set()
    return set(run)


_FONT_SIZES = ("大", "中", "小")


def font_size_lines(lines: list[Line]) -> set[int]:
    """Indexes of a font-size control set one size a line (`大` / `中` / `小`, blank lines between
    allowed): three lines of one character each, in that order, are the page's buttons."""
    content = [i for i, line in enumerate(lines) if line.key.strip()]
    keys = [lines[i].key.strip() for i in content]
    found: set[int] = set()
    for n in range(len(keys) - 2):
        if tuple(keys[n : n + 3]) == _FONT_SIZES:
            found.update(content[n : n + 3])
    return found


def is_nav_bar(key: str) -> bool:
    """True for a row of four or more short items split by spaces, | or · (a site's navigation); in a
    longer row (six or more) one item in five may be longer (`国家公务员考试网 地方站： 临沂 日照 …`)."""
    barred = [it.strip() for it in _BARS.split(key)]
    if len(barred) >= 2 * NAV_MIN_ITEMS - 2 and all(_NAV_ITEM.fullmatch(it) for it in barred):
        return True  # `首页 | 车型 | 图片 | 报价 | …`, as long as it runs: a bar of links, every one short
    if len(key) > 80:
        return False
    items = [it for it in _NAV_SPLIT.split(key) if it]
    short = sum(1 for it in items if _NAV_ITEM.fullmatch(it))
    if len(items) >= 2 * NAV_MIN_ITEMS - 2:
        return 5 * short >= 4 * len(items)
    if len(items) >= NAV_MIN_ITEMS and short == len(items):
        return True
    # `申论 | 热点`, `登录 | 注册 | 会员中心`: a column's path or a row of links, its items split by bars.
    longest = max(len(it) for it in barred)
    if len(barred) < 2 or not all(barred) or not (longest <= 2 or (len(barred) >= 3 and longest <= 4)):
        return False
    return not all(is_heading_phrase(it) for it in barred)  # `问题 | 对策`: a table's head


def is_page_control(key: str) -> bool:
    """True for a line of page controls and site links only (`导航`, `• 注册`, `-> 要闻 -> 审计公告`,
    a layout-table row)."""
    if len(key) <= UI_MAX and _UI_WORDS.search(key) and not _UI_REST.sub("", _UI_WORDS.sub("", key)):
        return True
    if not _WORDY.search(key):
        return True  # `|`, `👇👇👇`, `————`: no word at all
    if len(key) <= 80 and len(_ARROW.findall(key)) >= ARROWS_MIN:
        return True
    # A layout table's row; a content table (`| 问题 | 对策 |`) has no empty cells.
    return (
        key.count("|") >= TABLE_BARS_MIN and bool(_EMPTY_CELL.search(key)) and len(key.replace("|", "").strip()) <= 80
    )


def is_noise(line: Line) -> bool:
    """True for a banner, breadcrumb, publishing-metadata, byline, caption or site line."""
    return _is_noise_key(line.key)


# A row of a table of figures copied as text: figures parted by spaces, maybe after a short name.
_FIGURE = r"\d{1,6}(?:\.\d{1,4})?%?"
_FIGURES_ROW = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,8}} +{_FIGURE}|{_FIGURE} +{_FIGURE})(?: +{_FIGURE})*$")


@per_document  # pages repeat their furniture; the answer depends on the key alone
def _is_noise_key(folded: str) -> bool:
    key = folded.strip("`-•· ")
    if not key:
        return bool(folded.strip())  # `-`, `---`: a rule or a stray mark, no word at all
    if has_shape(key, key.endswith("。")) or _is_furniture(key) or is_page_control(key):
        return True
    if (len(key) <= 60 or _BARS.search(key)) and is_nav_bar(key):
        return True
    if _FIGURES_ROW.match(key) and not is_label(key):
        return True  # `0.32 0.46 0 0 2`, `新田村 0 0 0.1 2`: a table's row run together; `问题 1` names what follows
    if len(key) <= 80 and _META_INSIDE.search(key) and _DATETIME.search(key):
        return True
    if len(key) <= 60 and key[0] in "（(【[" and key[-1] in "）)】]" and is_metadata(key[1:].lstrip()):
        return True  # `（来源：市民政局调研报告，有删节）`
    m = _DATETIME.search(key)
    if m and len(key) <= 60 and re.search("[:：]", m.group(0)) and not ends_terminal(key):
        return True  # `2018年8月17日23:55:20…已关闭评论`: a post's time stamp to the second is page metadata
    if m and len(key) <= 40 and "，" not in key and not _DATED_TITLE.search(key):
        rest = _DATETIME.sub("", key)
        rest = _WEEKDAY.sub("", rest).strip(" -|/·")
        if len(rest) <= 12:
            return True
    return affiliation(folded)


_TITLE_PREFIX = re.compile(
    r"^(?:[^：:]{1,6}?(?:心得|体会|范文|总结|材料|报告|文章|参考|素材|积累|精选|汇编)|[^：:｜|]{0,16}?(?:专题|热点|话题|主题(?:是|为)?|范文|素材)"
    rf"|[^：:｜|]{{0,20}}?(?:技巧|攻略|指南|指导|辅导|备考|官方网站|官网)|问|提问|{CHAPTER_LABEL}|篇[一二三四五六七八九十\d]{{1,3}})\s*[：:｜|]\s*"
    # `德泓观察|县域经济…`: a column's short name and a bar before a longer title
    r"|^[^：:｜|\s]{1,8}\s*[｜|][?？\s]*(?=[^｜|]{6,}$)"
    r"|^本期[^：:，。]{0,12}?(?:主题|话题)(?:是|为)?\s*[：:]\s*"
    r"|^[^◇◆]{0,24}?([◇◆])[^◇◆\s]{1,16}\1\s*(?=\S{4})"  # `◇专题2019039◇数字政府建设`: a column's label between marks  # `本期申论轻松学的主题是：X`: a column's issue
    # `市政协委员温秀丽：加强…`: a news headline's speaker, a role and a name, before what they said
    rf"|^[\u4e00-\u9fff]{{0,12}}(?:{SPEAKER_ROLES})"
    r"[\u4e00-\u9fff·]{2,4}\s*[：:]\s*(?=\S{6})"
)
# What a document site adds to a title: a running header after a wide gap (`… 内部资料 严禁外传`),
# a count of versions (`留守老人的调查报告5篇 …`), a file extension, a genre label before it
# (`申论高分范文岁月失语…`).
_TITLE_GAP = re.compile(r"\s{4,}.*$")
_TITLE_COUNT = re.compile(r"(?:[（(【\[][^（）()【】\[\]]{0,6}?)?(?<!\d)\d{1,2}篇[）)】\]]?(?:\s.*)?$")
_TITLE_EXT = re.compile(
    r"(?:(?:word|pdf|wps)?(?:文档|格式)?(?:免费)?下载(?:推荐)?)?\.(?:docx?|pdf|wps|txt)(?:vip)?$", re.I
)
_TITLE_DATE = re.compile(
    r"(?<=\S)\s++\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
# `2024.01.22 社区…的研究`: the day a page published it, before the title.
_TITLE_LEAD_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s+(?=\S{4})")
_TITLE_GENRE = re.compile(r"^(?:申论|公考|公务员)?(?:高分|优秀|满分|精选|经典)?(?:范文|素材)(?=[^：:]{6})")
# A line that is only a site's or a genre's name (`申论范文`, `山西公务员考试`, `申论行政执法类范文精析`).
# `教育` names a site as the end of its name (`中公教育`, `华图教育 黄帅`), not inside a title (`教育整顿学习心得`).
_GENRE_LINE = re.compile(
    r"公务员|公考|考试|范文|精析|题库|文库|教育(?=$|网|频道|在线|集团)|^[\u4e00-\u9fff]{2,4}教育(?=\s)|频道|学园|学堂|论坛|官网"
)
GENRE_LINE_MAX = 16


_DECORATION = re.compile(r"^[^\w【\[]{1,3}\s*")  # `🔥 `, `▶ `: a decoration before a line's text


# A column of guidance a title is published under (`2020军转干申论备考：`, `申论指导：`): the topic is said
# without it, the deck's name with it (it says which series the piece belongs to).
_SERIES_LABEL = re.compile(r"^[^：:｜|\s]{0,20}?(?:指导|辅导|备考)\s*[：:]\s*")


def series_name(written: str, title: str) -> str:
    """The title with the guidance column it opens with (`申论指导：X` for X), or ""."""
    text = written.strip()
    m = _SERIES_LABEL.match(fold(text))
    return text if m and title and text[m.end() :].strip() == title and len(title) >= 4 else ""


def has_title_label(key: str) -> bool:
    """True for a title under a site's label (`申论素材 | 数字政府建设的意义与路径`, `热点：乡村振兴`)."""
    return bool(_TITLE_PREFIX.match(_DECORATION.sub("", key)))


# What names one paper, not a genre (`2019年某市公务员考试申论试卷`); a year alone does not (`2012年公务员申论热点`).
_ONE_PAPER = re.compile(r"试卷|真题|试题|参考答案|答案解析")


def is_genre_line(key: str) -> bool:
    """True for a short line naming a site or a genre (`申论范文`), not a document."""
    if counts_pieces(key):
        return False  # `…范文汇编六篇`: a collection's title counts its pieces
    key = undecorated(key)  # `基层治理调研报告_百度文库`: the title, under its site's name
    if len(key) > GENRE_LINE_MAX or not _GENRE_LINE.search(key) or _ONE_PAPER.search(key):
        return False
    return not _TITLE_PREFIX.match(key)  # `申论热点：乡村振兴` is a title under a label


_TITLE_SUFFIX = re.compile(
    r"[（(]\s*(?:全文)?(?:约|共)?\d{2,6}\s*字\s*[）)]\s*$"  # `…思考建议(2889字)`: its length
    r"|[（(](?:认真)?(?:学习|宣传)[^（()）]{0,20}精神[）)][*＊\s]*$"  # `…（认真学习宣传贯彻…精神）`: a campaign's column
    r"|[（(\[【](?:最新|精选|完整|全文|范文|优秀|热门|推荐|通用|合集|汇总|汇编|大全|[\d两二三四五六七八九十]+篇)[^）)\]】]{0,6}[）)\]】]\s*$"
)
_WRAPPED = re.compile(r"^[【〖《「『\[]([^【】〖〗《》「」『』\[\]]{2,60})[】〗》」』\]]$")
# Marks before a title's words (an emoji, `▶`) or a bracketed label of a few characters (`（受权发布）`).
# A post's mark set apart before it (`原创 X`, `置顶 X`).
_LEADING_MARKS = re.compile(
    r"^(?:[^\w\s【〖《「『\[“\"‘(（]+|[（(][\u4e00-\u9fff]{2,6}[）)]|(?:原创|转载|置顶|精华)(?=\s))\s*(?=\S{4})"
)
# `【答案】X` labels X; `【企业数字化转型痛点】：揭秘…` is a title's topic, said before its colon
_TITLE_LABEL = re.compile(r"^[【〖\[][^【】〖〗\[\]]{1,10}[】〗\]] *(?![：:])")
_SUBTITLE = re.compile(r"(?:——|--|—)\s*(.{1,30})$")  # no leading \s*: quadratic on runs of spaces


def split_title(title: str) -> tuple[str, str]:
    """A document title without site prefixes/suffixes, split from its `——以X为例` subtitle.

    Read on the folded text (a 繁體 page's `申論熱點：`, `【匯總】` as `申论热点：`, `【汇总】`): what is kept
    is a stretch of it, given back as written."""
    written = title.strip()
    folded = fold(written)
    text, subtitle = _split_folded(folded)
    return _as_written(text, folded, written), _as_written(subtitle, folded, written)


def _as_written(part: str, folded: str, written: str) -> str:
    at = folded.find(part) if part else -1
    return written[at : at + len(part)] if at >= 0 else part


def _split_folded(title: str) -> tuple[str, str]:
    text = _TITLE_GAP.sub("", title.strip())
    if has_title_label(text):
        text = _DECORATION.sub("", text)
    text = _TITLE_LEAD_DATE.sub("", _TITLE_DATE.sub("", text))
    text = _TITLE_EXT.sub("", _TITLE_COUNT.sub("", text)).strip() or text
    stripped = _TITLE_PREFIX.sub("", text).strip()
    if len(stripped) >= 4:
        text = stripped  # before the genre word goes: `申论素材 | X` is a label, then X
    text = _TITLE_GENRE.sub("", text)
    text = _TITLE_SUFFIX.sub("", text).strip()
    stripped = _TITLE_PREFIX.sub("", text).strip()
    if len(stripped) >= 4:
        text = stripped
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped.group(1).strip()  # `【基层减负工作总结】`, `《…》`: the title in brackets
    text = _LEADING_MARKS.sub("", text) or text  # `📌…`, `（受权发布）…`
    unlabelled = _TITLE_LABEL.sub("", text).strip()
    if len(unlabelled) >= 2:
        text = unlabelled
    subtitle = ""
    m = _SUBTITLE.search(text)
    if m and m.start() >= 4:
        subtitle = m.group(1).strip()
        text = text[: m.start()].strip()
    return text.strip("#* " + _SYMBOLS), subtitle


def is_subtitle_line(key: str) -> bool:
    """True for a line that is only a subtitle: `——以S省为例`."""
    return key.startswith(("——", "--", "—")) and 2 <= len(key.strip("—- ")) <= 30


# `…的凝聚力。（评析：点出主旨）`: a remark in brackets after the stop that ends a paragraph; or the
# reference mark that ends an item on a page whose stops are spaces (`…高附加值环节发展缓慢 [2]`).
_ASIDE_AFTER_STOP = re.compile(r"[。！？!?…][”’」』]?\s*[（(【\[][^（()）【】\[\]。]{1,30}[）)】\]]\s*$|\s\[\d{1,2}\]$")


def ends_terminal(text: str) -> bool:
    """True when a line ends a sentence (closing quotes and brackets are looked through, and so is a
    remark in brackets after its stop)."""
    body = text.rstrip(" ”’」』）)》】\"'")
    return bool(body) and (body[-1] in _TERMINAL or bool(_ASIDE_AFTER_STOP.search(text)))
