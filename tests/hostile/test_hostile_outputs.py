"""No command writes over the live database, its -wal/-shm, a backup or one of its own inputs, and
`build`/`import` replace only a deck: each refusal is one line, exit 2, and nothing anywhere changes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import Seeded, assert_one_line_error, assert_private, changed, tree

DOC = "优化营商环境\n一、存在的问题\n1. 审批流程繁琐。群众办事多头跑。\n2. 监管方式落后。重审批轻监管。\n"


def _doc(tmp_path: Path) -> Path:
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC, encoding="utf-8")
    return doc


def _wal(s: Seeded) -> Path:
    wal = Path(f"{s.db}-wal")
    if not wal.exists():
        wal.write_bytes(b"")
    return wal


def _shm(s: Seeded) -> Path:
    shm = Path(f"{s.db}-shm")
    if not shm.exists():
        shm.write_bytes(b"")
    return shm


def _link_to_db(s: Seeded, tmp_path: Path) -> Path:
    link = tmp_path / "innocent.json"
    link.symlink_to(s.db)
    return link


def _hardlink_to_db(s: Seeded, tmp_path: Path) -> Path:
    link = tmp_path / "hard.json"
    os.link(s.db, link)
    return link


def _relative_db(s: Seeded, tmp_path: Path) -> Path:
    return Path(os.path.relpath(s.db, Path.cwd()))


TARGETS: dict[str, Callable[[Seeded, Path], Path]] = {
    "database": lambda s, t: s.db,
    "wal": lambda s, t: _wal(s),
    "shm": lambda s, t: _shm(s),
    "backup": lambda s, t: s.backup,
    "new-file-in-backups": lambda s, t: s.backup.parent / "export.out",
    "symlink-to-db": _link_to_db,
    "hardlink-to-db": _hardlink_to_db,
    "relative-db": _relative_db,
    "settings": lambda s, t: _config(t),
    "deck-file": lambda s, t: s.deck_file,
}


@pytest.mark.parametrize("flag", ["--json", "--apkg"])
@pytest.mark.parametrize("target", list(TARGETS))
def test_export_never_writes_over_the_database_or_a_backup(
    seeded: Seeded, run, tmp_path: Path, flag: str, target: str
) -> None:
    path = TARGETS[target](seeded, tmp_path)
    before = tree(seeded.home, tmp_path)
    ran = run("export", flag, path)
    assert_one_line_error(ran, "refusing")
    assert changed(before, tree(seeded.home, tmp_path)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"} - {str(path)}


def test_csv_export_into_the_backups_folder_or_over_the_database_is_refused(
    seeded: Seeded, run, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "cards.csv").symlink_to(seeded.db)
    for target in (seeded.backup.parent, folder):
        before = tree(seeded.home, tmp_path)
        ran = run("export", "--csv", target)
        assert_one_line_error(ran, "refusing")
        assert changed(before, tree(seeded.home, tmp_path)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}


def test_export_to_a_device_or_a_folder_is_refused(seeded: Seeded, run, tmp_path: Path) -> None:
    for target, word in ((Path("/dev/null"), "device"), (tmp_path, "folder")):
        ran = run("export", "--json", target)
        assert_one_line_error(ran, word)


def _not_a_deck_yaml(tmp_path: Path) -> Path:
    p = tmp_path / "notes.yaml"
    p.write_text("# my notes\ntodo: [a, b]\n", encoding="utf-8")
    return p


def _not_yaml(tmp_path: Path) -> Path:
    p = tmp_path / "essay.yaml"
    p.write_text("这是我的作文：\n\t第一段 [未完\n", encoding="utf-8")
    return p


def _config(tmp_path: Path) -> Path:
    from trainer.services import config

    config.set_value("new-per-day", "7")
    return config.config_path()


BUILD_TARGETS: dict[str, tuple[Callable[[Seeded, Path], Path], str]] = {
    "database": (lambda s, t: s.db, "database"),
    "backup": (lambda s, t: s.backup, "backup"),
    "wal": (lambda s, t: _wal(s), "database"),
    "own-input": (lambda s, t: t / "doc.txt", "its own input"),
    "hardlink-to-input": (lambda s, t: (os.link(t / "doc.txt", t / "doc-link.yaml"), t / "doc-link.yaml")[1], "input"),
    "yaml-without-deck-key": (lambda s, t: _not_a_deck_yaml(t), "not a deck"),
    "not-yaml": (lambda s, t: _not_yaml(t), "not a deck"),
    "config": (lambda s, t: _config(t), "settings"),
    "device": (lambda s, t: Path("/dev/null"), "device"),
}


@pytest.mark.parametrize("target", list(BUILD_TARGETS))
def test_build_replaces_only_a_deck_and_never_its_input(seeded: Seeded, run, tmp_path: Path, target: str) -> None:
    doc = _doc(tmp_path)
    make, word = BUILD_TARGETS[target]
    path = make(seeded, tmp_path)
    before = tree(seeded.home, tmp_path)
    ran = run("build", doc, "-o", path)
    assert_one_line_error(ran, word)
    assert changed(before, tree(seeded.home, tmp_path)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}


def test_build_over_an_existing_deck_replaces_it_privately(seeded: Seeded, run, tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    before = tree(seeded.home)
    ran = run("build", doc, "-o", seeded.deck_file)
    assert ran.code == 0, ran.err
    assert changed(before, tree(seeded.home)) == {str(seeded.deck_file)}
    assert "审批流程繁琐" in seeded.deck_file.read_text(encoding="utf-8")
    assert_private(seeded.home)


@pytest.mark.parametrize("target", ["database", "own-input", "not-a-deck", "backup"])
def test_import_never_writes_over_the_database_its_input_or_a_non_deck(
    seeded: Seeded, run, tmp_path: Path, target: str
) -> None:
    csv = tmp_path / "rows.csv"
    csv.write_text("head,body\n审批流程繁琐,多头跑\n监管方式落后,重审批\n", encoding="utf-8")
    path = {
        "database": seeded.db,
        "own-input": csv,
        "not-a-deck": _not_a_deck_yaml(tmp_path),
        "backup": seeded.backup,
    }[target]
    before = tree(seeded.home, tmp_path)
    ran = run("import", csv, "-o", path, "--force")
    assert_one_line_error(ran, "refusing")
    assert changed(before, tree(seeded.home, tmp_path)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}
