"""Rows of the furniture table for a document, download or forum site's viewer around the text; no structure."""

# A document site (文库, 文档网, 范文网) shows a copied document inside its viewer: a badge and the file's
# size and pages over it, buttons (`侵权投诉`, `海报`, `合集下载`), read counts, a note where the preview
# ends and a numbered help list about downloading (coins, refunds, the service desk). Each row is a shape,
# as in `trainer.parse.furniture` (which joins these rows to its table).

from __future__ import annotations

import re

from trainer.parse.shaperow import Shape

# What only a site's service speaks of, beside its documents: the reader's coins, refunds, help desk.
_SERVICE = r"金币|积分|扣费|退款|客服|解压|您|VIP|会员|付费|购买"
_DOCUMENT = r"下载|预览|文档|资料包"

DOCUMENT_SITE_SHAPES: tuple[Shape, ...] = (
    Shape("a viewer's label over a picture of the document", ("缩略图", "预览图"), r"^(?:缩略图|预览图|封面图)$", 10),
    # A forum's post (Discuz and the like) shows its buttons in brackets between the title and the post.
    Shape(
        "a forum post's copy-link button (`[复制链接]`, `[XinWen.Mobi 原创复制链接分享]`)",
        ("[复制链接]", "[XinWen.Mobi 原创复制链接分享]", "【复制链接】"),
        r"^[\[【][^\[\]【】]{0,16}复制链接\S{0,4}[\]】]$",
        40,
    ),
    Shape(
        "a document viewer's badge, file size, page count or capped count (`VIP专免`, `40.19KB`, `13 页`, `999+`)",
        ("VIP专免", "会员免费", "40.19KB", "1.2 MB", "13 页", "共13页", "约 7页", "约4.67千字", "999+"),
        r"^(?:S?VIP|会员)\s*(?:专享|专免|免费|专属|特权)$|^\d{1,5}(?:\.\d{1,2})?\s*(?:KB|MB|GB)$"
        r"|^(?:共|约)?\s*\d{1,4}\s*页$|^约\s*\d{1,4}(?:\.\d{1,2})?\s*[千万]?字$|^\d{1,4}\+$",
        20,
    ),
    Shape(
        "a document site's button (`侵权投诉`, `海报`, `合集下载`, `下载本文`, `全屏预览`)",
        (
            "侵权投诉",
            "举报",
            "生成海报",
            "海报",
            "合集下载",
            "立即下载",
            "下载本文",
            "全屏预览",
            "浏览记录",
            "关注某某网",
        ),
        r"^(?:侵权|版权)?(?:投诉|举报)$|^(?:生成|分享)?海报$|^(?:合集|立即|免费|全文|一键|打包|文档|资料)下载$"
        r"|^(?:下载|打印|收藏)(?:本文|全文|此文|文档|本文档)$"
        r"|^(?:在线|全屏)(?:预览|阅读)$|^(?:浏览|阅读|下载)记录$|^关注[\u4e00-\u9fff]{1,6}(?:网|公众号)$",
        12,
    ),
    Shape(
        "a read or view count (`207人看过`, `1.2万次浏览`, `3560 阅读`)",
        ("207人看过", "1人看过", "1.2万次浏览", "3560 阅读", "88次下载", "经验 阅读（3.11W）"),
        r"^\d{1,6}(?:\.\d{1,2})?\s*[万wk]?\+?\s*(?:人|次)?\s*(?:看过|浏览过?|阅读过?|观看|播放|围观|下载)$"
        # a column's name and its count in brackets (`经验 阅读(3.11W)`)
        r"|^(?:[\u4e00-\u9fff]{2,6}\s+)?(?:[阅閱]读|浏览|点击|人气)\s*[（(]\s*\d{1,6}(?:\.\d{1,2})?\s*[万wWkK]?\+?\s*[）)]$",
        20,
    ),
    Shape(
        "a document viewer's note where its preview ends (`在线预览结束，喜欢就下载吧`)",
        ("在线预览结束，喜欢就下载吧，查找使用更方便", "预览已结束", "如果您无法下载资料，请参考说明："),
        r"预览(?:已经?)?(?:结束|完毕|到此)|喜欢就下载|无法下载",
        60,
    ),
    Shape(
        "a download site's help list: its documents and the reader's coins, refunds or help desk",
        (
            "1、部分资料下载需要金币，请确保您的账户上有足够的金币",
            "2、已购买过的文档，再次下载不重复扣费",
            "3、资料包下载后请先用软件解压，在使用对应软件打开",
            "2、“仅部分预览”的文档，不可在线预览部分如存在完整性等问题，可反馈申请退款",
            "1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。",
        ),
        rf"^(?=.{{0,80}}?(?:{_DOCUMENT}))(?=.{{0,100}}?(?:{_SERVICE}))|^[\d、.．\s]{{0,8}}下载(?:本|此|该)?文档前",
        100,
    ),
    Shape(
        "a document site's terms of use, numbered over the document (`1、本文档共12页…`, `本站所有内容均由…上传`)",
        (
            "1、本文档共12页，可阅读全部内容。",
            "2、原创力文档（book118）网站文档一经付费（服务费），不意味着购买了该文档的版权，仅供个人学习之用",
            "3、本站所有内容均由合作方或网友上传，本站不对文档的完整性、权威性及其观点立场正确性做任何保证或承诺！",
            "4、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等，请点击“版权申诉”（推荐）",
            "网站大量收购闲置独家精品文档，联系QQ:2885784924",
        ),
        r"本文档共\s*\d{1,4}\s*页|文档一经付费|本站(?:所有内容|不对文档|不退款)|版权申诉|收购[\u4e00-\u9fff]{0,8}文档",
        300,
    ),
    Shape(
        "a document site's note on what a download holds (`下载后只包含 1 个 PDF 格式的文档`, `二次下载`)",
        (
            "下载后只包含 1 个 PDF 格式的文档，没有任何的图纸或源代码，查看文件列表",
            "如果您已付费下载过本站文档，您可以点这里二次下载",
            "下载得到文件列表",
        ),
        r"^下载(?:后|得到)(?:只?包含|的?文件列表)|二次下载",
        80,
    ),
    Shape(
        "a document site's upload row (`上传人：某某 2025/3/3 文件大小：297 KB`, `格式：pdf 大小：297KB`)",
        ("上传人：小屁孩 2025/3/3 文件大小：297 KB", "上传者：某某", "格式：pdf   大小：297KB   页数：6页"),
        r"^上传(?:人|者|用户)\s*[：:]|^格式\s*[：:]\s*(?:pdf|docx?|wps|txt|pptx?)\b",
        80,
    ),
    Shape(
        "a site's line handing its content to the reader (`某某为您分享以下优质知识`)",
        ("公共使者为您分享以下优质知识", "以下为精选回答", "小知为你推荐以下内容"),
        r"为(?:您|你|大家)(?:分享|推荐|整理|精选|带来|解答)(?:了|的)?(?:以下|如下|一些|几篇|这篇|优质)"
        r"|^以下(?:为|是)?(?:优质|精选|相关|推荐)(?:知识|内容|文章|资料|回答|范文)",
        40,
    ),
    Shape(
        "a 公众号 copy's mark of origin and account (`原创 张三 某某智库`, `原创某某研究中心民生智库`)",
        ("原创 公考小课堂", "原创 张三 某某智库", "原创政策战略研究中心民生智库"),
        r"^原创(?:\s+[^\s，。；！？]{1,20}){1,3}$"
        r"|^原创\s*[\u4e00-\u9fff]{2,16}(?:中心|智库|研究院|研究所|杂志社?|编辑部|工作室|公众号)[\u4e00-\u9fff]{0,8}$",
        40,
    ),
    Shape(
        "a site's column name alone on its line (`行业资讯`, `申论热点`, `新闻动态`)",
        ("行业资讯", "申论热点", "时政热点", "新闻动态", "今日头条", "申论热点材料阅读"),
        r"^(?:行业|新闻|时政|申论|公考|考试|政策|热点|最新|今日|本地|国内|综合|社会)"
        r"(?:资讯|热点|动态|快讯|要闻|头条|聚焦|速递|播报)(?:(?:材料|素材)?(?:阅读|积累|解读|汇总))?$",
        10,
    ),
    Shape(
        "a column's name in English under its Chinese one (`INDUSTRY INFORMATION`)",
        ("INDUSTRY INFORMATION", "NEWS CENTER"),
        r"^(?-i:[A-Z]{2,}(?:\s+[A-Z]{2,}){1,3})$",  # capitals only, whatever the table's flags
        40,
    ),
)

VIEWER_ROWS = 4  # the first rows: what a document site's viewer sets around the document itself
_VIEWER = [(re.compile(shape.pattern, re.I), shape.limit) for shape in DOCUMENT_SITE_SHAPES[:VIEWER_ROWS]]


def is_viewer_line(key: str) -> bool:
    """True for a line of a document site's viewer: a badge, a button, a read count, a preview's note."""
    key = key.strip()
    return any(len(key) <= limit and rx.search(key) for rx, limit in _VIEWER)
