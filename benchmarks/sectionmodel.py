"""`python -m benchmarks.sectionmodel`: could a learned model tell the learner which sections to check?

`trainer build` gives each section a confidence from a fixed table (`trainer/parse/confidence.py`: how
the section was found times how complete its numbering is) and lists those under LOW in its warnings.
This benchmark runs the builder on every annotated document, labels each section it made from the
annotation (right: at least half its heads match the gold, and at least half of those with the gold's
kind), and compares the fixed confidence with a logistic model of the section's shape (how it was found,
its succession, kind, heading, number of points, head lengths and punctuation, bodies, parallel
openings), trained leave-one-part-out: on the other parts and tests/corpus, scored on the part left out.

Printed per part: wrong sections, the ranking quality (AUC: the chance a right section is rated above a
wrong one) of the fixed table and of the model; then, over all parts, how many wrong sections (and their
points) fall among the least sure 20/30/40 % by each; then each part's F1 when the sections the model is
least sure of are dropped. Session 12's result is in README.md (the model was not landed).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from benchmarks.outline import PARTS, _expected_points, match_points, norm
from trainer.core.model import SectionKind
from trainer.errors import TrainerError
from trainer.parse.vocab import head_kind, heading_kind

_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9０-９]")


def collect(parts: list[str]) -> list[dict[str, Any]]:
    """One row per section the builder made: its draft, its fixed confidence and its label counts."""
    import trainer.parse as tp
    from trainer.parse import decode

    drafts: list[Any] = []
    note_for = tp.note_for

    def spy(topic: str, section: Any) -> Any:
        drafts.append(section)
        return note_for(topic, section)

    tp.note_for = spy  # type: ignore[assignment]
    rows: list[dict[str, Any]] = []
    try:
        for part in parts:
            for txt in sorted(PARTS.get(part, Path(part)).glob("*.txt")):
                gold = txt.with_name(txt.name.removesuffix(".txt") + ".expected.yaml")
                if not gold.exists():
                    continue
                exp = _expected_points(yaml.safe_load(gold.read_text(encoding="utf-8")) or {})
                drafts.clear()
                try:
                    deck, notes = tp.parse_with_notes(decode(txt.read_bytes(), source=txt.name), source=txt.name)
                except TrainerError:
                    continue
                sections = [s for t in deck.topics for s in t.sections]
                pred = [(p.head, str(s.kind), k) for k, s in enumerate(sections) for p in s.points]
                hit: dict[int, int] = defaultdict(int)
                kind_ok: dict[int, int] = defaultdict(int)
                for i, j in match_points([norm(h) for h, _ in exp], [norm(h) for h, _, _ in pred]):
                    hit[pred[j][2]] += 1
                    kind_ok[pred[j][2]] += exp[i][1] == pred[j][1]
                for k, (s, note, d) in enumerate(zip(sections, notes, list(drafts), strict=True)):
                    rows.append(
                        {
                            "part": part, "doc": txt.name, "index": k, "sections": len(sections),
                            "kind": str(s.kind), "heading": s.heading, "how": d.how, "why": note.why,
                            "heads": [p.head for p in d.points], "bodies": [p.body for p in d.points],
                            "ordinals": [p.ordinal for p in d.points], "long": [p.long_head for p in d.points],
                            "confidence": note.confidence, "hit": hit[k], "kind_ok": kind_ok[k],
                            "expected": len(exp),
                        }
                    )  # fmt: skip
    finally:
        tp.note_for = note_for  # type: ignore[assignment]
    return rows


def right(r: dict[str, Any]) -> bool:
    n = len(r["heads"])
    return r["hit"] >= 0.5 * n and (r["hit"] == 0 or r["kind_ok"] >= 0.5 * r["hit"])


def _share(xs: list[Any], test: Any) -> float:
    return sum(1 for x in xs if test(x)) / len(xs) if xs else 0.0


def features(r: dict[str, Any]) -> dict[str, float]:
    heads, n = r["heads"], len(r["heads"])
    lens = [len(h) for h in heads]
    mean = sum(lens) / n
    named = heading_kind(r["heading"])
    return {
        "bias": 1.0, f"how:{r['how']}": 1.0, f"why:{r['why'].split(', ')[-1]}": 1.0, f"kind:{r['kind']}": 1.0,
        "heading empty": float(not r["heading"]),
        "heading names kind": float(named is not SectionKind.OTHER),
        "heading kind agrees": float(named is not SectionKind.OTHER and str(named) == r["kind"]),
        "n1": float(n == 1), "n2": float(n == 2), "n3-6": float(3 <= n <= 6), "n7+": float(n >= 7),
        "len<=4": _share(lens, lambda x: x <= 4), "len5-12": _share(lens, lambda x: 5 <= x <= 12),
        "len13-24": _share(lens, lambda x: 13 <= x <= 24), "len25+": _share(lens, lambda x: x >= 25),
        "spread": min(2.0, (sum((x - mean) ** 2 for x in lens) / n) ** 0.5 / mean if mean else 0.0),
        "comma": _share(heads, lambda h: "，" in h or "," in h), "stop": _share(heads, lambda h: "。" in h),
        "latin": _share(heads, lambda h: bool(_LATIN.search(h))),
        "digit": _share(heads, lambda h: bool(_DIGIT.search(h))),
        "bar": _share(heads, lambda h: any(c in h for c in "|｜·>")),
        "question": _share(heads, lambda h: "？" in h or "?" in h),
        "quote": _share(heads, lambda h: "“" in h or '"' in h),
        "empty body": _share(r["bodies"], lambda b: not b.strip()),
        "short body": _share(r["bodies"], lambda b: 0 < len(b) < 20),
        "long body": _share(r["bodies"], lambda b: len(b) >= 120),
        "long head": _share(r["long"], bool),
        "head kind agrees": _share(heads, lambda h: head_kind(h) is not SectionKind.OTHER and str(head_kind(h)) == r["kind"]),
        "head kind other": _share(heads, lambda h: head_kind(h) is not SectionKind.OTHER and str(head_kind(h)) != r["kind"]),
        "same first": float(n > 1 and len({h[:1] for h in heads}) == 1),
        "same last": float(n > 1 and len({h[-1:] for h in heads}) == 1),
        "same length": float(n > 1 and len(set(lens)) == 1),
        "first section": float(r["index"] == 0), "one section": float(r["sections"] == 1),
        "5+ sections": float(r["sections"] >= 5), "numbered": _share(r["ordinals"], bool),
    }  # fmt: skip


def train(data: list[tuple[dict[str, float], float, float]], l2: float = 0.01, epochs: int = 60) -> dict[str, float]:
    """Logistic regression by AdaGrad over (features, label, weight), in a fixed shuffled order."""
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    order, rng = list(range(len(data))), random.Random(7)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            x, y, weight = data[k]
            p = p_right(w, x)
            for f, v in x.items():
                g = weight * (p - y) * v + l2 * w[f]
                g2[f] += g * g
                w[f] -= 0.3 * g / math.sqrt(g2[f])
    return dict(w)


def p_right(w: dict[str, float], x: dict[str, float]) -> float:
    z = sum(w.get(f, 0.0) * v for f, v in x.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def auc(scores: list[float], labels: list[bool]) -> float:
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    return sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg) / len(pos) / len(neg)


def part_out(rows: list[dict[str, Any]], parts: list[str]) -> dict[str, list[tuple[dict[str, Any], float]]]:
    """Per part: each of its sections with the model's P(right), trained without the part."""
    data = [(features(r), float(right(r)), 0.3 if r["part"] == "corpus" else 1.0) for r in rows]
    out = {}
    for part in parts:
        w = train([d for d, r in zip(data, rows, strict=True) if r["part"] != part])
        out[part] = [(r, p_right(w, d[0])) for d, r in zip(data, rows, strict=True) if r["part"] == part]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.sectionmodel", description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="*", default=[p for p in PARTS if p != "corpus"], help="parts to score part-out")
    args = ap.parse_args(argv)
    rows = collect([*args.parts, "corpus"])
    scored = part_out(rows, args.parts)
    print(f"  {'part':<8}{'sections':>9}{'wrong':>7}{'AUC table':>11}{'AUC model':>11}")
    for part, got in scored.items():
        labels = [right(r) for r, _ in got]
        print(
            f"  {part:<8}{len(got):>9}{labels.count(False):>7}"
            f"{auc([r['confidence'] for r, _ in got], labels):>11.2f}{auc([p for _, p in got], labels):>11.2f}"
        )
    for share in (0.2, 0.3, 0.4):
        found = {"table": [0, 0], "model": [0, 0]}
        wrong = [0, 0]
        for got in scored.values():
            k, tie = round(share * len(got)), random.Random(1)
            orders = {
                "table": sorted(range(len(got)), key=lambda i, g=got, t=tie: (g[i][0]["confidence"], t.random())),
                "model": sorted(range(len(got)), key=lambda i, g=got: g[i][1]),
            }
            for name, order in orders.items():
                for i in order[:k]:
                    if not right(got[i][0]):
                        found[name][0] += 1
                        found[name][1] += len(got[i][0]["heads"])
            wrong[0] += sum(not right(r) for r, _ in got)
            wrong[1] += sum(len(r["heads"]) for r, _ in got if not right(r))
        print(
            f"  least sure {share:.0%}: wrong sections found: table {found['table'][0]}/{wrong[0]}, model "
            f"{found['model'][0]}/{wrong[0]}; their points: table {found['table'][1]}/{wrong[1]}, model {found['model'][1]}/{wrong[1]}"
        )
    for least in (0.3, 0.5):
        cells = []
        for part, got in scored.items():
            kept = [r for r, p in got if p >= least]
            expected = sum({r["doc"]: r["expected"] for r, _ in got}.values())
            hits, made = sum(r["hit"] for r in kept), sum(len(r["heads"]) for r in kept)
            cells.append(f"{part} {2 * hits / (made + expected) if made + expected else 0:.3f}")
        print(f"  F1 with sections under P {least} dropped: " + ", ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
