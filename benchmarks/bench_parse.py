"""Parse throughput: ~1 MB of generated 申论 text (perturbed seed documents), reported in MB/s.

Run: `python benchmarks/bench_parse.py [--mb 1.0] [--repeat 3]`. Exits 1 below 1 MB/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.parse import decode, parse_document  # noqa: E402
from trainer.parse.noise import is_footer  # noqa: E402
from trainer.parse.normalize import split_lines  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
NOISE = [
    "老哥学习网 - www.lg9.cn 2024年05月10日 09:29 星期五",
    "当前位置 首页 >公文范文 > 公文大全 >",
    "发布时间:2023-06-15 20:05:09 浏览数:",
]
STYLE_SWAPS = [("1. ", "1、"), ("2. ", "2．"), ("，", ","), ("（一）", "(一)"), ("一是", "一是")]


def _body(text: str) -> str:
    """A seed without its site footer, so that concatenated seeds are all parsed."""
    lines = text.splitlines()
    for i, line in enumerate(split_lines(text)):
        if i > 5 and is_footer(line):
            return "\n".join(lines[:i])
    return text


def perturb(text: str, rng: random.Random, n: int) -> str:
    """One variant of a seed: numbering/punctuation swapped, noise inserted, line endings changed."""
    for old, new in STYLE_SWAPS:
        if rng.random() < 0.5:
            text = text.replace(old, new)
    lines = text.splitlines()
    for _ in range(rng.randint(0, 3)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(NOISE))
    text = "\n".join(lines).replace("营商环境", f"营商环境{n}", 1)
    return text.replace("\n", "\r\n") if rng.random() < 0.3 else text


def documents(megabytes: float, seed: int = 7) -> list[str]:
    """Perturbed seed documents totalling about `megabytes` of UTF-8."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        doc = perturb(rng.choice(seeds), rng, len(docs))
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def one_document(docs: list[str]) -> str:
    """All documents as one: each seed a `##` topic block of a single large deck."""
    parts = ["# 申论素材合集"]
    for i, doc in enumerate(docs):
        parts.append(f"## 材料{i}\n{_body(doc)}")
    return "\n\n".join(parts)


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    docs = documents(args.mb)
    blobs = [d.encode("utf-8") for d in docs]
    total = sum(len(b) for b in blobs) / 1_000_000
    points = sum(len(parse_document(d, source=f"doc{i}").points()) for i, d in enumerate(docs))
    many = _best(lambda: [parse_document(d, source=f"doc{i}") for i, d in enumerate(docs)], args.repeat)
    with_decode = _best(lambda: [parse_document(decode(b), source=f"doc{i}") for i, b in enumerate(blobs)], args.repeat)
    big = one_document(docs)
    big_mb = len(big.encode("utf-8")) / 1_000_000
    big_points = len(parse_document(big, source="big").points())
    single = _best(lambda: parse_document(big, source="big"), args.repeat)

    print(f"{len(docs)} documents, {total:.2f} MB, {points} points")
    print(f"  parse_document per document : {total / many:6.2f} MB/s ({many:.3f} s)")
    print(f"  decode + parse per document : {total / with_decode:6.2f} MB/s ({with_decode:.3f} s)")
    print(f"one document, {big_mb:.2f} MB, {big_points} points")
    print(f"  parse_document              : {big_mb / single:6.2f} MB/s ({single:.3f} s)")
    slowest = min(total / many, total / with_decode, big_mb / single)
    return 0 if slowest >= 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
