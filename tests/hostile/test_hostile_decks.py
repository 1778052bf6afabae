"""Deck files and documents from anywhere: aliases cannot multiply a deck, odd files and names are one
clear line, control codes never get in. Generated cases for the deck reader."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import Seeded, assert_one_line_error, db_content, run_process, stray, tree
from trainer.deckfile import decks
from trainer.errors import DeckError

HEAD = "deck: 卡组\ntopics:\n- title: 主题\n  sections:\n  - kind: problems\n    heading: 问题\n    points:\n"

BAD_DECKS = {
    "alias-bomb": "deck: 炸弹\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntopics: []\n",
    "alias-points": HEAD + "    - &p {head: 甲, body: 乙}\n    - *p\n    - *p\n",
    "merge-key": HEAD + "    - &p {head: 甲, body: 乙}\n    - {<<: *p, head: 丙}\n",
    "python-tag": "deck: !!python/object/apply:os.system ['true']\ntopics: []\n",
    "deep-nesting": "deck: 深\ntopics: " + "[" * 5000 + "]" * 5000 + "\n",
    "not-utf8": "deck: 卡组\ntopics: []\n".encode("gbk"),
    "binary": b"\x00\x01\x02\x89PNG\r\n\x1a\n",
    "list-at-top": "- a\n- b\n",
    "tabs": HEAD.replace("  ", "\t"),
    "duplicate-ids": HEAD + "    - {id: x1, head: 甲}\n    - {id: x1, head: 乙}\n",
    "empty-head": HEAD + "    - head: ''\n",
}


@pytest.mark.parametrize("kind", list(BAD_DECKS))
def test_a_hostile_deck_file_is_one_clear_line_and_the_database_is_untouched(
    seeded: Seeded, run, tmp_path: Path, kind: str
) -> None:
    body = BAD_DECKS[kind]
    path = tmp_path / "bad.yaml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    content = db_content(seeded.db)
    before = tree(seeded.home)
    ran = run("sync", path)
    assert_one_line_error(ran, str(path))
    assert not stray(before, tree(seeded.home), seeded.home)
    assert db_content(seeded.db) == content


def test_an_alias_bomb_is_refused_without_being_expanded() -> None:
    # 9^9 = 387 million points if expanded: refused at the first alias.
    levels = ["l0: &l0 {head: 甲}"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "deck: 炸弹\n" + "\n".join(levels) + "\ntopics: []\n"
    with pytest.raises(DeckError, match="aliases"):
        decks.loads(text, path="bomb.yaml")


def test_a_deck_file_over_the_limit_is_refused_before_it_is_read(
    home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + "    - head: 甲\n" * 10, encoding="utf-8")
    monkeypatch.setattr(decks, "MAX_DECK_BYTES", 100)
    assert_one_line_error(run("sync", path), "MB")


@pytest.mark.parametrize(
    "name",
    ["空 格.yaml", "#hash?.yaml", "\x1b]0;pwned\x07.yaml", "换行\n名.yaml", "-dash.yaml"],
    ids=["space", "hash-question", "osc", "newline", "dash"],
)
def test_oddly_named_deck_files_sync_and_their_names_reach_the_terminal_inert(
    home: Path, run, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text(HEAD + "    - head: 甲\n      body: 乙\n", encoding="utf-8")
    ran = run("sync", path)
    assert ran.code == 0, ran.err
    assert "\x1b" not in ran.out + ran.err and "\x07" not in ran.out
    path.write_text("deck: [\n", encoding="utf-8")
    assert_one_line_error(run("sync", path))


def test_a_fifo_in_the_decks_folder_or_named_directly_never_hangs(seeded: Seeded, tmp_path: Path) -> None:
    fifo = seeded.home / "decks" / "pipe.yaml"
    os.mkfifo(fifo)
    ran = run_process(["sync"], seeded.home, timeout=60)
    assert ran.code == 0, ran.err
    ran = run_process(["sync", fifo], seeded.home, timeout=60)
    assert_one_line_error(ran)


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/urandom"])
def test_build_from_a_fifo_or_device_is_refused_at_once(home: Path, tmp_path: Path, source: str) -> None:
    if source == "fifo":
        path = tmp_path / "doc.txt"
        os.mkfifo(path)
    else:
        path = Path(source)
    ran = run_process(["build", path, "-o", tmp_path / "d.yaml"], home, timeout=30)
    assert_one_line_error(ran, "not a regular file")


CONTROL = st.sampled_from(["\x1b", "\x1b]0;t\x07", "\x1b[2J", "\x9b", "\x07", "\x00", "\x7f", "\r", "\x85", "\x0c"])
TEXT = st.lists(st.one_of(st.text(max_size=8), CONTROL), max_size=6).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("latin-1"))))
def test_generated_text_is_a_deck_or_a_deck_error(text: str) -> None:
    with contextlib.suppress(DeckError):
        decks.loads(text, path="gen.yaml")


@settings(max_examples=120, deadline=None)
@given(name=TEXT, heads=st.lists(TEXT, min_size=1, max_size=4), body=TEXT, quoted=st.booleans())
def test_generated_decks_with_control_codes_load_clean(name: str, heads: list[str], body: str, quoted: bool) -> None:
    def scalar(s: str) -> str:
        # Double-quoted YAML with escapes: the way a control code gets past YAML's printable-only rule.
        return '"' + s.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'

    lines = [
        f"deck: {scalar('卡组' + name)}",
        "topics:",
        "- title: 主题",
        "  sections:",
        "  - kind: other",
        "    points:",
    ]
    lines += [f"    - head: {scalar('甲' + h)}\n      body: {scalar(body)}" for h in heads]
    try:
        deck = decks.loads("\n".join(lines) + "\n", path="gen.yaml")
    except DeckError:
        return
    texts = [deck.name] + [t for _t, _s, p in deck.points() for t in (p.head, p.body)]
    for t in texts:
        assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in t), repr(t)
