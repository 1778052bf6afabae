"""`python -m benchmarks`: the whole suite, ours beside Anki's engine; JSON in benchmarks/results/, a table on stdout."""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import anki_side, ours
from benchmarks.timing import clock, summary

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
FLOORS = {
    "answer_next_ms": "≤ anki",
    "due_queue_ms": "≤ 10 ms",
    "cold_start_ratio": "≤ 1.6× bare",
    "load_ms": "≤ anki",
    "bytes_per_card": "≤ 300",
    "peak_rss_mb": "≤ 120 MB",
    "parse_mb_s": "≥ 1 MB/s",
}


def cold_start(db: Path, home: Path, runs: int) -> dict[str, Any]:
    """Wall time of `trainer` (headless, until the first card is painted) and of a bare Textual app."""
    env = {**os.environ, "TRAINER_HOME": str(home), "TRAINER_DB": ours.url(db)}
    # As `pip install` leaves it: trainer's modules compiled, like Textual's in site-packages (with
    # PYTHONDONTWRITEBYTECODE set, every run would otherwise compile trainer from source).
    compileall.compile_dir(ROOT / "trainer", quiet=1)
    trainer: list[float] = []
    bare: list[float] = []
    rss: list[float] = []
    on_screen: list[float] = []
    for _ in range(runs):
        for mode, samples in (("trainer", trainer), ("bare", bare)):
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks.coldstart", mode],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            samples.append((time.perf_counter() - t0) * 1000)
            if proc.returncode != 0:
                raise RuntimeError(f"cold start ({mode}) failed with exit code {proc.returncode}")
            if mode == "trainer":
                rss.append(int(proc.stdout.rsplit("peak_rss_kib=", 1)[1]) / 1024)
                at = float(proc.stdout.split("card_on_screen_at=", 1)[1].split()[0])
                on_screen.append((at - t0) * 1000)
    out: dict[str, Any] = {
        "trainer": summary(trainer),
        "bare": summary(bare),
        "card_on_screen": summary(on_screen),
        "peak_rss_mb": round(max(rss), 1),
    }
    out["ratio"] = round(out["trainer"]["median_ms"] / out["bare"]["median_ms"], 2)
    return out


# The figures `--only` can name (each size's database is built for all but `sync` and `parse`).
FIGURES = ("answer", "queue", "sync", "cold", "bytes", "parse")


def run_size(label: str, points: int, work: Path, args: argparse.Namespace, anki: bool) -> dict[str, Any]:
    """Every per-size measurement asked for (`args.only`), ours then Anki's."""
    only = set(args.only)
    res: dict[str, Any] = {"points": points}
    db = work / f"ours-{label}.db"
    if only & {"answer", "queue", "cold", "bytes"}:
        if args.reuse_db and db.exists():
            print(f"[{label}] reusing {db}", file=sys.stderr)
            res["ours_db"] = {"cards": ours.card_count(db), "reused": True}
        else:
            print(f"[{label}] building trainer database ...", file=sys.stderr)
            res["ours_db"] = ours.build_db(db, points)
    if "bytes" in only:
        res["ours_bytes"] = ours.bytes_per_card(db, res["ours_db"]["cards"])
    if "queue" in only:
        print(f"[{label}] due queue ...", file=sys.stderr)
        res["ours_due_queue"] = ours.due_queue(db, args.queue_runs)
    if "answer" in only:
        print(f"[{label}] answer → next card ...", file=sys.stderr)
        res["ours_answer_next"] = ours.answer_next(db, work / "scratch.db", args.answers, args.runs)
    if "sync" in only:
        yaml_path = work / f"decks-{label}"
        res["yaml_bytes"] = ours.write_yaml(yaml_path, points)
        print(f"[{label}] trainer sync into an empty database ...", file=sys.stderr)
        res["ours_load"] = ours.load(yaml_path, work / "load.db", args.load_runs)
    if "cold" in only:
        print(f"[{label}] cold start ...", file=sys.stderr)
        home = work / "home"
        home.mkdir(exist_ok=True)
        res["cold_start"] = cold_start(db, home, args.cold_runs)
    if anki and only & {"answer", "queue", "sync", "bytes"}:
        col = work / f"anki-{label}.anki2"
        print(f"[{label}] Anki: add_notes, due queue, answer → next card ...", file=sys.stderr)
        if only & {"answer", "queue", "bytes"}:
            res["anki_db"] = anki_side.build(col, points)
        if "bytes" in only:
            res["anki_bytes"] = {"bytes_per_card": round(res["anki_db"]["file_bytes"] / res["anki_db"]["cards"], 1)}
        if "queue" in only:
            res["anki_due_queue"] = anki_side.due_queue(col, args.queue_runs)
        if "answer" in only:
            res["anki_answer_next"] = anki_side.answer_next(col, work / "scratch.anki2", args.answers, args.runs)
        if "sync" in only:
            res["anki_load"] = anki_side.add_notes(work / "load.anki2", points, args.load_runs)
    return res


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def rows(results: dict[str, Any]) -> list[tuple[str, ...]]:
    """The table: figure, size, ours (median / p95), Anki's, ratio, floor."""
    out: list[tuple[str, ...]] = []
    for label, r in results["sizes"].items():

        def med(key: str, r: dict[str, Any] = r) -> float | None:
            return r.get(key, {}).get("median_ms")

        def p95(key: str, r: dict[str, Any] = r) -> str:
            v = r.get(key, {}).get("p95_ms")
            return f" / {v:.2f}" if v is not None else ""

        for name, key, akey, floor in (
            ("answer → next card (ms)", "ours_answer_next", "anki_answer_next", "answer_next_ms"),
            ("due-queue build (ms)", "ours_due_queue", "anki_due_queue", "due_queue_ms"),
            ("load into empty db (ms)", "ours_load", "anki_load", "load_ms"),
        ):
            if key not in r:
                continue
            a = med(akey)
            out.append(
                (
                    name,
                    label,
                    f"{med(key):.2f}{p95(key)}",
                    f"{a:.2f}{p95(akey)}" if a is not None else "—",
                    _ratio(med(key), a),
                    FLOORS[floor],
                )
            )
            if "cpu" in r[key]:  # the answer loop's CPU time: moves far less than wall time on a busy machine
                c, ac = r[key]["cpu"], r.get(akey, {}).get("cpu")
                out.append(
                    (
                        "  of which CPU time (ms)",
                        label,
                        f"{c['median_ms']:.2f} / {c['p95_ms']:.2f}",
                        f"{ac['median_ms']:.2f} / {ac['p95_ms']:.2f}" if ac else "—",
                        _ratio(c["median_ms"], ac["median_ms"] if ac else None),
                        "",
                    )
                )
        if "cold_start" in r:
            out += _cold_rows(label, r["cold_start"])
        if "ours_bytes" in r:
            ob, ab = r["ours_bytes"]["bytes_per_card"], r.get("anki_bytes", {}).get("bytes_per_card")
            out.append(
                ("bytes per card on disk", label, f"{ob:.0f}", f"{ab:.0f}" if ab else "—", _ratio(ob, ab), "≤ 300")
            )
    p = results.get("parsing")
    if p is not None:
        out.append(
            (
                "parsing (MB/s)",
                f"{p['bytes'] / 1e6:.1f} MB",
                "skipped" if "skipped" in p else f"{p['mb_per_s']:.2f}",
                "—",
                "—",
                FLOORS["parse_mb_s"],
            )
        )
    return out


def _cold_rows(label: str, cs: dict[str, Any]) -> list[tuple[str, ...]]:
    """The cold-start rows of the table."""
    out: list[tuple[str, ...]] = []
    out.append(
        (
            "first card painted, cold (ms)",
            label,
            f"{cs['trainer']['median_ms']:.0f} / {cs['trainer']['p95_ms']:.0f}",
            f"bare {cs['bare']['median_ms']:.0f}",
            f"{cs['ratio']:.2f}× bare",
            FLOORS["cold_start_ratio"],
        )
    )
    if "card_on_screen" in cs:
        out.append(
            (
                "  of which: start → card frame (ms)",
                label,
                f"{cs['card_on_screen']['median_ms']:.0f} / {cs['card_on_screen']['p95_ms']:.0f}",
                "—",
                "—",
                "(the rest: exit)",
            )
        )
    out.append(("peak RSS of the TUI (MB)", label, f"{cs['peak_rss_mb']:.1f}", "—", "—", FLOORS["peak_rss_mb"]))
    return out


def table(results: dict[str, Any]) -> str:
    """The results as an aligned text table (median / p95)."""
    head = ("figure", "size", "trainer med / p95", "anki med / p95", "ratio", "floor")
    body = rows(results)
    widths = [max(_width(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in [head, *body]]
    if "skipped" in results.get("parsing", {}):
        lines.append(f"note: parsing {results['parsing']['skipped']}")
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def environment() -> dict[str, Any]:
    """What the figures were measured on, with the load average before the run (the noise)."""
    env: dict[str, Any] = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg(),
        "machine": platform.machine(),
    }
    try:
        from anki.buildinfo import version

        env["anki"] = version
    except ImportError:
        env["anki"] = None
    return env


def main(argv: list[str] | None = None) -> int:
    """Run the suite and print the table; results go to benchmarks/results/."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated: 1k,10k,100k or a number of points")
    parser.add_argument("--answers", type=int, default=200, help="answers timed per run")
    parser.add_argument("--runs", type=int, default=3, help="runs of the answer loop")
    parser.add_argument("--queue-runs", type=int, default=20, help="due-queue builds timed")
    parser.add_argument("--load-runs", type=int, default=3, help="loads into an empty database timed")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold starts timed (each beside a bare app)")
    parser.add_argument("--parse-bytes", type=int, default=2_000_000, help="size of the parsed document")
    parser.add_argument("--no-anki", action="store_true", help="skip Anki's side")
    parser.add_argument(
        "--only",
        type=lambda v: [f.strip() for f in v.split(",") if f.strip()],
        default=list(FIGURES),
        help=f"comma-separated figures to measure, of {','.join(FIGURES)} (default: all)",
    )
    parser.add_argument(
        "--reuse-db", action="store_true", help="with --workdir: use a size's database left there by an earlier run"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON results")
    parser.add_argument("--workdir", type=Path, help="keep databases here (default: a temporary folder)")
    args = parser.parse_args(argv)
    if unknown := sorted(set(args.only) - set(FIGURES)):
        parser.error(f"--only: unknown figure {', '.join(unknown)} (figures: {', '.join(FIGURES)})")

    why_not = None if args.no_anki else anki_side.available()
    if why_not:
        print(f"note: Anki's side skipped: {why_not}", file=sys.stderr)
    results: dict[str, Any] = {"environment": environment(), "sizes": {}}
    started = clock()
    with tempfile.TemporaryDirectory(prefix="trainer-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for label in args.sizes.split(","):
            label = label.strip()
            points = SIZES.get(label) or int(label)
            results["sizes"][label] = run_size(label, points, work, args, anki=not args.no_anki and not why_not)
        if "parse" in args.only:
            results["parsing"] = ours.parsing(args.parse_bytes, runs=3)
    results["environment"]["loadavg_after"] = os.getloadavg()
    results["environment"]["seconds"] = round(clock() - started, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for name in (f"results-{stamp}.json", "latest.json"):
        (args.out / name).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nresults: {args.out / f'results-{stamp}.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
