"""Export: an Anki package that real Anki opens, and CSV/JSON of cards with schedules and the review log."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.exchange_helpers import T1, T2, load_into_store, rich_deck
from trainer import cli
from trainer.deckfile import decks
from trainer.exchange.apkg import cloze_text
from trainer.sched.days import study_day
from trainer.services.database import open_default_store
from trainer.store import queries
from trainer.store.models import CardRow

TODAY = study_day(FIXED_NOW, SHANGHAI)


def test_cloze_text_numbers_slogans_after_the_head():
    text = cloze_text(
        "深化改革",
        "推行“一网通办”，做到“最多跑一次”，再说“一网通办”；“太短”和“这是一个超过二十个字的很长很长很长很长的引号内容”",
    )
    assert text.startswith(
        "{{c1::深化改革::4字}}<br>推行“{{c2::一网通办}}”，做到“{{c3::最多跑一次}}”，再说“{{c2::一网通办}}”"
    )
    assert "“{{c4::太短}}”" in text  # 2 characters is enough
    assert "{{c5::" not in text  # over 20 characters is not a slogan


def test_cloze_text_escapes_html_and_cloze_markers():
    text = cloze_text("a}}b", "x<y> & a::b\n下一行")
    assert "{{c1::a}\u200b}b::4字}}" in text
    assert "x&lt;y&gt; &amp; a::b<br>下一行" in text


def _anki_collection(tmp_path: Path, apkg: Path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "x.anki2"))
    col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=False))
    )
    return col


def _visible(html: str) -> str:
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_apkg_opens_in_real_anki(tmp_path: Path, capsys):
    load_into_store(tmp_path, rich_deck())
    out = tmp_path / "out.apkg"
    assert cli.main(["export", "--apkg", str(out)]) == 0
    assert "8 notes, 13 cards in 2 Anki decks" in capsys.readouterr().out
    col = _anki_collection(tmp_path, out)
    try:
        # 6 points; clozes: 1+2 (多头跑, 来回跑), 1, 1, 1+2 (一网通办, 最多跑一次), 1, 1+1 (三农) = 11;
        # and a list note of one card for each of the two sections with two or more points.
        assert col.note_count() == 8
        assert col.card_count() == 13
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {f"申论要点::{T1}", f"申论要点::{T2}"} <= names
        questions = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            questions[(note["PointID"], card.ord)] = (_visible(card.question()), col.decks.name(card.did))
        pid = rich_deck().topics[0].sections[0].points[0].id
        q, deck = questions[(pid, 0)]
        assert deck == f"申论要点::{T1}"
        assert f"{T1} › 存在的问题 › 第1点/共3点" in q
        assert "[6字]" in q and "审批流程繁琐" not in q
        assert "“多头跑”“来回跑”" in q
        q2, _ = questions[(pid, 1)]  # c2: the first slogan hidden, the head shown
        assert "审批流程繁琐" in q2 and "“[...]”“来回跑”" in q2
        q_long, _ = questions[(rich_deck().topics[0].sections[1].points[1].id, 0)]
        assert "第2点/共2点" in q_long and "以a::b为例" in q_long
        tags = col.get_note(col.find_notes(f"PointID:{pid}")[0]).tags
        assert "problems" in tags and "存在的问题" in tags
        lists = {k: v for k, v in questions.items() if k[0].startswith("list:")}
        assert len(lists) == 2 and all(ord_ == 0 for _, ord_ in lists)
        q_list = next(q for q, _ in lists.values() if "全部3点" in q)
        assert f"{T1} › 存在的问题 › 全部3点" in q_list
        assert "1. [6字]" in q_list and "2. [6字]" in q_list and "3. [6字]" in q_list
        assert "审批流程繁琐" not in q_list and "监管方式落后" not in q_list
        answer = _visible(col.get_card(col.find_cards('"PointID:list:*" 全部3点')[0]).answer())
        assert "审批流程繁琐" in answer and "监管方式落后" in answer and "政务服务不便" in answer
    finally:
        col.close()


def test_exporting_again_updates_the_same_notes(tmp_path: Path):
    load_into_store(tmp_path, rich_deck())
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    assert cli.main(["export", "--apkg", str(first)]) == 0
    assert cli.main(["export", "--apkg", str(second)]) == 0
    col = _anki_collection(tmp_path, first)
    try:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(second), options=ImportAnkiPackageOptions(with_scheduling=False))
        )
        assert col.note_count() == 8
    finally:
        col.close()


def test_export_one_deck_and_unknown_deck(tmp_path: Path, capsys):
    load_into_store(tmp_path, rich_deck("甲"))
    load_into_store(tmp_path, rich_deck("乙"))
    out = tmp_path / "one.apkg"
    assert cli.main(["export", "--apkg", str(out), "--deck", "乙"]) == 0
    assert "8 notes" in capsys.readouterr().out
    assert cli.main(["export", "--apkg", str(tmp_path / "x.apkg"), "--deck", "丙"]) == 2
    err = capsys.readouterr().err
    assert "no deck named '丙'" in err and "乙, 甲" in err
    assert not (tmp_path / "x.apkg").exists()
    assert cli.main(["export"]) == 2


def _answer_some(tmp_path: Path) -> list[int]:
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s:
        ids = list(s.scalars(select(CardRow.id).order_by(CardRow.id).limit(3)))
    for q, cid in zip((5, 2, 4), ids, strict=True):
        with Session(engine) as s, s.begin():
            queries.record_answer(s, cid, q, now=FIXED_NOW, today=TODAY, duration_ms=1500)
    engine.dispose()
    return ids


def test_csv_export(tmp_path: Path, capsys):
    load_into_store(tmp_path, rich_deck())
    _answer_some(tmp_path)
    out = tmp_path / "csv"
    assert cli.main(["export", "--csv", str(out)]) == 0
    assert "8 cards, 3 reviews" in capsys.readouterr().out  # 6 head cards + 2 list cards
    raw = (out / "cards.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets need the BOM to read UTF-8
    cards = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(cards) == 8
    first = cards[0]
    assert first["deck"] == "申论要点" and first["topic"] == T1 and first["position"] == "第1点/共3点"
    assert first["answer"] == "审批流程繁琐" and first["queue"] == "review" and first["reps"] == "1"
    assert first["due"] == "2026-11-23" and first["last_review"] == "2026-11-22T02:00:00Z"
    untouched = cards[-1]
    assert untouched["queue"] == "new" and untouched["due"] == ""
    listed = [c for c in cards if c["kind"] == "list"]
    assert listed[0]["answer"] == "1. 审批流程繁琐\n2. 监管方式落后\n3. 政务服务不便"
    reviews = list(csv.DictReader(io.StringIO((out / "reviews.csv").read_text("utf-8-sig"))))
    assert [(r["quality"], r["day"], r["queue_before"], r["queue_after"]) for r in reviews] == [
        ("5", "2026-11-22", "new", "review"),
        ("2", "2026-11-22", "new", "review"),
        ("4", "2026-11-22", "new", "review"),
    ]
    assert reviews[0]["card"] == first["card"] and reviews[0]["duration_ms"] == "1500"


def test_json_export(tmp_path: Path):
    deck = rich_deck()
    load_into_store(tmp_path, deck)
    _answer_some(tmp_path)
    out = tmp_path / "all.json"
    assert cli.main(["export", "--json", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["format"] == "trainer-export" and data["version"] == 1
    assert data["exported_at"].endswith("Z")
    (exported,) = data["decks"]
    assert decks.loads(json.dumps(exported, ensure_ascii=False)) == deck  # the deck-file shape, same points
    assert len(data["cards"]) == 8 and len(data["reviews"]) == 3
    assert data["cards"][1]["lapses"] == 0 and data["cards"][1]["leech"] is False
    assert [r["quality"] for r in data["reviews"]] == [5, 2, 4]


@pytest.mark.parametrize("flag", ["--csv", "--json"])
def test_export_to_an_unwritable_place_is_a_clear_error(tmp_path: Path, flag: str, capsys):
    load_into_store(tmp_path, rich_deck())
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "sub" if flag == "--json" else blocker
    assert cli.main(["export", flag, str(target)]) == 2
    assert "trainer: error:" in capsys.readouterr().err


def test_list_notes_follow_the_decks_card_kinds(tmp_path: Path):
    """A deck that asks for no list cards gets no list notes in Anki either."""
    from dataclasses import replace

    from trainer.exchange.apkg import write_apkg

    with_lists = write_apkg([rich_deck()], tmp_path / "a.apkg")
    without = write_apkg([replace(rich_deck(), settings={"cards": ["head"]})], tmp_path / "b.apkg")
    assert (with_lists.notes, with_lists.cards) == (8, 13)
    assert (without.notes, without.cards) == (6, 11)
