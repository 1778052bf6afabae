"""Table-driven tests of the parser's parts: markers, heads, section vocabulary, noise, normalizing."""

from __future__ import annotations

import pytest

from trainer.core.model import SectionKind
from trainer.parse import parse_document
from trainer.parse.bylines import is_person_name
from trainer.parse.heads import split_head
from trainer.parse.markers import find_inline, match_line
from trainer.parse.markup import has_markup, unwrap
from trainer.parse.noise import is_footer, is_noise, is_page_number, split_title
from trainer.parse.normalize import Line, clean, clean_title, display_line, fold, split_lines
from trainer.parse.successions import top_list
from trainer.parse.vocab import (
    action_kind,
    heading_kind,
    is_facet_heading,
    is_heading_phrase,
    is_question_heading,
    lead_kind,
)

LINE_MARKERS = [
    ("1. 方便群众办事。", ("arabic", 1)),
    ("1、方便群众办事", ("arabic", 1)),
    ("１、方便群众办事", ("arabic", 1)),
    ("2．提升能力", ("arabic", 2)),
    ("3）提升能力", ("ar_rparen", 3)),
    ("(4)提升能力", ("ar_paren", 4)),
    ("（12）提升能力", ("ar_paren", 12)),
    ("⑸提升能力", ("ar_paren", 5)),
    ("③提升能力", ("circled", 3)),
    ("❷ 提升能力", ("circled", 2)),
    ("➊提升能力", ("circled", 1)),
    ("⓾提升能力", ("circled", 10)),
    ("（一）基层政务服务力量薄弱", ("cn_paren", 1)),
    ("(十一)其他", ("cn_paren", 11)),
    ("二、存在问题", ("cn_dun", 2)),
    ("二十三、附则", ("cn_dun", 23)),
    ("一是配强工作人员。", ("yishi", 1)),
    ("三要拓展新方式", ("yiyao", 3)),
    ("第一、要全面推进", ("diyi", 1)),
    ("第二,要使用统一的数据格式", ("diyi", 2)),
    ("第三是加强监管", ("diyi", 3)),
    ("其二，资金不足", ("qiyi", 2)),
    ("首先，更新监管理念。", ("seq", 1)),
    ("最后，加强调研。", ("seq", 99)),
    ("一方面，应建立机制。", ("side", 1)),
    ("另一方面，要选择人员。", ("side", 2)),
    ("★国家政策", ("sym★", 0)),
    ("- 审批环节多", ("bullet", 0)),
    ("1.2 参与意愿不足的原因", ("dotted", 2)),
    ("2.1. 毕业生基数大", ("dotted", 1)),
    ("3.2.4.设施布局不均衡", ("dotted3", 4)),
    ("Ⅱ、完善机制", ("roman", 2)),
    ("b. 加强监管", ("letter", 2)),
    ("（C）加强监管", ("letter", 3)),
    ("二，保障食品安全，法治是根本。", ("cn_dun", 2)),
    ("第一问：岗位供需失衡如何缓解？", ("di_label", 1)),
    ("第3点 加强宣传", ("di_label", 3)),
    ("📌1. 方便群众办事", ("arabic", 1)),
    ("🔹 一是配强工作人员", ("yishi", 1)),
]
NOT_MARKERS = [
    "2019年10月8日国务院第66次常务会议通过",
    "3.0版的部署",
    "1067项各类服务事项",
    "12345政务服务热线",
    "第十条规定",
    "第一次会议",
    "二要素认证",
    "一是",
    "十分重要。",
    "统一是关键",
    "1.5倍",
    "2.1.5%的增幅",
    "A股市场",
    "第一问题",
]


@pytest.mark.parametrize(("text", "expected"), LINE_MARKERS, ids=[t for t, _ in LINE_MARKERS])
def test_line_markers(text: str, expected: tuple[str, int]) -> None:
    marker = match_line(fold(text))
    assert marker is not None
    assert (marker.style, marker.ordinal) == expected


@pytest.mark.parametrize("text", NOT_MARKERS, ids=NOT_MARKERS)
def test_not_markers(text: str) -> None:
    assert match_line(fold(text)) is None


INLINE = [
    ("一是简政放权;二是强化服务;三是助企纾困。", ["简政放权;", "强化服务;", "助企纾困。"]),
    ("主要表现在:一方面,平台不通。另一方面,流程不畅。", ["平台不通。", "流程不畅。"]),
    (
        "着手:一方面,要提升能力。第一,交流。第二,处罚。另一方面,要强化意识。",
        ["要提升能力。第一,交流。第二,处罚。", "要强化意识。"],
    ),
    ("首先,监管不足。其次,手段落后。最后,处罚偏轻。", ["监管不足。", "手段落后。", "处罚偏轻。"]),
    ("如下:(1)培育产业;(2)发展旅游。", ["培育产业;", "发展旅游。"]),
    ("统一是关键,唯一是目标。", []),
    ("2019年10月8日通过,3.0版实施。", []),
    ("一方面,只有一项。", []),
    # A list's first number glued to the words before it, its later ones after a stop: the first is a member.
    (
        "影响因素1、企业自身。资产少。2、信息不对称。银行看不清。3、机构因素。门槛高。",
        ["企业自身。资产少。", "信息不对称。银行看不清。", "机构因素。门槛高。"],
    ),
    ("见表1、表2。2、其他。", []),
]


@pytest.mark.parametrize(("text", "items"), INLINE, ids=[t[:12] for t, _ in INLINE])
def test_inline_top_list(text: str, items: list[str]) -> None:
    key = fold(text)
    group = top_list(find_inline(key))
    got = [text[m.end : (group[i + 1].start if i + 1 < len(group) else len(text))] for i, m in enumerate(group)]
    assert got == items


HEADS = [
    ("方便群众办事。近年来，政府结合实际。", "方便群众办事", "近年来，政府结合实际。", False),
    (
        "要增加对数据平台建设的投入，进一步建设跨层级、跨地域、跨系统、跨部门的一体化统一信息数据平台。",
        "要增加对数据平台建设的投入",
        "进一步建设跨层级、跨地域、跨系统、跨部门的一体化统一信息数据平台。",
        False,
    ),
    (
        "思想认识不够到位，理念相对滞后。思想是行动的先导。",
        "思想认识不够到位，理念相对滞后",
        "思想是行动的先导。",
        False,
    ),
    ("基层政务服务力量薄弱", "基层政务服务力量薄弱", "", False),
    # An opener naming a facet (`国际层面`, `市场方面`) is no head: the clause after it is.
    (
        "国际层面，全球粮食安全形势不容乐观，极端天气频发，主要产区减产，国际粮价剧烈波动。",
        "全球粮食安全形势不容乐观",
        "国际层面，极端天气频发，主要产区减产，国际粮价剧烈波动。",
        False,
    ),
    (
        "市场方面，行业内价格战愈演愈烈，不少企业为抢占份额不惜亏本销售，利润空间不断压缩。",
        "行业内价格战愈演愈烈",
        "市场方面，不少企业为抢占份额不惜亏本销售，利润空间不断压缩。",
        False,
    ),
    ("有利于提升综合国力", "有利于提升综合国力", "", False),
    ("解读不到位：政策解读流于形式。", "解读不到位", "政策解读流于形式。", False),
    ("简政放权纵深推进，市场主体更多、更活了；", "简政放权纵深推进，市场主体更多、更活了", "", False),
    ("开辟“绿色通道”。推行容缺受理。", "开辟“绿色通道”", "推行容缺受理。", False),
    ("《条例》（试行。稿）印发。其后施行。", "《条例》（试行。稿）印发", "其后施行。", False),
    (
        "近年来，我省乡村建设取得显著成效，农村人居环境明显改善，基础设施不断完善。",
        "近年来，我省乡村建设取得显著成效，农村人居环境明显改善，基础设施不断完善",
        "",
        True,
    ),
    (
        "2021年7月1日，自治区人民政府办公厅印发营商环境评估实施办法试行版本。",
        "2021年7月1日，自治区人民政府办公厅印发营商环境评估实施办法试行版本",
        "",
        True,
    ),
    (
        "在做好疫情防控的同时，全力推动复工复产，存在各种各样的困难和挑战，也为各项工作提出了更高要求。",
        "在做好疫情防控的同时，全力推动复工复产，存在各种各样的困难和挑战，也为各项工作提出了更高要求",
        "",
        True,
    ),
    (
        "疫情当前，全市及时摸清企业复工复产中的实际困难和服务需求，陪企业一起渡过难关。",
        "疫情当前，全市及时摸清企业复工复产中的实际困难和服务需求，陪企业一起渡过难关",
        "",
        True,
    ),
    (
        "笔者认为，考申论不只是考公文写作，更多的是考大家能不能写好机关的信息稿件。",
        "笔者认为，考申论不只是考公文写作，更多的是考大家能不能写好机关的信息稿件",
        "",
        True,
    ),
    (
        "就拿下面这篇文章来说，它就是一篇典型的信息稿件，对申论写作也很有帮助。",
        "就拿下面这篇文章来说，它就是一篇典型的信息稿件，对申论写作也很有帮助",
        "",
        True,
    ),
    (
        "在数字技术深度融入社会治理的今天，基层干部却被各类打卡填报牵扯了大量精力，难以沉下心来做实事。",
        "在数字技术深度融入社会治理的今天，基层干部却被各类打卡填报牵扯了大量精力，难以沉下心来做实事",
        "",
        True,
    ),
    (
        "值得注意的是，部分地区的帮扶资金拨付滞后，一些已经立项的产业项目因此迟迟不能按期开工建设。",
        "部分地区的帮扶资金拨付滞后",
        "一些已经立项的产业项目因此迟迟不能按期开工建设。",
        False,
    ),
    ("其次要畅通群众反映诉求的渠道。定期召开恳谈会。", "要畅通群众反映诉求的渠道", "定期召开恳谈会。", False),
    ("同时，要健全村级议事协商制度。让村民说事有平台。", "要健全村级议事协商制度", "让村民说事有平台。", False),
    ("同时号召商户推出小份菜。减少浪费。", "同时号召商户推出小份菜", "减少浪费。", False),
    ("振兴乡村产业，首先要选准主导产业。因地制宜。", "要选准主导产业", "因地制宜。", False),
    (
        "企业在申请补贴时，常因材料要求反复变化而多次往返，办事成本居高不下。",
        "企业在申请补贴时，常因材料要求反复变化而多次往返，办事成本居高不下",
        "",
        True,
    ),
    ("。。真正的要点。正文。", "真正的要点", "正文。", False),
    # a count word left on an item whose list was not found is no part of the head
    ("三是生态协同机制亟待健全。工作机制还不完善。", "生态协同机制亟待健全", "工作机制还不完善。", False),
    ("第二，要压实属地管理责任。把任务分解到村到户。", "要压实属地管理责任", "把任务分解到村到户。", False),
    # a quote the copy lost the end of does not hide the stops after it
    (
        "“绿水青山就是金山银山，生态是人类赖以生存的根基，只有实现生态振兴，才能实现乡村振兴。要坚持绿色导向。",
        "绿水青山就是金山银山",
        "生态是人类赖以生存的根基，只有实现生态振兴，才能实现乡村振兴。要坚持绿色导向。",
        False,
    ),
    # a purpose clause that the next clause answers is an opener: the whole first sentence
    (
        "要破解基层考核过多过滥的难题，关键在于建立统一的考核事项准入机制。层层把关。",
        "要破解基层考核过多过滥的难题，关键在于建立统一的考核事项准入机制",
        "层层把关。",
        True,
    ),
    ("人才 队伍 不完善。 部分 岗位 空缺。", "人才队伍不完善", "部分岗位空缺。", False),
]


@pytest.mark.parametrize(("text", "head", "body", "long"), HEADS, ids=[h for _, h, _, _ in HEADS])
def test_split_head(text: str, head: str, body: str, long: bool) -> None:
    assert split_head(text) == (head, body, long)


HEADINGS = [
    # Two kinds joined: the first names the section (`…成效和…问题`), unless a row names the pair:
    # a work report's measures joined with their results lists the results.
    ("取得的成效和存在的问题", SectionKind.ACHIEVEMENTS, True),
    ("主要做法及成效", SectionKind.ACHIEVEMENTS, True),
    ("工作举措和取得的成效", SectionKind.ACHIEVEMENTS, True),
    ("重要意义", SectionKind.SIGNIFICANCE, True),
    ("规范执法的意义", SectionKind.SIGNIFICANCE, True),
    ("必要性", SectionKind.SIGNIFICANCE, True),
    ("存在的问题", SectionKind.PROBLEMS, True),
    ("现存问题", SectionKind.PROBLEMS, True),
    ("面临的挑战", SectionKind.PROBLEMS, True),
    ("问题及原因", SectionKind.PROBLEMS, True),
    ("XX县域经济发展环境存在的主要问题", SectionKind.PROBLEMS, True),
    ("对策", SectionKind.COUNTERMEASURES, True),
    ("对策与建议", SectionKind.COUNTERMEASURES, True),
    ("对策措施", SectionKind.COUNTERMEASURES, True),
    ("工作建议", SectionKind.COUNTERMEASURES, True),
    ("实现路径", SectionKind.COUNTERMEASURES, True),
    ("重要启示", SectionKind.COUNTERMEASURES, True),
    ("取得成效", SectionKind.ACHIEVEMENTS, True),
    ("我市政务服务工作取得阶段性成效", SectionKind.ACHIEVEMENTS, True),
    ("XX县创优发展软环境所取得的工作成效及特点", SectionKind.ACHIEVEMENTS, True),
    ("基本内涵", SectionKind.OTHER, True),
    ("领导要求", SectionKind.OTHER, True),
    ("问题1", SectionKind.OTHER, True),
    ("第2题", SectionKind.OTHER, True),
    ("人才总量不足", SectionKind.PROBLEMS, False),
    ("完善政策措施", SectionKind.COUNTERMEASURES, False),
    ("环境污染问题", SectionKind.PROBLEMS, False),
    ("在改革方面", SectionKind.OTHER, False),
    ("危害", SectionKind.PROBLEMS, True),
    ("网络暴力的负面影响", SectionKind.PROBLEMS, True),
    ("构建现代化经济体系的战略抉择", SectionKind.SIGNIFICANCE, True),
    ("推动高质量发展的必然要求", SectionKind.SIGNIFICANCE, True),
    ("国家政策", SectionKind.OTHER, False),
]


@pytest.mark.parametrize(("title", "kind", "phrase"), HEADINGS, ids=[h[0] for h in HEADINGS])
def test_heading_vocabulary(title: str, kind: SectionKind, phrase: bool) -> None:
    assert heading_kind(title) is kind
    assert is_heading_phrase(title) is phrase


LEADS = [
    ("以上举措虽然有效，但同时也存在着一些问题，主要表现在以下两方面", SectionKind.PROBLEMS),
    ("可重点从以下三方面着手", SectionKind.COUNTERMEASURES),
    ("针对上述问题，提出以下对策", SectionKind.COUNTERMEASURES),
    ("现有机制还不够完善，主要表现在以下两方面", SectionKind.PROBLEMS),
    ("具体包括以下几个方面", SectionKind.OTHER),
    ("民营经济为我国市场经济形成和发展做出的贡献", SectionKind.SIGNIFICANCE),
    ("他说", None),
]


@pytest.mark.parametrize(("lead", "kind"), LEADS, ids=[lead for lead, _ in LEADS])
def test_lead_kind(lead: str, kind: SectionKind | None) -> None:
    assert lead_kind(fold(lead)) is kind


def _line(text: str) -> Line:
    shown = display_line(text).strip()
    return Line(shown, fold(shown), 1, 0)


NOISE = [
    ("老哥学习网 - www.lg9.cn 2024年05月10日 09:29 星期五", True),
    ("当前位置 首页 >公文范文 > 公文大全 >", True),
    ("发布时间:2023-06-15 20:05:09 浏览数:", True),
    ("发布时间:2020-09-16 来源: 思想汇报 点击:", True),
    ("来源：人民日报", True),
    ("`2024/12/04 22:50:18  by: 程序员·小李`", True),
    ("2024年05月10日", True),
    ("(中共山西省委党校 报刊社,太原 030006)", True),
    # An affiliation on a line of its own ends on its city's postcode; several share one bracket.
    ("2. 某省社会科学院经济研究所 南京 210004", True),
    ("市委党校 417000", True),
    ("1. 某某大学公共管理学院 哈尔滨 150040;", True),
    ("(1.某某研究院 信息化研究所,北京 100846;2.某某大学书报资料中心 经济编辑部,北京 100086)", True),
    ("3. 学院为此投入专项资金 200000", False),
    ("二、加强大学生就业指导", False),
    ("（一）2021年7月1日，内蒙古自治区人民政府办公厅印发《实施办法》。", False),
    ("2月7日,全区优化营商环境大会在呼和浩特召开。", False),
    ("1. 方便群众办事。", False),
    ("2023-11-08 09:30 来源：人民网-观点频道", True),
    ("点击展开全文", True),
    ("展开阅读全文", True),
    ("关注", True),
    ("点赞(128)  收藏  评论(32)", True),
    ("赞同 356 26 条评论", True),
    ("喜欢收藏申请转载", True),
    ("【我要纠错】 责任编辑：刘洋", True),
    ("（本文系原创，转载请注明出处）", True),
    ("本文整理自网络，仅供学习交流，如有侵权请联系删除。", True),
    ("—— 完 ——", True),
    ("（完）", True),
    ("（来源：市民政局调研报告，有删节）", True),
    ("（作者单位：某省社科院）", True),
    ("完善评论引导机制，营造清朗网络空间。", False),
    ("2. 关注特殊群体。做好随迁子女教育保障。", False),
    ("完善", False),
    ("欢迎来到专业的畅运范文网平台! 心得体会 工作总结 工作计划 述职报告", True),
    ("心得体会 工作总结 工作计划 述职报告 疫情防控", True),
    ("基 层 减 负", False),
    ("加快数字政府建设 提升政务服务效能", False),
    ("下面是小编为大家整理的工作汇报，供大家参考。", True),
    ("调研报告汇编(61篇)(第7/23页)", True),
    ("我国中小企业融资难的原因和对策.docx", True),
    ("- 文档编号:23432844", True),
    ("文件名称 | 汉滨区2025年政府工作报告 | ||", True),
    ("2026-03-11 19:16:39 来源:参考消息网 责任编辑:刘天霖", True),
    ("新华社北京3月11日电", True),
    ("表1 农民工年龄构成 %", True),
    ("如果你觉得好，欢迎点赞、转发和评论。", True),
    ("調查研究 首页 > 调查研究", True),
    ("【广告】2024国考申论高分班火热报名中，扫码领取资料！", True),
    ("表现在三个方面：一是…", False),
    ("① 数据来源：国家统计局2023年统计公报。", True),
    ("[3] 王某某. 基层治理现代化研究[J]. 行政论坛, 2021(4).", True),
    ("注1：本文数据引自市统计局。", True),
    ("① 人才队伍不完善。便民服务中心人员紧缺。", False),
    ("3. 推广“扫码亮证”服务。群众办事更便捷。", False),
    ("开通在线咨询服务，推动在线阅读平台建设", False),
    ("扫码关注公众号，领取备考资料", True),
]


@pytest.mark.parametrize(("text", "noise"), NOISE, ids=[t[:16] for t, _ in NOISE])
def test_noise_lines(text: str, noise: bool) -> None:
    assert is_noise(_line(text)) is noise


FOOTERS = [
    ("相关热词搜索:体系建设 政务 加快", True),
    ("版权所有 蒲公英文摘 www.zhaoqt.net", True),
    ("猜你喜欢 业务主管市场主体政务", True),
    ("推荐访问:为例 经济社会 高质量", True),
    ("相关文章:", True),
    ("Top", True),
    ("Topic 1", False),
    ("相关部门要加强协调。", False),
    ("参考文献：", True),
]


@pytest.mark.parametrize(("text", "footer"), FOOTERS, ids=[t[:12] for t, _ in FOOTERS])
def test_footer_lines(text: str, footer: bool) -> None:
    assert is_footer(_line(text)) is footer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("王亚峰", True),
        ("欧阳修", True),
        ("张三 李四", True),
        ("重要意义", False),
        ("存在问题", False),
        ("卢 霞,张 恒,陈兴源", True),  # a journal spaces a two-character name out to three
        ("王敏、李强、赵丽华、陈晨", True),
        ("王 敏 李 强", False),  # spaces only: no name list to read it by
        ("加 强 监 管", False),
    ],
)
def test_person_names(text: str, name: bool) -> None:
    assert is_person_name(_line(text)) is name


TITLES = [
    (
        "以良好政务环境推动经济社会高质量发展——以S省为例",
        ("以良好政务环境推动经济社会高质量发展", "以S省为例"),
    ),
    ("工作心得:提升政务服务效能优化营商环境的对策建议(最新)", ("提升政务服务效能优化营商环境的对策建议", "")),
    ("加快政务体系建设,优化县域经济发展", ("加快政务体系建设,优化县域经济发展", "")),
    ("范文积累", ("范文积累", "")),
    ("◆ 专题：提升城市安全韧性 ◆", ("提升城市安全韧性", "")),
    ("申论热点：全面推进乡村振兴", ("全面推进乡村振兴", "")),
    ("文化传承发展专题（两篇）", ("文化传承发展专题", "")),
    # a chapter label before a title, whatever the unit (markers.CHAPTER_LABEL)
    ("第一篇：乡村振兴的路径选择", ("乡村振兴的路径选择", "")),
    ("第三讲：基层治理的难点与对策", ("基层治理的难点与对策", "")),
    ("2024.01.22 社区网格员队伍建设问题研究", ("社区网格员队伍建设问题研究", "")),  # the day it was published
    ("2035年远景目标展望", ("2035年远景目标展望", "")),
]


@pytest.mark.parametrize(("raw", "expected"), TITLES, ids=[t for t, _ in TITLES])
def test_split_title(raw: str, expected: tuple[str, str]) -> None:
    assert split_title(raw) == expected


DISPLAY = [
    ("政务服务,据世界银行《报告》显示:凡是", "政务服务，据世界银行《报告》显示：凡是"),
    ("县(区)以及开发区", "县（区）以及开发区"),
    ("达 99.6%,群众满意率", "达 99.6%，群众满意率"),
    ("09:29 and 1,000 and Hello, world", "09:29 and 1,000 and Hello, world"),
    ("**人才总量不足**。", "人才总量不足。"),
    ("`代码`与*强调*", "代码与强调"),
    ("零\u200b宽", "零宽"),
]


@pytest.mark.parametrize(("raw", "shown"), DISPLAY, ids=[d[0][:10] for d in DISPLAY])
def test_display_line(raw: str, shown: str) -> None:
    assert display_line(raw) == shown


CLEAN = [
    ("以 XX 县为案例", "以XX县为案例"),
    ("近 30 万件", "近30万件"),
    ("文山 会海", "文山会海"),
    ("Hello   world", "Hello world"),
    ("  两端  ", "两端"),
]


@pytest.mark.parametrize(("raw", "cleaned"), CLEAN, ids=[c[0] for c in CLEAN])
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_fold_keeps_length() -> None:
    text = "１、（一）ＡＢＣ，,:;()！？。"
    assert len(fold(text)) == len(text)
    assert fold(text) == "1、（一）ABC，，：；（）！？。"


PAGE_NUMBERS = [
    ("- 2 -", True),
    ("— 12 —", True),
    ("第 1 页 共 2 页", True),
    ("第3页", True),
    ("3/8", True),
    ("17", True),
    ("Page 2 of 5", True),
    ("2024", False),
    ("- 审批环节多", False),
    ("第一次会议", False),
]


@pytest.mark.parametrize(("text", "page"), PAGE_NUMBERS, ids=[t for t, _ in PAGE_NUMBERS])
def test_page_numbers(text: str, page: bool) -> None:
    assert is_page_number(_line(text)) is page


UNWRAP = [
    ("<p>一、存在问题</p>", ["一、存在问题"]),
    ("<p><strong>一、问题</strong></p>", ["一、问题"]),
    ("<p>&nbsp;&nbsp;一是甲。<br>二是乙。<br/>三是丙。</p>", ["\u00a0\u00a0一是甲。", "二是乙。", "三是丙。"]),
    ("<p>&nbsp;</p>", [""]),
    ("&ldquo;放管服&rdquo;改革 &amp; 创新", ["“放管服”改革 & 创新"]),
    ('<span style="color:red">重点</span>', ["重点"]),
]


@pytest.mark.parametrize(("raw", "lines"), UNWRAP, ids=[u[0][:16] for u in UNWRAP])
def test_unwrap_html(raw: str, lines: list[str]) -> None:
    assert has_markup(raw)
    assert unwrap(raw) == lines


@pytest.mark.parametrize("text", ["若x<5且y>3", "《条例》第三条", "A&B公司", "1 < 2 > 0"])
def test_text_without_markup_is_left_alone(text: str) -> None:
    assert not has_markup(text)


def test_split_lines_keeps_the_source_line_number_of_unwrapped_html() -> None:
    lines = split_lines("标题\n<p>一是甲。<br>二是乙。</p>")
    assert [(ln.text, ln.lineno) for ln in lines] == [("标题", 1), ("一是甲。", 2), ("二是乙。", 2)]


def test_split_lines_splits_paragraphs_flattened_into_one_long_line() -> None:
    first = "甲" * 80 + "。" + "乙" * 30 + "。"
    second = "丙" * 90 + "！"
    third = "丁" * 60 + "“引语。”"
    lines = split_lines(f"题目\n{first} {second}\u3000{third}  戊" + "己" * 20 + "。")
    assert [(ln.text, ln.lineno) for ln in lines] == [
        ("题目", 1),
        (first, 2),
        (second, 2),
        (third, 2),
        ("戊" + "己" * 20 + "。", 2),
    ]


def test_split_lines_keeps_a_short_line_or_a_single_space_after_a_stop() -> None:
    short = "甲乙。 丙丁。 戊己。"
    assert [ln.text for ln in split_lines(short)] == [short]
    once = "甲" * 150 + "。 " + "乙" * 100 + "。"
    assert [ln.text for ln in split_lines(once)] == [once]


QUESTION_HEADINGS = [
    ("如何为基层减负？", SectionKind.COUNTERMEASURES),
    ("怎么办？", SectionKind.COUNTERMEASURES),
    ("如何解决这些问题？", SectionKind.COUNTERMEASURES),
    ("基层负担为何屡减不轻？", SectionKind.PROBLEMS),
    ("为什么要加强应急管理能力建设？", SectionKind.SIGNIFICANCE),
    ("当前应急管理存在哪些短板？", SectionKind.PROBLEMS),
]


@pytest.mark.parametrize(("title", "kind"), QUESTION_HEADINGS, ids=[q for q, _ in QUESTION_HEADINGS])
def test_question_headings(title: str, kind: SectionKind) -> None:
    assert is_question_heading(title)
    assert is_heading_phrase(title)
    assert heading_kind(title) is kind


@pytest.mark.parametrize(
    "text", ["难道不是吗？", "这是为什么呢？", "根据“给定资料3”，谈谈如何推动养老服务发展？", "人才总量不足"]
)
def test_not_question_headings(text: str) -> None:
    assert not is_question_heading(text)


@pytest.mark.parametrize(
    ("title", "facet"),
    [
        ("政府层面", True),
        ("从企业角度来看", True),
        ("社会方面：", True),
        ("在改革方面", True),
        ("加强人才队伍建设", False),
    ],
)
def test_facet_headings(title: str, facet: bool) -> None:
    assert is_facet_heading(title) is facet


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("扎实推进中华优秀传统文化传承发展", SectionKind.COUNTERMEASURES),
        ("加快构建新发展格局", SectionKind.COUNTERMEASURES),
        ("基本情况", SectionKind.OTHER),
        ("国家政策", SectionKind.OTHER),
    ],
)
def test_action_kind(title: str, kind: SectionKind) -> None:
    assert action_kind(title) is kind


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("积极应对人口老龄化\u3000完善养老服务体系", "积极应对人口老龄化 完善养老服务体系"),
        ("加快数字政府建设 提升政务服务效能", "加快数字政府建设 提升政务服务效能"),
        ("以 XX 县为案例", "以XX县为案例"),
        ("文山 会海", "文山会海"),
    ],
)
def test_clean_title_keeps_the_gap_between_headline_phrases(raw: str, title: str) -> None:
    assert clean_title(raw) == title


def test_a_lone_chapter_heading_names_the_document_and_one_of_several_does_not() -> None:
    body = "第一节 难题\n一、负担较重\n检查考核多。\n二、力量薄弱\n人手不足。\n"
    alone = parse_document("第三章 基层治理的难题\n" + body, source="book.txt")
    assert alone.name == "第三章 基层治理的难题"
    several = parse_document(
        "第三章 基层治理的难题\n" + body + "第四章 基层治理的出路\n一、减负\n精简。\n二、增能\n培训。\n",
        source="book.txt",
    )
    assert several.name != "第三章 基层治理的难题"
