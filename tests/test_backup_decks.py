"""Backups include the decks folder ($TRAINER_HOME/decks/): `trainer backup` zips it beside the database
backup, `trainer restore` puts both back, a damaged or unsafe archive changes nothing."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from tests.conftest import make_deck
from trainer import cli, paths
from trainer.deckfile import decks
from trainer.errors import StoreError
from trainer.services.deck_backup import archive_path, restore_decks
from trainer.store.snapshots import list_backups, prune_daily


def _decks_folder() -> Path:
    folder = paths.user_decks_dir()
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    decks.save(make_deck("甲"), folder / "甲.yaml")
    decks.save(make_deck("乙"), folder / "sub" / "乙.yaml")
    return folder


def test_backup_zips_the_decks_folder_and_restore_puts_both_back(capsys) -> None:
    folder = _decks_folder()
    assert cli.main(["sync"]) == 0
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.yaml")}
    capsys.readouterr()
    assert cli.main(["backup"]) == 0
    (good,) = [b for b in list_backups() if b.reason == "manual"]
    zipped = archive_path(good.path)
    assert f"decks folder backed up: {zipped}" in capsys.readouterr().out
    assert stat.S_IMODE(zipped.stat().st_mode) == 0o600
    # Afterwards the learner edits one deck, deletes another and adds a third.
    decks.save(make_deck("甲", heads=("只剩一点",)), folder / "甲.yaml")
    (folder / "sub" / "乙.yaml").unlink()
    decks.save(make_deck("丙"), folder / "丙.yaml")
    assert cli.main(["restore", str(good.path)]) == 0
    out = capsys.readouterr().out
    assert f"restored the decks folder {folder} saved with it" in out
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.yaml")} == before
    # The folder it replaced is in the pre-restore backup.
    (saved,) = [b for b in list_backups() if b.reason == "pre-restore"]
    with zipfile.ZipFile(archive_path(saved.path)) as zf:
        assert sorted(zf.namelist()) == ["丙.yaml", "甲.yaml"]


def test_restoring_an_older_backup_without_decks_leaves_the_folder_alone(capsys) -> None:
    folder = _decks_folder()
    assert cli.main(["backup"]) == 0
    (good,) = [b for b in list_backups() if b.reason == "manual"]
    archive_path(good.path).unlink()
    before = (folder / "甲.yaml").read_bytes()
    capsys.readouterr()
    assert cli.main(["restore", str(good.path)]) == 0
    assert "no decks folder beside it" in capsys.readouterr().out
    assert (folder / "甲.yaml").read_bytes() == before


def test_a_damaged_or_unsafe_archive_is_refused_and_the_folder_kept(tmp_path: Path) -> None:
    folder = _decks_folder()
    before = sorted(p.name for p in folder.rglob("*"))
    db = tmp_path / "trainer-20261122T090000-manual.db"
    archive_path(db).write_bytes(b"PK\x03\x04 not really a zip")
    for make in ("damaged", "unsafe"):
        if make == "unsafe":
            with zipfile.ZipFile(archive_path(db), "w") as zf:
                zf.writestr("../escape.yaml", "deck: x\n")
        with pytest.raises(StoreError, match="damaged" if make == "damaged" else "unsafe"):
            restore_decks(db)
        assert sorted(p.name for p in folder.rglob("*")) == before
        assert not (folder.parent / "escape.yaml").exists()


def test_pruning_a_daily_backup_takes_its_decks_archive_too(tmp_path: Path) -> None:
    for day in range(1, 4):
        db = tmp_path / f"trainer-202611{day:02d}T090000-daily.db"
        db.write_bytes(b"x")
        archive_path(db).write_bytes(b"x")
    prune_daily(tmp_path, keep=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "trainer-20261103T090000-daily.db",
        "trainer-20261103T090000-daily.decks.zip",
    ]
