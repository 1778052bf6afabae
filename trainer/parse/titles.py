"""Shapes of the lines above a document's real title (site names, labels, spam, doubled titles); no choice."""

# `preamble` picks the title; this module says what a line at the top is by its shape, never by its exact
# words: a line whose words the document never uses again is a site's or an advert's; a line a breadcrumb
# below starts with is the site's name; a line of bracketed labels only (`【答案解析】[参考例文]`) or a
# part label alone (`正文`, `引言`) labels, and a title a site doubles for search engines
# (`X X有什么`, `X,深度解析Y,X,揭秘Z`) is said once.

from __future__ import annotations

import re

from trainer.parse.kindwords import MODS
from trainer.parse.normalize import Line, fold

TITLE_MAX = 80
TITLED_PHRASE_MIN = 8  # a section-vocabulary first line this long with prose under it is a title
TITLE_WINDOW = 4  # a title sits within this many content lines of the top

# Off-topic: fewer than this share of a line's character pairs appear in the text below it.
ON_TOPIC_MIN = 0.25
OFF_TOPIC_PAIRS_MIN = 2  # a line of fewer pairs (one word) says too little to judge
BODY_WINDOW = 20000  # the text below that is searched (a bounded look keeps long documents linear)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# `免费…,高清…`, `…专区-…精品-…视频-…`, `热搜： 采购方式  甲带  滤芯`: an advert's or a search box's keywords
_LISTED = re.compile(r"[,，_]|(?<=\S)-(?=\S)|(?<=\S) {2,}(?=\S)")


SITE_NAME_MAX = 8  # a site's name is short; an advert lists phrases
LISTED_MIN = 3  # commas in an advert's list of keywords
BODY_MIN = 200


def off_topic(key: str, body: str) -> bool:
    """True for a short top line (a name) or a list of phrases (an advert's keywords) whose words the
    document's text never uses (`天天看點`, `免费在线观看…,高清…,…`): a site's or spam, not a title. A
    real title may share few words with its text (an exam's `…第二题解析` over its material): it is
    neither short nor a list."""
    text = key.strip()
    if len(text) > TITLE_MAX or len(body) < BODY_MIN:
        return False  # a paragraph is no title anyway; too little text below to judge by
    if len(text) > SITE_NAME_MAX and len(_LISTED.findall(text)) < LISTED_MIN:
        return False
    pairs = {run[i : i + 2] for run in _HAN.findall(key) for i in range(len(run) - 1)}
    if len(pairs) < OFF_TOPIC_PAIRS_MIN:
        return False
    window = body[:BODY_WINDOW]
    found = sum(1 for pair in pairs if pair in window)
    return found < ON_TOPIC_MIN * len(pairs)


def _share(key: str, body: str) -> float:
    """The share of a line's character pairs found in the text below (1.0 for a line of no pairs)."""
    pairs = {run[i : i + 2] for run in _HAN.findall(key) for i in range(len(run) - 1)}
    return sum(1 for pair in pairs if pair in body[:BODY_WINDOW]) / len(pairs) if pairs else 1.0


ON_TOPIC_TITLE = 0.5  # the line under an unrelated headline shares at least this much with the text


def headline_over_title(key: str, below: str, body: str) -> bool:
    """True for a headline of another article a site put over the document's own title (`“双减”落地式
    5个月：…` over `构建“互联网+”教育新生态…`): a line of title length whose words the text hardly uses,
    over a title-length line whose words it does."""
    if len(body) < BODY_MIN or not SITE_NAME_MAX < len(key.strip()) <= TITLE_MAX or not 0 < len(below) <= TITLE_MAX:
        return False
    return _share(key, body) < ON_TOPIC_MIN and _share(below, body) >= ON_TOPIC_TITLE


def body_after(lines: list[Line], index: int) -> str:
    """The text of the lines after `index`, up to BODY_WINDOW characters."""
    out: list[str] = []
    size = 0
    for line in lines[index + 1 :]:
        out.append(line.key)
        size += len(line.key)
        if size >= BODY_WINDOW:
            break
    return "\n".join(out)


# A breadcrumb or a column path: items split by `>` or `|` (`大学校园网 > 社会实践 > …`, `保定市|近期…`).
_PATH_SPLIT = re.compile(r">>|->|[>＞»|｜]")  # no \s* around: quadratic on runs of spaces


def path_root(key: str) -> str:
    """The first item of a breadcrumb or column path (`大学校园网` of `大学校园网 > 社会实践`), or ""."""
    parts = [p.strip() for p in _PATH_SPLIT.split(key.strip()) if p.strip()]
    return parts[0] if len(parts) >= 2 and len(parts[0]) <= 12 else ""


def path_leaf(key: str) -> str:
    """The last item of a column path (`近期舆情热点话题` of `保定市|近期舆情热点话题`), or ""."""
    parts = [p.strip() for p in _PATH_SPLIT.split(key.strip()) if p.strip()]
    return parts[-1] if len(parts) >= 2 else ""


# Labels only: `【答案解析】[参考例文]`, `〔正文〕`.
_LABELS_ONLY = re.compile(r"^(?:[【〖\[［][^【】〖〗\[\]［］]{1,8}[】〗\]］]\s*){1,4}$")
# A document part's label alone on its line (`正文`, `引言`, `编者按：…`): it names a part, not the document.
PART_LABEL = re.compile(
    r"^[【\[（(]?(?:引言|前言|导语|导读|序言|编者按|摘要|内容提要|提要|正文|全文)(?:开始|如下)?(?:[】\]）)]|[：:]|$)"
)  # `（正文开始）` too


def is_label_line(key: str) -> bool:
    """True for a line of bracketed labels only (`【答案解析】[参考例文]`) or a part label (`正文`)."""
    text = key.strip()
    return bool(_LABELS_ONLY.match(text)) or bool(PART_LABEL.match(text))


# A title said again for search engines: a second copy of its opening after a space or a comma
# (`制止餐饮浪费的经验做法 制止餐饮浪费的经验做法有什么`).
DOUBLED_MIN = 4
_SEPARATOR = re.compile(r"[\s,，、|｜]+")


def undoubled(title: str) -> str:
    """The title said once: cut before a copy of its first DOUBLED_MIN+ characters after a separator."""
    text = title.strip()
    opening = text[:DOUBLED_MIN]
    if len(opening) < DOUBLED_MIN:
        return text
    for m in _SEPARATOR.finditer(text):
        if m.start() >= DOUBLED_MIN and text.startswith(opening, m.end()):
            return text[: m.start()].strip(" ,，、|｜")
    return text


KEYWORD_MIN = 4  # a site's search keyword before or after a title is a phrase at least this long


def within(short: str, long_: str) -> bool:
    """True when every character of `short` appears in `long_`, in order."""
    it = iter(long_)
    return all(c in it for c in short)


_ECHO = re.compile(r"[（(]([^（）()]{4,30})[）)]$")


def without_keyword(title: str) -> str:
    """The title without the site's search keyword said beside it (`人居环境调研报告 农村人居环境整治调研报告`,
    `乡镇安全生产总结|乡镇安全生产工作半年总结`): of two phrases split by a space or a bar, the one whose
    words hold all of the other's, in order; the text as it was else."""
    text = undecorated(title)
    echo = _ECHO.search(text)
    if echo and within(echo.group(1), text[: echo.start()]):
        return text[: echo.start()].rstrip()  # `X青年如何做（X）`: the keyword in brackets after it
    parts = [p.strip() for p in re.split(r"\s*[|｜]\s*|\s+", text) if p.strip()]
    if len(parts) != 2 or re.search(r"[，。；！？,;!?]", text):
        return title
    short, long_ = sorted(parts, key=len)
    # `X X有什么`: a title said again as a search question is `undoubled`'s
    if KEYWORD_MIN <= len(short) < len(long_) and within(short, long_) and not long_.startswith(short):
        return long_
    return title


# A title in brackets that opens the first paragraph (`【如何做到文化自信】文化自信是…`).
_LEADING_BRACKET = re.compile(r"^【([^【】]{4,30})】(?=[\u4e00-\u9fff“])")


def names_subject(phrase: str) -> bool:
    """True for a phrase of section words that names its subject before its last 的 (`保护文化遗产的重要性`),
    not only words that qualify (`当前存在的主要问题`)."""
    cut = phrase.rfind("的")
    subject = phrase[:cut] if cut > 0 else ""
    while subject:
        trimmed = next((subject[: -len(m)] for m in MODS if subject.endswith(m)), subject)
        if trimmed == subject:
            break
        subject = trimmed
    return len(subject) >= SUBJECT_MIN


SUBJECT_MIN = 2


def bracket_title(key: str) -> str:
    """The bracketed title a first paragraph opens with, or "" (see `_LEADING_BRACKET`)."""
    m = _LEADING_BRACKET.match(key.strip())
    return m.group(1) if m and len(key.strip()) > m.end() + 10 else ""


# What a page puts after a document's title, one row a shape (a new shape is a row): the page of a copy
# split into pages (`_第1页`, `（第2页）`), a collection's piece number (`篇1`, ` 篇三`), a count of
# versions (`最新7篇`, `（精选5篇）`).
_DECORATIONS = (  # possessive `\s*+` where a row opens: a run of spaces is read once (linear)
    r"[_\s]*+[（(]?第\s*\d{1,3}\s*页[）)]?",
    r"\s*+篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})",
    # in brackets, whatever words the site puts before the count (`（优质10篇）`, `【汇编10篇】`, `（汇总4篇）`);
    # a bracket is taken whole, never cut inside
    r"\s*+[（(【\[][^（）()【】\[\]]{0,6}?\d{1,2}\s*篇[）)】\]]",
    r"\s*+(?:集合|合集|汇编|汇总|大全)?\s*+(?:最新|精选|优秀|通用|热门|经典)?\s*+\d{1,2}\s*篇",
    # A piece's number after a collection's genre word (`防汛抗旱工作总结二`, `…心得体会三`).
    r"(?<=总结|报告|范文|心得|体会|讲话|方案|计划)[一二三四五六七八九十]",
    # A count of characters a site lists pieces by (`乡村振兴心得体会800`, `…读后感1000字`).
    r"(?<=[\u4e00-\u9fff])[1-9]\d?00字?",
    # The site's name after a bar, an underscore or a spaced dash (`_百度文库`, ` - 知乎`, `|人民网`).
    r"\s*+(?:[_|｜]|(?<=\s)[-—–]\s)\s*+[^\s_|｜]{0,8}?(?:网|文库|文档|之家|知乎|简书|新闻|头条|百科|论坛|博客|巴巴)",
    r"-[^\s_|｜-]{0,8}?(?:文库|文档|之家|知乎|简书|百科|巴巴)",  # `-原创力文档`; `-织密保障网` is a title's
    # A site's word for its copy (`【精品】`, `（word版）`, `（可编辑）`, `（精辟）`).
    r"\s*+[【\[（(](?:精品|word版|WORD版|可编辑|修订版|最终版|定稿|整理版|优质|参考|推荐|汇总|汇编|合集|大全|精辟|精华)[】\]）)]",
    # A count of characters in brackets (`（2889字）`), a count a page glues on (views: `…与实践130`; a
    # year is a title's: `…调查报告2023`).
    r"\s*+[（(]\s*\d{3,5}\s*字\s*[）)]",
    r"(?<=[\u4e00-\u9fff])(?!(?:19|20)\d\d$)\d{2,4}",
    # A piece's number in brackets after a collection's title (`『范文1』`, `【范文二】`, `（例文3）`).
    r"\s*+[『【\[（(]\s*(?:范文|例文|模板|样文|篇)\s*[\d一二三四五六七八九十]{1,3}\s*[』】\]）)]",
    # A page's number set apart in brackets (`( 五 )`); a title's own `（二）` has no spaces in it.
    r"\s*+[（(]\s+[一二三四五六七八九十\d]{1,3}\s+[）)]",
    # The issuing number of an official document (`（池政〔2017〕101号）`).
    r"\s*+[（(][\u4e00-\u9fff]{1,8}\s*[〔［\[【(（]\d{4}[〕］\]】)）]\s*\d{1,4}\s*号[）)]",
    # Who issued it and when, in brackets (`（市科技局 二○○七年十二月二十日）`).
    r"\s*+[（(][^（）()]{0,16}?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?[）)]",
)
_TRAILING_DECORATION = re.compile(r"(?<=\S)(?:" + "|".join(_DECORATIONS) + r")\s*$")
TITLE_CORE_MIN = 4  # what is left of a title without its decoration is at least this long
_LEADING_NUMBER = re.compile(r"第\d{1,5}号[ \u3000]+")


def undecorated(title: str) -> str:
    """The title without what a page puts after it (`X_第1页`, `X篇1`, `X最新7篇` → `X`) or a number before it."""
    text = title.strip().strip("|｜").strip()  # `X |`: a table's cell, its bar no part of the title
    numbered = _LEADING_NUMBER.match(text)  # `第172号 关于…的建议`: a proposal's number before its title
    if numbered and len(text) - numbered.end() >= TITLE_CORE_MIN:
        text = text[numbered.end() :]
    if text[:1] == "《" and text[-1:] == "》" and "《" not in text[1:-1]:
        text = text[1:-1].strip()  # `《节约粮食的方法和措施【优秀7篇】》`: a page's title in book brackets
    for _ in range(2):
        # matched on the folded text (`_第1頁`, `【匯總】` as `_第1页`, `【汇总】`), cut from the text as written
        m = _TRAILING_DECORATION.search(fold(text))
        if m is None or m.start() < TITLE_CORE_MIN:
            break
        text = text[: m.start()].rstrip()
    return text


# A collection's title says how many pieces it holds (`安全生产实施方案范文汇编六篇`, `…调查报告最新7篇`):
# it names a document, where a site's name or a genre's label (`申论范文`) does not.
_PIECE_COUNT = re.compile(r"(?:\d{1,2}|[两二三四五六七八九十]{1,2})\s*篇[）)]?$")


def counts_pieces(key: str) -> bool:
    """True for a title that counts the pieces of its collection (`…范文汇编六篇`)."""
    return bool(_PIECE_COUNT.search(key.strip()))


_ARROWS = re.compile(r">>|->|[>＞»]")
CRUMB_TITLE_MIN = 8  # a breadcrumb's last item this long names the page's document, not a column
_SENTENCE = re.compile(r"[。；！？!?]")


def crumb_title(lines: list[Line]) -> str:
    """The document a breadcrumb at the top ends with (`当前位置：首页 > … > 镇政协小组关于…的调查报告`),
    when the text below names it again; else ""."""
    for n, line in enumerate(lines[: 4 * TITLE_WINDOW]):
        if len(_ARROWS.findall(line.key)) < 2:
            continue
        leaf = path_leaf(line.key)
        if CRUMB_TITLE_MIN <= len(leaf) <= TITLE_MAX and not _SENTENCE.search(leaf) and leaf in body_after(lines, n):
            return line.text[line.key.rindex(leaf) :].strip()
        # `仔细研读下文>>>2016年…申论热点：缓解看病难`: a pointer to the text, its title after the column's label
        named = leaf[max(leaf.rfind("："), leaf.rfind(":")) + 1 :].strip()
        pointer = _POINTER.search(path_root(line.key))  # `仔细研读下文>>>`: it points to the text below
        labelled = named != leaf and len(named) >= LABELLED_TITLE_MIN and not _SENTENCE.search(named)
        if labelled and (pointer or named in body_after(lines, n)):
            return line.text[line.key.rindex(named) :].strip()
    return ""


LABELLED_TITLE_MIN = 4  # a title after a column's label (`申论热点：缓解看病难`) is a phrase at least this long
_POINTER = re.compile(r"(?:下文|全文|原文|正文|详情)\s*$")


_BOOK_TITLE = re.compile(r"《([^《》]{4,60})》")


def forwarded_title(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """The title of the document a notice forwards (`现将《X》转发给你们` … `X（市科技局 二○○七年…）`):
    a line among the first few that opens with what a line above it quotes in 《》."""
    quoted: list[str] = []
    for i in content[: 2 * TITLE_WINDOW]:
        key = lines[i].key
        for name in quoted:
            if key.startswith(name) and len(undecorated(key)) <= len(name) + 2:
                return i, lines[i].text
            if key.endswith(name) and 0 < len(key) - len(name) <= ISSUER_MAX:
                return i, lines[i].text[-len(name) :]  # `高邮市人社局高邮市…发展规划`: its issuer before it
        quoted += [m.group(1) for m in _BOOK_TITLE.finditer(key[:BODY_WINDOW])]
        quoted += [m.group(1) for m in _APPROVED.finditer(key[:TITLE_MAX])]
    return None


ISSUER_MAX = 16  # the issuer a forwarded document's title line may open with
# `X已经市政府同意，现予印发`: a notice naming what it forwards without quotes.
_APPROVED = re.compile(r"^([^，。；：,;:《》]{6,60}?)已经[^，。,]{0,12}同意[，,]\s*现(?:予|将|印发|转发)")


# `该【X】是由…上传分享`, `《X.docx》由会员分享`, a line `X.docx`: a document site quoting the title.
# A site's words between the name and the extension: `…思考Word文档下载推荐.docx`.
DOWNLOAD = r"(?:(?:word|pdf|wps)?(?:文档|格式)?(?:免费)?下载(?:推荐)?)?"
QUOTED_TITLE = re.compile(
    rf"[【《]\s*([^【】《》]{{4,40}}?){DOWNLOAD}(?:\.(?:docx?|pdf|txt|pptx?|wps))?\s*[】》]", re.I
)
FILE_NAME = re.compile(rf"^\s*([^【】《》]{{4,40}}?){DOWNLOAD}\.(?:docx?|pdf|txt|pptx?|wps)\s*$", re.I)


# What a site's note or metadata row says the document is called: `下面是小编为大家整理的X，供大家参考`,
# `特别推荐申论热点解读“X”`, `文件名称 | X |`, `标题：X`. Each row: the pattern, its group holding X.
NAMED_TITLES = (
    re.compile(
        r"(?:整理|收集|汇总|精选|挑选|分享|准备)(?:的|了)(?:一篇|这篇|這篇|关于|[数几多\d一二三四五六七八九十]{1,2}篇)?(?:优质|优秀|精彩|热门)?"
        r"([^，,。；;！!？?]{4,60}?)(?:文章|范文|材料)?[，,]\s*(?:供|希望|欢迎|仅供)"
    ),
    re.compile(r"推荐[^“”\"]{0,16}[“\"]([^“”\"]{4,40})[”\"]"),
    re.compile(r"(?:看看|阅读|浏览)本文[“\"]([^“”\"]{4,40})[”\"]"),  # `来看看本文“X”，…希望能帮到您！`
    re.compile(r"(?:您|你)的(?:标题|题目)[“\"]([^“”\"]{4,40})[”\"]"),  # `以上内容基于您的标题“X”撰写`
    re.compile(r"^原标题\s*[：:]\s*([^：:]{4,60})$"),
    re.compile(r"^[（(]原标题\s*[：:]\s*(.{4,60})[）)]$"),  # `（原标题：《…》解读二：…（二））`
    re.compile(r"^([^，,。；;！!？?]{4,60})[，,]\s*本文主要内容关键词为"),  # a paper site's note after it
    # the last row: a metadata row (`案例名称：X`) names the document for sure
    re.compile(
        r"^(?:[\u4e00-\u9fff]{0,2}名称|(?:文件|文档|案例|课题|论文|提案|项目)?标题|题名)\s*[：:|｜]\s*([^|｜]{4,60}?)\s*(?:[|｜].*)?$"
    ),
)
