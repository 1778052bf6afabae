"""Page furniture of forums, content sites and viewers never names the deck, a topic, a section or a point
(issue 12). Each page is made up in the genre's shape (a forum's post tools, a column beside its read
count, a contents label over no list, a copy-spoiling line of scraps), never a copy of one page."""

from __future__ import annotations

import pytest

from trainer.parse import parse_document
from trainer.parse.injected import without_injected
from trainer.parse.noise import is_noise, split_title
from trainer.parse.normalize import split_lines

BODY = "\n一、存在问题\n1. 人才队伍不完善。便民服务中心人员紧缺。\n2. 权力下放不到位。授权不到位。\n"
HEADS = ["人才队伍不完善", "权力下放不到位"]

# (label, page, its real title or the file stem, pieces of furniture no name may hold)
PAGES = [
    (
        "a forum post's tools under its title",
        "找回密码\n搜索\n基层减负调研\n[某某网 原创复制链接分享]\n某某 发表于 2025-6-28 19:52:08 | 显示全部楼层 |阅读模式"
        + BODY,
        "基层减负调研",
        ["复制链接", "阅读模式"],
    ),
    ("a bracketed copy-link button", "社工论坛\n[复制链接]\n" + BODY, "doc", ["复制链接"]),
    (
        "a column's name beside its read count",
        "当前位置:某某网>经验>\n城市更新的几点建议\n经验 阅读(3.11W)\n城市更新的几点建议" + BODY,
        "城市更新的几点建议",
        ["阅读", "3.11"],
    ),
    ("site links split by a bar", "网站首页 | 网站地图\n社区治理的思路方法" + BODY, "社区治理的思路方法", ["网站"]),
    ("a document viewer's id", "浏览记录\nID:48370824\n大小:18.50 KB\n页数:2页" + BODY, "doc", ["48370824"]),
    ("a label with nothing after it", "文档名称:\n乡村振兴调研" + BODY, "乡村振兴调研", ["文档名称"]),
    (
        "a contents label ended by dots",
        "目录/提纲:……\n1. 人才队伍不完善\n2. 权力下放不到位\n" + BODY,
        "doc",
        ["目录", "提纲"],
    ),
    ("a piece's number in digits", "学习心得体会(2篇)\n篇1" + BODY, "学习心得体会", ["篇1"]),
    ("a flip-book's page header", "Page 17 - 2019年某某备考手册140x210,48页\nP. 17\n" + BODY, "doc", ["备考手册"]),
    (
        "a post's date beside the site's name",
        "某某素材网 首页\n公共文化服务体系建设\n10-28 某某素材网" + BODY,
        "公共文化服务体系建设",
        ["素材网"],
    ),
    (
        "a metadata label with no colon",
        "农村人居环境整治调研\n网友发表时间 2100642" + BODY,
        "农村人居环境整治调研",
        ["2100642"],
    ),
    ("a share panel's target", "中央督察情况反馈\n关注某某网\n微博\nQzone\n评论" + BODY, "中央督察情况反馈", ["Qzone"]),
    ("a collection's box", "营商环境的底层逻辑\n收录于 金融财经 持续更新中" + BODY, "营商环境的底层逻辑", ["收录于"]),
    ("a picture's label in brackets", "【资料图】\n" + BODY, "doc", ["资料图"]),
    ("an exam site's label in brackets", "科技自立自强\n【模拟试题】" + BODY, "科技自立自强", ["模拟试题"]),
    ("a title's length", "S市农业农村现代化的问题与建议(2889字)" + BODY, "S市农业农村现代化的问题与建议", ["2889"]),
    (
        "a column's issue before the title",
        "本期申论轻松学的主题是：激活消费动能，增强发展信心" + BODY,
        "激活消费动能，增强发展信心",
        ["本期"],
    ),
    (
        "a campaign's column after the title",
        "完善社会治理体系（认真学习宣传贯彻党的二十大精神）******" + BODY,
        "完善社会治理体系",
        ["学习宣传"],
    ),
    (
        "an exam site's note to its reader",
        "交通拥堵问题\n某某考试网今天为大家整理的申论热点话题是有关交通拥堵问题，希望大家好好掌握，做好备考工作。"
        + BODY,
        "交通拥堵问题",
        ["为大家整理"],
    ),
]


@pytest.mark.parametrize(("label", "page", "title", "furniture"), PAGES, ids=[p[0] for p in PAGES])
def test_site_furniture_never_names_anything(label: str, page: str, title: str, furniture: list[str]) -> None:
    deck = parse_document(page, source="doc.txt")
    assert deck.name == title
    names = [deck.name, *(t.title for t in deck.topics)]
    names += [s.heading for t in deck.topics for s in t.sections]
    heads = [p.head for t in deck.topics for s in t.sections for p in s.points]
    assert not [f for f in furniture for n in names + heads if f in n]
    assert heads == HEADS


# Text that holds the same words as a row of furniture, and is no furniture.
TEXT = [
    "转变阅读模式，是提升全民阅读水平的关键。",
    "经验 做法",
    "发布时间不统一，群众难以及时获知政策。",
    "10月28日，市里召开了现场推进会。",
    "本期工作的主题是乡村振兴。",
    "网友发表了很多意见，认为应当加强监管。",
    "复制链接式的做法不可取，要因地制宜。",
    "为大家整理好了材料，就能提高效率。",
]


@pytest.mark.parametrize("text", TEXT)
def test_text_holding_furniture_words_stays(text: str) -> None:
    assert not is_noise(split_lines(text)[0])


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("推进农业现代化的思考(2889字)", "推进农业现代化的思考"),
        ("推进农业现代化的思考（全文约3000字）", "推进农业现代化的思考"),
        ("本期申论轻松学的主题是：激活消费动能", "激活消费动能"),
        ("完善社会治理体系（认真学习宣传贯彻党的二十大精神）", "完善社会治理体系"),
        ("基层减负工作总结（2024年12月20日）", "基层减负工作总结（2024年12月20日）"),  # its date stays
        ("关于学习精神的几点体会", "关于学习精神的几点体会"),
        ("某某官网最新下载 ◇专题2019039◇数字政府建设", "数字政府建设"),  # a column's label between marks
    ],
)
def test_a_title_loses_its_length_its_issue_label_and_its_campaign_column(title: str, kept: str) -> None:
    assert split_title(title)[0] == kept


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ('# `* b4 ?" I! D', ""),  # a whole line of scraps: a letter with a digit, a letter with a mark, marks
        ("x1 = y + 2", "x1 = y + 2"),  # a formula: no scrap of a letter with a mark
        ("A. B. C. D.", "A. B. C. D."),  # a list's letters: no letter beside a digit
        ("第一环节 a1 b! # c", "第一环节 a1 b! # c"),  # text beside a short run: not the whole line
    ],
)
def test_a_whole_line_of_scraps_goes(line: str, kept: str) -> None:
    assert without_injected(line) == kept


def test_a_contents_label_over_no_list_names_no_topic() -> None:
    # `本文目录导读：` with the contents left out: the label names nothing; the kinds come from the headings
    page = (
        "本文目录导读:\n社区工作的优点\n1、增强凝聚力，邻里更熟悉。\n2、提升幸福感，生活更好。\n"
        "社区工作的缺点\n1、人手不足，工作难以深入。\n2、参与度不高，合力难以形成。\n"
    )
    deck = parse_document(page, source="doc.txt")
    titles = [deck.name, *(t.title for t in deck.topics), *(s.heading for t in deck.topics for s in t.sections)]
    assert not [t for t in titles if "目录" in t]
    kinds = {s.heading: str(s.kind) for t in deck.topics for s in t.sections}
    assert kinds == {"社区工作的优点": "significance", "社区工作的缺点": "problems"}


# (label, page, its real title or the file stem, pieces of furniture no name may hold)
MORE_PAGES = [
    (
        "a template site's listing over the title",
        "2019环保部门年终总结暨新年计划PPT模板\n环保部门年终总结" + BODY,
        "环保部门年终总结",
        ["PPT", "模板"],
    ),
    ("an advert slot's name", "banner_ad_1\n重视传统节日" + BODY, "重视传统节日", ["banner"]),
    ("a column's name with its genre", "来源： 某某分院2022-02-09 13:53\n申论热点材料阅读" + BODY, "doc", ["热点"]),
    (
        "a font-size control one size a line",
        "时间:\n2025-08-15 09:25\n大\n中\n小\n来源: 某局" + BODY,
        "doc",
        ["大", "中", "小"],
    ),
    (
        "a site's own name under the title",
        "养老服务自查报告\n某某范文网\n2025-04-01" + BODY,
        "养老服务自查报告",
        ["范文网"],
    ),
    ("an exam's question-type label", "问题 问答题\n\n某市也面临交通拥堵问题，请提出建议。" + BODY, "doc", ["问答题"]),
    (
        "a proposal's serial number",
        "第20xx0002号提案\n案例名称：关于加强乡镇文化设施建设的建议" + BODY,
        "关于加强乡镇文化设施建设的建议",
        ["号提案"],
    ),
    (
        "a spaced-out byline of three names",
        "医保统筹层次研究\n吴 菁 李 锐 杨华磊" + BODY,
        "医保统筹层次研究",
        ["吴", "杨华磊"],
    ),
    (
        "a byline of less common surnames",
        "岳俊辉，柴 瑜\n（某某广播电视大学，河北 石家庄 050080）" + BODY,
        "doc",
        ["岳", "柴"],
    ),
    (
        "a caption in traditional characters",
        "社區治理研究\n圖1 社區居委會的工作任務狀況" + BODY,
        "社區治理研究",
        ["圖1"],
    ),
    (
        "a part's label over the text",
        "乡镇环保工作总结\n【正文】\n" + BODY.replace("一、存在问题\n", ""),
        "乡镇环保工作总结",
        ["正文"],
    ),
]


@pytest.mark.parametrize(("label", "page", "title", "furniture"), MORE_PAGES, ids=[p[0] for p in MORE_PAGES])
def test_more_site_furniture_never_names_anything(label: str, page: str, title: str, furniture: list[str]) -> None:
    test_site_furniture_never_names_anything(label, page, title, furniture)


def test_an_answer_label_over_prose_names_no_topic() -> None:
    # `【参考答案】` between an exam's question and its answer of prose: the answer's topic is the document's
    page = (
        "申论每周一练：从看病说起\n\n前不久，某演员在海外连续发烧多日，当地医生始终无法确诊。\n"
        "结合这一事件，谈谈你的看法。\n\n【参考答案】\n\n"
        "正如医疗行业常说的，国外看病同样存在难和贵的问题，这打破了人们长期以来的印象。\n\n"
        "不少人仍然选择出国看病，原因在于国内医疗硬件不够硬、软件不够软，短期内差距难以缩小。\n\n"
        "解决看病难看病贵，要从软硬件两方面一起发力，提升服务水平，让群众在家门口看好病。\n"
    )
    deck = parse_document(page, source="doc.txt")
    assert [t.title for t in deck.topics] == ["申论每周一练：从看病说起"]


def test_another_article_s_headline_over_the_title_names_nothing() -> None:
    # a site's headline of another article (its words never come back) over the document's own title
    text = (
        "“双减”落地五个月：这种转变已经重构校外培训生态，为何要为课堂做加法\n"
        "构建“互联网+”教育新生态，推动乡村基础教育高质量发展\n"
        "推动乡村基础教育高质量发展，是乡村振兴的重要一环，“互联网+”教育为此提供了新路径。\n"
        "一、存在问题\n"
        "1. 乡村基础教育师资不足。乡村学校教师流失严重，结构性缺编突出，教育质量难以提升。\n"
        "2. 乡村基础教育资源分散。优质资源难以下沉，“互联网+”教育平台利用率不高，乡村学生受益有限。\n"
        "3. 乡村基础教育信息化滞后。网络设施和终端不足，教师信息素养有待提高，高质量发展缺少支撑。\n"
        "4. 乡村基础教育评价单一。重分数轻素质的倾向依然存在，乡村学生全面发展受到制约。\n"
        "5. 乡村基础教育投入不足。经费保障机制不健全，“互联网+”教育设备更新缓慢，维护跟不上。\n"
    )
    deck = parse_document(text, source="doc.txt")
    assert deck.name == "构建“互联网+”教育新生态，推动乡村基础教育高质量发展"


def test_a_title_its_text_hardly_names_stays_without_a_title_under_it() -> None:
    # a title may share few words with its text; with no title-length line under it, it stays
    text = (
        "关于乡村振兴战略的几点思考与体会\n"
        "近年来，乡村学校教师流失严重，结构性缺编突出，教育质量难以提升，群众意见很大，各方都在想办法。"
        "优质资源难以下沉，平台利用率不高，乡村学生受益有限，网络设施和终端不足，教师信息素养有待提高。\n"
        "一、存在问题\n1. 师资不足。教师流失严重。\n2. 资源分散。优质资源难以下沉。\n"
    )
    assert parse_document(text, source="doc.txt").name == "关于乡村振兴战略的几点思考与体会"


def test_a_title_said_again_past_a_count_row_over_the_text_is_the_title() -> None:
    # the page's heading, its column and read count, the article's own heading, then the text
    text = (
        "当前位置:某某网>经验>\n为保护文化遗产提三条建议\n经验 阅读(3.11W)\n为保护文化遗产提三条建议\n"
        "文化遗产是不可多得的文化资源，想把保护工作做实做好，可以参考以下建议：\n" + BODY
    )
    assert parse_document(text, source="doc.txt").name == "为保护文化遗产提三条建议"
