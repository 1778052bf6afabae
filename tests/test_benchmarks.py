"""The benchmark suite's generator and code paths on a tiny deck, so `python -m benchmarks` does not rot.

Speed is not asserted here (it is measured by `python -m benchmarks`); this checks that each
measurement runs and reports well-formed figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import __main__ as suite
from benchmarks import ours
from benchmarks.populate import plans
from benchmarks.synth import BODY_CHARS, HEAD_CHARS, make_deck, make_document
from trainer.core.cards import cards_for_deck


def test_synthetic_deck_has_the_asked_points_with_realistic_text() -> None:
    deck = make_deck(200)
    points = [p for _, _, p in deck.points()]
    assert len(points) == 200
    assert len({p.id for p in points}) == 200
    assert all(2 <= len(p.head) <= HEAD_CHARS[1] for p in points)
    assert all(BODY_CHARS[0] <= len(p.body) <= BODY_CHARS[1] for p in points)
    assert make_deck(200) == deck, "the generator is seeded"
    assert len(make_document(5_000).encode("utf-8")) >= 5_000


def test_plans_mix_new_learning_and_review_with_history() -> None:
    drawn = plans(2_000)
    queues = {p.queue.name for p in drawn}
    assert queues == {"NEW", "LEARNING", "REVIEW"}
    assert all(p.history for p in drawn if p.queue.name != "NEW")
    assert any(p.due_offset <= 0 for p in drawn if p.queue.name == "REVIEW")


def test_built_database_holds_the_deck_states_and_history(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    counts = ours.build_db(db, 200)
    assert counts["cards"] == len(cards_for_deck(make_deck(200)))
    assert counts["new"] + counts["learning"] + counts["review"] == counts["cards"]
    assert counts["review_log"] > counts["review"]
    assert ours.bytes_per_card(db, counts["cards"])["bytes_per_card"] > 0
    queue = ours.due_queue(db, runs=2)
    assert queue["n"] == 2 and queue["queue_length"] > 0
    answered = ours.answer_next(db, tmp_path / "scratch.db", answers=5, runs=1)
    assert answered["n"] == 5 and answered["median_ms"] > 0


@pytest.mark.slow
def test_suite_runs_end_to_end_on_200_points(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    argv = ["--sizes", "200", "--answers", "3", "--runs", "1", "--queue-runs", "2", "--load-runs", "1"]
    argv += ["--cold-runs", "1", "--parse-bytes", "20000", "--no-anki", "--out", str(out)]
    assert suite.main(argv) == 0
    results = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    size = results["sizes"]["200"]
    assert size["ours_load"]["cards_added"] == size["ours_db"]["cards"]
    assert size["cold_start"]["ratio"] > 0 and size["cold_start"]["peak_rss_mb"] > 0
    assert "skipped" in results["parsing"] or results["parsing"]["mb_per_s"] > 0
    table = capsys.readouterr().out
    assert "answer → next card" in table and "first card painted" in table


@pytest.mark.slow
def test_anki_side_runs_on_200_points(tmp_path: Path) -> None:
    from benchmarks import anki_side

    assert anki_side.available() is None
    col = tmp_path / "bench.anki2"
    built = anki_side.build(col, 200)
    assert built["cards"] == 200 and built["review_log"] > 0
    queue = anki_side.due_queue(col, runs=1)
    assert queue["n"] == 1 and queue["queue_length"] > 0
    answered = anki_side.answer_next(col, tmp_path / "scratch.anki2", answers=3, runs=1)
    assert answered["n"] == 3
    assert anki_side.add_notes(tmp_path / "load.anki2", 200, runs=1)["n"] == 1


def test_only_measures_the_figures_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, work = tmp_path / "results", tmp_path / "work"
    argv = ["--sizes", "200", "--answers", "3", "--runs", "1", "--no-anki", "--out", str(out), "--workdir", str(work)]
    assert suite.main([*argv, "--only", "answer"]) == 0
    size = json.loads((out / "latest.json").read_text(encoding="utf-8"))["sizes"]["200"]
    assert size["ours_answer_next"]["n"] == 3 and size["ours_answer_next"]["cpu"]["n"] == 3
    assert not {"ours_load", "cold_start", "ours_due_queue", "ours_bytes"} & set(size)
    table = capsys.readouterr().out
    assert "answer → next card" in table and "CPU time" in table and "first card painted" not in table
    assert suite.main([*argv, "--only", "queue", "--reuse-db", "--queue-runs", "2"]) == 0
    said = capsys.readouterr().err
    assert "reusing" in said and "building" not in said  # the database of the first run, not a new one
    size = json.loads((out / "latest.json").read_text(encoding="utf-8"))["sizes"]["200"]
    assert size["ours_due_queue"]["n"] == 2 and size["ours_db"]["reused"]
    with pytest.raises(SystemExit):
        suite.main(["--only", "answer,speed"])
