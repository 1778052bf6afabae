"""Deck files: YAML round trip, stable ids, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_deck
from trainer.core.model import SectionKind, normalize_key, point_id
from trainer.deckfile import decks
from trainer.errors import DeckError


def test_round_trip_keeps_every_field(deck) -> None:
    assert decks.loads(decks.dumps(deck)) == deck


def test_dump_is_deterministic_and_keeps_the_contract_keys(deck) -> None:
    text = decks.dumps(deck)
    assert text == decks.dumps(make_deck())
    for key in (
        "deck:",
        "source:",
        "topics:",
        "title:",
        "sections:",
        "kind:",
        "heading:",
        "points:",
        "id:",
        "head:",
        "body:",
    ):
        assert key in text


def test_point_id_ignores_punctuation_width_and_spaces() -> None:
    a = point_id("优化营商环境", SectionKind.PROBLEMS, "人才队伍不完善。")
    b = point_id("优化营商环境", "problems", " 人才 队伍不完善 ")
    assert a == b
    assert a != point_id("优化营商环境", SectionKind.COUNTERMEASURES, "人才队伍不完善")
    assert normalize_key("“网上办、马上办”") == "网上办马上办"


def test_missing_id_is_derived_from_topic_kind_and_head() -> None:
    deck = decks.loads(
        "deck: d\ntopics:\n- title: 规范执法\n  sections:\n  - kind: problems\n    heading: 问题\n    points:\n"
        "    - head: 执法理念不够端正\n"
    )
    ((_, _, p),) = deck.points()
    assert p.id == point_id("规范执法", SectionKind.PROBLEMS, "执法理念不够端正")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("deck: [unclosed\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "mapping"),
        (
            "deck: d\ntopics:\n- title: t\n  sections:\n  - kind: problems\n    points:\n    - body: x\n",
            7,
            "needs `head`",
        ),
        ("deck: d\ntopics:\n- title: t\n  sections:\n  - kind: bogus\n    points: []\n", 5, "unknown section kind"),
        (
            "deck: d\ntopics:\n- title: t\n  sections:\n  - kind: other\n    points:\n    - {id: a, head: x}\n"
            "    - {id: a, head: y}\n",
            8,
            "duplicate point id",
        ),
        ("!!python/object/apply:os.system ['echo hi']\n", 1, "invalid YAML"),
    ],
    ids=["bad-yaml", "wrong-shape", "missing-head", "unknown-kind", "duplicate-id", "python-tag"],
)
def test_bad_decks_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(DeckError) as err:
        decks.loads(text, path="bad.yaml")
    assert err.value.path == "bad.yaml"
    assert err.value.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"bad.yaml:{line}: ")


def test_save_is_atomic_and_load_reads_back(tmp_path: Path, deck) -> None:
    target = tmp_path / "deck.yaml"
    decks.save(deck, target)
    assert decks.load(target) == deck
    assert [p.name for p in tmp_path.iterdir()] == ["deck.yaml"]


def test_load_of_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such file"):
        decks.load(tmp_path / "nope.yaml")
    with pytest.raises(DeckError, match="directory"):
        decks.load(tmp_path)
