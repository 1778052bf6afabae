"""Synthetic 申论 decks and documents for the benchmarks: seeded, realistic text lengths; no timing here."""

from __future__ import annotations

import random

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id

# Vocabulary of the material: phrases a 申论 point is made of. Random sequences of these give text
# whose characters, byte lengths and punctuation look like the real thing (3 bytes per character).
_WORDS = [
    "优化营商环境",
    "基层治理",
    "公共服务",
    "数字政府",
    "乡村振兴",
    "生态文明",
    "人才队伍",
    "权力下放",
    "线上线下",
    "便民服务",
    "政务公开",
    "执法规范",
    "监督机制",
    "考核评价",
    "资金保障",
    "制度建设",
    "宣传引导",
    "群众参与",
    "协同联动",
    "信息共享",
    "风险防控",
    "产业升级",
    "科技创新",
    "文化传承",
    "社会保障",
    "医疗卫生",
    "教育公平",
    "就业创业",
    "收入分配",
    "住房保障",
    "养老服务",
    "社区建设",
    "网格管理",
    "应急管理",
    "安全生产",
    "食品安全",
    "环境保护",
    "资源节约",
    "城乡统筹",
    "区域协调",
    "对外开放",
    "市场主体",
    "营商环境",
    "法治建设",
    "党建引领",
    "干部作风",
    "形式主义",
    "官僚主义",
    "责任落实",
    "顶层设计",
    "体制机制",
    "要素保障",
    "数据壁垒",
    "服务意识",
    "专业能力",
    "人员紧缺",
    "经费不足",
    "宣传不到位",
    "落实不到位",
    "协调不顺畅",
    "标准不统一",
    "覆盖面不广",
]
_LINKS = ["加强", "完善", "推进", "健全", "深化", "强化", "提升", "落实", "构建", "创新", "统筹", "优化"]
_ENDS = "，", "，", "，", "；", "。"

SECTIONS = (
    (SectionKind.SIGNIFICANCE, "重要意义"),
    (SectionKind.PROBLEMS, "存在的问题"),
    (SectionKind.COUNTERMEASURES, "对策"),
)
# A 申论 point: a head of 4–16 characters, an elaboration of 20–120 (one to three sentences).
HEAD_CHARS = (4, 16)
BODY_CHARS = (20, 120)
POINTS_PER_SECTION = (3, 7)


def _phrase(rng: random.Random, lo: int, hi: int) -> str:
    target = rng.randint(lo, hi)
    out = ""
    while len(out) < target:
        out += rng.choice(_LINKS) + rng.choice(_WORDS) if rng.random() < 0.4 else rng.choice(_WORDS)
        if len(out) < target - 4 and rng.random() < 0.25:
            out += rng.choice(_ENDS[:-1])
    return out[:target]


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    return _phrase(rng, lo - 1, hi - 1) + "。"


def make_deck(points: int, *, name: str = "", seed: int = 7) -> Deck:
    """A deck of exactly `points` points in topics of three sections, with 3–7 points each."""
    rng = random.Random(seed)
    topics: list[Topic] = []
    seen: set[str] = set()
    made = 0
    t = 0
    while made < points:
        t += 1
        title = f"{_phrase(rng, 4, 10)}（专题{t}）"
        sections = []
        for kind, heading in SECTIONS:
            n = min(rng.randint(*POINTS_PER_SECTION), points - made)
            if n <= 0:
                break
            pts = []
            while len(pts) < n:
                head = _phrase(rng, *HEAD_CHARS).rstrip("，；")
                pid = point_id(title, kind, head)
                if pid in seen or len(head) < 2:
                    continue
                seen.add(pid)
                pts.append(Point(id=pid, head=head, body=_sentence(rng, *BODY_CHARS)))
            made += n
            sections.append(Section(kind=kind, heading=heading, points=tuple(pts)))
        topics.append(Topic(title=title, sections=tuple(sections)))
    return Deck(name=name or f"合成卡组{points}", topics=tuple(topics), sources=("synthetic.txt",))


_NUMERALS = "一二三四五六七八九十"


def make_document(target_bytes: int, *, seed: int = 11) -> str:
    """A 申论 document of about `target_bytes` UTF-8 bytes: 一、 topics, （一） sections, 1. points."""
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    t = 0
    while size < target_bytes:
        t += 1
        title = f"{_phrase(rng, 4, 10)}（专题{t}）"
        block = [f"# {title}", ""]
        for s, (_kind, heading) in enumerate(SECTIONS):
            block.append(f"（{_NUMERALS[s]}）{heading}")
            for k in range(1, rng.randint(*POINTS_PER_SECTION) + 1):
                head = _phrase(rng, *HEAD_CHARS).rstrip("，；")
                block.append(f"{k}. {head}。{_sentence(rng, *BODY_CHARS)}")
            block.append("")
        text = "\n".join(block) + "\n"
        size += len(text.encode("utf-8"))
        lines.append(text)
    return "".join(lines)
