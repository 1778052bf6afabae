"""The bundled decks are exactly what `trainer build` makes of the seed documents, and they load."""

from __future__ import annotations

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


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_rebuilding_a_seed_gives_the_committed_deck_byte_for_byte(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{seed.stem}.yaml"
    # Built into a fresh file (no ids carried over); only the deck's name is given, as a bundled
    # deck may be named by hand (seed 004 has no title of its own).
    name = decks.load(ROOT / "decks" / f"{seed.stem}.yaml").name
    assert main(["build", str(seed), "-o", str(out), "--name", name]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "decks" / f"{seed.stem}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_bundled_deck_loads_and_gives_cards(seed: Path) -> None:
    deck = decks.load(ROOT / "decks" / f"{seed.stem}.yaml")
    points = deck.points()
    assert points
    cards = cards_for_deck(deck)
    assert len(cards) >= len(points)
    assert len({c.key for c in cards}) == len(cards)
