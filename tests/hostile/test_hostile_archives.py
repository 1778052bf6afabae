"""Anki packages and CSV files from anywhere: bombs refused by declared and actual size, bounded rows, no
copy in the system temp folder, file and history together (a rerun finishes an interrupted import), and a
large import split into deck files sync reads. Generated cases for the archive and CSV readers."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import (
    Seeded,
    assert_one_line_error,
    assert_private,
    db_content,
    integrity,
    make_apkg,
    replay_ok,
    run_process,
    stray,
    tree,
    write_collection,
)
from trainer.errors import DocumentError, TrainerError
from trainer.exchange import unpack
from trainer.exchange.importing import read_apkg, read_csv


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough to cross in a test (the real ones are hundreds of MB)."""
    monkeypatch.setattr(unpack, "MAX_COLLECTION_BYTES", 1_000_000)
    monkeypatch.setattr(unpack, "MAX_ZIP_ENTRIES", 50)


def _zstd_bomb(tmp_path: Path) -> Path:
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * 8_000_000)  # ~1 KB that unpacks to 8 MB
    return _zip(tmp_path / "bomb.apkg", {"collection.anki21b": bomb}, zipfile.ZIP_STORED)


def _deflate_bomb(tmp_path: Path) -> Path:
    return _zip(tmp_path / "bomb.apkg", {"collection.anki2": b"\0" * 8_000_000})


def _many_entries(tmp_path: Path) -> Path:
    return _zip(tmp_path / "many.apkg", {f"{i}": b"" for i in range(200)})


def _lying_size(tmp_path: Path) -> Path:
    """A member whose headers say 10 bytes while 8 MB follow (the reader must stop at the header's size)."""
    path = _deflate_bomb(tmp_path)
    data = bytearray(path.read_bytes())
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        data[at + off : at + off + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


ARCHIVES = {
    "zstd-bomb": (_zstd_bomb, "archive bomb"),
    "deflate-bomb": (_deflate_bomb, "archive bomb"),
    "many-entries": (_many_entries, "archive bomb"),
    "lying-size": (_lying_size, "package"),
    "not-zip": (lambda t: _file(t / "x.apkg", b"PK\x03\x04junk"), "not a zip"),
    "no-collection": (lambda t: _zip(t / "x.apkg", {"media": b"{}"}), "no collection"),
    "garbage-collection": (lambda t: _zip(t / "x.apkg", {"collection.anki2": b"garbage" * 100}), "damaged"),
    "bad-zstd": (lambda t: _zip(t / "x.apkg", {"collection.anki21b": b"\x28\xb5\x2f\xfd junk"}), "package"),
    "empty": (lambda t: _file(t / "x.apkg", b""), "not a zip"),
}


@pytest.mark.parametrize("kind", list(ARCHIVES))
def test_a_hostile_package_is_refused_in_one_line_and_nothing_is_written(
    seeded: Seeded, run, tmp_path: Path, small_limits: None, kind: str
) -> None:
    make, word = ARCHIVES[kind]
    pkg = make(tmp_path)
    before = tree(seeded.home, tmp_path)
    ran = run("import", pkg)
    assert_one_line_error(ran, word)
    assert not stray(before, tree(seeded.home, tmp_path), seeded.home)
    assert not list((seeded.home / "tmp").iterdir())


def test_too_many_notes_are_refused_before_they_are_read(
    home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unpack, "MAX_NOTES", 5)
    pkg = make_apkg(tmp_path / "big.apkg", [("卡组", [f"要点{i}", "说明"]) for i in range(6)])
    assert_one_line_error(run("import", pkg), "more than 5 notes")


def test_the_collection_never_goes_to_the_system_temp_folder(
    home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    pkg = make_apkg(tmp_path / "p.apkg", [("卡组", ["审批流程繁琐", "多头跑"]), ("卡组", ["监管落后", "轻监管"])])
    ran = run("import", pkg)
    assert ran.code == 0, ran.err
    assert list(system_tmp.iterdir()) == []
    assert list((home / "tmp").iterdir()) == []
    assert_private(home)


def test_an_import_killed_after_its_history_committed_is_finished_by_a_rerun(
    seeded: Seeded, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.exchange import jobs

    pkg = make_apkg(
        tmp_path / "h.apkg", [("历史", ["审批流程繁琐", "多头跑"]), ("历史", ["监管落后", "轻监管"])], revlog=3
    )
    real = jobs.atomic_write

    def die(*_a: object, **_k: object) -> None:
        raise SystemExit(137)  # the process ends between the commit and the deck file

    monkeypatch.setattr(jobs, "atomic_write", die)
    with pytest.raises(SystemExit):
        run("import", pkg)
    target = seeded.home / "decks" / "历史.yaml"
    assert not target.exists()
    assert integrity(seeded.db) == ["ok"]
    replay_ok(run)
    monkeypatch.setattr(jobs, "atomic_write", real)
    ran = run("import", pkg)
    assert ran.code == 0, ran.err
    assert target.exists()
    replay_ok(run)
    ran = run("sync")
    assert ran.code == 0 and "unchanged" in ran.out, ran.out + ran.err


def test_a_failed_history_write_leaves_no_deck_file(
    seeded: Seeded, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.exchange import jobs

    pkg = make_apkg(tmp_path / "h.apkg", [("历史", ["审批流程繁琐", "多头跑"])], revlog=2)

    def refuse(*_a: object, **_k: object) -> None:
        raise TrainerError("the disk is full; nothing was written")

    monkeypatch.setattr(jobs, "write_history", refuse)  # where the import job looks it up
    content = db_content(seeded.db)
    before = tree(seeded.home)
    assert_one_line_error(run("import", pkg), "disk is full")
    assert not stray(before, tree(seeded.home), seeded.home)
    assert db_content(seeded.db) == content


def test_a_large_import_is_split_into_deck_files_that_sync_reads(
    home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.deckfile import decks

    monkeypatch.setattr(decks, "MAX_DECK_BYTES", 20_000)
    rows = "\n".join(f"要点{i:04d},{'很长的说明' * 20}" for i in range(120))
    csv = tmp_path / "big.csv"
    csv.write_text("head,body\n" + rows + "\n", encoding="utf-8")
    ran = run("import", csv)
    assert ran.code == 0, ran.err
    files = sorted((home / "decks").glob("*.yaml"))
    assert len(files) > 1 and "split into" in ran.out
    assert all(f.stat().st_size <= 20_000 for f in files)
    ran = run("sync", home / "decks")
    assert ran.code == 0, ran.err
    loaded = [decks.load(f) for f in files]
    assert sum(len(d.points()) for d in loaded) == 120
    assert len({d.name for d in loaded}) == len(files)


def test_build_refuses_a_deck_larger_than_sync_reads(
    home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.deckfile import decks

    monkeypatch.setattr(decks, "MAX_DECK_BYTES", 300)
    doc = tmp_path / "doc.txt"
    doc.write_text("优化营商环境\n一、存在的问题\n1. 审批流程繁琐。很长。\n2. 监管方式落后。很长。\n", encoding="utf-8")
    out = tmp_path / "deck.yaml"
    assert_one_line_error(run("build", doc, "-o", out), "MB")
    assert not out.exists()


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_import_from_a_fifo_or_device_is_refused_at_once(home: Path, tmp_path: Path, special: str) -> None:
    if special == "fifo":
        path = tmp_path / "rows.csv"
        os.mkfifo(path)
    else:
        path = Path(special)
    ran = run_process(["import", path, "-o", tmp_path / "d.yaml"], home, timeout=30)
    assert_one_line_error(ran)
    assert not (tmp_path / "d.yaml").exists()


CSV_INPUTS = {
    "nul-bytes": b"head,body\n\x00\x00,\x00\n",
    "huge-field": b'head,body\n"' + b"x" * 200_000 + b'",y\n',
    "undecodable": b"head,body\n\xff\xfe\xfa,\x81\n",
    "only-header": b"head,body\n",
    "too-many-columns": b"a,b,c,d\n1,2,3,4\n",
    "unclosed-quote": b'head,body\n"abc,def\n',
}


@pytest.mark.parametrize("kind", list(CSV_INPUTS))
def test_a_hostile_csv_is_one_clear_line(home: Path, run, tmp_path: Path, kind: str) -> None:
    csv = tmp_path / "rows.csv"
    csv.write_bytes(CSV_INPUTS[kind])
    ran = run("import", csv, "-o", tmp_path / "d.yaml")
    if ran.code == 0:  # read as something sensible: then the deck file is a real deck, free of controls
        text = (tmp_path / "d.yaml").read_text(encoding="utf-8")
        assert "\x00" not in text
    else:
        assert_one_line_error(ran, str(csv))
        assert not (tmp_path / "d.yaml").exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_generated_csv_bytes_give_a_deck_or_a_document_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "gen.csv"
    path.write_bytes(data)
    try:
        result = read_csv(path)
    except DocumentError:
        return
    for _t, _s, p in result.deck.points():
        assert p.head.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    members=st.dictionaries(
        st.sampled_from(["collection.anki2", "collection.anki21", "collection.anki21b", "media", "0"]),
        st.binary(max_size=2000),
        max_size=3,
    ),
    method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
)
def test_generated_archives_give_a_deck_or_a_document_error(tmp_path: Path, members: dict, method: int) -> None:
    path = _zip(tmp_path / "gen.apkg", members, method)
    with contextlib.suppress(DocumentError):
        read_apkg(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.lists(st.text(max_size=200), min_size=1, max_size=4), flip=st.integers(0, 4000), byte=st.integers(0, 255)
)
def test_generated_collections_with_a_damaged_byte_give_a_deck_or_a_document_error(
    tmp_path: Path, fields: list[str], flip: int, byte: int
) -> None:
    col = tmp_path / "c.anki2"
    col.unlink(missing_ok=True)
    write_collection(col, [("卡组", fields)])
    data = bytearray(col.read_bytes())
    data[flip % len(data)] = byte
    path = _zip(tmp_path / "gen.apkg", {"collection.anki2": bytes(data)})
    try:
        result = read_apkg(path)
    except DocumentError:
        return
    for _t, _s, p in result.deck.points():
        assert "\x1b" not in p.head + p.body


def test_escape_sequences_in_anki_fields_never_reach_the_deck_file(home: Path, run, tmp_path: Path) -> None:
    pkg = make_apkg(
        tmp_path / "e.apkg",
        [("卡组\x1b[2J", ["\x1b]0;pwned\x07审批流程繁琐", "说明\x9b31m红"]), ("卡组\x1b[2J", ["监管落后", "b"])],
    )
    ran = run("import", pkg)
    assert ran.code == 0, ran.err
    (deck_file,) = (home / "decks").glob("*.yaml")
    raw = deck_file.read_text(encoding="utf-8")
    assert "pwned" not in raw and "\\e" not in raw and "\\x1b" not in raw.lower() and "\x1b" not in raw
    assert "审批流程繁琐" in raw and "说明红" in raw
    assert "\x1b" not in ran.out + ran.err


def test_the_media_manifest_is_not_read_whole(tmp_path: Path) -> None:
    """A member besides the collection (a huge `media`) is never read: only the collection is streamed."""
    col = tmp_path / "c.anki2"
    write_collection(col, [("卡组", ["审批流程繁琐", "b"])])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(col, "collection.anki2")
        z.writestr("media", b"[" * 5_000_000)
    pkg = tmp_path / "m.apkg"
    pkg.write_bytes(buf.getvalue())
    assert read_apkg(pkg).deck.points()
