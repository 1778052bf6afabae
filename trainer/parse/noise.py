"""Recognising web noise (banners, breadcrumbs, bylines, footers) and tidying titles; no structure."""

from __future__ import annotations

import re

from trainer.parse.markers import SYMBOLS as _SYMBOLS
from trainer.parse.normalize import Line

_DOMAIN = re.compile(r"(?:https?://|www\.)\S+|[a-z0-9-]+\.(?:com|cn|net|org|gov|edu|cc|top|info)\b", re.I)
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|现在位置|位置)\s*[：:]?|^首页\s*[>＞»/]")
_META = re.compile(
    r"^(?:发布时间|发布日期|发表时间|更新时间|时间|日期|来源|文章来源|信息来源|浏览数?|浏览次数|点击数?"
    r"|阅读数?|阅读量|作者|编辑|责任编辑|文/|字号|打印|分享到|收藏|标签|关键词|关键字|摘要)\s*[：:]"
)
_DATETIME = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
_BYLINE = re.compile(r"(?:^|\s)by\s*[：:]", re.I)
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_FOOTER = re.compile(
    r"^(?:相关文章|猜你喜欢|推荐访问|推荐阅读|相关热词搜索|热门文章|相关推荐|相关阅读|延伸阅读|版权所有"
    r"|版权声明|免责声明|本文链接|上一篇|下一篇|copyright|©|返回顶部|top$|参考文献)",
    re.I,
)
_INSTITUTION = re.compile(
    r"大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院|报刊社|编辑部|委员会|作者单位|\d{6}"
)
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐")
_TERMINAL = "。！？!?…"
# Page furniture a web or PDF copy leaves as whole lines: fold/expand links, follow buttons, end marks,
# reprint notices.
_FURNITURE = re.compile(
    r"^(?:点击|点此)?(?:展开|阅读|查看)(?:阅读)?全文|^[+＋]? *(?:已)?关注$|^[【\[]?我要纠错|^分享(?:让更多人看到|给(?:好友|朋友))"
    r"|^[-—–~ （(\[【]*(?:完|全文完|end|the end)[-—–~ ）)\]】]*$|转载请注明|侵权请?(?:联系|告知)|^[（(]?本文(?:系|为)?(?:原创|转载|整理自|来源于)",
    re.I,
)
# Share, like and comment buttons with their counts: `点赞(128) 收藏 评论(32)`, `赞同 356 26 条评论`.
_BUTTONS = re.compile(r"点赞|赞同|赞赏|收藏|评论|分享|转发|喜欢|举报|打赏|申请转载|在看|阅读|浏览|投诉")
_BUTTON_REST = re.compile(r"[\d\s.,，:：|/·•+()（）\[\]条人次万wk]+", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–~·•]+ *\d{1,3} *[-—–~·•]+|\d{1,3}|第 *\d{1,3} *页(?: *[,，/]? *共 *\d{1,3} *页)?"
    r"|\d{1,3} */ *\d{1,3}|page *\d{1,3}(?: *of *\d{1,3})?)$",
    re.I,
)


def is_page_number(line: Line) -> bool:
    """True for a page number a PDF copy leaves between lines (`- 2 -`, `第3页 共8页`, a lone `12`)."""
    return bool(_PAGE_NUMBER.match(line.key.strip()))


# Advertising and calls to act on the page itself (scan a code, sign up, follow an account).
_PROMO = re.compile(
    r"^[【\[(（]?(?:广告|推广|赞助)[】\])）]|扫码|扫一扫|二维码|加微信|添加微信|关注公众号|关注我们|点击领取|免费领取"
    r"|领取资料|报名中|立即报名|点击报名|长按识别"
)
PROMO_MAX = 80


def _is_furniture(key: str) -> bool:
    if len(key) <= PROMO_MAX and _PROMO.search(key):
        return True
    if len(key) > 40:
        return False
    if _FURNITURE.search(key):
        return True
    return bool(_BUTTONS.search(key)) and not _BUTTON_REST.sub("", _BUTTONS.sub("", key))


def is_footer(line: Line) -> bool:
    """True for a line that starts the site footer: it and everything after it is dropped."""
    return bool(_FOOTER.match(line.key.strip()))


def is_noise(line: Line) -> bool:
    """True for a banner, breadcrumb, publishing-metadata or byline line."""
    key = line.key.strip("` ")
    if not key:
        return False
    if _BREADCRUMB.match(key) or _META.match(key) or _is_furniture(key):
        return True
    if len(key) <= 60 and key[0] in "（(【[" and key[-1] in "）)】]" and _META.match(key[1:].lstrip()):
        return True  # `（来源：市民政局调研报告，有删节）`
    short = len(key) <= 80 and not key.endswith("。")
    if short and _DOMAIN.search(key):
        return True
    if short and _BYLINE.search(key):
        return True
    m = _DATETIME.search(key)
    if m and len(key) <= 40 and "，" not in key:
        rest = _DATETIME.sub("", key)
        rest = _WEEKDAY.sub("", rest).strip(" -|/·")
        if len(rest) <= 12:
            return True
    return is_affiliation(line)


def is_affiliation(line: Line) -> bool:
    """True for an author's affiliation in brackets: `(中共山西省委党校 报刊社,太原 030006)`."""
    key = line.key.strip()
    return (
        len(key) <= 60 and key.startswith(("（", "[")) and key.endswith(("）", "]")) and bool(_INSTITUTION.search(key))
    )


def is_person_name(line: Line) -> bool:
    """True for a lone byline of one to three Chinese personal names (`王亚峰`, `张三 李四`)."""
    key = line.key.strip()
    if not key or len(key) > 14:
        return False
    names = [n for n in re.split(r"[ 、，·]+", key) if n]
    if not names or len(names) > 3:
        return False
    for name in names:
        if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return False
        if name[0] not in _SURNAMES and not name.startswith(_COMPOUND_SURNAMES):
            return False
    return True


_TITLE_PREFIX = re.compile(
    r"^(?:[^：:]{1,6}?(?:心得|体会|范文|总结|材料|报告|文章|参考|素材|积累|精选|汇编)|[^：:]{0,4}?(?:专题|热点|话题))[：:]"
)
_TITLE_SUFFIX = re.compile(
    r"[（(\[【](?:最新|精选|完整|全文|范文|优秀|热门|推荐|通用|合集|[\d两二三四五六七八九十]+篇)[^）)\]】]{0,6}[）)\]】]\s*$"
)
_TITLE_LABEL = re.compile(r"^[【〖\[][^【】〖〗\[\]]{1,10}[】〗\]] *")
_SUBTITLE = re.compile(r"\s*(?:——|--|—)\s*(.{1,30})$")


def split_title(title: str) -> tuple[str, str]:
    """A document title without site prefixes/suffixes, split from its `——以X为例` subtitle."""
    text = _TITLE_SUFFIX.sub("", title.strip()).strip()
    stripped = _TITLE_PREFIX.sub("", text).strip()
    if len(stripped) >= 4:
        text = stripped
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


def ends_terminal(text: str) -> bool:
    """True when a line ends a sentence (closing quotes and brackets are looked through)."""
    body = text.rstrip(" ”’」』）)》】\"'")
    return bool(body) and body[-1] in _TERMINAL
