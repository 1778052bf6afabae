"""A section's kind as a learned model reads it: character n-grams of its heading and heads, weighed."""

# The model is linear: each kind's score is its bias plus the weights of the features the section shows,
# and the kinds' probabilities are the softmax of their scores. Its table (`kindmodel_table`, generated
# by `python -m benchmarks.kindmodel --write` from the annotated sections of `tests/realdocs/` and
# `tests/corpus/`) is unpacked on first use only. trainer.parse is not on the app's start-up path
# (tests/test_kindmodel.py checks it), so the table never slows a cold start. No I/O.
#
# Features, tagged by where they were read (`h` heading, `p` heads, `t` the topic's title and `l` the
# lead-in's last clause when the model reads them): the characters and character pairs of the text after
# `hans()` folding, with `^` and `$` marking where it begins and ends (`严把谈心谈话关` gives `p:^严`,
# `p:严把`, `p:关$` …). A heading's features count 1; a head feature counts the share of the section's
# heads that show it, so a long list weighs no more than a short one; only a head's first HEAD_CHARS
# characters are read, and only the last LEAD_CHARS of the lead-in's last clause (`…主要成果如下：`).
#
# Two tables: `kindmodel_table` (naive Bayes over annotated sections' headings and heads, read by
# kinds._learned) and `kindlead_table` (softmax regression over the sections the builder makes, lead-in
# and topic included, read by kinds._read_lead); `python -m benchmarks.kindmodel --write` makes both.

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from trainer.core.model import SectionKind
from trainer.parse import kindlead_table
from trainer.parse import kindmodel_table as table
from trainer.parse.hant import hans

KINDS: tuple[SectionKind, ...] = tuple(SectionKind)
# Digits, Latin letters, punctuation and spaces say nothing of a kind: only CJK characters are read.
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
HEAD_CHARS = 16
TOPIC_WEIGHT = 0.5  # a head's lead says what it is; the rest of a long head is its subject
LEAD_WEIGHT = 0.5
LEAD_CHARS = 20
_CLAUSE_END = re.compile(r"[。！？!?，,；;]")


def grams(text: str, tag: str) -> set[str]:
    """The tagged characters and character pairs of a text, with its start and end marked."""
    body = _NOT_HAN.sub("", hans(text))
    if not body:
        return set()
    marked = f"^{body}$"
    out = {f"{tag}:{ch}" for ch in body}
    out.update(f"{tag}:{marked[i : i + 2]}" for i in range(len(marked) - 1))
    return out


def lead_clause(lead: str) -> str:
    """The lead-in's last clause, its last LEAD_CHARS characters: what leads into the list."""
    body = lead.rstrip().rstrip("。！？!?：:")
    return body[max((m.end() for m in _CLAUSE_END.finditer(body)), default=0) :][-LEAD_CHARS:]


def features(
    heading: str, heads: list[str], head_chars: int = HEAD_CHARS, topic: str = "", lead: str = ""
) -> dict[str, float]:
    """A section's features and their values (see the module docstring)."""
    out: dict[str, float] = dict.fromkeys(grams(heading, "h"), 1.0)
    out.update(dict.fromkeys(grams(topic, "t"), TOPIC_WEIGHT))
    out.update(dict.fromkeys(grams(lead_clause(lead), "l"), LEAD_WEIGHT))
    if heads:
        share = 1.0 / len(heads)
        for head in heads:
            for g in grams(head[:head_chars], "p"):
                out[g] = out.get(g, 0.0) + share
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """A linear table: per kind (in KINDS order) a bias, and per feature a weight for each kind."""

    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    head_chars: int = HEAD_CHARS
    topic: bool = False  # whether the topic's title is read too (tag `t`)
    lead: bool = False  # whether the lead-in is read too (tag `l`)

    def probabilities(
        self, heading: str, heads: list[str], topic: str = "", lead: str = ""
    ) -> dict[SectionKind, float]:
        scores = list(self.bias)
        seen = features(heading, heads, self.head_chars, topic if self.topic else "", lead if self.lead else "")
        for name, value in seen.items():
            row = self.weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += value * w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {k: e / total for k, e in zip(KINDS, exp, strict=True)}

    def predict(self, heading: str, heads: list[str], topic: str = "", lead: str = "") -> tuple[SectionKind, float]:
        """The most probable kind and its probability."""
        probs = self.probabilities(heading, heads, topic, lead)
        kind = max(probs, key=probs.__getitem__)
        return kind, probs[kind]


_model: Model | None = None
_lead_model: Model | None = None


def model() -> Model:
    """The model in use: the committed table, unpacked on first use (or one `install`ed)."""
    global _model
    if _model is None:
        _model = Model(table.BIAS, unpack(table.ROWS), table.HEAD_CHARS, table.TOPIC)
    return _model


def lead_model() -> Model:
    """The model reading the lead-in too: its committed table, unpacked on first use (or one `install`ed)."""
    global _lead_model
    if _lead_model is None:
        t = kindlead_table
        _lead_model = Model(t.BIAS, unpack(t.ROWS), t.HEAD_CHARS, t.TOPIC, t.LEAD)
    return _lead_model


# The table packs its weights as text, several features to a line (`h:^为 3909 -988 -1596 -131 -1194|…`):
# a feature, then its weight for each kind in thousandths.
_SCALE = 1000
_LINE = 600


def pack(weights: dict[str, tuple[float, ...]]) -> list[str]:
    """The weights as the table's lines, features in sorted order."""
    lines: list[str] = []
    line: list[str] = []
    size = 0
    for name in sorted(weights):
        item = " ".join([name, *(str(round(w * _SCALE)) for w in weights[name])])
        if line and size + len(item) > _LINE:
            lines.append("|".join(line))
            line, size = [], 0
        line.append(item)
        size += len(item) + 1
    if line:
        lines.append("|".join(line))
    return lines


def unpack(lines: tuple[str, ...] | list[str]) -> dict[str, tuple[float, ...]]:
    """The weights packed by `pack`."""
    out: dict[str, tuple[float, ...]] = {}
    for line in lines:
        for item in line.split("|"):
            name, *values = item.split(" ")
            out[name] = tuple(int(v) / _SCALE for v in values)
    return out


def install(new: Model | None, lead: Model | None = None) -> None:
    """Use other models (the benchmark's part-out runs); None goes back to the committed tables."""
    global _model, _lead_model
    _model, _lead_model = new, lead
