"""Atomic writes: the file keeps its mode (new files are private), and the file and its folder reach the disk."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import make_deck
from trainer.deckfile import decks, fsutil
from trainer.deckfile.fsutil import atomic_write
from trainer.errors import TrainerError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "deck.yaml"
    target.write_bytes(b"old")
    target.chmod(mode)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == mode


def test_a_learners_deck_saved_again_stays_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    decks.save(make_deck("甲"), target)
    target.chmod(0o644)
    decks.save(make_deck("甲"), target)
    assert _mode(target) == 0o644
    assert decks.load(target).name == "甲"


def test_a_new_file_is_private_unless_a_mode_is_given(tmp_path: Path) -> None:
    atomic_write(tmp_path / "new.yaml", b"x")
    assert _mode(tmp_path / "new.yaml") == 0o600
    atomic_write(tmp_path / "shared.csv", b"x", mode=0o644)
    assert _mode(tmp_path / "shared.csv") == 0o644
    atomic_write(tmp_path / "shared.csv", b"y", mode=0o600)  # a mode given wins over the file's
    assert _mode(tmp_path / "shared.csv") == 0o600


def test_the_file_is_synced_before_the_rename_and_its_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: Path) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    monkeypatch.setattr(fsutil.os, "replace", replace)
    atomic_write(tmp_path / "deck.yaml", b"data")
    assert events == ["fsync file", "rename", "fsync folder"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml"]


def test_a_folder_that_cannot_be_synced_still_gets_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")  # some network file systems
        real_fsync(fd)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    atomic_write(tmp_path / "deck.yaml", b"data")
    assert (tmp_path / "deck.yaml").read_bytes() == b"data"


def test_a_failing_folder_sync_is_reported_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(fsutil.os, "fsync", fsync)
    with pytest.raises(TrainerError, match="Input/output error") as caught:
        atomic_write(tmp_path / "deck.yaml", b"data")
    assert "deck.yaml" in str(caught.value)
