"""Importing Anki review history: packages real Anki wrote, replayed through trainer's answer path."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import SHANGHAI
from tests.exchange_helpers import load_into_store, rich_deck
from trainer import cli
from trainer.core.cards import head_key, list_key
from trainer.core.cloze import part_key
from trainer.core.model import SectionKind, point_id, section_id
from trainer.exchange.ankihistory import MAX_ANSWER_MS
from trainer.sched.answer import LEECH_LAPSES, Policy, grade
from trainer.sched.days import study_day
from trainer.sched.sm2 import review
from trainer.sched.state import NEW_CARD, Queue, Schedule
from trainer.services.database import open_default_store
from trainer.store.convert import state_from_row
from trainer.store.models import CardRow, CardStateRow, ReviewLogRow

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
LEARN, REVIEW, RELEARN, MANUAL = 0, 1, 2, 4
TOPIC = "营商环境"


def ms(day: int, hour: int, minute: int = 0) -> int:
    """Epoch milliseconds of 2026-03-`day` hour:minute in Shanghai."""
    return int(datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI).timestamp() * 1000)


@dataclass(frozen=True)
class Entry:
    at: int
    ease: int
    kind: int = REVIEW
    taken: int = 8000


# Card A (a Cloze note's c1): learning steps on day 1 (same-day repeats), a review, a manual reschedule
# (left out), a lapse at 03:30 (before the 4:00 day start: it counts for the day before), relearning.
HISTORY_A = [
    Entry(ms(1, 9), GOOD, LEARN, 12_000),
    Entry(ms(1, 9, 10), AGAIN, LEARN),
    Entry(ms(1, 9, 20), GOOD, LEARN),
    Entry(ms(2, 10), GOOD),
    Entry(ms(5, 12), 0, MANUAL, 0),
    Entry(ms(8, 3, 30), AGAIN),
    Entry(ms(8, 8), GOOD, RELEARN, 400_000),  # left open for minutes: counted as the app caps it
]
# Card B (a Basic note): Easy, Hard, Good on three days.
HISTORY_B = [Entry(ms(1, 20), EASY, LEARN), Entry(ms(2, 20), HARD), Entry(ms(8, 20), GOOD)]
# The same Cloze note's c2: a slogan-like second cloze, which has no trainer card.
HISTORY_A2 = [Entry(ms(1, 9, 30), GOOD, LEARN)]
QUALITY = {AGAIN: 1, HARD: 3, GOOD: 4, EASY: 5}


def _add_revlog(col, card_id: int, entries: list[Entry]) -> None:
    for e in entries:
        col.db.execute(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)",
            e.at,
            card_id,
            -1,
            e.ease,
            1,
            0,
            2500,
            e.taken,
            e.kind,
        )


def _export(col, out: Path, *, legacy: bool, scheduling: bool = True) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(with_scheduling=scheduling, with_media=False, legacy=legacy),
        limit=None,
    )
    return out


def _package(tmp_path: Path, *, legacy: bool = False, scheduling: bool = True, leech: bool = False) -> Path:
    """Real Anki: a Cloze note (c1 and c2 answered), a Basic note (answered), a Cloze note never answered."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "src.anki2"))
    try:
        basic, cloze = col.models.by_name("Basic"), col.models.by_name("Cloze")
        deck = col.decks.id(f"政治::{TOPIC}")
        a = col.new_note(cloze)
        a["Text"] = "{{c1::优化营商环境}}，{{c2::激发}}市场活力"
        col.add_note(a, deck)
        b = col.new_note(basic)
        b["Front"], b["Back"] = "放管服改革", "简政放权"
        col.add_note(b, deck)
        c = col.new_note(cloze)
        c["Text"] = "{{c1::公平竞争审查}}制度"
        col.add_note(c, deck)
        cards_a = {card.ord: card.id for card in a.cards()}
        _add_revlog(col, cards_a[0], HISTORY_A)
        _add_revlog(col, cards_a[1], HISTORY_A2)
        _add_revlog(col, b.cards()[0].id, HISTORY_B)
        if leech:  # card C: learned, then forgotten the next day, LEECH_LAPSES times over
            history = []
            for k in range(LEECH_LAPSES):
                history += [Entry(ms(10 + 2 * k, 9), GOOD), Entry(ms(11 + 2 * k, 9), AGAIN)]
            _add_revlog(col, c.cards()[0].id, history)
        return _export(
            col, tmp_path / ("legacy.apkg" if legacy else "modern.apkg"), legacy=legacy, scheduling=scheduling
        )
    finally:
        col.close()


def _configure_shanghai() -> None:
    assert cli.main(["config", "set", "timezone", "Asia/Shanghai"]) == 0


def _card(session: Session, key: str) -> tuple[int, Schedule, list[ReviewLogRow]]:
    card_id = session.scalars(select(CardRow.id).where(CardRow.key == key)).one()
    state = state_from_row(session.get(CardStateRow, card_id))
    logs = list(session.scalars(select(ReviewLogRow).where(ReviewLogRow.card_id == card_id).order_by(ReviewLogRow.id)))
    return card_id, state, logs


def _schedule(row: ReviewLogRow, when: str) -> Schedule:
    return Schedule(
        queue=Queue(getattr(row, f"queue_{when}")),
        due_day=getattr(row, f"due_{when}"),
        reps=getattr(row, f"reps_{when}"),
        ease=getattr(row, f"ease_{when}"),
        interval=getattr(row, f"interval_{when}"),
        lapses=getattr(row, f"lapses_{when}"),
        leech=getattr(row, f"leech_{when}"),
        stability=getattr(row, f"stability_{when}"),
        difficulty=getattr(row, f"difficulty_{when}"),
    )


def _log_count() -> int:
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            return s.scalar(select(func.count()).select_from(ReviewLogRow)) or 0
    finally:
        engine.dispose()


def _replay_ok(capsys) -> None:
    capsys.readouterr()
    assert cli.main(["db", "replay"]) == 0
    assert "all match" in capsys.readouterr().err


def _day(at_ms: int) -> int:
    return study_day(datetime.fromtimestamp(at_ms / 1000, UTC), SHANGHAI, 4)


def _answers(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.kind != MANUAL and e.ease]


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_history_is_replayed_through_trainer_answers(tmp_path: Path, legacy: bool, capsys):
    _configure_shanghai()
    apkg = _package(tmp_path, legacy=legacy)
    capsys.readouterr()
    assert cli.main(["import", str(apkg)]) == 0
    out = capsys.readouterr().out
    assert "Anki history: 9 answers imported onto 2 cards" in out
    assert "not Anki's intervals" in out
    assert "1 Anki cards with answers have no trainer card" in out  # the c2 card
    assert "1 Anki log entries were not answers" in out  # the manual reschedule
    assert "run `trainer sync`" not in out  # already synced

    a_key = head_key(point_id(TOPIC, SectionKind.OTHER, "优化营商环境"))
    b_key = head_key(point_id(TOPIC, SectionKind.OTHER, "放管服改革"))
    c_key = head_key(point_id(TOPIC, SectionKind.OTHER, "公平竞争审查"))
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            a_id, a_state, a_logs = _card(s, a_key)
            _, b_state, b_logs = _card(s, b_key)
            _, c_state, c_logs = _card(s, c_key)
    finally:
        engine.dispose()

    # The log rows: every answer (not the manual reschedule), at its own time, day and quality.
    answers = _answers(HISTORY_A)
    assert [(r.reviewed_at, r.day, r.quality, r.repeat, r.duration_ms, r.scheduler) for r in a_logs] == [
        (
            datetime.fromtimestamp(e.at / 1000, UTC),
            _day(e.at),
            QUALITY[e.ease],
            repeat,
            min(e.taken, MAX_ANSWER_MS),
            "sm2",
        )
        for e, repeat in zip(answers, [False, True, True, False, False, False], strict=True)
    ]
    assert a_logs[-1].duration_ms == MAX_ANSWER_MS
    # The lapse at 03:30 on the 8th counts for the 7th; the relearning at 08:00 is a new day's answer.
    assert [r.day for r in a_logs[-2:]] == [datetime(2026, 3, 7).toordinal(), datetime(2026, 3, 8).toordinal()]

    # Before and after states: a chain from a new card, each step what trainer.sched gives.
    state = NEW_CARD
    for row, e in zip(a_logs, answers, strict=True):
        assert _schedule(row, "before") == state
        state = grade(state, QUALITY[e.ease], today=row.day, card_id=a_id, policy=Policy(), repeat=row.repeat).after
        assert _schedule(row, "after") == state
    assert a_state == state
    assert (a_state.reps, a_state.interval, a_state.lapses) == (1, 1, 1)
    assert a_state.due_day == datetime(2026, 3, 9).toordinal()

    # Card B, one answer a day: exactly SM-2 on the qualities 5, 3, 4.
    sm2 = None
    for q in (5, 3, 4):
        sm2 = review(sm2, q)
    assert sm2 is not None
    assert (b_state.reps, b_state.ease, b_state.interval) == (sm2.repetitions, sm2.ease, sm2.interval)
    assert b_state.due_day == datetime(2026, 3, 8).toordinal() + sm2.interval
    assert [r.quality for r in b_logs] == [5, 3, 4]

    # Card C was never answered in Anki: still new.
    assert c_state == NEW_CARD and c_logs == []
    _replay_ok(capsys)

    # Importing the same package again adds nothing.
    before = _log_count()
    assert cli.main(["import", str(apkg), "--force"]) == 0
    out = capsys.readouterr().out
    assert "Anki history: 0 answers imported onto 0 cards" in out
    assert "2 cards already had history in trainer or were not new" in out
    assert _log_count() == before
    _replay_ok(capsys)


def test_no_history_flag_imports_notes_only(tmp_path: Path, _isolated_home: Path, capsys):
    apkg = _package(tmp_path)
    capsys.readouterr()
    assert cli.main(["import", str(apkg), "--no-history"]) == 0
    out = capsys.readouterr().out
    assert "Anki history not imported (--no-history): 9 answers left out" in out
    assert "run `trainer sync` to study it" in out
    assert (_isolated_home / "decks" / "政治.yaml").is_file()
    assert cli.main(["sync"]) == 0
    assert _log_count() == 0


def test_package_without_history_still_imports(tmp_path: Path, _isolated_home: Path, capsys):
    apkg = _package(tmp_path, scheduling=False)
    capsys.readouterr()
    assert cli.main(["import", str(apkg)]) == 0
    out = capsys.readouterr().out
    assert "政治: 1 topics, 3 points" in out
    assert "Anki history" not in out and "run `trainer sync` to study it" in out
    assert not (_isolated_home / "trainer.db").exists()  # the store was not even opened


def test_a_leech_in_anki_is_a_leech_in_trainer(tmp_path: Path, capsys):
    _configure_shanghai()
    apkg = _package(tmp_path, leech=True)
    assert cli.main(["import", str(apkg)]) == 0
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            _, state, logs = _card(s, head_key(point_id(TOPIC, SectionKind.OTHER, "公平竞争审查")))
    finally:
        engine.dispose()
    assert len(logs) == 2 * LEECH_LAPSES
    assert state.lapses == LEECH_LAPSES and state.leech and state.queue is Queue.SUSPENDED
    assert [r.leech_after for r in logs].index(True) == len(logs) - 1
    capsys.readouterr()
    assert cli.main(["leeches"]) == 0
    assert "公平竞争审查" in capsys.readouterr().out
    _replay_ok(capsys)


def test_answers_from_anki_scheduler_itself(tmp_path: Path, capsys):
    """Revlog rows written by Anki's own scheduler (learning steps, then graduation) come across."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "src.anki2"))
    try:
        d = col.decks.id("政治::营商环境")
        n = col.new_note(col.models.by_name("Basic"))
        n["Front"], n["Back"] = "放管服改革", "简政放权"
        col.add_note(n, d)
        col.decks.select(d)
        # Anki's day ends at its rollover hour (4:00): put it far from now, so the learning steps that
        # follow the first answer are not pushed into tomorrow when the test runs just before it.
        from datetime import datetime

        col.set_config("rollover", (datetime.now().hour + 12) % 24)
        answered = 0
        while (card := col.sched.getCard()) is not None:
            card.start_timer()
            col.sched.answerCard(card, GOOD)
            answered += 1
        apkg = _export(col, tmp_path / "real.apkg", legacy=False)
        anki_log = col.db.all("SELECT id, ease, type FROM revlog ORDER BY id")
    finally:
        col.close()
    assert answered >= 2 and [(e, t) for _, e, t in anki_log] == [(GOOD, LEARN)] * answered
    capsys.readouterr()
    assert cli.main(["import", str(apkg)]) == 0
    assert f"Anki history: {answered} answers imported onto 1 cards" in capsys.readouterr().out
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            _, state, logs = _card(s, head_key(point_id(TOPIC, SectionKind.OTHER, "放管服改革")))
    finally:
        engine.dispose()
    assert [r.quality for r in logs] == [4] * answered
    assert [r.repeat for r in logs] == [False] + [True] * (answered - 1)  # learning steps: one study day
    assert (state.reps, state.interval, state.queue) == (1, 1, Queue.REVIEW)
    _replay_ok(capsys)


def test_trainer_notes_map_by_point_id_and_lists_to_list_cards(tmp_path: Path, capsys):
    """trainer → Anki (studied there) → trainer: heads, slogans and list cards get their history (issue
    18: every cloze of trainer's own note maps to its card); a card already answered in trainer is left alone."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from trainer.store import card_ops
    from trainer.store.answers import record_answer

    deck = rich_deck()
    load_into_store(tmp_path, deck)
    ours = tmp_path / "ours.apkg"
    assert cli.main(["export", "--apkg", str(ours)]) == 0
    topic = "优化营商环境"
    kind = SectionKind.PROBLEMS
    first = point_id(topic, kind, "审批流程繁琐")  # its body has slogans: c2, c3 cards
    second = point_id(topic, kind, "监管方式落后")
    third = point_id(topic, kind, "政务服务不便")
    section = section_id(topic, kind, "存在的问题")
    # In trainer, before the import, the second point's head card is answered and the third's suspended.
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s, s.begin():
            second_id = s.scalars(select(CardRow.id).where(CardRow.key == head_key(second))).one()
            record_answer(s, second_id, 4, now=datetime(2026, 3, 20, 1, tzinfo=UTC), today=_day(ms(20, 9)))
            card_ops.suspend(s, s.scalars(select(CardRow.id).where(CardRow.key == head_key(third))).one())
    finally:
        engine.dispose()

    col = Collection(str(tmp_path / "anki.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(ours), options=ImportAnkiPackageOptions(with_scheduling=False))
        )
        by_pid = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            by_pid[note["PointID"]] = {card.ord: card.id for card in note.cards()}
        list_pid = f"list:{section}"
        assert set(by_pid[first]) == {0, 1, 2} and set(by_pid[list_pid]) == {0}
        _add_revlog(col, by_pid[first][0], [Entry(ms(1, 9), GOOD), Entry(ms(2, 9), GOOD)])
        _add_revlog(col, by_pid[first][1], [Entry(ms(1, 9, 1), GOOD)])  # a slogan cloze
        _add_revlog(col, by_pid[list_pid][0], [Entry(ms(1, 9, 2), HARD)])
        _add_revlog(col, by_pid[second][0], [Entry(ms(1, 9, 3), AGAIN)])
        _add_revlog(col, by_pid[third][0], [Entry(ms(1, 9, 4), EASY)])
        apkg = _export(col, tmp_path / "studied.apkg", legacy=False)
    finally:
        col.close()

    _configure_shanghai()
    capsys.readouterr()
    assert cli.main(["import", str(apkg), "-o", str(tmp_path / "back.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Anki history: 4 answers imported onto 3 cards" in out
    assert "2 cards already had history in trainer or were not new" in out
    assert "have no trainer card" not in out  # the slogan cloze is its slogan card
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s:
            _, head_state, head_logs = _card(s, head_key(first))
            _, _, slogan_logs = _card(s, f"{first}:slogan:{part_key('多头跑')}")
            _, list_state, list_logs = _card(s, list_key(section))
            _, second_state, second_logs = _card(s, head_key(second))
            _, third_state, third_logs = _card(s, head_key(third))
    finally:
        engine.dispose()
    assert [(r.quality, r.day) for r in head_logs] == [(4, _day(ms(1, 9))), (4, _day(ms(2, 9)))]
    assert [r.quality for r in slogan_logs] == [4]
    assert (head_state.reps, head_state.interval) == (2, 6)
    assert [r.quality for r in list_logs] == [3] and list_state.reps == 1
    assert [r.quality for r in second_logs] == [4]  # trainer's own answer, nothing merged
    assert second_state.reps == 1
    assert third_logs == [] and third_state == replace(NEW_CARD, queue=Queue.SUSPENDED)  # left as it was
    engine = open_default_store(daily_backup=False)
    try:
        with Session(engine) as s, s.begin():
            # `db replay` counts a suspended card's queue as a difference from its log (as it does for
            # any suspended card): unsuspended, every card must match.
            card_ops.unsuspend(s, s.scalars(select(CardRow.id).where(CardRow.key == head_key(third))).one())
    finally:
        engine.dispose()
    _replay_ok(capsys)


def test_a_failed_history_import_leaves_no_deck_file(tmp_path: Path, _isolated_home: Path, capsys, monkeypatch):
    from trainer.exchange import jobs
    from trainer.store import imported

    apkg = _package(tmp_path)

    def broken(*args, **kwargs):
        raise imported.StoreError("disk full")

    monkeypatch.setattr(jobs, "write_history", broken)
    assert cli.main(["import", str(apkg)]) == 2
    assert "disk full" in capsys.readouterr().err
    assert not (_isolated_home / "decks" / "政治.yaml").exists()
    assert cli.main(["sync"]) == 0  # and the store holds nothing of it
    assert "政治" not in capsys.readouterr().out


def test_the_duration_cap_is_the_review_screen_s():
    from trainer.tui.screens import review

    assert MAX_ANSWER_MS == review.MAX_ANSWER_MS
