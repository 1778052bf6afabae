"""Decoding document bytes, and refusing what is not a text document."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from trainer.errors import DocumentError
from trainer.parse import decode, parse_document, parse_with_notes

TEXT = "优化营商环境\r\n存在问题\r\n1．审批环节多。办事仍需多次跑。\r\n2、政策落实难。最后一公里梗阻。\n"

ENCODED = [
    ("utf8", TEXT.encode("utf-8")),
    ("utf8_bom", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gb18030")),
    ("gbk", TEXT.encode("gbk")),
    ("gb2312", TEXT.encode("gb2312")),
    ("utf16le_bom", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf16be_bom", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf16le_nobom", TEXT.encode("utf-16-le")),
    ("utf16be_nobom", TEXT.encode("utf-16-be")),
    ("utf32le_bom", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
]


@pytest.mark.parametrize(("label", "data"), ENCODED, ids=[e[0] for e in ENCODED])
def test_decode(label: str, data: bytes) -> None:
    assert decode(data, source=f"{label}.txt") == TEXT


@pytest.mark.parametrize(("label", "data"), ENCODED, ids=[e[0] for e in ENCODED])
def test_decoded_bytes_parse_alike(label: str, data: bytes) -> None:
    deck = parse_document(decode(data), source=label)
    assert [p.head for _, _, p in deck.points()] == ["审批环节多", "政策落实难"]


LINE_ENDINGS = [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r"), ("mixed", None)]


@pytest.mark.parametrize(("label", "eol"), LINE_ENDINGS, ids=[e[0] for e in LINE_ENDINGS])
def test_line_endings_keep_line_numbers(label: str, eol: str | None) -> None:
    lines = ["政务公开", "", "存在问题", "1. 公开不及时。信息滞后。", "2. 解读不到位。流于形式。"]
    if eol is None:
        text = "政务公开\r\n\r存在问题\n1. 公开不及时。信息滞后。\r\n2. 解读不到位。流于形式。"
    else:
        text = eol.join(lines) + eol
    deck = parse_document(text, source=label)
    assert [(p.head, p.line) for _, _, p in deck.points()] == [("公开不及时", 4), ("解读不到位", 5)]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
REFUSED = [
    ("empty", b"", "empty"),
    ("spaces", b"   \n\t \r\n  ", "empty"),
    ("utf8_bom_only_spaces", codecs.BOM_UTF8 + b"  \n", "empty"),
    ("png", PNG, "PNG"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "zip"),
    ("nul_bytes", b"abc\x00\x01\x02\xff\xfe\x00\x00\x03binary\x00", "binary"),
    ("control_chars", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary"),
]


@pytest.mark.parametrize(("label", "data", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_decode_refuses(label: str, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as caught:
        decode(data, source=f"docs/{label}.txt")
    assert caught.value.path == f"docs/{label}.txt"


NOTHING = [
    ("empty", ""),
    ("whitespace", " \n\u3000\n\t"),
    ("noise_only", "当前位置 首页 > 公文范文 >\n发布时间:2023-06-15 浏览数:\n"),
    ("heading_without_points", "# 标题\n## 存在问题\n近年来问题依然存在。"),
    ("one_inline_marker", "标题\n一方面，这只是一句话。"),
]


@pytest.mark.parametrize(("label", "text"), NOTHING, ids=[n[0] for n in NOTHING])
def test_parse_refuses_documents_without_points(label: str, text: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(text, source=f"{label}.md")
    assert caught.value.path == f"{label}.md"
    assert "empty" in str(caught.value) or "no numbered points or sections" in str(caught.value)


def test_prose_without_a_list_gives_its_paragraphs_as_points() -> None:
    """Never nothing (issue 12): prose gives one section of kind other, noted with a low confidence."""
    text = "关于基层治理的思考\n近年来，基层治理取得了显著成效。我们要持续推进改革。\n\n减负要减到实处，不能以文件落实文件。"
    deck, notes = parse_with_notes(text, source="prose.txt")
    assert [(str(s.kind), [p.head for p in s.points]) for t in deck.topics for s in t.sections] == [
        ("other", ["近年来，基层治理取得了显著成效", "减负要减到实处，不能以文件落实文件"])
    ]
    assert deck.name == "关于基层治理的思考"
    assert len(notes) == 1 and notes[0].low and "no list" in notes[0].why


def test_a_short_document_copied_from_a_terminal_is_text_and_its_codes_are_dropped(tmp_path: Path) -> None:
    # A title sequence (ESC ] … BEL) and colour codes: four control characters in a short page, which a
    # count of bare control characters took for a binary file.
    from trainer.services.library import build_deck

    path = tmp_path / "term.txt"
    path.write_bytes(
        "\x1b]0;笔记\x07优化营商环境\n\x1b[1m一、存在的问题\x1b[0m\n1.审批事项多。\n2.收费名目乱。\n".encode()
    )
    deck = build_deck([path])
    heads = [p.head for t in deck.topics for s in t.sections for p in s.points]
    assert heads == ["审批事项多", "收费名目乱"]
    texts = [deck.name, *heads, *(s.heading for t in deck.topics for s in t.sections)]
    assert not any(c in text for text in texts for c in "\x1b\x07")


@pytest.mark.parametrize("tail", ["\x01\x02\x03\x04", "\x1b\x01\x1b\x02\x1b\x03"])
def test_bare_control_characters_still_mark_a_binary_file(tail: str) -> None:
    with pytest.raises(DocumentError, match="looks binary"):
        decode(("一、问题\n1.审批多。" + tail).encode(), source="x.bin")
