"""Decoding a document's bytes to text (UTF-8, UTF-16, GB18030/GBK) and refusing binaries; no parsing."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from trainer.core.safetext import stray_controls
from trainer.errors import DocumentError

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file (copy its text into a .txt file)"),
    (b"PK\x03\x04", "a zip/Office file (save it as plain text)"),
    (b"\xd0\xcf\x11\xe0", "an Office file (save it as plain text)"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF file (save it as plain text)"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ACCEPTED = ("gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_16_le", "utf_16_be", "utf_8", "hz")


def _fail(message: str, source: str) -> DocumentError:
    return DocumentError(message, path=source or None)


def _plausible(text: str) -> float:
    """Share of characters a Chinese text document is made of (ASCII, CJK, punctuation)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            0x20 <= o < 0x7F
            or ch in "\t\n\r"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0x2460 <= o <= 0x24FF
            or 0x2600 <= o <= 0x26FF
        ):
            good += 1
    return good / len(text)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads like a Chinese document.

    Newlines and ASCII decode to themselves only in the right order (`\n` read backwards is
    U+0A00), so the wrong order scores low.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _try(data, encoding)
        score = _plausible(text) if text is not None else 0.0
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.9 else None


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise _fail("the document is empty", source)
    if stray_controls(text) > max(2, len(text) // 100):
        raise _fail("the document looks binary, not text", source)
    return text


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, *, source: str = "") -> str:
    """Bytes to text: a BOM first, then strict UTF-8, then UTF-16 by its NUL pattern, then GB18030
    (which covers GBK and GB2312), then charset-normalizer's best guess.

    Raises:
        DocumentError: The bytes are empty, blank, binary (an image, a PDF, NULs) or undecodable.
    """
    if not data.strip():
        raise _fail("the document is empty", source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _fail(f"this is {what}, not a text document", source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom) :], encoding)
            if text is None:
                raise _fail(f"the document is not valid {encoding}", source)
            return _check_text(text, source)
    text = _try(data, "utf-8")
    if text is None and b"\x00" in data:
        guess = _utf16_guess(data)
        text = _try(data, guess) if guess else None
    if text is None and b"\x00" in data:
        raise _fail("the document looks binary, not text (it holds NUL bytes)", source)
    if text is None:
        text = _try(data, "gb18030")
    if text is None:
        best = from_bytes(data).best()
        if best is not None and best.encoding in _ACCEPTED:
            text = str(best)
    if text is None:
        line = _first_non_utf8_line(data)
        if line > 1:  # UTF-8 up to here, something else after: a file pasted together from two sources
            raise DocumentError(
                "mixed encodings: the text is UTF-8 up to this line but not from here on (save it all as UTF-8)",
                path=source or None,
                line=line,
            )
        raise _fail("cannot tell the document's encoding (try saving it as UTF-8)", source)
    return _check_text(text, source)


def _first_non_utf8_line(data: bytes) -> int:
    """The 1-based line holding the first byte that is not UTF-8 (1 when there is none)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return 1
