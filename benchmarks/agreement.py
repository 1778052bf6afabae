"""`python -m benchmarks.agreement [PART ...]`: how far two careful readers agree on the same pages.

Some documents of `tests/realdocs/` were annotated twice, blind and independently: `NAME.expected.yaml`
(the gold, adjudicated against the second reading by the GUIDE) and `NAME.second.yaml` (the second
reader's own, kept as written). This scores the second reading against the first exactly as
`benchmarks.outline` scores the builder (the same head matching, micro-averaged over points), so the
figure is the ceiling a builder can be measured against on that part: a builder at the second
reader's F1 reads the pages as well as a person does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.outline import PARTS, _expected_points, match_points, norm


def agreement(first: dict[str, Any], second: dict[str, Any]) -> dict[str, int]:
    """Counts for one document: points of each reading, points they share, shared points of one kind,
    and whether the titles agree (1/0; -1 when neither reading names a title)."""
    a, b = _expected_points(first), _expected_points(second)
    pairs = match_points([norm(h) for h, _ in a], [norm(h) for h, _ in b])
    titles = [norm(str(x.get("title") or "")) for x in (first, second)]
    return {
        "first": len(a),
        "second": len(b),
        "shared": len(pairs),
        "same_kind": sum(a[i][1] == b[j][1] for i, j in pairs),
        "title": -1 if not any(titles) else int(titles[0] == titles[1]),
    }


def part_agreement(folder: Path) -> tuple[list[tuple[str, dict[str, int]]], dict[str, Any]]:
    """Every doubly annotated document of one folder, and the part's totals."""
    rows = []
    for second in sorted(folder.glob("*.second.yaml")):
        name = second.name.removesuffix(".second.yaml")
        first = second.with_name(f"{name}.expected.yaml")
        if first.exists():
            load = lambda p: yaml.safe_load(p.read_text(encoding="utf-8")) or {}  # noqa: E731
            rows.append((name, agreement(load(first), load(second))))
    n = {k: sum(r[k] for _, r in rows) for k in ("first", "second", "shared", "same_kind")}
    p = n["shared"] / n["second"] if n["second"] else 0.0
    r = n["shared"] / n["first"] if n["first"] else 0.0
    titled = [x["title"] for _, x in rows if x["title"] >= 0]
    return rows, {
        "documents": len(rows),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "kind_agreement": round(n["same_kind"] / n["shared"], 4) if n["shared"] else 0.0,
        "titles_same": f"{sum(titled)}/{len(titled)}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.agreement", description=__doc__.splitlines()[0])
    ap.add_argument("parts", nargs="*", default=list(PARTS), help="parts (as for benchmarks.outline) or folders")
    args = ap.parse_args(argv)
    for part in args.parts:
        folder = PARTS.get(part, Path(part))
        rows, total = part_agreement(folder) if folder.is_dir() else ([], {})
        if not rows:
            continue
        print(f"\n{part}: second reading scored against the first")
        for name, x in rows:
            f1 = 2 * x["shared"] / (x["first"] + x["second"]) if x["first"] + x["second"] else 1.0
            print(
                f"  {name[:40]:<40} {x['first']:>4} {x['second']:>4} {x['shared']:>4}  {f1:5.2f}  {x['same_kind']}/{x['shared']}"
            )
        print(
            f"  TOTAL {part}: f1 {total['f1']:.3f} (precision {total['precision']:.3f}, recall {total['recall']:.3f}), "
            f"kind agreement {total['kind_agreement']:.3f}, titles {total['titles_same']}, documents {total['documents']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
