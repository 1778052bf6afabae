"""Sections whose points are not numbered (issue 12, session 17): paragraphs under a heading that names a kind,
bare headings ending on a word that names a list, items on lines of their own after a lead, labels over led
items where the page breaks off. Each expected outline is what GUIDE.md's rules say of the small document
(its head rule; unnumbered paragraphs of the same shape under a heading are points), written from the rule,
not from the builder's output."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.outline import match_points, norm
from trainer.core.model import SectionKind
from trainer.parse import decode, parse_document


def _sections(text: str) -> list[tuple[str, SectionKind, list[str]]]:
    deck = parse_document(text, source="page.txt")
    return [(s.heading, s.kind, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


# A 工作总结 in plain paragraphs: numbered headings naming kinds, each over paragraphs that open on a lead
# clause. Every paragraph under `工作成效` is a result, every one under `存在问题` a problem.
NUMBERED_OVER_PARAGRAPHS = (
    "农村环境整治工作总结\n"
    "一、工作成效\n"
    "农村基础设施水平显著提高，道路、供水、供电、通讯等设施更加完善，农民的生产生活条件随之改善。\n"
    "农村环境卫生得到改善，生活垃圾基本得到有效处置，污水处理设施建设有了进展，水污染得到遏制。\n"
    "农民生活质量得到提高，整治工作为农民营造了更好的生产生活环境，群众的幸福感不断增强。\n"
    "二、存在问题\n"
    "工作投入不足，一些地方这项工作的资金缺口较大，县乡两级财力有限，拖慢了整治的进度。\n"
    "工作机制不完善，部分地区职责不清，推诿扯皮时有发生，影响了整治成效。\n"
)


def test_paragraphs_under_numbered_kind_headings_are_their_points() -> None:
    sections = _sections(NUMBERED_OVER_PARAGRAPHS)
    assert [(k, h) for _, k, h in sections] == [
        (SectionKind.ACHIEVEMENTS, ["农村基础设施水平显著提高", "农村环境卫生得到改善", "农民生活质量得到提高"]),
        (SectionKind.PROBLEMS, ["工作投入不足", "工作机制不完善"]),
    ]


# The same as bare lines (no numbers, as a page copied without its bold), and with an opening paragraph on
# the scene (`近年来，…`) under the first: that paragraph leads in, it is no result.
BARE_OVER_PARAGRAPHS = (
    "农村环境整治工作总结\n"
    "工作成效\n"
    "近年来，各地持续推进农村环境整治，投入逐年增加，群众的参与热情也越来越高。\n"
    "农村基础设施水平显著提高，道路、供水、供电、通讯等设施更加完善，农民的生产生活条件随之改善。\n"
    "农村环境卫生得到改善，生活垃圾基本得到有效处置，污水处理设施建设有了进展，水污染得到遏制。\n"
    "存在问题\n"
    "工作投入不足，一些地方这项工作的资金缺口较大，县乡两级财力有限，拖慢了整治的进度。\n"
    "工作机制不完善，部分地区职责不清，推诿扯皮时有发生，影响了整治成效。\n"
)


def test_bare_kind_headings_over_paragraphs_are_sections() -> None:
    sections = _sections(BARE_OVER_PARAGRAPHS)
    assert [(s[0], s[2]) for s in sections] == [
        ("工作成效", ["农村基础设施水平显著提高", "农村环境卫生得到改善"]),
        ("存在问题", ["工作投入不足", "工作机制不完善"]),
    ]


# Lines that make claims (`检验机构缺乏`, a problem said, no section's name) over paragraphs of detail stay
# the points, their paragraphs the bodies.
CLAIMS_OVER_PARAGRAPHS = (
    "食品检验工作调研\n"
    "检验机构缺乏\n"
    "市食品药品监督管理局并不负责食品检验工作，本身没有开展食品检验的实际能力。\n"
    "各区县食品药品监督管理局下属的单位同样没有相应的检验能力。\n"
    "检验资源划转不到位\n"
    "省里曾要求把食品检验方面的机构编制、人员和资产统一划转，但至今没有落实。\n"
    "检验设备和能力仍然集中在省级检测中心，市里手中并没有真正的检验力量。\n"
)


def test_claims_over_paragraphs_stay_points() -> None:
    heads = [h for _, _, hs in _sections(CLAIMS_OVER_PARAGRAPHS) for h in hs]
    assert heads == ["检验机构缺乏", "检验资源划转不到位"]


# Bare lines ending on a word that names a list (`…现状`, `…挑战`, `…新路径`), each over a numbered list
# restarting at 1: the lines are section headings and the numbered items their points.
BARE_LIST_NAMES_OVER_LISTS = (
    "农业水源污染与绿色农业\n\n"
    "农业水源污染挑战\n\n"
    "1. 水资源短缺\n\n"
    "农业用水需求持续增长，水资源短缺让污染治理更加困难。\n\n"
    "2. 治理技术不足\n\n"
    "农业水源污染治理技术还不够成熟，难以支撑大范围的治理。\n\n"
    "绿色农业新路径\n\n"
    "1. 推广测土配方施肥\n\n"
    "依据土壤养分情况科学用肥，减少化肥投入，从而减轻污染。\n\n"
    "2. 发展节水农业\n\n"
    "推广节水灌溉技术，提高农业用水效率，缓解水资源紧缺。\n"
)


def test_bare_lines_naming_lists_head_the_numbered_lists() -> None:
    sections = _sections(BARE_LIST_NAMES_OVER_LISTS)
    assert [(s[0], s[1], s[2]) for s in sections] == [
        ("农业水源污染挑战", SectionKind.PROBLEMS, ["水资源短缺", "治理技术不足"]),
        ("绿色农业新路径", SectionKind.COUNTERMEASURES, ["推广测土配方施肥", "发展节水农业"]),
    ]


# Items after a lead (`主要的危害有：`), each a short sentence on a line of its own parted by ；: the head
# rule reads each whole (a first sentence under ~30 characters is the head), as in any list.
LINED_SEMICOLON_ITEMS = (
    "水土保持\n"
    "水土流失的危害\n"
    "水土流失不但破坏生态环境，对经济活动和饮用水资源也有重大影响。其中最主要的危害有：\n"
    "导致土地质量的恶化，影响产量和质量；\n"
    "土壤中的养分流失，造成生态环境的贫瘠化；\n"
    "导致河流和湖泊的淤积，影响水资源的质量和数量。\n"
)


def test_semicolon_items_on_lines_of_their_own_are_read_whole() -> None:
    heads = [h for _, _, hs in _sections(LINED_SEMICOLON_ITEMS) for h in hs]
    assert heads == [
        "导致土地质量的恶化，影响产量和质量",
        "土壤中的养分流失，造成生态环境的贫瘠化",
        "导致河流和湖泊的淤积，影响水资源的质量和数量",
    ]


# Run together in one paragraph, the same items are read as the GUIDE says of a run-together list: each
# head its lead up to the first ，.
RUN_TOGETHER_SEMICOLON_ITEMS = (
    "水土保持\n"
    "水土流失破坏生态环境，主要的危害有：导致土地质量的恶化，影响产量和质量；土壤中的养分流失，"
    "造成生态环境的贫瘠化；导致河流和湖泊的淤积，影响水资源的质量和数量。\n"
)


def test_semicolon_items_run_together_are_cut_at_the_first_comma() -> None:
    heads = [h for _, _, hs in _sections(RUN_TOGETHER_SEMICOLON_ITEMS) for h in hs]
    assert heads == ["导致土地质量的恶化", "土壤中的养分流失", "导致河流和湖泊的淤积"]


# Labels (`1. 产业兴旺`) each over bullets led by a head and a colon, under a heading naming measures: the
# bullets are the measures. The page breaks off in the last label's last bullet (`- 推进`).
LABELS_OVER_LED_ITEMS_CUT = (
    "乡村振兴\n\n"
    "二、乡村振兴的实施路径\n"
    "1. 产业兴旺\n"
    "- 发展现代农业：普及现代农业技术，提升农业生产效率。\n"
    "- 优化产业结构：培育特色农业、乡村旅游等产业，增加农业附加值。\n"
    "2. 生态宜居\n"
    "- 加强农村环境保护：整治农村水污染、大气污染等环境问题。\n"
    "- 建设美丽乡村：完善农村基础设施，改善农村人居环境。\n"
    "3. 治理有效\n"
    "- 加强基层组织建设：健全农村基层党组织，提升农村治理水平。\n"
    "- 推进\n"
)


def test_labels_over_led_items_hold_when_the_page_breaks_off() -> None:
    sections = _sections(LABELS_OVER_LED_ITEMS_CUT)
    heads = [h for _, _, hs in sections for h in hs]
    assert heads[:5] == ["发展现代农业", "优化产业结构", "加强农村环境保护", "建设美丽乡村", "加强基层组织建设"]
    assert "产业兴旺" not in heads and "生态宜居" not in heads


# Numbered items that are section vocabulary every one (`隱患分析`, `對策建議`, `結語`) under the page's title
# repeated as a line (it names kinds), only one of them holding a list: they are the document's sections, not
# three points. A real page (tests/realdocs/dev17, annotated blind): its outline is the annotation's.
REAL_PAGE = Path(__file__).parent / "realdocs" / "dev17" / "ye14_csgdst_laojiu_xiaoqu_xiaofang"


def test_items_all_section_vocabulary_are_headings() -> None:
    text = decode(REAL_PAGE.with_suffix(".txt").read_bytes(), source="page.txt")
    gold = yaml.safe_load(REAL_PAGE.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    want = [h for t in gold["topics"] for s in t["sections"] for h in s["heads"]]
    deck = parse_document(text, source="page.txt")
    heads = [p.head for _, _, p in deck.points()]
    # the benchmark's own matching: the page's pinyin glosses (`結構(gòu)`) and punctuation forms aside
    assert len(match_points([norm(h) for h in want], [norm(h) for h in heads])) == len(want) == len(heads)
    assert "隱患分析" not in heads and "結語" not in heads


# A survey report's parts (`调查背景与目的`, `调查方法与对象`, `调查结果与分析`) are parts of the document, never
# points, whatever they hold: the numbered findings under `调查结果与分析` are the points.
SURVEY_REPORT = (
    "关于社区基层行政管理的调查报告\n"
    "一、调查背景与目的\n"
    "近些年，国家把基层治理摆在突出位置，社区治理模式不断推陈出新，但在具体运行中还有不少难题。\n"
    "二、调查方法与对象\n"
    "本次调查综合运用实地走访、问卷调查和个别访谈等方法，挑选了若干类型各异的城市社区作为样本。\n"
    "三、调查结果与分析\n"
    "1. 人员配备不足\n"
    "多数社区工作人员身兼数职，专业社工比例偏低，难以应对日益增多的服务需求。\n"
    "2. 服务功能单一\n"
    "社区服务集中在行政事务，文化、养老等服务供给不足，居民满意度不高。\n"
    "3. 信息化水平偏低\n"
    "不少社区仍靠纸质台账办事，数据在部门之间难以共享，群众办事要来回跑。\n"
)


def test_survey_report_parts_are_no_points() -> None:
    heads = [h for _, _, hs in _sections(SURVEY_REPORT) for h in hs]
    assert heads == ["人员配备不足", "服务功能单一", "信息化水平偏低"]


# A heading that counts what it names (`…的三大现实困境`: `三大` and `现实` are modifiers of its kind word, as
# `主要` is) over paragraphs each opening with a lead clause: a section of those three problems.
COUNTED_HEADING = (
    "网络暴力的危害与治理\n\n"
    "治理网络暴力的三大现实困境\n\n"
    "匿名注册门槛太低，虚拟运营商提供的匿名账号让施暴者难以追查，平台的实名制也常常流于形式，追责无从下手。\n\n"
    "法律规制跟不上技术发展，现行法律对网络暴力的界定不够清晰，取证难、认定难、追责难的问题相当突出。\n\n"
    "推荐算法推波助澜，社交平台的算法客观上放大了极端言论，让暴力言论在短时间内获得大量关注和转发。\n"
)


def test_counted_kind_heading_over_paragraphs_is_a_section() -> None:
    assert _sections(COUNTED_HEADING) == [
        (
            "治理网络暴力的三大现实困境",
            SectionKind.PROBLEMS,
            ["匿名注册门槛太低", "法律规制跟不上技术发展", "推荐算法推波助澜"],
        )
    ]


# `目录/提纲：` over entries the page's text below never reaches (a 文秘 site shows a report's start only): the
# contents are the outline there is; the heading said again below, which opens the cut-off text, is dropped.
CONTENTS_OVER_CUT_TEXT = (
    "青年人才调研报告\n"
    "目录/提纲：……\n"
    "一、我市青年人才面临的主要问题\n"
    "（一）住房压力大\n"
    "（二）晋升通道窄\n"
    "（三）学习机会少\n"
    "二、进一步做好青年人才工作的建议\n"
    "（一）缓解青年人才住房压力\n"
    "（二）拓宽青年人才晋升通道\n"
    "……\n"
    "青年人才调研报告\n"
    "为摸清我市青年人才在工作、学习和生活方面的真实状况，课题组开展了专题调研，现将有关情况报告如下。\n"
    "一、我市青年人才面临的主要问题\n"
    "近年来，我市青年人才队伍不断壮大，但调研中也发现，青年人才在住房、晋升、学习等方面"
)


def test_contents_over_a_cut_off_text_are_the_outline() -> None:
    assert _sections(CONTENTS_OVER_CUT_TEXT) == [
        ("我市青年人才面临的主要问题", SectionKind.PROBLEMS, ["住房压力大", "晋升通道窄", "学习机会少"]),
        ("进一步做好青年人才工作的建议", SectionKind.COUNTERMEASURES, ["缓解青年人才住房压力", "拓宽青年人才晋升通道"]),
    ]


# An abstract that runs its lists together: a lead naming a kind and saying it lists (`…主要表现为：`,
# `…原因主要有以下几点：`, and with no colon `…问题主要包括`), the items parted by ；: a section per list, each
# head its clause up to the first ，, the list's closing `等等` no part of its last head.
RUN_TOGETHER_ABSTRACT = (
    "基层政府依法行政研究\n"
    "摘要：这些年来，基层政府在推进依法行政方面取得了明显成效，但也暴露出不少问题，主要表现为：行政机关之间的"
    "权限冲突；“运动式”执法现象突出；行政监督缺乏力度等等。造成这些问题的原因主要有以下几点：行政体制不够健全；"
    "监督制约机制不够完善；基层干部素质不高。基层执法存在的问题主要包括执法队伍力量薄弱，人员流动频繁；执法程序"
    "不够规范；执法保障严重不足等。\n"
)


def test_lists_run_together_in_an_abstract_are_sections() -> None:
    sections = _sections(RUN_TOGETHER_ABSTRACT)
    assert [s[2] for s in sections] == [
        ["行政机关之间的权限冲突", "“运动式”执法现象突出", "行政监督缺乏力度"],
        ["行政体制不够健全", "监督制约机制不够完善", "基层干部素质不高"],
        ["执法队伍力量薄弱", "执法程序不够规范", "执法保障严重不足"],
    ]
    assert {s[1] for s in sections} == {SectionKind.PROBLEMS}
