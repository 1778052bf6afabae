"""Recognising web noise (banners, breadcrumbs, bylines, footers) and tidying titles; no structure."""

from __future__ import annotations

import re
from functools import lru_cache

from trainer.parse.bylines import affiliation
from trainer.parse.markers import SYMBOLS as _SYMBOLS
from trainer.parse.normalize import Line
from trainer.parse.titles import counts_pieces, undecorated
from trainer.parse.vocab import is_heading_phrase

_DOMAIN = re.compile(r"(?:https?://|www\.)\S+|[a-z0-9-]+\.(?:com|cn|net|org|gov|edu|cc|top|info)\b", re.I)
_BREADCRUMB = re.compile(r"^(?:您|你)?(?:的|现在的)?(?:当前|现在)?(?:所在)?位置\s*[：:]?|(?:^|\s)首页\s*[>＞»/]")
# A trail of sections split by arrows (`-> 要闻 -> 审计通告 -> 审计公告`, `首页 >> 申论资料 >> 热点`).
_ARROW = re.compile(r"->|=>|>>|>|＞|»|→")
ARROWS_MIN = 2
# Page controls and site links that stand alone on a line (`导航`, `• 注册`, `首页`, `返回顶部`).
_UI_WORDS = re.compile(
    r"登录后才能评论|首页|导航|注册|登录|登陆|退出|搜索|返回|更多|菜单|打印|关闭|分享|收藏|网站地图|无障碍|繁体|简体|手机版|移动版"
    r"|设为首页|加入收藏|English|APP|下载|客户端|顶部|上一页|下一页|目录|本页|窗口|联系我们|关于我们|纠错|推荐|赞"
    r"|(?:写|发表|我要|网友|热门|最新)?(?:留言|评论)",
    re.I,
)
_UI_REST = re.compile(r"[\s•·●▪◆■□|｜/>＞»【】\[\]()（）:：-]+")
UI_MAX = 24
# A row of a page's layout table (`文件名称 | 汉滨区2025年政府工作报告 | ||`, `| ||||||||`).
TABLE_BARS_MIN = 3
_WORDY = re.compile(r"[^\W_]")
_EMPTY_CELL = re.compile(r"\|\s*\|")
# A date alone on a line, in digits or in Chinese numerals (`2021年8月`, `二○○八年一月二十五日`).
_DATE_ONLY = re.compile(
    r"^[（(]?[^（()）\d]{0,10}?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?[）)]?$"
)
_META = re.compile(
    r"^(?:发布时间|发布日期|发布|发表时间|更新时间|时间|日期|来源|文章来源|信息来源|浏览数?|浏览次数|点击数?"
    r"|阅读数?|阅读量|作者|编辑|责任编辑|文/|字号|打印|分享到|收藏|标签|关键词|关键字|摘要"
    r"|文档编号|上传时间|上传者|格式|页数|大小|下载次数|下载|文件名称|索引号|文号|发文字号|成文日期|公开日期|有效性"
    r"|公开目录|公开责任部门|公开形式|发文机关|主题分类|所属栏目|责编|审核|校对|排版|监制|出品|策划|统筹|转自|转载自"
    r"|原标题|图片来源|图源|声明|特别声明|郑重声明|文|撰文|撰稿|供稿|记者|通讯员|浏览量|点击量|访问量|字体|页码|微信号|功能介绍"
    r"|作者简介|基金项目|中图分类号|文献标识码|文章编号|DOI"
    r"|咨询热线|客服热线|服务热线|热线电话|联系电话|电话|传真|QQ群?|微信|邮箱|E-?mail)\s*[：:|｜]"
    # A paper's metadata under a bracketed label (`[关键词] …`, `[中图分类号] D922`; an abstract is text).
    r"|^[\[【［]\s*(?:关\s*键\s*词|关键字|中图分类号|文献标识码|文章编号|基金项目|作者简介|收稿日期)\s*[\]】］]"
)
# A metadata label further along a short line (`2026-03-11 19:16 来源：参考消息网 责任编辑：刘某`).
_META_INSIDE = re.compile(
    r"\s(?:来源|文章来源|作者|编辑|责任编辑|发布时间|发布日期|浏览|阅读|点击)\s*[：:]|\s(?:发表于|发布于|原创)"
)
# A news agency's dateline on its own line (`新华社北京3月11日电`).
_DATELINE = re.compile(r"^[（(]?[\u4e00-\u9fff]{0,12}\d{1,2}月\d{1,2}日(?:电|讯)[）)]?$")
# A figure or table caption (`表1 农民工年龄构成 %`).
_CAPTION = re.compile(r"^(?:表|图|附表|附图|Table|Fig\.?)\s*\d{1,2}(?:[-.]\d{1,2})?(?![\d.年月日个项%万亿])", re.I)
# A page counter or a file listing left by a document site (`（第7/23页）`, `xxx.docx`, `（61篇）`).
_COUNTER = re.compile(
    r"第\s*\d{1,4}\s*/\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页|\.(?:docx?|pdf|wps|pptx?|xlsx?)$"
    r"|第\s*\d{1,4}\s*卷\s*第\s*\d{1,3}\s*期|Vol\.\s*\d{1,4}|Journal of",
    re.I,
)
# A navigation bar: four or more short items in a row, split by spaces, | or ·.
_NAV_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,6}")
_NAV_SPLIT = re.compile(r"\s*[|｜·•/]\s*|\s+")
NAV_MIN_ITEMS = 4
_BARS = re.compile(r"[|｜]")
# Site greetings and aggregator notes (`欢迎来到…平台`, `下面是小编为大家整理的…，供大家参考。`).
_SITE = re.compile(
    r"欢迎(?:来到|访问|光临|您|点赞|转发|评论|关注|分享|留言|订阅)|小编|供大家(?:参考|阅读|借鉴|学习)|仅供参考"
    r"|由会员分享|上传分享|可在线阅读|珍藏版|文档专家|在线咨询在线咨询|发表评论|發表評論|发布留言|發佈留言|必填欄位|必填项"
    r"|電子郵件地址|电子邮件地址不会|严禁外传|版权归|未经授权"
    # A document site's reader around a copy (`已阅读5页，还剩13页未读 继续免费阅读`, `下载本文档`).
    r"|还剩\s*\d{1,4}\s*页|继续(?:免费)?阅读|下载(?:本|此|该)文档|本文档由"
    # A post's reading time, an archive's record numbers, a player's placeholder.
    r"|阅读(?:大约|大概|约)?(?:需要?|需)?\s*\d{1,3}\s*分钟|ICP备|公网安备|加载中"
    r"|隐藏内容|付费后(?:查看|阅读|下载)|试读结束|点击购买|购买后(?:查看|阅读|下载)|开通会员"
    # Words a page says to its reader about itself (`来看看本文…希望能帮到您！`).
    r"|(?:来|一起)看看本文|希望(?:能|可以|对)?(?:帮到|帮助到?|有所帮助)(?:您|你|大家)|基于(?:您|你)的(?:标题|题目|要求)"
)
SITE_MAX = 100
# A footnote or a reference: a note mark, then a source (`① 数据来源：国家统计局`, `[3] 王某.…[J].…`).
_FOOTNOTE = re.compile(
    r"^(?:\[\d{1,3}\]|［\d{1,3}］|注\s*\d{0,2}\s*[：:]|[①②③④⑤⑥⑦⑧⑨⑩])\s*[^\n]{0,120}?"
    r"(?:来源|参见|出处|引自|转引|\[[JMNDC]\]|出版社|年第\s*\d{1,3}\s*期)"
)
_DATETIME = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
_BYLINE = re.compile(r"(?:^|\s)by\s*[：:]", re.I)
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
# Page furniture a web or PDF copy leaves as whole lines: fold/expand links, follow buttons, end marks,
# reprint notices.
_FURNITURE = re.compile(
    r"^(?:点击|点此)?(?:展开|阅读|查看)(?:阅读)?(?:全文|原文)|^[+＋]? *(?:已)?关注$|^[【\[]?我要纠错|^分享(?:让更多人看到|给(?:好友|朋友))"
    r"|^[-—–~ （(\[【]*(?:完|全文完|end|the end)[-—–~ ）)\]】]*$|转载请注明|侵权请?(?:联系|告知)|^[（(]?本文(?:系|为)?(?:原创|转载|整理自|来源于)"
    r"|点个(?:在看|赞)|(?:分享|转发)给(?:更多|身边)|^[（(]?(?:本文)?作者(?:系|为|单位)"
    r"|^篇[一二三四五六七八九十]{1,3}$|^第[一二三四五六七八九十\d]{1,3}篇$"  # a collection's chapter label
    r"|^[^，。]{0,6}(?:部分内容|全文)(?:阅读|预览|试读)$"  # `论文部分内容阅读`: a site's preview label
    r"|^(?:文档|文章|内容)简介$"  # a document site's label over its excerpt
    r"|^收录于(?:合集|话题|专辑)|^预览时标签不可点|^以下文章来源于|^本(?:站|网)所有|侵权必究"
    r"|^本文由[^。，]{1,16}(?:原创|整理|编辑|发布|提供)$|^点击(?:查看|阅读|了解)(?:更多|详情)"
    r"|^(?:文章|本文)目录$|^(?:图片|图|视频|image|img|photo)$|^图片来源于|^[▲△]\s*图|^点击(?:图片)?(?:查看|看)(?:大图|原图)"
    r"|^(?:本文|全文)(?:约|共|共计)?\s*\d{2,6}\s*字|^[（(]?(?:未完待续|待续|[上下]?[接转]第?\s*\d{1,2}\s*版)[）)]?$"
    r"|[（(](?:资料图片?|[\u4e00-\u9fff·\s]{2,10}摄|图源[：:][^）)]{0,20})[）)]$"  # a picture's credit
    # A paper's part label with its marks (`一、案例分析题(30分)`, `第二题（20分）`): no heading of a list.
    r"|^(?:[一二三四五六七八九十]{1,2}[、.]\s*)?(?:[\u4e00-\u9fff]{2,8}题|第[一二三四五六七八九十\d]{1,2}题)"
    r"\s*[（(]\s*(?:本题|共)?\s*\d{1,3}\s*分\s*[）)]$",
    re.I,
)
# Share, like and comment buttons with their counts: `点赞(128) 收藏 评论(32)`, `赞同 356 26 条评论`.
_BUTTONS = re.compile(
    r"点赞|赞同了该回答|赞同了该文章|赞同|赞赏|收藏|评论|分享|转发|喜欢|举报|打赏|申请转载|在看|阅读|被浏览|浏览|投诉|关注者"
)
_BUTTON_REST = re.compile(r"[\d\s.,，:：|/·•+()（）\[\]共有条人次万wk]+", re.I)
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
    r"^[【\[(（]?(?:广告|推广|赞助)(?:[】\])）]|$)|(?:扫码|扫一扫|扫描二维码|识别二维码)\s*"
    r"(?:关注|领取|添加|进群|下载|报名|咨询|获取|加入|分享|阅读|查看|收看)"
    r"|加微信|添加微信|关注公众号|关注我们|点击领取|免费领取|领取资料|报名中|立即报名|点击报名|长按识别"
    r"|^点击[^。！？]{0,8}关注"  # `点击蓝字关注“云上胶州”`, `点击上方关注`
    r"|^打开[^。！？]{1,10}(?:查看|阅读|观看)"  # `打开网易新闻 查看精彩图片`: an app's placeholder
    r"|长按(?:二维码|识别)|微信搜索|搜索公众号"
    r"|^[\\/]?更多[^。！？]{2,40}(?:获取|详见|请|点击|访问|查看|关注)"
)
# A reporter's byline (`本报记者 张三 李四`, `通讯员 王五`) and a document number alone (`国办发〔2022〕5号`).
_REPORTER = re.compile(
    r"^(?:本报|新华社|人民网|央视网?)?(?:记者|通讯员|特约评论员|评论员)\s*[\u4e00-\u9fff·、 ]{2,20}$"
)
# A count alone (`1,234`, `1.2万`), or under its column's name in a site's own units (`生产2.11W`).
_COUNT_ALONE = re.compile(
    r"^\d{1,3}(?:,\d{3})+$|^\d{1,4}(?:\.\d{1,2})?\s*[万wWkK]\+?$|^[\u4e00-\u9fff]{1,6}\s*\d{1,4}(?:\.\d{1,2})?\s*[wWkK]\+?$"
)
# A byline with a slash (`文/张三 某某市场监管局`, `图/李四`).
_SLASH_BYLINE = re.compile(r"^(?:文|图|撰文|作者|图文|文图|摄影|记者|编辑)\s*/\s*[\u4e00-\u9fff]")
# A journal's name and issue on their own line (`某某学院学报 2021年4期`, `行政论坛，2020年第3期`).
_JOURNAL = re.compile(
    r"^[^\s，。；：]{1,20}(?:学报|杂志|期刊|学刊|导刊|月刊|旬刊|周刊|论坛|研究|科学|文摘)\s*[,，]?\s*(?:\d{4}|\d{2})\s*年?\s*"
    r"(?:第\s*)?\d{1,2}\s*期"
)
# A search-engine spam line: four or more keyword phrases joined by `_` (`免费视频_色综合_天天…`).
_KEYWORDS = re.compile(r"^[^\s_，。；]{1,24}(?:_[^\s_，。；]{1,24}){3,}$")
_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,10}(?:[〔\[［（(]\s*(?:\d{4}|20[Xx]{2})\s*[〕\]］）)]|(?<=[字发函])\s*(?:\d{4}|20[Xx]{2}))"
    r"\s*(?:第\s*)?\d{1,4}\s*号$"
)  # `国办发〔2022〕5号`, `萍开安办字20XX5号`
PROMO_MAX = 80


# A form's blanks to fill in (`姓名：______ 班级：______`): labels each followed by a run of underscores.
_FORM_BLANK = re.compile(r"[\u4e00-\u9fff]{1,6}\s*(?:[：:]\s*)?[_＿]{3,}")  # one \s* per gap: linear


_PLACEHOLDER = re.compile(r"^(?:\[[\u4e00-\u9fff]{1,3}\]\s*){1,5}$")


def _is_furniture(key: str) -> bool:
    if len(key) <= PROMO_MAX and _PROMO.search(key):
        return True
    if _FORM_BLANK.search(key) and not _WORDY.search(_FORM_BLANK.sub("", key)):
        return True
    if len(key) > 40:
        return False
    if _FURNITURE.search(key):
        return True
    if _PLACEHOLDER.match(key) and not is_heading_phrase(key.strip("[] ")):
        return True  # `[图片]`, `[微笑][微笑]`: a picture's or an emoticon's placeholder; `[对策]` heads
    return bool(_BUTTONS.search(key)) and not _BUTTON_REST.sub("", _BUTTONS.sub("", key))


def is_footer(line: Line) -> bool:
    """True for a line that starts the site footer: it and everything after it is dropped."""
    return bool(_FOOTER.match(line.key.strip()))


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


def is_nav_bar(key: str) -> bool:
    """True for a row of four or more short items split by spaces, | or · (a site's navigation); in a
    longer row (six or more) one item in five may be longer (`国家公务员考试网 地方站： 临沂 日照 …`)."""
    if len(key) > 80:
        return False
    items = [it for it in _NAV_SPLIT.split(key) if it]
    short = sum(1 for it in items if _NAV_ITEM.fullmatch(it))
    if len(items) >= 2 * NAV_MIN_ITEMS - 2:
        return 5 * short >= 4 * len(items)
    if len(items) >= NAV_MIN_ITEMS and short == len(items):
        return True
    # `申论 | 热点`, `登录 | 注册 | 会员中心`: a column's path or a row of links, its items split by bars.
    barred = [it.strip() for it in _BARS.split(key)]
    longest = max(len(it) for it in barred)
    if len(barred) < 2 or not all(barred) or not (longest <= 2 or (len(barred) >= 3 and longest <= 4)):
        return False
    return not all(is_heading_phrase(it) for it in barred)  # `问题 | 对策`: a table's head


def is_page_control(key: str) -> bool:
    """True for a line of page controls and site links only (`导航`, `• 注册`, `-> 要闻 -> 审计公告`,
    a layout-table row), or a date alone."""
    if len(key) <= UI_MAX and _UI_WORDS.search(key) and not _UI_REST.sub("", _UI_WORDS.sub("", key)):
        return True
    if not _WORDY.search(key):
        return True  # `|`, `👇👇👇`, `————`: no word at all
    if _REPORTER.match(key) or _DOC_NUMBER.match(key) or _COUNT_ALONE.match(key) or _KEYWORDS.match(key):
        return True
    if len(key) <= 60 and (_SLASH_BYLINE.match(key) or _JOURNAL.match(key)) and not ends_terminal(key):
        return True
    if len(key) <= 80 and len(_ARROW.findall(key)) >= ARROWS_MIN:
        return True
    if key.count("|") >= TABLE_BARS_MIN and _EMPTY_CELL.search(key) and len(key.replace("|", "").strip()) <= 80:
        return True  # a content table (`| 问题 | 对策 |`) has no empty cells
    return bool(_DATE_ONLY.match(key))


def is_noise(line: Line) -> bool:
    """True for a banner, breadcrumb, publishing-metadata, byline, caption or site line."""
    return _is_noise_key(line.key)


@lru_cache(maxsize=4096)  # pages repeat their furniture; the answer depends on the key alone
def _is_noise_key(folded: str) -> bool:
    key = folded.strip("`- ")
    if not key:
        return False
    if _BREADCRUMB.search(key) or _META.match(key) or _is_furniture(key) or is_page_control(key):
        return True
    if len(key) <= SITE_MAX and (_SITE.search(key) or _COUNTER.search(key)):
        return True
    if len(key) <= 200 and _FOOTNOTE.match(key):
        return True
    if len(key) <= 60 and (_DATELINE.match(key) or is_nav_bar(key)):
        return True
    if len(key) <= 80 and _CAPTION.match(key) and not key.endswith("。"):
        return True
    if len(key) <= 80 and _META_INSIDE.search(key) and _DATETIME.search(key):
        return True
    if len(key) <= 60 and key[0] in "（(【[" and key[-1] in "）)】]" and _META.match(key[1:].lstrip()):
        return True  # `（来源：市民政局调研报告，有删节）`
    short = len(key) <= 80 and not key.endswith("。")
    if short and _DOMAIN.search(key):
        return True
    if short and _BYLINE.search(key):
        return True
    m = _DATETIME.search(key)
    if m and len(key) <= 60 and re.search("[:：]", m.group(0)) and not ends_terminal(key):
        return True  # `2018年8月17日23:55:20…已关闭评论`: a post's time stamp to the second is page metadata
    if m and len(key) <= 40 and "，" not in key:
        rest = _DATETIME.sub("", key)
        rest = _WEEKDAY.sub("", rest).strip(" -|/·")
        if len(rest) <= 12:
            return True
    return affiliation(folded)


# The roles a headline's speaker is named by (`市政协委员温秀丽：…`, `全国人大代表张三：…`).
_SPEAKER_ROLES = "委员|代表|书记|主任|市长|县长|区长|局长|厅长|部长|省长|院长|校长|教授|专家|研究员|主席|理事长"
_TITLE_PREFIX = re.compile(
    r"^(?:[^：:]{1,6}?(?:心得|体会|范文|总结|材料|报告|文章|参考|素材|积累|精选|汇编)|[^：:｜|]{0,16}?(?:专题|热点|话题)"
    r"|[^：:｜|]{0,20}?(?:技巧|攻略|指导|指南|辅导|备考))\s*[：:｜|]\s*"
    # `德泓观察|县域经济…`: a column's short name and a bar before a longer title
    r"|^[^：:｜|\s]{1,8}\s*[｜|][?？\s]*(?=[^｜|]{6,}$)"
    # `市政协委员温秀丽：加强…`: a news headline's speaker, a role and a name, before what they said
    rf"|^[\u4e00-\u9fff]{{0,12}}(?:{_SPEAKER_ROLES})"
    r"[\u4e00-\u9fff·]{2,4}\s*[：:]\s*(?=\S{6})"
)
# What a document site adds to a title: a running header after a wide gap (`… 内部资料 严禁外传`),
# a count of versions (`留守老人的调查报告5篇 …`), a file extension, a genre label before it
# (`申论高分范文岁月失语…`).
_TITLE_GAP = re.compile(r"\s{4,}.*$")
_TITLE_COUNT = re.compile(r"(?<!\d)\d{1,2}篇(?:\s.*)?$")
_TITLE_EXT = re.compile(r"(?:(?:word|pdf|wps)?(?:文档|格式)?(?:免费)?下载(?:推荐)?)?\.(?:docx?|pdf|wps|txt)$", re.I)
_TITLE_DATE = re.compile(
    r"(?<=\S)\s++\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_TITLE_GENRE = re.compile(r"^(?:申论|公考|公务员)?(?:高分|优秀|满分|精选|经典)?(?:范文|素材)(?=[^：:]{6})")
# A line that is only a site's or a genre's name (`申论范文`, `山西公务员考试`, `申论行政执法类范文精析`).
_GENRE_LINE = re.compile(r"公务员|公考|考试|范文|精析|题库|文库|教育|频道|学园|学堂|论坛|官网")
GENRE_LINE_MAX = 16


_DECORATION = re.compile(r"^[^\w【\[]{1,3}\s*")  # `🔥 `, `▶ `: a decoration before a line's text


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
    r"[（(\[【](?:最新|精选|完整|全文|范文|优秀|热门|推荐|通用|合集|[\d两二三四五六七八九十]+篇)[^）)\]】]{0,6}[）)\]】]\s*$"
)
_TITLE_LABEL = re.compile(r"^[【〖\[][^【】〖〗\[\]]{1,10}[】〗\]] *")
_SUBTITLE = re.compile(r"(?:——|--|—)\s*(.{1,30})$")  # no leading \s*: quadratic on runs of spaces


def split_title(title: str) -> tuple[str, str]:
    """A document title without site prefixes/suffixes, split from its `——以X为例` subtitle."""
    text = _TITLE_GAP.sub("", title.strip())
    if has_title_label(text):
        text = _DECORATION.sub("", text)
    text = _TITLE_DATE.sub("", text)
    text = _TITLE_EXT.sub("", _TITLE_COUNT.sub("", text)).strip() or text
    stripped = _TITLE_PREFIX.sub("", text).strip()
    if len(stripped) >= 4:
        text = stripped  # before the genre word goes: `申论素材 | X` is a label, then X
    text = _TITLE_GENRE.sub("", text)
    text = _TITLE_SUFFIX.sub("", text).strip()
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
