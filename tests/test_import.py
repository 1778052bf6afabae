"""Import: Anki packages (ours, and ones real Anki wrote) and CSV files become normal deck files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange_helpers import load_into_store, rich_deck
from trainer import cli
from trainer.core.model import SectionKind, point_id
from trainer.deckfile import decks
from trainer.exchange.importing import plain_text, split_cloze


def test_round_trip_through_anki_gives_the_same_points(tmp_path: Path, capsys):
    deck = rich_deck()
    load_into_store(tmp_path, deck)
    apkg, back = tmp_path / "x.apkg", tmp_path / "back.yaml"
    assert cli.main(["export", "--apkg", str(apkg)]) == 0
    assert cli.main(["import", str(apkg), "-o", str(back)]) == 0
    out = capsys.readouterr().out
    assert f"{back}: 申论要点: 2 topics, 6 points" in out
    again = decks.load(back)
    assert again == deck  # same name, topics, sections, kinds, headings, point ids, heads, bodies, long_head
    assert [p.line for _, _, p in again.points()] != [0] * 6  # a real deck file, with lines for errors


def test_round_trip_of_a_sole_deck_through_real_anki_export(tmp_path: Path):
    """Our package, imported into Anki and exported by Anki in its current format, still comes back whole."""
    from anki.collection import (
        Collection,
        ExportAnkiPackageOptions,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )

    deck = rich_deck()
    load_into_store(tmp_path, deck)
    ours, anki_out, back = tmp_path / "x.apkg", tmp_path / "from-anki.apkg", tmp_path / "back.yaml"
    assert cli.main(["export", "--apkg", str(ours)]) == 0
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(ours), options=ImportAnkiPackageOptions(with_scheduling=False))
        )
        col.export_anki_package(
            out_path=str(anki_out),
            options=ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=False),
            limit=None,
        )
    finally:
        col.close()
    assert cli.main(["import", str(anki_out), "-o", str(back)]) == 0
    assert decks.load(back) == deck


def _anki_package(tmp_path: Path, *, legacy: bool) -> Path:
    """A package written by real Anki: Basic and Cloze notes in two subdecks."""
    from anki.collection import Collection, ExportAnkiPackageOptions

    col = Collection(str(tmp_path / "src.anki2"))
    try:
        basic, cloze = col.models.by_name("Basic"), col.models.by_name("Cloze")
        d1 = col.decks.id("政治::营商环境")
        d2 = col.decks.id("政治::乡村振兴")
        n = col.new_note(cloze)
        n["Text"] = "要{{c2::坚持}}<b>{{c1::优化营商环境}}</b>，激发&nbsp;市场活力"
        n["Back Extra"] = "出自政府工作报告"
        col.add_note(n, d1)
        n = col.new_note(basic)
        n["Front"], n["Back"] = "放管服改革", "简政放权<br>放管结合"
        col.add_note(n, d1)
        n = col.new_note(basic)
        n["Front"], n["Back"] = "<img src='x.png'>", "只有图片"
        col.add_note(n, d2)
        n = col.new_note(cloze)
        n["Text"] = "{{c1::产业振兴::四字}}是乡村振兴的重中之重"
        col.add_note(n, d2)
        out = tmp_path / ("legacy.apkg" if legacy else "modern.apkg")
        col.export_anki_package(
            out_path=str(out),
            options=ExportAnkiPackageOptions(with_scheduling=False, with_media=False, legacy=legacy),
            limit=None,
        )
    finally:
        col.close()
    return out


@pytest.mark.parametrize("legacy", [False, True], ids=["anki21b", "legacy"])
def test_import_a_package_written_by_anki(tmp_path: Path, legacy: bool, capsys):
    apkg = _anki_package(tmp_path, legacy=legacy)
    out = tmp_path / "deck.yaml"
    assert cli.main(["import", str(apkg), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "skipped note" in captured.err and "no text to use as the head" in captured.err
    deck = decks.load(out)
    assert deck.name == "政治"
    assert {t.title: [(p.head, p.body) for s in t.sections for p in s.points] for t in deck.topics} == {
        "营商环境": [
            ("优化营商环境", "要坚持优化营商环境，激发 市场活力\n出自政府工作报告"),
            ("放管服改革", "简政放权\n放管结合"),
        ],
        "乡村振兴": [("产业振兴", "是乡村振兴的重中之重")],
    }
    point = deck.topics[0].sections[0].points[0]
    assert point.id == point_id("营商环境", SectionKind.OTHER, "优化营商环境")


def test_split_cloze_and_plain_text():
    assert split_cloze("{{c1::放管服::三字}}<br>改革") == ("放管服", "改革")
    assert split_cloze("前面{{c3::甲}}中间{{c2::乙}}") == ("乙", "前面甲中间乙")
    assert split_cloze("没有填空") is None
    assert plain_text("<div>一</div><div>二&amp;三</div><style>.x{}</style>") == "一\n二&三"


def test_import_into_the_decks_folder_then_sync(tmp_path: Path, _isolated_home: Path, capsys):
    apkg = _anki_package(tmp_path, legacy=False)
    assert cli.main(["import", str(apkg)]) == 0
    target = _isolated_home / "decks" / "政治.yaml"
    assert target.is_file()
    assert "run `trainer sync` to study it" in capsys.readouterr().out
    assert cli.main(["import", str(apkg)]) == 2  # never overwrites silently
    assert "--force" in capsys.readouterr().err
    assert cli.main(["import", str(apkg), "--force", "--name", "政治"]) == 0
    assert cli.main(["sync", str(target)]) == 0
    from trainer.core.cards import cards_for_deck

    assert f"{len(cards_for_deck(decks.load(target)))} added" in capsys.readouterr().out


def _csv(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_two_columns_with_header(tmp_path: Path):
    src = _csv(tmp_path, "营商环境.csv", '要点,说明\n审批繁琐,群众“多头跑”\n监管落后,"重审批,轻监管"\n\n政务不便\n')
    out = tmp_path / "d.yaml"
    assert cli.main(["import", str(src), "-o", str(out)]) == 0
    deck = decks.load(out)
    assert deck.name == "营商环境"
    (topic,) = deck.topics
    assert topic.title == "营商环境"
    assert [(p.head, p.body) for p in topic.sections[0].points] == [
        ("审批繁琐", "群众“多头跑”"),
        ("监管落后", "重审批,轻监管"),
        ("政务不便", ""),
    ]


def test_csv_three_columns_without_header_gbk_tabs(tmp_path: Path):
    text = "重要意义\t夯实执政基础\t三农问题\n存在的问题\t人才短缺\t缺人\n对策\t加强培训\t培训\n对策\t下放权力\t放权\n"
    src = _csv(tmp_path, "乡村.tsv", text, "gbk")
    out = tmp_path / "d.yaml"
    assert cli.main(["import", str(src), "-o", str(out), "--name", "乡村振兴", "--topic", "推进乡村振兴"]) == 0
    deck = decks.load(out)
    assert deck.name == "乡村振兴" and deck.topics[0].title == "推进乡村振兴"
    assert [(s.kind, s.heading, [p.head for p in s.points]) for s in deck.topics[0].sections] == [
        (SectionKind.SIGNIFICANCE, "重要意义", ["夯实执政基础"]),
        (SectionKind.PROBLEMS, "存在的问题", ["人才短缺"]),
        (SectionKind.COUNTERMEASURES, "对策", ["加强培训", "下放权力"]),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("甲,乙\n丙,丁,戊\n", ":2: 3 columns, but the file has 2"),
        ("a,b,c,d\n", ":1: 4 columns"),
        ("section,head,body\n对策,,空\n", ":2: empty head"),
        ("\n\n", "no rows to import"),
    ],
    ids=["too-wide", "four-columns", "empty-head", "empty"],
)
def test_bad_csv_names_file_and_line(tmp_path: Path, text: str, message: str, capsys):
    src = _csv(tmp_path, "bad.csv", text)
    out = tmp_path / "d.yaml"
    assert cli.main(["import", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{src}" in err and message in err
    assert not out.exists()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("x.apkg", b"not a zip", "not an Anki package"),
    ("x.docx", b"", "cannot import this file type"),
    ("missing.csv", None, "no such file"),
])  # fmt: skip
def test_bad_files_are_refused(tmp_path: Path, name: str, data: bytes | None, message: str, capsys):
    src = tmp_path / name
    if data is not None:
        src.write_bytes(data)
    assert cli.main(["import", str(src), "-o", str(tmp_path / "d.yaml")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "d.yaml").exists()


def test_duplicate_heads_are_skipped_with_a_warning(tmp_path: Path, capsys):
    src = _csv(tmp_path, "dup.csv", "甲,一\n甲,二\n")
    assert cli.main(["import", str(src), "-o", str(tmp_path / "d.yaml")]) == 0
    assert "line 2: duplicate of an earlier point (甲)" in capsys.readouterr().err
    assert [p.body for _, _, p in decks.load(tmp_path / "d.yaml").points()] == ["一"]


def test_import_refuses_a_deck_name_another_deck_file_already_has(tmp_path: Path, _isolated_home: Path, capsys):
    """Importing a trainer export of a deck kept as 基层治理.yaml would write 申论要点.yaml beside it:
    two files, one deck name, and every later sync would stop. The import says so and writes nothing."""
    own = _isolated_home / "decks" / "基层治理.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    decks.save(rich_deck(), own)
    assert cli.main(["sync"]) == 0
    apkg = tmp_path / "x.apkg"
    assert cli.main(["export", "--apkg", str(apkg), "--deck", "申论要点"]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(apkg)]) == 2
    err = capsys.readouterr().err
    assert "申论要点" in err and str(own) in err and "--name" in err and "Traceback" not in err
    assert sorted(p.name for p in own.parent.iterdir()) == ["基层治理.yaml"]
    assert cli.main(["import", str(apkg), "--name", "申论要点（导入）"]) == 0
    assert cli.main(["sync"]) == 0


def test_importing_a_document_says_to_build_it(tmp_path: Path, capsys):
    """A .txt of prose (a web page copied into a file) is not a table: import points to `trainer build`."""
    src = tmp_path / "基层治理.txt"
    src.write_text(
        "首页 > 申论范文 > 正文\n推进基层治理现代化\n一、存在的问题\n1、人才队伍不完善。便民服务中心人员紧缺。\n"
        "2、权力下放不到位。群众办事“多次跑”。\n发布时间：2024-05-01\n",
        encoding="utf-8",
    )
    assert cli.main(["import", str(src), "-o", str(tmp_path / "d.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"trainer: error: {src}") and "trainer build" in err
    assert not (tmp_path / "d.yaml").exists()
