"""The learning simulation with the bundled card kinds: trainer's own cards, list answers through the session rules."""

from __future__ import annotations

from benchmarks import learning
from trainer.core import session as rules
from trainer.core.cards import CardKind
from trainer.sched.lists import known


def test_bundled_deck_gives_every_kind_the_bundled_decks_have():
    deck = learning.DeckCards.of(learning.bundled_deck(26))  # 2 topics of 3 sections of 4, then a section of 2
    kinds = learning.card_counts(deck)
    assert kinds["head"] == 26 and kinds["list"] == 7
    assert kinds["overlap"] == 26 - 7  # every point but a section's first
    assert kinds["pair"] == 8  # each topic's 4 problems pair with its 4 countermeasures
    assert 0 < kinds["slogan"] < 26
    for cid, heads in deck.heads.items():
        card = deck.cards[cid]
        assert card.kind is CardKind.LIST
        assert [deck.cards[h].kind for h in heads] == [CardKind.HEAD] * len(card.point_ids)
        assert [deck.cards[h].point_ids[0] for h in heads] == list(card.point_ids)


def test_list_cards_are_answered_point_by_point_through_the_session_rules(monkeypatch):
    """A list showing grades each point's head card with the learner's answer of it, the list with the
    lowest grade (`trainer.sched.lists.list_grade`), and only once every point is known."""
    deck = learning.DeckCards.of(learning.bundled_deck(24))
    shown: list[tuple[int, tuple[int, ...], int]] = []
    real = rules.grade_list

    def spy(card_id, state, points, grades, **kwargs):
        assert all(known(st) for _, st in points), "a list card entered before its points were known"
        own, graded = real(card_id, state, points, grades, **kwargs)
        shown.append((card_id, tuple(g.card_id for g in graded), own.quality))
        assert own.quality == min(grades)
        assert [g.quality for g in graded] == list(grades)
        return own, graded

    monkeypatch.setattr(rules, "grade_list", spy)
    setup = learning.Setup(points=24, days=30, budget_minutes=10, exam_day=30)
    learner, log = learning.run_bundled(setup, 2, deck)
    assert len({cid for cid, _, _ in shown}) == len(deck.heads)  # every list card of the deck was shown
    for cid, heads, _ in shown:
        assert heads == deck.heads[cid]
    assert any(q < 4 for _, _, q in shown)  # some list came back the same day (a point below 4)
    assert log.past_exam == 0 and log.over == 0
    figures = learning.exam_figures(learner, log, 24, learning.START + 30)
    again = learning.exam_figures(*learning.run_bundled(setup, 2, deck), 24, learning.START + 30)
    assert again == figures


def test_a_list_showing_takes_its_points_later_showing_seconds(monkeypatch):
    """The day's time counts a list card as the sum of its points' answers."""
    deck = learning.DeckCards.of(learning.bundled_deck(8))
    seconds: list[float] = []
    real = learning.Learner.answer

    def timed(self, point, day):
        rating, s = real(self, point, day)
        seconds.append(s)
        return rating, s

    monkeypatch.setattr(learning.Learner, "answer", timed)
    setup = learning.Setup(points=8, days=20, budget_minutes=30, exam_day=20)
    _learner, log = learning.run_bundled(setup, 0, deck)
    assert abs(sum(log.seconds) - sum(seconds)) < 1e-6
    assert len(seconds) > sum(1 for _ in deck.cards)  # list showings answer several points each


def test_quick_benchmark_reports_the_bundled_variant(tmp_path):
    lines: list[str] = []
    results = learning.main(["--quick", "--output", str(tmp_path / "out.json")], out=lines.append)
    bundled = results["exam_bundled"]
    for key in ("share_ge_095", "mean_recall", "p5_recall", "days_over_budget", "past_exam", "never_seen"):
        assert key in bundled
    assert bundled["cards"]["list"] > 0 and "bundled kinds" in lines[0]
    assert bundled["minutes_total"] > results["exam"]["minutes_total"]  # more cards per point, more minutes
