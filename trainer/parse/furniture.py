"""Page furniture by its shape: one table, a row per shape a line of furniture takes; no structure."""

# A row: what the line is, the pattern searched in its folded key (`^`/`$` for a whole line), how long such
# a line can be (longer, it is text quoting the words); `stop_ok=False` never matches a line ending with a
# full stop. A new shape is a new row; shapes needing more than a pattern are rules in `trainer.parse.noise`.

from __future__ import annotations

import re

from trainer.parse.docsites import DOCUMENT_SITE_SHAPES
from trainer.parse.pagerows import PAGE_SHAPES
from trainer.parse.regexparts import alternatives
from trainer.parse.shaperow import Shape

# The roles a speaker is named by, in a byline (`县委书记 张三`) or before what they said in a headline
# (`市政协委员温秀丽：…`, read by `noise`). A new role is a word here.
SPEAKER_ROLES = (
    "书记|主任|市长|县长|区长|镇长|乡长|局长|厅长|部长|省长|院长|校长|主席|委员|代表|教授|专家|研究员|理事长"
)


# What a line's label says it holds (`发布时间：…`, `责任编辑：…`, `QQ群：…`): page or paper metadata.
METADATA = (
    r"^(?:[•·●▪]\s*)?(?:发布时间|发布日期|发布|发表时间|更新时间|时间|日期|来源|文章来源|信息来源|浏览数?|浏览次数|点击数?"
    r"|阅读数?|阅读量|作者|编辑|责任编辑|文/|字号|打印|分享到|收藏|标签|关键词|关键字"
    r"|文档编号|上传时间|上传者|格式|页数|大小|下载次数|下载|文件名称|信息索引号|索\s?引\s?号|文\s?号|发文字号|成文日期|生成日期|公开日期|有效性"
    r"|发布机构|发布单位|公开分类|发文单位|公开方式|公开范围|公开时限|组配分类|体裁分类|主题词|生效日期|废止日期"
    r"|公开目录|公开责任部门|公开形式|发文机关|主题分类|所属栏目|责编|审核|校对|排版|监制|出品|策划|统筹|转自|转载自"
    r"|原标题|图片来源|图源|声明|特别声明|郑重声明|文|撰文|撰稿|供稿|记者|通讯员|浏览量|点击量|访问量|字体|页码|微信号|功能介绍"
    r"|作者简介|基金项目|中图分类号|文献标识码|文章编号|DOI|ID|文档名称|主办单位|承办单位|协办单位|处理类型|配套讲稿|特殊限制"
    r"|咨询热线|客服热线|服务热线|热线电话|联系电话|电话|传真|QQ群?|微信|邮箱|E-?mail"
    r"|稿源|出处|素材来源|图文编辑|文字编辑|美编|编审|终审|初审|复审|值班编辑|本期编辑|引用格式|引文格式|引用本文"
    r"|网络首发(?:时间|地址)?|Abstract|Key\s*words|Keywords|热度|人气|下载积分|所需积分|贡献者|文档格式|评分|下载量)\s*(?:[：:|｜]|$)"
)

SHAPES: tuple[Shape, ...] = (
    # Where the page sits in its site, and what its rows say about it.
    Shape(
        "breadcrumb",
        ("当前位置：首页 > 申论资料 > 热点", "您现在的位置: 首页"),
        r"^(?:您|你)?(?:的|现在的)?(?:当前|现在)?(?:所在)?位置\s*[：:]?|(?:^|\s)首页\s*[>＞»/]",
    ),
    Shape(
        "metadata row",
        (
            "发布时间：2023-06-15 浏览数：",
            "责任编辑：张三",
            "QQ群：123456 微信：abc123",
            "DOI：10.1234/abc",
            "配套讲稿：",
            "Abstract: The policy is an important strategy.",
            "Key words: governance; reform",
        ),
        METADATA,
        200,  # longer, the label leads a line a PDF copy ran the whole text into (`中图分类号：D63 … 一、引言…`)
    ),
    Shape(
        "a paper's metadata under a bracketed label (`[关键词] …`; an abstract is text)",
        ("[关键词] 基层治理；减负", "【中图分类号】D630"),
        r"^[\[【［]\s*(?:关\s*键\s*词|关键字|中图分类号|文献标识码|文章编号|基金项目|作者简介|收稿日期)\s*[\]】］]",
    ),
    Shape(
        "a reporter's byline (`本报记者 张三 李四`)",
        (
            "本报记者 张三 李四",
            "通讯员 王五",
            "□ 本报记者 张三",
            "—— 本报评论员",
            "人民日报评论员",
            "证券时报记者 曹晨",
        ),
        # `证券时报记者 曹晨`: a paper's or an agency's name before the reporter's
        r"^(?:本报|新华社|人民网|央视网?|[\u4e00-\u9fff]{2,8}(?:日报|时报|晚报|晨报|商报|报社|新闻网|新闻社|电视台))?"
        r"(?:首席|特约|见习)?(?:记者|通讯员|特约评论员|评论员)\s*[\u4e00-\u9fff·、 ]{2,20}$"
        r"|^[□◎■●○◇◆☆★]\s*(?:本报|新华社)?(?:记者|通讯员)"  # `□ 本报记者 张三`
        r"|^[-—\s]*(?:本报|新华社|[\u4e00-\u9fff]{2,6}(?:日报|时报|晚报))?(?:特约)?评论员$",  # `本报评论员`
    ),
    Shape(
        "a document number (`国办发〔2022〕5号`, `萍开安办字20XX5号`)",
        ("国办发〔2022〕5号", "萍开安办字20XX5号"),
        r"^[\u4e00-\u9fff]{1,10}(?:[〔\[［（(]\s*(?:\d{4}|20[Xx]{2})\s*[〕\]］）)]|(?<=[字发函])\s*(?:\d{4}|20[Xx]{2}))"
        r"\s*(?:第\s*)?\d{1,4}\s*号$",
    ),
    Shape(
        "a count alone (`1,234`, `1.2万`) or under its column's name in a site's units (`生产2.11W`)",
        ("1,234", "1.2万", "生产2.11W"),
        r"^\d{1,3}(?:[,，]\d{3})+$|^\d{1,4}(?:\.\d{1,2})?\s*[万wk]\+?$|^[\u4e00-\u9fff]{1,6}\s*\d{1,4}(?:\.\d{1,2})?\s*[wk]\+?$",
    ),
    Shape(
        "search-engine spam: keyword phrases joined by `_`",
        ("免费下载大全_热门影视_在线观看高清_最新资源合集",),
        r"^[^\s_，。；]{1,24}(?:_[^\s_，。；]{1,24}){3,}$",
    ),
    Shape(
        "a date alone (`2021年8月`, `二○○八年一月二十五日`)",
        ("2021年8月", "二○○八年一月二十五日"),
        r"^[（(]?[^（()）\d]{0,10}?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
        r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?[）)]?$",
    ),
    Shape(
        "a slash byline (`文/张三 某某市场监管局`)",
        ("文/张三 某某市场监管局", "图/李四"),
        r"^(?:文|图|撰文|作者|图文|文图|摄影|记者|编辑)\s*/\s*[\u4e00-\u9fff]",
        60,
        False,
    ),
    Shape(
        "a journal's name and issue (`某某学院学报 2021年4期`)",
        ("某某学院学报 2021年4期", "行政论坛，2020年第3期"),
        r"^[^\s，。；：]{1,20}(?:学报|杂志|期刊|学刊|导刊|月刊|旬刊|周刊|论坛|研究|科学|文摘)\s*[,，]?\s*(?:\d{4}|\d{2})\s*年?\s*"
        r"(?:第\s*)?\d{1,2}\s*期",
        60,
        False,
    ),
    Shape(
        "a news agency's dateline (`新华社北京3月11日电`)",
        ("新华社北京3月11日电",),
        r"^[（(]?[\u4e00-\u9fff]{0,12}\d{1,2}月\d{1,2}日(?:电|讯)[）)]?$",
        60,
    ),
    Shape(
        "a figure or table caption (`表1 农民工年龄构成 %`)",
        ("表1 农民工年龄构成 %",),
        r"^(?:表|图|附表|附图|Table|Fig\.?)\s*\d{1,2}(?:[-.]\d{1,2})?(?![\d.年月日个项%万亿])",
        80,
        False,
    ),
    Shape(
        "a picture's alt text: the page's title and the picture's number (`…改进方向 图1`, `…问题？-图1`)",
        ("社会保障制度的缺陷与改进方向 图1", "城市治理现存哪些核心问题？-图1"),
        r"[^\s\-－—_][\s\-－—_]+图\s*\d{1,2}$",
        60,
    ),
    Shape(
        "a web address",
        ("www.example.com", "https://example.cn/a"),
        r"(?:https?://|www\.)\S+|[a-z0-9-]+\.(?:com|cn|net|org|gov|edu|cc|top|info)\b",
        80,
        False,
    ),
    Shape("an English byline (`by: …`)", ("by: 张三",), r"(?:^|\s)by\s*[：:]", 80, False),
    Shape(
        "a footnote or a reference (`① 数据来源：…`, `[3] 王某.…[J].…`)",
        ("① 数据来源：国家统计局", "[3] 王某.基层治理研究[J].行政论坛,2020(3)."),
        r"^(?:\[\d{1,3}\]|［\d{1,3}］|注\s*\d{0,2}\s*[：:]|[①②③④⑤⑥⑦⑧⑨⑩])\s*[^\n]{0,120}?"
        r"(?:来源|参见|出处|引自|转引|\[[JMNDC]\]|出版社|年第\s*\d{1,3}\s*期)",
        200,
    ),
    Shape(
        "a picture or a comment left as markup (`![图片](a.jpg)`, `<!-- … -->`, `[img]…[/img]`)",
        ("![图片](a.jpg)", "<!-- comment -->", "[img]a.jpg[/img]"),
        r"^[!！]\[[^\]]{0,40}\][（(][^）)]{0,300}[）)]$|^<[!！]--.{0,300}-->$|^\[img\].{0,300}\[/img\]$",
    ),
    # Buttons, links and labels of the page around the text.
    Shape(
        "a fold or expand link",
        ("展开全文", "点击阅读全文", "查看原文"),
        r"^(?:点击|点此)?(?:展开|阅读|查看)(?:阅读)?(?:全文|原文)",
        40,
    ),
    Shape("a follow button", ("+关注", "已关注"), r"^[+＋]? *(?:已)?关注$", 40),
    Shape(
        "a font-size control (`A+A-`, `A- A A+`, `【大 中 小】`)",
        ("A+A-", "A- A A+", "【大 中 小】"),
        r"^A\s*[+-]\s*(?:A\s*)?A\s*[+-]?$|^[【\[]?大\s*中\s*小[】\]]?$",
        40,
    ),
    Shape("a correction link", ("【我要纠错】",), r"^[【\[]?我要纠错", 40),
    Shape(
        "a call to share",
        ("分享让更多人看到", "点个在看", "请使用浏览器分享功能进行分享", "朋友圈", "微信公众号", "点击右上角微信好友"),
        r"^分享(?:让更多人看到|给(?:好友|朋友))|点个[“\x22]?(?:在看|赞)|(?:分享|转发)给(?:更多|身边)|分享(?:功能|按钮)进行分享"
        r"|^(?:点击右上角)?(?:微信好友|朋友圈|微信公众号|新浪微博|微博|QQ空间|Qzone|QQ好友|复制链接)$",  # a share panel's targets
        40,
    ),
    Shape(
        "an end mark",
        ("—完—", "（全文完）", "- END -"),
        r"^[-—–~ （(\[【]*(?:完|全文完|end|the end)[-—–~ ）)\]】]*$",
        40,
    ),
    Shape(
        "a reprint notice",
        (
            "转载请注明出处",
            "以下文章来源于公考课堂",
            "本文由 公考小课堂 原创",
            "本文转自公众号“某某”",
            "本文经授权转载",
        ),
        r"转载请注明|侵权[，,\s]*请?(?:联系|告知)|侵权必究|^以下文章来源于|^(?:文字|信息|内容)?[、和及]?图片来源(?:于)?网络"
        r"|^[（(]?本文(?:系|为)?(?:原创|转载|整理自|来源于|转自|首发于|经授权|授权转载)"
        r"|^本(?:站|网)所有|^本文由[^。，]{1,16}(?:原创|整理|编辑|发布|提供)$",
        40,
    ),
    Shape(
        "an author's note (`（本文作者系…）`)",
        ("（本文作者系某某大学教授）",),
        r"^[（(]?(?:本文)?作者(?:系|为|单位)",
        40,
    ),
    Shape(
        "a collection's chapter label (`篇三`, `第二篇`)",
        ("篇三", "第二篇", "篇1"),
        r"^篇(?:[一二三四五六七八九十]{1,3}|\d{1,2})$|^第[一二三四五六七八九十\d]{1,3}篇$",
        40,
    ),
    Shape(
        "a document site's label (`论文部分内容阅读`, `文档简介`, `文章目录`)",
        ("论文部分内容阅读", "文档简介", "文档介绍", "文章目录", "目 录", "关键要点"),
        r"^[^，。]{0,6}(?:部分内容|全文)(?:阅读|预览|试读)$|^(?:文档|文章|内容)(?:简介|介绍)$|^(?:文章|本文)?目\s*[录次]$"
        r"|^关键(?:词|要点)$",  # a document site's box heads (`关键词` / `关键要点`) on lines of their own
        40,
    ),
    Shape(
        "a 公众号 copy's lines (`收录于合集 #…`)",
        ("收录于合集 #申论素材 32个", "收录于 金融财经 持续更新中", "预览时标签不可点"),
        r"^收录于(?:合集|话题|专辑|\s)|^预览时标签不可点",
        40,
    ),
    Shape(
        "a more link",
        ("点击查看更多", "点击图片查看大图", "点击左下角“阅读原文”", "（点击图片进入下一页）"),
        r"^[（(]?点击(?:图片)?(?:进入|查看)?[上下]一页|^点击(?:查看|阅读|了解)(?:更多|详情)|^点击(?:图片)?(?:查看|看)(?:大图|原图)|^点击[^。！？]{0,8}阅读原文",
        40,
    ),
    Shape(
        "a picture's placeholder or credit (`图片`, `▲图为…`, `（资料图）`, `（张三 摄）`)",
        ("图片", "Image", "▲图为某某社区", "（资料图）", "【资料图】", "（张三 摄）"),
        r"^(?:图片|图|视频|image|img|photo)$|^图片来源于|^[▲△]\s*图"
        r"|[（(【\[](?:资料图片?|[\u4e00-\u9fff·\s]{2,10}摄|图源[：:][^）)]{0,20})[）)】\]]$",
        40,
    ),
    Shape("a length note (`本文约3000字`)", ("本文约3000字",), r"^(?:本文|全文)(?:约|共|共计)?\s*\d{2,6}\s*字", 40),
    Shape(
        "a continuation note (`（未完待续）`, `（下转第2版）`)",
        ("（未完待续）", "（下转第2版）"),
        r"^[（(]?(?:未完待续|待续|[上下]?[接转]第?\s*\d{1,2}\s*版)[）)]?$",
        40,
    ),
    Shape(
        "a paper's part label with its marks (`一、案例分析题(30分)`), no heading of a list",
        ("一、案例分析题(30分)", "第二题（20分）"),
        r"^(?:[一二三四五六七八九十]{1,2}[、.]\s*)?(?:[\u4e00-\u9fff]{2,8}题|第[一二三四五六七八九十\d]{1,2}题)"
        r"\s*[（(]\s*(?:本题|共)?\s*\d{1,3}\s*分\s*[）)]$",
        40,
    ),
    Shape(
        "a speaker's byline: a role, a space, a name (`县委书记 张三`)",
        ("县委书记 张三", "市政府副市长 李某某", "农业大学教授 王五"),
        rf"^[\u4e00-\u9fff]{{0,10}}(?:{SPEAKER_ROLES})\s+[\u4e00-\u9fff]{{2,4}}$",
        20,
    ),
    Shape(
        "a speech's salutation",
        ("同志们：", "各位领导、各位来宾："),
        r"^(?:同志们|同学们|朋友们|各位(?:领导|代表|委员|同事|来宾|嘉宾|老师|同志)(?:[、，]各位[\u4e00-\u9fff]{2})*|大家好)[，：！]?$",
        40,
    ),
    Shape(
        "an exam site's label over a question or its analysis (`面试模拟题`, `中公试题解析`) or its teacher's byline",
        ("面试模拟题", "申论模拟试题", "【模拟试题】", "中公试题解析", "华图解析", "华图教育 黄帅"),
        r"^[【\[]?[\u4e00-\u9fff]{0,4}(?:模拟题|模拟试题|预测题|押题)[】\]]?$"
        r"|^(?:中公|华图|粉笔|京佳|金标尺|半月谈)(?:教育|网校)?(?:(?:试题|真题|题目|参考|答案)?(?:解析|点评|点拨|答案)"
        r"|\s+[\u4e00-\u9fff]{2,3})$",  # `华图教育 黄帅`: its teacher's byline
        12,
    ),
    # Adverts and calls to act on the page itself.
    Shape("an advert's label", ("广告", "【推广】"), r"^[【\[(（]?(?:广告|推广|赞助)(?:[】\])）]|$)", 80),
    Shape(
        "a call to scan, follow or sign up",
        ("扫码关注", "微信扫码 分享文章", "长按二维码关注", "点击蓝字关注我们"),
        r"(?:扫码|扫一扫|扫描二维码|识别二维码)\s*(?:关注|领取|添加|进群|下载|报名|咨询|获取|加入|分享|阅读|查看|收看)"
        r"|加微信|添加微信|关注公众号|关注我们|点击领取|免费领取|领取资料|报名中|立即报名|点击报名|长按识别|长按(?:二维码|识别)"
        r"|微信搜索|搜索公众号|^点击[^。！？]{0,8}关注",
        80,
    ),
    Shape(
        "an app's placeholder (`打开网易新闻 查看精彩图片`)",
        ("打开网易新闻 查看精彩图片",),
        r"^打开[^。！？]{1,10}(?:查看|阅读|观看)",
        80,
    ),
    Shape(
        "a more-links promo",
        ("更多申论材料与范文金句获取",),
        r"^[\\/]?更多[^。！？]{2,40}(?:获取|详见|请|点击|访问|查看|关注)",
        80,
    ),
    # A site's words about itself and its reader.
    Shape(
        "a site's greeting or aggregator's note (`欢迎来到…`, `下面是小编为大家整理的…`)",
        ("欢迎来到专业的范文网平台！", "下面是小编为大家整理的报告，供大家参考。"),
        r"欢迎(?:来到|访问|光临|您|点赞|转发|评论|关注|分享|留言|订阅)|小编|供大家(?:参考|阅读|借鉴|学习)|仅供参考"
        r"|由会员分享|上传分享|可在线阅读|珍藏版|文档专家|在线咨询在线咨询",
        100,
    ),
    Shape(
        "a comment form",
        ("发表评论", "电子邮件地址不会被公开"),
        r"发表评论|發表評論|发布留言|發佈留言|必填欄位|必填项|電子郵件地址|电子邮件地址不会",
        100,
    ),
    Shape(
        "a rights notice",
        ("内部资料 严禁外传", "未经授权不得转载", "内部资料 注意保存", "欢迎在评论区留言"),
        r"严禁外传|版权归|未经授权|^内部资料(?:\s|$)|注意保存$|评论区留言",
        100,
    ),
    Shape(
        "a document site's reader (`还剩13页未读 继续免费阅读`)",
        ("已阅读5页，还剩13页未读 继续免费阅读", "下载本文档"),
        r"还剩\s*\d{1,4}\s*页|继续(?:免费)?阅读|下载(?:本|此|该)文档|本文档由",
        100,
    ),
    Shape(
        "a post's reading time",
        ("全文共3256字，阅读大约需要8分钟",),
        r"阅读(?:大约|大概|约)?(?:需要?|需)?\s*\d{1,3}\s*分钟",
        100,
    ),
    Shape(
        "an archive's record numbers", ("京ICP备12345678号-1", "京公网安备 11010502030000号"), r"ICP备|公网安备", 100
    ),
    Shape("a player's placeholder", ("视频加载中...",), r"加载中", 100),
    Shape(
        "a site's notice that an action went through (`短信预约提醒成功`, `收藏成功`)",
        ("短信预约提醒成功", "收藏成功", "链接已复制"),
        r"^[\u4e00-\u9fff]{0,4}(?:(?:预约|提醒|收藏|提交|订阅|登录|注册|复制|关注|点赞)成功|已(?:复制|收藏|关注|点赞|订阅))[！!]?$",
        20,
    ),
    Shape(
        "a paywall",
        ("此处已隐藏内容，请付费后查看", "试读结束，如需阅读或下载，请点击购买", "此处内容需要权限查看"),
        r"隐藏内容|付费后(?:查看|阅读|下载)|试读结束|点击购买|购买后(?:查看|阅读|下载)|开通会员|需要权限(?:查看|阅读)",
        100,
    ),
    Shape(
        "a page's words to its reader (`来看看本文…希望能帮到您！`)",
        ("来看看本文，希望能帮到您！",),
        r"(?:来|一起)看看本文|希望(?:能|可以|对)?(?:帮到|帮助到?|有所帮助)(?:您|你|大家)|基于(?:您|你)的(?:标题|题目|要求)",
        100,
    ),
    Shape(
        "a page counter or a file name (`（第7/23页）`, `x.docx`)",
        ("（第7/23页）", "某某调研报告.docx"),
        r"第\s*\d{1,4}\s*/\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页|\.(?:docx?|pdf|wps|pptx?|xlsx?)$",
        100,
    ),
    Shape(
        "a journal's numbers (`ISSN 1000-0000`, `CN 11-1000/D`, `2021年第4期 某某学报 第12卷`)",
        ("ISSN 1000-0000", "CN 11-1000/D", "2021年第4期 攀枝花学院学报 第12卷"),
        r"^(?:ISSN|CN)\s*\d{2,4}-\d{3,4}|^\d{4}\s*年\s*第?\s*\d{1,2}\s*期\s+\S{2,20}(?:学报|杂志|期刊|学刊|导刊|月刊|旬刊|周刊)",
        60,
    ),
    Shape(
        "a journal's volume",
        ("第12卷 第3期", "Vol. 12"),
        r"第\s*\d{1,4}\s*卷\s*第\s*\d{1,3}\s*期|Vol\.\s*\d{1,4}|Journal of",
        100,
    ),
    *DOCUMENT_SITE_SHAPES,  # a document site's viewer: badges, buttons, counts, its help list
    *PAGE_SHAPES,  # a forum's post tools and stray marks, labelled counts, a flip-book's page header
)


def _grouped() -> tuple[tuple[int, bool, bool, re.Pattern[str]], ...]:
    """The rows as a few patterns, per (limit, stop_ok): the alternatives anchored at the line's start in
    one pattern tried there once, the others in one searched along the line (one pattern of both would
    be tried at every position of every line)."""
    groups: dict[tuple[int, bool, bool], list[str]] = {}
    for shape in SHAPES:
        for alternative in alternatives(shape.pattern):
            anchored = alternative.startswith("^")
            groups.setdefault((shape.limit, shape.stop_ok, anchored), []).append(f"(?:{alternative})")
    return tuple((*group, re.compile("|".join(alternatives), re.I)) for group, alternatives in groups.items())


_GROUPS = _grouped()
_METADATA = re.compile(METADATA, re.I)


def has_shape(key: str, ends_sentence: bool) -> bool:
    """True when the line (its folded, stripped key) has one of the furniture shapes of the table."""
    return any(
        len(key) <= limit and (stop_ok or not ends_sentence) and (rx.match(key) if anchored else rx.search(key))
        for limit, stop_ok, anchored, rx in _GROUPS
    )


def is_metadata(key: str) -> bool:
    """True for a line its label says is metadata (`发布时间：…`, `来源：…`)."""
    return bool(_METADATA.match(key))
