"""A study of the deck readers: the layout reader, the YAML subset reader and PyYAML's C loader, timed as
`trainer sync` runs them (cyclic GC paused) on synthetic deck files of 1k to 20k points; no changes made.

    $ python -m benchmarks.deck_readers [--sizes 1000 5000 10000 20000] [--runs 5]

For each size it times, in ms (median):
- `layout`: `decks.loads` of a file as `trainer build` writes it (the layout reader; the YAML subset
  reader reads only its header, and its `|` bodies and odd scalars);
- `layout_no_subset`: the same with the subset reader's three uses in the layout path done by PyYAML's
  C loader instead (what is left if `yamlsubset` goes);
- `pyyaml_layout`: the same file read by PyYAML's C loader (with line numbers) and checked as `decks` does;
- `subset_other` and `pyyaml_other`: a block-style file in another layout (each point's keys in another
  order, as a hand edit or another tool might leave them), which the layout reader leaves: the subset reader, or PyYAML's C loader.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from time import perf_counter
from typing import Any

import yaml

from benchmarks.synth import make_deck
from trainer.deckfile import decks, layout, yamlsubset

_C_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timed(fn: Callable[[], object], runs: int) -> float:
    times = []
    gc.collect()
    gc.disable()  # as `services.library.sync_files` runs the readers
    try:
        for _ in range(runs):
            t0 = perf_counter()
            fn()
            times.append((perf_counter() - t0) * 1000)
    finally:
        gc.enable()
    return round(statistics.median(times), 1)


def _pyyaml_text_value(value: str) -> str | None:
    try:
        data = yaml.load(f"k: {value}\n", Loader=_C_LOADER)
    except yaml.YAMLError:
        return None
    v = data.get("k") if isinstance(data, dict) else None
    return v if isinstance(v, str) else None


def _pyyaml_fast_load(text: str) -> Any:
    try:
        data = yaml.load(text, Loader=decks._LineLoader)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


@contextmanager
def _without_subset() -> Any:
    """The layout path with PyYAML's C loader where it uses the subset reader (its character check stays)."""
    saved = (layout.fast_load, layout.text_value, decks.fast_load)
    layout.fast_load, layout.text_value, decks.fast_load = _pyyaml_fast_load, _pyyaml_text_value, _pyyaml_fast_load
    try:
        yield
    finally:
        layout.fast_load, layout.text_value, decks.fast_load = saved


def _reordered(data: Any) -> Any:
    """The same data with each point's keys in another order (head, body, id), as a hand edit might leave them."""
    if isinstance(data, list):
        return [_reordered(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "head" in data and "id" in data:
        first = {k: data[k] for k in ("head", "body") if k in data}
        return {**first, **{k: v for k, v in data.items() if k not in first}}
    return {k: _reordered(v) for k, v in data.items()}


def measure(points: int, runs: int) -> dict[str, Any]:
    """Every reader's time on one synthetic deck file of `points` points (and a block body every 10th)."""
    deck = make_deck(points, seed=points)
    # A tenth of the bodies span two lines, as explanations pasted in sometimes do: `|` blocks.
    topics = tuple(
        replace(
            t,
            sections=tuple(
                replace(
                    s,
                    points=tuple(
                        replace(p, body=p.body + "\n" + p.body) if i % 10 == 0 else p for i, p in enumerate(s.points)
                    ),
                )
                for s in t.sections
            ),
        )
        for t in deck.topics
    )
    deck = replace(deck, topics=topics)
    text = decks.dumps(deck)
    other = yaml.dump(
        _reordered(decks.to_data(deck)),
        Dumper=decks._Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        indent=2,
    )
    assert layout.topics_at(text) is not None and decks._read_layout(text, "x") is not None
    assert decks._read_layout(other, "x") is None and yamlsubset.fast_load(other) is not None
    expected = decks.loads(text)
    with _without_subset():
        assert decks.loads(text) == expected
    assert decks._deck_from_data(decks._parse(other, "x", decks._LineLoader), "x").topics == expected.topics

    def no_subset() -> object:
        with _without_subset():
            return decks.loads(text)

    return {
        "points": points,
        "kib": len(text.encode("utf-8")) // 1024,
        "layout": _timed(lambda: decks.loads(text), runs),
        "layout_no_subset": _timed(no_subset, runs),
        "pyyaml_layout": _timed(lambda: decks._deck_from_data(decks._parse(text, "x", decks._LineLoader), "x"), runs),
        "subset_other": _timed(lambda: decks._deck_from_data(yamlsubset.fast_load(other), "x"), runs),
        "pyyaml_other": _timed(lambda: decks._deck_from_data(decks._parse(other, "x", decks._LineLoader), "x"), runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.deck_readers", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10_000, 20_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = [measure(n, args.runs) for n in args.sizes]
    keys = list(rows[0])
    print(" | ".join(keys))
    for r in rows:
        print(" | ".join(str(r[k]) for k in keys))
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
