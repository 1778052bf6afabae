"""Rows of the furniture table for forums, content sites and their authors' notes, exam sites and flip-book viewers; no structure."""

# As in `trainer.parse.furniture` (which joins these rows to its table): a row is what the line is and the
# shape it takes, never one page's words. A forum (Discuz and its kind) sets tools around a post
# (`[复制链接]`, `显示全部楼层`, `阅读模式`); a Q&A site labels its answers (`最佳答案`); a content site labels
# its column beside a count (`经验 阅读(3.11W)`) or a date beside its own name (`10-28 某某素材网`); a
# flip-book viewer heads each page with its number and the book's name (`Page 17 - 某某备考手册`); a scraped
# page carries injected lottery links (`【…管家婆…期期准】`).

from __future__ import annotations

from trainer.parse.shaperow import Shape

_COUNTED = r"(?:阅读|浏览|点击|评论|点赞|收藏|下载)"

PAGE_SHAPES: tuple[Shape, ...] = (
    Shape(
        "an author's note: a name, a comma and the post held (`王帆，复旦大学发展研究院研究员、博士生导师`)",
        (
            "王帆，复旦大学发展研究院研究员、博士生导师",
            "雷薇田，浙江省团校青年志愿者行动指导中心助教",
            "张三，某某大学公共管理学院教授",
        ),
        r"^[\u4e00-\u9fff]{2,4}[，,][^，,。；！？]{4,40}(?:研究员|教授|讲师|助教|博士生导师|硕士生导师|博导|硕导|博士后|博士研究生|硕士研究生)$",
        60,
    ),
    Shape(
        "a lottery or gambling link injected into a scraped page (`【澳门管家婆四肖选一肖期期准】`)",
        ("【澳门管家婆四肖选一肖期期准】", "【新澳门管家婆四不像一肖一码】", "香港近15期历史开奖记录汇总表"),
        r"管家婆|[一二三四五六]肖|开奖|特马|六合彩|期期准|四不像|马会|一码|好彩",
        40,
    ),
    Shape(
        "a forum post's tools (`[复制链接]`, `显示全部楼层 | 阅读模式`)",
        (
            "[复制链接]",
            "[某某网 原创复制链接分享]",
            "发表于 2009-10-1 | 显示全部楼层 |阅读模式",
            "某某 总结与计划1阅读模式",
        ),
        r"复制链接|显示全部楼层|只看该作者|倒序浏览|电梯直达|阅读模式$",
        60,
        False,
    ),
    Shape(
        "a column's name beside a count (`经验 阅读(3.11W)`, `热点 浏览 1200`)",
        ("经验 阅读(3.11W)", "热点 浏览 1200", "资讯 点击：356"),
        rf"^[\u4e00-\u9fff]{{1,6}}\s+{_COUNTED}\s*[：:]?\s*[（(]?\s*\d{{1,6}}(?:\.\d{{1,2}})?\s*[万wk]?\+?\s*[）)]?$",
        24,
    ),
    Shape(
        "a label of page metadata with its value and no colon (`网友发表时间 2100642`, `浏览次数 35`)",
        ("网友发表时间 2100642", "发布时间 2023-06-15", "浏览次数 35"),
        r"^[\u4e00-\u9fff]{0,4}(?:发表时间|发布时间|发布日期|更新时间|上传时间|浏览次数|阅读次数|点击次数|下载次数)\s*\d",
        40,
    ),
    Shape(
        "a post's month and day beside the site's name (`10-28 某某素材网`)",
        ("10-28 德育素材网", "3/15 某某范文网"),
        r"^\d{1,2}\s*[-/]\s*\d{1,2}\s+[\u4e00-\u9fffA-Za-z]{2,10}(?:网|网站|平台)$",
        24,
    ),
    Shape(
        "a flip-book viewer's page header (`Page 17 - 某某备考手册`, `P. 17`)",
        ("Page 17 - 2019年考前备考手册140x210,48页", "P. 17"),
        r"^page\s*\d{1,4}\s*[-–—]|^p\.\s*\d{1,4}$",
        80,
    ),
    Shape(
        "an exam site's note to its reader (`…今天为大家整理的申论热点是…，希望大家好好掌握`)",
        ("中公考试网今天为大家整理的申论热点话题是有关交通拥堵问题，希望大家好好掌握，做好备考工作。",),
        r"为(?:您|你|大家|各位考生)整理(?:了|的)|希望(?:大家|各位考生|考生)好好掌握",
        100,
    ),
    Shape(
        "a Q&A site's label over its answers (`最佳答案`, `3个回答`)",
        ("最佳答案", "3个回答", "其他回答", "推荐回答(1个)"),
        r"^(?:最佳答案|推荐答案|精选回答|满意答案|热心网友|其他回答|全部回答|更多回答|推荐回答|\d{1,5}\s*个回答)"
        r"(?:\s*[（(]\s*\d{1,5}\s*个?[）)])?$",
        40,
    ),
    Shape(
        "a content site's own name alone on its line (`某某范文网`, `德育素材网`)",
        ("三味园范文网", "德育素材网", "天天文库网"),
        r"^[\u4e00-\u9fffA-Za-z]{1,8}(?:范文|文库|素材|资料|文档|知识|考试|公考|教育)网$",
        16,
    ),
    Shape(
        "an exam's question-type label alone (`问答题`, `问题 问答题`)",
        ("问答题", "问题 问答题", "【简答题】"),
        r"^[【\[]?(?:[\u4e00-\u9fff]{1,4}\s+)?(?:问答|简答|论述|材料|单选|多选|判断|填空|案例分析)题[】\]]?$",
        12,
    ),
    Shape(
        "a proposal's or a file's serial number (`第20xx0002号提案`)",
        ("第20xx0002号提案", "第20230015号建议"),
        r"^第\s*(?:\d{4}|20[Xx]{2})\s*\d{1,6}\s*号(?:提案|议案|建议|文件)?$",
        24,
    ),
    Shape(
        "a template site's listing (`…年终总结暨新年计划PPT模板`)",
        ("2019环保部门年终总结暨新年计划PPT模板", "述职报告Word模板下载"),
        r"(?:ppt|word|excel|wps)\s*模板(?:免费)?(?:下载)?$",
        60,
        False,
    ),
    Shape(
        "an advert slot's name left by a page's template (`banner_ad_1`, `ad-top`)",
        ("banner_ad_1", "ad-top", "google_ads_2"),
        r"^(?:[a-z]+[_-])*(?:ad|ads|banner|advert)(?:[_-][a-z0-9]+)*$",
        30,
    ),
)
