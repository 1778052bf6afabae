"""How sure the builder is of each section it found, and the prose fallback; no structure finding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.core.model import SectionKind
from trainer.parse.heads import label_leads, split_head
from trainer.parse.normalize import clean
from trainer.parse.paragraphs import Para
from trainer.parse.shapes import alike_neighbours
from trainer.parse.structure import PointDraft, SectionDraft, TopicDraft
from trainer.parse.titles import is_label_line
from trainer.parse.vocab import heading_kind, heads_kind, is_heading_phrase, unanimous_kind

LOW = 0.6  # a section below this is listed in the warnings
PROSE_MIN = 12  # a paragraph shorter than this is a heading or a stray line, not an argument
PROSE_MAX_UNBROKEN = 200  # a paragraph this long without one sentence mark is not prose
_SENTENCE = "。！？；，!?;,"

PROSE_WHY = "paragraphs taken as points (no list found)"  # a prose section's note (`SectionNote.prose`)
# (how the section was found, how sure that makes the builder): a heading that names the section,
# a prose lead before a list, a list under no heading, paragraphs taken as points for want of a list.
_HOW = {"heading": 1.0, "lead": 0.9, "restart": 0.9, "untitled": 0.8, "prose": 0.3}


@dataclass(frozen=True, slots=True)
class SectionNote:
    """What the builder knows about one section of the deck, in deck order."""

    topic: str
    heading: str
    kind: SectionKind
    points: int
    confidence: float
    why: str

    @property
    def low(self) -> bool:
        """True when the learner should check this section."""
        return self.confidence < LOW

    @property
    def prose(self) -> bool:
        """True when no list was found and paragraphs of prose were taken as the points."""
        return self.why == PROSE_WHY


def _succession(points: list[PointDraft]) -> tuple[float, str]:
    ordinals = [p.ordinal for p in points]
    if len(points) == 1:
        return 0.6, "one point"
    if not any(ordinals):
        return 0.9, "unnumbered"
    if ordinals == list(range(1, len(ordinals) + 1)):
        return 1.0, "complete succession"
    if ordinals[-1] == 99 and ordinals[:-1] == list(range(1, len(ordinals))):
        return 1.0, "complete succession"  # 首先 … 最后
    if len(set(ordinals)) < len(ordinals):
        return 0.5, "numbers repeat"
    return 0.7, "numbers skip"


def note_for(topic: str, section: SectionDraft) -> SectionNote:
    """The note for one drafted section: how it was found times how complete its succession is."""
    found = _HOW.get(section.how, 0.8)
    succession, why = _succession(section.points)
    kind_factor = 0.9 if section.kind is SectionKind.OTHER and section.how != "prose" else 1.0
    reason = PROSE_WHY if section.how == "prose" else f"{section.how}, {why}"
    confidence = round(found * succession * kind_factor, 2)
    return SectionNote(topic, section.heading, section.kind, len(section.points), confidence, reason)


# An editor's remark: a whole paragraph in brackets, or a model essay's commentary (`评析：背景式开头。…`).
_ASIDE = re.compile(r"^[（(【\[][^）)】\]]*[）)】\]]?$|^(?:评析|点评|简评|名师点评|批注|旁批)\s*[：:]")
OPENING_AMONG = 3  # among this many paragraphs of prose or more, the first is the opening
PARALLEL_PREFIX = 4  # paragraphs opening with this many characters in common are parallel (排比)


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _parallel(keys: list[str]) -> set[int]:
    """Indexes of paragraphs that open like a neighbour (`绿色发展需要转变生产方式…` beside
    `绿色发展需要转变生活方式…`): the argument's points, apart from its opening and closing."""
    return alike_neighbours(keys, _common, PARALLEL_PREFIX)


ARTICLE_TITLE_MAX = 30  # a line this short with no sentence mark, after prose, may title the article


def _is_prose(para: Para) -> bool:
    text = para.text.strip()
    return len(text) >= PROSE_MIN and any(c in text for c in _SENTENCE)


def _article(paras: list[Para], title: str) -> tuple[list[Para], str]:
    """An article quoted after an introduction of its own (`小新觉得…就拿下面这篇文章来说…` then a
    blank line, the article's title, its paragraphs): the article and its title. A title needs prose
    before it and at least OPENING_AMONG paragraphs of prose after it; else the whole document."""
    for i, para in enumerate(paras):
        text = para.text.strip()
        if not para.gap or len(text) > ARTICLE_TITLE_MAX or any(c in text for c in _SENTENCE):
            continue
        before = [p for p in paras[:i] if _is_prose(p)]
        after = [p for p in paras[i + 1 :] if _is_prose(p)]
        if before and len(after) >= OPENING_AMONG:
            return paras[i + 1 :], (
                title if is_label_line(para.key.strip()) else text
            )  # `【参考答案】` names no article
    return paras, title


LEAD_LINE_MAX = 30  # a paragraph of one sentence this short, over a long one, is that one's lead
_QUOTED = re.compile(r"^[“「『\"][^“”]*[”」』\"]$")  # a whole paragraph in quotes: a quotation


def _lead_shaped(key: str) -> bool:
    return len(key) <= LEAD_LINE_MAX and sum(key.count(c) for c in "。！？") == 1


def _lead_lines(prose: list[Para]) -> list[int]:
    """Paragraphs of one short sentence each standing over a longer paragraph (`写问题短板要突出“要点”。`
    then the argument): subheadings that lost their bold, and the points of the page."""
    found = []
    for i, para in enumerate(prose[:-1]):
        key = para.key.strip()
        if not _lead_shaped(key) or not key.endswith("。") or _QUOTED.match(key):
            continue
        # An epigraph in quotes may stand between the lead and its argument.
        nxt = next((p.key.strip() for p in prose[i + 1 :] if not _QUOTED.match(p.key.strip())), "")
        if len(nxt) >= 2 * len(key) and not _lead_shaped(nxt):
            found.append(i)
    return found


def _led_topic(paras: list[Para], prose: list[Para], leads: list[int], title: str) -> TopicDraft:
    points = []
    sources = []
    for n, i in enumerate(leads):
        end = leads[n + 1] if n + 1 < len(leads) else len(prose)
        head, _, long_head = split_head(prose[i].text.strip())
        body = "\n".join(clean(p.text) for p in prose[i + 1 : end])
        points.append(PointDraft(head, body, long_head, prose[i].lineno))
        sources.append(prose[i])
    return TopicDraft(title, "", _sections_by_heading(paras, sources, points, title))


HEADING_LINE_MAX = 20
_HEADING_NUMBER = re.compile(r"^(?:part|no\.?)?\s*\d{1,2}\s*[|｜/.、]?\s*", re.I)


def _headed(paras: list[Para], para: Para) -> bool:
    """True when a section heading line (`01 重要意义`) stands above the paragraph: it opens nothing."""
    for other in paras:
        if other is para:
            return False
        if _names_a_section(_HEADING_NUMBER.sub("", other.key.strip().rstrip("。.：:"))):
            return True
    return False


def _names_a_section(key: str) -> bool:
    """A line of section vocabulary (`对策措施`), or a short phrase naming a kind (`实践路径`)."""
    short = len(key) <= SHORT_HEADING_LINE and not re.search(r"[，。；！？,.;!?]", key)
    return is_heading_phrase(key) or (short and heading_kind(key) is not SectionKind.OTHER)


SHORT_HEADING_LINE = 12


def _sections_by_heading(
    paras: list[Para], sources: list[Para], points: list[PointDraft], title: str, *, alike: bool = True
) -> list[SectionDraft]:
    """Prose points grouped under the heading lines above them (`对策措施`, `话题引入`): a section
    each, of the kind its heading names, else the kind its heads name when they are paragraphs of one
    shape (`alike`: lead lines, parallel openings); paragraphs of plain prose under no such heading
    make an argument, not a list, and are of kind other (GUIDE.md: prose), unless every one of them
    opens alike by its words (`要破解…，关键在于建立…`: each a call to act). One section when no heading
    line stands above them."""
    under: dict[int, str] = {}
    heading = ""
    for para in paras:
        key = _HEADING_NUMBER.sub("", para.key.strip().rstrip("。.：:"))  # `01 重要意义`, `Part 2 实践路径`
        if len(key) <= HEADING_LINE_MAX and _names_a_section(key):
            heading = _HEADING_NUMBER.sub("", clean(para.text).strip().rstrip("。.：:"))
        under[id(para)] = heading
    groups: list[tuple[str, list[PointDraft]]] = []
    for source, point in zip(sources, points, strict=True):
        name = under.get(id(source), "")
        if not groups or groups[-1][0] != name:
            groups.append((name, []))
        groups[-1][1].append(point)
    named = [(name, group, heading_kind(name) if name else SectionKind.OTHER) for name, group in groups]
    if any(kind is not SectionKind.OTHER for _, _, kind in named):
        # Under headings that name kinds (`对策措施`), the prose under the others (`热点背景`, the
        # opening) sets the scene: it holds no points.
        named = [n for n in named if n[2] is not SectionKind.OTHER]
    sections = []
    for name, group, kind in named:
        if kind is SectionKind.OTHER:
            heads = [p.head for p in group]
            kind = heads_kind(heads) if alike else unanimous_kind(heads)
        sections.append(SectionDraft(kind, name or title, group, "prose"))
    return sections


def prose_topic(paras: list[Para], title: str) -> TopicDraft | None:
    """Never nothing: a document with no list gives its paragraphs of prose as points, lead clause as
    head, in one section (of the kind its heads name, else other); None when no prose is left.

    Paragraphs of the same shape (opening alike) are the points when there are such; else, of three
    paragraphs or more, all but the first (the opening); an editor's remark in brackets never is.
    """
    paras, title = _article(paras, title)
    prose = []
    for para in paras:
        text = para.text.strip()
        if len(text) < PROSE_MIN or not any(c in text for c in _SENTENCE) or _ASIDE.match(para.key.strip()):
            continue  # a heading, a caption, a stray line, a remark; or no sentence at all
        if len(text) > PROSE_MAX_UNBROKEN and not any(c in text for c in _SENTENCE):
            continue
        prose.append(para)
    leads = _lead_lines(prose)
    if len(leads) >= 2:
        return _led_topic(paras, prose, leads, title)
    parallel = _parallel([p.key for p in prose])
    if len(parallel) >= 2:
        prose = [p for i, p in enumerate(prose) if i in parallel]
    elif len(prose) >= OPENING_AMONG and not _headed(paras, prose[0]):
        prose = prose[1:]  # the first of several paragraphs opens the argument (引言); the rest make it
    points = []
    sources = []
    for para, label in zip(prose, label_leads([p.text for p in prose]) if prose else [], strict=True):
        head, body, long_head = split_head(para.text.strip(), label)
        if head:
            points.append(PointDraft(head, body, long_head, para.lineno))
            sources.append(para)
    if not points:
        return None
    return TopicDraft(title, "", _sections_by_heading(paras, sources, points, title, alike=len(parallel) >= 2))
