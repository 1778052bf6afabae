"""The outline of a deck as a list: topic, section [kind], 第k点 head | body start, one line each (cut
at the pane's width); the items the builder was unsure of marked with a leading ?. Rows are plain Text
(deck text is never read as markup)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trainer.core.model import Deck, Section

KIND_LABELS = {
    "significance": "意义",
    "problems": "问题",
    "countermeasures": "对策",
    "achievements": "成效",
    "other": "其他",
}
# A section the builder rates below this (`Section.confidence`, when the builder gives one) is marked.
UNSURE_BELOW = 0.6
HEAD_MAX = 30
BODY_START = 24


# Control characters (but tab): shown as the replacement character, never sent to the terminal.
_CONTROLS = {c: "\ufffd" for c in [*range(0, 9), *range(10, 32), *range(0x7F, 0xA0)]}


def shown(text: str) -> str:
    """Text safe to show: control characters replaced (Rich markup is not read from a Text)."""
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """Text for a one-line row: each line break (CR LF, LF, CR, or any `str.splitlines` break) shown as a
    space, then control characters replaced."""
    return shown(" ".join(text.splitlines()))


def source_for_display(text: str) -> str:
    """A document's lines as `Point.line` counts them (`str.splitlines`), joined by LF, each shown safely."""
    return "\n".join(shown(line) for line in text.splitlines())


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the outline: a topic (s, p None), a section (p None) or a point."""

    t: int
    s: int | None = None
    p: int | None = None
    unsure: str = ""  # why the builder may have got it wrong ("" when it is sure)


def _section_doubt(section: Section) -> str:
    confidence = getattr(section, "confidence", None)
    if isinstance(confidence, (int, float)) and confidence < UNSURE_BELOW:
        return f"生成器把握不大（{confidence:.0%}）"
    if len(section.points) == 1:
        return "只有一点"
    return ""


def _lead(indent: str, doubt: str) -> Text:
    """A row's start: `›`, or `?` where the builder was unsure. It leads the row, so a row cut at the
    pane's width (a long head) keeps it."""
    text = Text(indent)
    text.append("? " if doubt else "› ", style="bold yellow" if doubt else "")
    return text


def outline_rows(deck: Deck) -> list[tuple[Row, Text]]:
    """Every topic, section and point of a deck as a row and its text."""
    out: list[tuple[Row, Text]] = []
    for ti, topic in enumerate(deck.topics):
        label = Text(one_line(topic.title), style="bold")
        if topic.subtitle:
            label.append(f"（{shown(topic.subtitle)}）")
        out.append((Row(ti), label))
        for si, section in enumerate(topic.sections):
            doubt = _section_doubt(section)
            text = _lead(" ", doubt)
            text.append(f"{one_line(section.heading)} ")
            text.append(f"[{KIND_LABELS.get(section.kind.value, section.kind.value)}]", style="cyan")
            out.append((Row(ti, si, None, doubt), text))
            for pi, point in enumerate(section.points):
                doubt = "要点过长" if len(point.head) > HEAD_MAX else "没有说明" if not point.body.strip() else ""
                text = _lead("   ", doubt)
                text.append(f"第{pi + 1}点 {one_line(point.head)}")
                if point.body:
                    body = " ".join(point.body.splitlines())
                    start = shown(body[:BODY_START]) + ("…" if len(body) > BODY_START else "")
                    text.append(f" | {start}", style="dim")
                out.append((Row(ti, si, pi, doubt), text))
    return out


def source_lines(deck: Deck, row: Row) -> tuple[int, int] | None:
    """The 1-based first and last source line an outline row came from, or None when unknown."""
    lines = sorted({p.line for _, _, p in deck.points() if p.line})
    topic = deck.topics[row.t]
    if row.s is None:
        points = [p for s in topic.sections for p in s.points]
    elif row.p is None:
        points = list(topic.sections[row.s].points)
    else:
        points = [topic.sections[row.s].points[row.p]]
    known = [p.line for p in points if p.line]
    if not known:
        return None
    first, last = min(known), max(known)
    later = [n for n in lines if n > last]
    end = min(later[0] - 1, last + 5) if later else last
    if row.p is None:
        first = max(1, first - 1)  # the heading line above the first point
    return first, max(first, end)


class OutlineList(OptionList):
    """The outline rows; `rows` says what each option is."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []

    def show(self, deck: Deck, highlight: int | None = None) -> None:
        """Show a deck's outline, highlighting row `highlight` (kept in range)."""
        built = outline_rows(deck)
        self.rows = [row for row, _ in built]
        self.clear_options()
        self.add_options([Option(text) for _, text in built])
        if self.rows:
            self.highlighted = min(max(0, highlight or 0), len(self.rows) - 1)

    @property
    def row(self) -> Row | None:
        """The highlighted row."""
        at = self.highlighted
        return self.rows[at] if at is not None and 0 <= at < len(self.rows) else None

    def index_of(self, row: Row) -> int:
        """Where a topic, section or point is in the list (by place), or 0."""
        for i, r in enumerate(self.rows):
            if (r.t, r.s, r.p) == (row.t, row.s, row.p):
                return i
        return 0
