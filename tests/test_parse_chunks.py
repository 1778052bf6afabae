"""Chunk numbers found by their shape (`trainer.parse.chunks`): a fixed-length cut, never a list of even items."""

from __future__ import annotations

from trainer.parse.chunks import unchunk
from trainer.parse.normalize import split_lines

SENTENCE = "坚持问题导向，把群众反映强烈的事项作为改进工作的重点，逐项列出清单、明确时限、压实责任"  # 43 characters


def _cut(text: str, size: int) -> str:
    return "".join(f"{n}、{text[i : i + size]}\n" for n, i in enumerate(range(0, len(text), size), start=1))


def test_a_text_cut_at_one_length_loses_its_chunk_numbers() -> None:
    text = "。".join([SENTENCE] * 12) + "。"  # 527 characters: chunks of 240, 240 and the 47 left
    lines = unchunk(split_lines(_cut(text, 240)))
    assert "".join(line.key for line in lines) == text


def test_numbered_items_all_of_one_length_stay_numbered() -> None:
    # Items as long and as even as chunks, the last as long as the others: a list, not a cut.
    items = "".join(f"{n}、{SENTENCE}，{SENTENCE}，{SENTENCE}，{SENTENCE}，{SENTENCE}\n" for n in range(1, 5))
    lines = unchunk(split_lines(items))
    assert [line.key[:2] for line in lines if line.key] == ["1、", "2、", "3、", "4、"]


def test_even_chunks_that_end_on_a_stop_each_time_are_a_list() -> None:
    # Two long, even items and a short last, every one ending a sentence: nothing was cut mid-sentence.
    text = f"1、{SENTENCE * 5}。\n2、{SENTENCE * 5}。\n3、{SENTENCE}。\n"
    lines = unchunk(split_lines(text))
    assert [line.key[:2] for line in lines if line.key] == ["1、", "2、", "3、"]
