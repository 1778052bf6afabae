"""Property tests of `trainer build` end to end: any text, in any encoding we read, saved to a file.

tests/test_parse_property.py checks `parse_document` on text; these go one step out, through the file,
the decoder and the command line: a deck is written with every head found in the input, or the command
exits 2 with one message and writes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_parse_property import FRAGMENTS, _squash
from trainer.cli import main
from trainer.core.safetext import clean_text
from trainer.deckfile import decks
from trainer.errors import DocumentError
from trainer.parse.normalize import display_text
from trainer.services.library import build_deck

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]
texts = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "ignore")


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(ENCODINGS))
def test_build_from_a_file_never_crashes_and_heads_come_from_the_input(text: str, encoding: str) -> None:
    try:
        data = _encode(text, encoding)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be saved in a file at all
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.txt"
        doc.write_bytes(data)
        try:
            deck = build_deck([doc])
        except DocumentError as exc:
            assert exc.path == str(doc)
            return
    # Control characters are dropped where text enters (`clean_text`), so heads come from the text without them.
    shown = _squash(display_text(clean_text(data.decode(encoding, errors="replace").lstrip("\ufeff"))))
    assert deck.topics
    for _topic, _section, point in deck.points():
        assert point.head.strip()
        assert _squash(point.head) in shown, point.head


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8", errors="ignore")))
def test_build_command_exits_0_with_a_deck_or_2_with_nothing_written(
    data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        doc, out = Path(tmp) / "doc.txt", Path(tmp) / "deck.yaml"
        doc.write_bytes(data)
        capsys.readouterr()
        code = main(["build", str(doc), "-o", str(out)])
        err = capsys.readouterr().err
        assert code in (0, 2)
        assert "Traceback" not in err
        if code == 2:
            assert err.startswith(f"trainer: error: {doc}") and err.count("\n") == 1, err
            assert sorted(p.name for p in Path(tmp).iterdir()) == ["doc.txt"]
        else:
            assert decks.load(out).points()
