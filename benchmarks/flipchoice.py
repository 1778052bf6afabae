"""`python -m benchmarks.flipchoice`: could a learned judge of whole outlines pick a better reading?

`readings.classify` decides, per sibling group of numbered items, headings or points. For every annotated
document this runs the builder as the rules read it and once more per group with that group read the
other way (`benchmarks.readingmodel.deciding`), and scores each outline against the gold. The best of
those outlines (an oracle that knows the gold) shows how much a perfect choice of one group could gain.
A logistic judge then compares each other reading with the rules' one by the outlines' shapes (points,
sections, head lengths and punctuation, parallel heads, kinds, how much of the text they keep, the
builder's own confidence) and takes the reading it is surest of, when sure enough; it is trained
leave-one-part-out (on the other parts and tests/corpus, scored on the part left out).

`offered`: the best outline among the builder's own and the other readings `trainer.parse.alternatives`
offers the learner in the outline editor (key r), with how many it offers per document.

Session 12: the oracle gains 0.05-0.16 F1 on the newest parts; the judge gains nothing part-out (README).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks import sectionmodel
from benchmarks.outline import PARTS, _expected_points, match_points, norm
from benchmarks.readingmodel import deciding
from trainer.core.model import SectionKind
from trainer.errors import TrainerError
from trainer.parse.vocab import head_kind

_PUNCT = re.compile(r"[，,。；;！!？?]")
GAIN = 0.02  # a reading better than the rules' by more than this F1 on its document is a better one


def _outline(text: str, name: str, flip: tuple[str, ...] | None, seen: list | None = None) -> dict[str, Any] | None:
    """The builder's outline with one group (by its titles) read the other way; `seen` collects groups."""
    import trainer.parse as tp

    def decide(group: list, parent: Any, rule: bool) -> bool:
        key = tuple(n.title for n in group)
        if seen is not None and key not in seen:
            seen.append(key)
        return (not rule) if key == flip else rule

    with deciding(decide):
        try:
            deck, notes = tp.parse_with_notes(text, source=name)
        except TrainerError:
            return None
    secs = [
        {"kind": str(s.kind), "heads": [p.head for p in s.points], "bodies": [p.body for p in s.points]}
        for t in deck.topics
        for s in t.sections
    ]
    return {"secs": secs, "conf": [n.confidence for n in notes], "why": [n.why for n in notes]}


def collect(parts: list[str]) -> list[dict[str, Any]]:
    """Per document: its length and its candidate outlines (the rules' first), each with its match counts."""
    from trainer.parse import decode

    docs = []
    for part in parts:
        for txt in sorted(PARTS.get(part, Path(part)).glob("*.txt")):
            gold = txt.with_name(txt.name.removesuffix(".txt") + ".expected.yaml")
            exp = [h for h, _ in _expected_points(yaml.safe_load(gold.read_text(encoding="utf-8")) or {})]
            text = decode(txt.read_bytes(), source=txt.name)
            seen: list = []
            base = _outline(text, txt.name, None, seen)
            if base is None:
                continue
            cands = [base, *filter(None, (_outline(text, txt.name, key) for key in seen))]
            for c in cands:
                heads = [h for s in c["secs"] for h in s["heads"]]
                c["matched"] = len(match_points([norm(x) for x in exp], [norm(x) for x in heads]))
                c["predicted"], c["expected"] = len(heads), len(exp)
            docs.append({"part": part, "doc": txt.name, "length": len(text), "cands": cands})
    return docs


def offered(part: str) -> tuple[int, int, int, int, float]:
    """The readings `trainer.parse.alternatives` offers the learner, and the best a learner could pick:
    (matched, predicted, expected) totals of the best outline per document, documents, mean offered."""
    from trainer.parse import alternatives, decode, parse_document

    m = p = e = docs = shown = 0
    for txt in sorted(PARTS.get(part, Path(part)).glob("*.txt")):
        gold = txt.with_name(txt.name.removesuffix(".txt") + ".expected.yaml")
        exp = [norm(h) for h, _ in _expected_points(yaml.safe_load(gold.read_text(encoding="utf-8")) or {})]
        text = decode(txt.read_bytes(), source=txt.name)
        try:
            decks = [parse_document(text, source=txt.name), *(a.deck for a in alternatives(text, source=txt.name))]
        except TrainerError:
            continue
        scored = []
        for deck in decks:
            heads = [norm(pt.head) for _, _, pt in deck.points()]
            hit = len(match_points(exp, heads))
            scored.append((2 * hit / (len(heads) + len(exp)) if heads or exp else 1.0, hit, len(heads)))
        _, hit, made = max(scored, key=lambda x: x[0])
        m, p, e, docs, shown = m + hit, p + made, e + len(exp), docs + 1, shown + len(decks) - 1
    return m, p, e, docs, shown / docs if docs else 0.0


def f1(c: dict[str, Any]) -> float:
    n = c["predicted"] + c["expected"]
    return 2 * c["matched"] / n if n else 1.0


def shape(c: dict[str, Any], length: int) -> dict[str, float]:
    secs = c["secs"]
    heads = [h for s in secs for h in s["heads"]]
    n, k = max(1, len(heads)), max(1, len(secs))
    lens = [len(h) for h in heads] or [0]
    parallel = [s["heads"] for s in secs if len(s["heads"]) > 1]
    agrees = sum(
        1 for s in secs for h in s["heads"] if head_kind(h) is not SectionKind.OTHER and str(head_kind(h)) == s["kind"]
    )
    kept = sum(len(h) + len(b) for s in secs for h, b in zip(s["heads"], s["bodies"], strict=True))
    return {
        "points": math.log1p(len(heads)),
        "sections": math.log1p(len(secs)),
        "one-point sections": sum(len(s["heads"]) == 1 for s in secs) / k,
        "big sections": sum(len(s["heads"]) >= 8 for s in secs) / k,
        "mean length": min(40, sum(lens) / len(lens)) / 40,
        "short heads": sum(x <= 4 for x in lens) / n,
        "long heads": sum(x >= 25 for x in lens) / n,
        "punctuated heads": sum(bool(_PUNCT.search(h)) for h in heads) / n,
        "parallel": sum((len({h[:1] for h in hs}) == 1) + (len({h[-1:] for h in hs}) == 1) for hs in parallel)
        / max(1, len(parallel)),
        "other sections": sum(s["kind"] == "other" for s in secs) / k,
        "head kind agrees": agrees / n,
        "text kept": min(1.5, kept / max(1, length)),
        "body per head": math.log1p(sum(len(b) for s in secs for b in s["bodies"]) / n),
        "empty bodies": sum(not b.strip() for s in secs for b in s["bodies"]) / n,
        "mean confidence": sum(c["conf"]) / len(c["conf"]) if c["conf"] else 0.0,
        "least confidence": min(c["conf"]) if c["conf"] else 0.0,
        "prose": float(any("no list found" in w for w in c["why"])),
        "complete": sum("complete succession" in w for w in c["why"]) / max(1, len(c["why"])),
        "headed": sum(w.startswith("heading") for w in c["why"]) / max(1, len(c["why"])),
    }


def pair(base: dict[str, Any], cand: dict[str, Any], length: int) -> dict[str, float]:
    """A reading against the rules' one: the change in each shape, and a few of the rules' own."""
    a, b = shape(base, length), shape(cand, length)
    out = {"bias": 1.0, "more points": float(cand["predicted"] > base["predicted"])}
    out.update({f"change in {k}": b[k] - a[k] for k in a})
    out.update({f"rules' {k}": a[k] for k in ("points", "mean length", "parallel", "text kept", "complete")})
    return out


def train(rows: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    """The judge: `benchmarks.sectionmodel`'s logistic regression, every reading weighing the same."""
    return sectionmodel.train([(x, y, 1.0) for x, y in rows], epochs=50)


def _total(docs: list[dict[str, Any]], pick: Any) -> float:
    m = p = e = 0
    for d in docs:
        c = pick(d)
        m, p, e = m + c["matched"], p + c["predicted"], e + c["expected"]
    return 2 * m / (p + e) if p + e else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.flipchoice", description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="*", default=[p for p in PARTS if p != "corpus"], help="parts to score part-out")
    ap.add_argument("--least", type=float, nargs="*", default=[0.5, 0.7, 0.9], help="how sure the judge must be")
    args = ap.parse_args(argv)
    docs = collect([*args.parts, "corpus"])
    pairs = [
        (d, c, pair(d["cands"][0], c, d["length"]), float(f1(c) > f1(d["cands"][0]) + GAIN))
        for d in docs
        for c in d["cands"][1:]
    ]
    print(
        f"  {len(docs)} documents, {len(pairs)} other readings, {sum(y for *_, y in pairs):.0f} better by > {GAIN} F1"
    )
    judges = {part: train([(x, y) for d, _, x, y in pairs if d["part"] != part]) for part in args.parts}
    print(
        f"  {'part':<8}{'rules':>7}{'oracle':>8}{'offered':>9}{'per doc':>9}"
        + "".join(f"{'P>=' + str(t):>9}" for t in args.least)
    )
    for part in args.parts:
        mine = [d for d in docs if d["part"] == part]

        def judged(d: dict[str, Any], least: float, w: dict[str, float] = judges[part]) -> dict[str, Any]:
            scored = [(sectionmodel.p_right(w, x), c) for dd, c, x, _ in pairs if dd is d]
            best = max(scored, key=lambda s: s[0], default=(0.0, d["cands"][0]))
            return best[1] if best[0] >= least else d["cands"][0]

        cells = "".join(f"{_total(mine, lambda d, t=t: judged(d, t)):9.3f}" for t in args.least)
        rules, oracle = _total(mine, lambda d: d["cands"][0]), _total(mine, lambda d: max(d["cands"], key=f1))
        m, p, e, _, per_doc = offered(part)
        print(f"  {part:<8}{rules:7.3f}{oracle:8.3f}{2 * m / (p + e) if p + e else 1.0:9.3f}{per_doc:9.2f}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
