"""`trainer build` as a new learner meets it: warnings a line a point, and the next step to study the
deck said where it is not in the app by itself (and true: following it puts the deck in the database)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from rich.cells import cell_len

from trainer import paths
from trainer.cli import main
from trainer.cli.build_report import PLACE_CELLS
from trainer.deckfile import decks

LONG = "为贯彻党中央、国务院关于深化“放管服”改革的决策部署，落实《优化营商环境条例》，进一步推动知识产权领域职能转变"
DOC = f"""# 范文积累

#### 优化基层政企服务

##### 存在的问题

1. 人才队伍不完善。便民服务中心人员紧缺。
2. 权力下放不到位。服务事项授权不到位。
3. {LONG}
"""


def _doc(tmp_path: Path) -> Path:
    doc = tmp_path / "范文.txt"
    doc.write_text(DOC, encoding="utf-8")
    return doc


def _deck_names(capsys) -> str:
    capsys.readouterr()
    assert main(["deck", "list"]) == 0
    return capsys.readouterr().out


def test_a_long_heads_warnings_are_one_short_line(tmp_path: Path, capsys) -> None:
    assert main(["build", str(_doc(tmp_path)), "--dry-run"]) == 0
    err = capsys.readouterr().err
    mine = [line for line in err.splitlines() if LONG[:5] in line]
    # One line for the point, its place cut short (the head is 55 characters), both of its warnings on it.
    assert len(mine) == 1 and LONG not in mine[0]
    place = mine[0].removeprefix("warning: ").split(" (line ")[0]
    assert cell_len(place) <= PLACE_CELLS and place.endswith("…")
    assert "(line 9): head is 55 characters (over 30); point has an empty body" in mine[0]


def test_a_deck_written_outside_the_decks_folder_says_how_to_load_it_and_that_works(tmp_path: Path, capsys) -> None:
    out = tmp_path / "范文.yaml"
    assert main(["build", str(_doc(tmp_path)), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out} is not in the app yet: `trainer sync {out}` loads it" in err
    assert "范文积累" not in _deck_names(capsys)
    assert main(["sync", str(out)]) == 0  # what it said
    assert "范文积累" in _deck_names(capsys)


def test_the_decks_folder_is_made_for_a_first_deck_and_the_app_loads_it(tmp_path: Path, capsys) -> None:
    folder = paths.user_decks_dir()
    assert not folder.exists()  # a new learner's data folder has none yet
    out = folder / "范文.yaml"
    assert main(["build", str(_doc(tmp_path)), "-o", str(out)]) == 0
    assert decks.load(out).name == "范文积累"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert "the app loads it at its next start" in capsys.readouterr().err
    assert main(["sync"]) == 0  # what the app runs at its start
    assert "范文积累" in _deck_names(capsys)


def test_a_deck_printed_to_the_terminal_says_it_was_not_saved(tmp_path: Path, capsys, monkeypatch) -> None:
    doc = _doc(tmp_path)
    assert main(["build", str(doc)]) == 0  # into a pipe: the YAML alone, no advice
    piped = capsys.readouterr()
    assert piped.out.startswith("deck: 范文积累") and "not saved" not in piped.err
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["build", str(doc)]) == 0
    err = capsys.readouterr().err
    assert (
        f"the deck was printed, not saved: to study it, `trainer build {doc} -o {paths.user_decks_dir() / '范文.yaml'}`"
        in err
    )
