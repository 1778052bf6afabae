"""Inputs at the size limits: no command takes longer than 1 s per MB (10 s at least) or more than 500 MB of
memory, measured on the real command in its own process (os.wait4 gives that process's peak RSS)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT, make_apkg, seed_deck
from trainer.deckfile import decks

pytestmark = pytest.mark.slow
MAX_RSS_MB = 500


def _measure(args: list[str | Path], home: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, stderr) of `trainer ARGS`; its output goes to files, not pipes
    (a pipe nobody reads while waiting would stop a command that prints more than the pipe holds)."""
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
    env["TRAINER_HOME"] = str(home)
    command = [sys.executable, "-c", "import sys; from trainer.cli import main; sys.exit(main())", *map(str, args)]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(command, stdout=out, stderr=errors, env=env, cwd=ROOT, text=True)
        start = time.monotonic()
        _pid, status, usage = os.wait4(proc.pid, 0)
        took = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    return proc.returncode, took, usage.ru_maxrss / 1024, err


def _budget(path: Path) -> float:
    return max(10.0, path.stat().st_size / 1e6)


def _check(args: list[str | Path], home: Path, size_of: Path, *, ok: bool = True) -> None:
    code, took, rss, err = _measure(args, home)
    assert "Traceback" not in err, err
    assert (code == 0) == ok, err
    assert took <= _budget(size_of), f"{args[0]} took {took:.1f} s for {size_of.stat().st_size / 1e6:.1f} MB"
    assert rss <= MAX_RSS_MB, f"{args[0]} used {rss:.0f} MB"


def test_a_deck_file_just_under_the_limit_syncs_in_time_and_memory(home: Path, tmp_path: Path) -> None:
    heads = tuple(f"要点{i:06d}" for i in range(14_000))
    path = tmp_path / "big.yaml"
    decks.save(seed_deck("大卡组", heads), path)
    assert path.stat().st_size < decks.MAX_DECK_BYTES
    _check(["sync", path], home, path)


def test_a_document_just_under_the_limit_builds_in_time_and_memory(home: Path, tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    part = "".join(f"{i}. 要点{i}。说明{i}，便民服务中心人员紧缺，“一网通办”。\n" for i in range(1, 60))
    topics = "".join(f"主题{k}\n一、存在的问题\n{part}二、对策\n{part}" for k in range(3000))
    doc.write_text(topics[: 1_950_000 // 3], encoding="utf-8")
    assert doc.stat().st_size < 2_000_000
    code, took, rss, err = _measure(["build", doc, "-o", tmp_path / "deck.yaml"], home)
    assert code == 0 and "Traceback" not in err, err[-2000:]
    assert took <= _budget(doc) and rss <= MAX_RSS_MB, (took, rss)


def test_a_csv_just_under_the_limit_imports_in_time_and_memory(home: Path, tmp_path: Path) -> None:
    csv = tmp_path / "rows.csv"
    rows = "".join(f"要点{i:06d},说明{i}，{'很长' * 20}\n" for i in range(60_000))
    csv.write_text("head,body\n" + rows, encoding="utf-8")
    assert csv.stat().st_size < 10_000_000
    _check(["import", csv, "-o", tmp_path / "d.yaml"], home, csv)


def test_a_large_package_imports_in_time_and_memory(home: Path, tmp_path: Path) -> None:
    notes = [("大卡组", [f"要点{i:06d}", "说明" * 30]) for i in range(30_000)]
    pkg = make_apkg(tmp_path / "big.apkg", notes)
    _check(["import", pkg, "-o", tmp_path / "d.yaml"], home, pkg)
