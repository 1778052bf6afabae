"""Managing decks: `trainer deck list | rename | remove`, a deleted deck file noticed at sync, two files
with one deck name reported at once; checked on the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer import paths
from trainer.cli import main
from trainer.deckfile import decks
from trainer.services.database import open_default_store
from trainer.store import queries
from trainer.store.models import CardRow, CardStateRow, DeckRow, Queue, ReviewLogRow


def _deck_file(name: str = "测试卡组", file: str = "mine.yaml") -> Path:
    path = paths.user_decks_dir() / file
    path.parent.mkdir(parents=True, exist_ok=True)
    decks.save(make_deck(name), path)
    return path


def _answer_one(name: str) -> int:
    engine = open_default_store()
    with Session(engine) as s, s.begin():
        card_id = s.scalars(
            select(CardRow.id)
            .join(DeckRow, DeckRow.id == CardRow.deck_id)
            .where(DeckRow.name == name)
            .order_by(CardRow.id)
        ).first()
        queries.record_answer(s, card_id, 4, now=FIXED_NOW, today=FIXED_NOW.date().toordinal())
    return card_id


def _live(name: str) -> int:
    with Session(open_default_store()) as s:
        return s.scalar(
            select(func.count())
            .select_from(CardRow)
            .join(DeckRow, DeckRow.id == CardRow.deck_id)
            .where(DeckRow.name == name, CardRow.retired.is_(False))
        )


def _log_rows() -> int:
    with Session(open_default_store()) as s:
        return s.scalar(select(func.count()).select_from(ReviewLogRow))


def test_remove_retires_the_cards_keeps_history_and_a_named_sync_brings_it_back(capsys) -> None:
    path = _deck_file()
    assert main(["sync", str(path)]) == 0
    cards = _live("测试卡组")
    card_id = _answer_one("测试卡组")
    capsys.readouterr()
    assert main(["deck", "remove", "测试卡组"]) == 0
    out = capsys.readouterr().out
    assert f"removed 测试卡组: {cards} cards retired, history kept" in out
    assert _live("测试卡组") == 0 and _log_rows() == 1
    # The default sync leaves it removed while its file is unchanged, and says so.
    assert main(["sync"]) == 0
    assert "removed deck, skipped" in capsys.readouterr().out and _live("测试卡组") == 0
    assert main(["deck", "list"]) == 0
    assert f"测试卡组\tremoved\t{path.resolve()}" in capsys.readouterr().out.splitlines()
    # Naming the file brings it back, the answered card where its answer left it.
    assert main(["sync", str(path)]) == 0
    assert _live("测试卡组") == cards
    with Session(open_default_store()) as s:
        assert s.get(CardStateRow, card_id).queue != Queue.NEW


def test_rename_keeps_every_card_and_answer_and_rewrites_the_file(capsys) -> None:
    path = _deck_file()
    assert main(["sync"]) == 0
    cards = _live("测试卡组")
    _answer_one("测试卡组")
    assert main(["deck", "rename", "测试卡组", "新名字"]) == 0
    assert decks.load(path).name == "新名字"
    assert _live("新名字") == cards and _live("测试卡组") == 0 and _log_rows() == 1
    capsys.readouterr()
    assert main(["sync"]) == 0  # the rewritten file is the renamed deck, unchanged
    assert f"{path}: unchanged" in capsys.readouterr().out
    with Session(open_default_store()) as s:
        names = set(s.scalars(select(DeckRow.name)).all())
    assert "新名字" in names and "测试卡组" not in names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deck", "rename", "没有", "新"], "no deck named '没有'"),
        (["deck", "rename", "测试卡组", "别的卡组"], "already a deck named '别的卡组'"),
        (["deck", "rename", "测试卡组", " "], "cannot be empty"),
        (["deck", "remove", "没有"], "no deck named '没有'"),
    ],
    ids=["rename-unknown", "rename-taken", "rename-empty", "remove-unknown"],
)
def test_bad_deck_commands_exit_2_and_change_nothing(args, message, capsys) -> None:
    path = _deck_file()
    _deck_file("别的卡组", "other.yaml")
    assert main(["sync"]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert path.read_bytes() == before and _live("测试卡组") > 0


def test_a_deck_file_deleted_from_the_decks_folder_is_removed_at_the_next_sync(capsys) -> None:
    path = _deck_file()
    assert main(["sync"]) == 0
    cards = _live("测试卡组")
    _answer_one("测试卡组")
    path.unlink()
    capsys.readouterr()
    assert main(["sync"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "测试卡组" in line]
    assert lines == [f"{path.resolve()}: 测试卡组: file deleted, deck removed ({cards} cards retired, history kept)"]
    assert _live("测试卡组") == 0 and _log_rows() == 1
    assert main(["sync"]) == 0  # noticed once
    assert "测试卡组" not in capsys.readouterr().out


def test_two_files_with_one_deck_name_are_reported_at_once(capsys) -> None:
    _deck_file(file="a.yaml")
    assert main(["sync"]) == 0
    second = _deck_file(file="b.yaml")  # a copy: the first file is unchanged
    capsys.readouterr()
    assert main(["sync"]) == 2
    err = capsys.readouterr().err
    assert str(second) in err and "a.yaml" in err and "测试卡组" in err


def test_renaming_a_bundled_deck_copies_it_and_the_bundled_file_stays_away(capsys) -> None:
    assert main(["sync"]) == 0
    bundled = next(p for p in paths.bundled_decks_dir().glob("*.yaml"))
    name = decks.load(bundled).name
    cards = _live(name)
    before = bundled.read_bytes()
    assert main(["deck", "rename", name, "我的范文"]) == 0
    assert bundled.read_bytes() == before
    copy = paths.user_decks_dir() / "我的范文.yaml"
    assert decks.load(copy).name == "我的范文" and _live("我的范文") == cards
    capsys.readouterr()
    assert main(["sync"]) == 0
    assert _live(name) == 0 and _live("我的范文") == cards
    assert f"{bundled}: {name}: removed deck, skipped" in capsys.readouterr().out


def test_home_leaves_a_removed_deck_out() -> None:
    from trainer.store.drill import deck_summaries
    from trainer.store.queries import runner

    _deck_file()
    assert main(["sync"]) == 0
    assert main(["deck", "remove", "测试卡组"]) == 0
    with Session(open_default_store()) as s:
        names = [d.name for d in deck_summaries(runner(s), FIXED_NOW.date().toordinal())]
    assert "测试卡组" not in names and names
