"""The bundled decks are exactly what `trainer build` makes of the seed documents, and they load."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.core.cards import cards_for_deck
from trainer.deckfile import decks
from trainer.paths import bundled_decks_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def test_there_is_one_bundled_deck_per_seed() -> None:
    assert len(SEEDS) == 5
    assert sorted(p.stem for p in (ROOT / "decks").glob("*.yaml")) == [s.stem for s in SEEDS]
    assert bundled_decks_dir() == ROOT / "decks"


def _ids_masked(text: str) -> str:
    """A deck file's text with its point ids blanked (in `points:` and in the `built:` record)."""
    text = re.sub(r"(?m)^(\s*- id: )'?[0-9a-f]{12}'?$", r"\1ID", text)
    return re.sub(r"(?m)^(\s*P )[0-9a-f]{12} ", r"\1ID ", text)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_rebuilding_a_seed_gives_the_committed_deck_byte_for_byte(seed: Path, tmp_path: Path) -> None:
    committed = ROOT / "decks" / f"{seed.stem}.yaml"
    name = decks.load(committed).name  # a bundled deck may be named by hand (seed 004 has no title)
    # Rebuilt onto the committed deck, as a maintainer rebuilds it: byte for byte, ids included, so a
    # learner's history on the bundled cards survives a change of the builder.
    onto = tmp_path / "onto.yaml"
    shutil.copyfile(committed, onto)
    assert main(["build", str(seed), "-o", str(onto), "--name", name]) == 0
    assert onto.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    # Built into a fresh file (no ids carried over): the same deck but for ids that a point's section
    # kind enters (a section whose kind the builder now reads otherwise keeps its old ids above).
    fresh = tmp_path / f"{seed.stem}.yaml"
    assert main(["build", str(seed), "-o", str(fresh), "--name", name]) == 0
    assert _ids_masked(fresh.read_text(encoding="utf-8")) == _ids_masked(committed.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_bundled_deck_loads_and_gives_cards(seed: Path) -> None:
    deck = decks.load(ROOT / "decks" / f"{seed.stem}.yaml")
    points = deck.points()
    assert points
    cards = cards_for_deck(deck)
    assert len(cards) >= len(points)
    assert len({c.key for c in cards}) == len(cards)
