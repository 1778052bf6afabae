"""Finding a document's title and dropping its web noise (banners, bylines, footers); no structure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.core.model import normalize_key
from trainer.parse.markers import match_line
from trainer.parse.noise import (
    ends_terminal,
    is_affiliation,
    is_footer,
    is_genre_line,
    is_noise,
    is_page_number,
    is_person_name,
    is_subtitle_line,
    split_title,
    without_running_header,
)
from trainer.parse.normalize import Line
from trainer.parse.paragraphs import BARRIER, is_start_line
from trainer.parse.vocab import is_heading_phrase

_H1 = re.compile(r"^#\s++((?:\s*+[^\s#]++|\s*+#++)+?)\s*+#*+$")  # linear: lazy by whole runs, possessive
TITLE_MAX = 80
_TRAILING_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}$")  # `留守老人的调查报告1`: a version or page number
TITLED_PHRASE_MIN = 8  # a section-vocabulary first line this long with prose under it is a title
TITLE_WINDOW = 4  # a title sits within this many content lines of the top
_BYLINE_WINDOW = 4  # bylines sit within this many lines after the title


@dataclass(frozen=True, slots=True)
class Preamble:
    """The document title (may be empty), its subtitle, and the content lines after noise removal."""

    title: str
    subtitle: str
    lines: list[Line]


def _barrier(line: Line) -> Line:
    """A blank in place of a dropped line keeps the lines around it from being joined across it."""
    return Line("", "", line.lineno, BARRIER)


# `作者：公考老司机`: the byline names the author; the same name alone on a line is a byline too.
_AUTHOR = re.compile(r"(?:^|\s)(?:作者|文|撰文|撰稿|来源)\s*[：:/|]\s*([^\s|，,：:]{2,12})")


def _strip_noise(lines: list[Line]) -> list[Line]:
    kept: list[Line] = []
    seen_content = False
    authors = {m.group(1) for line in lines for m in _AUTHOR.finditer(line.key[:80])}
    for line in lines:
        if not line.key:
            kept.append(line)
            continue
        if seen_content and is_footer(line):
            break
        if is_page_number(line):
            continue  # gone without a trace: the sentence it cut runs on across it
        line = without_running_header(line)
        if is_noise(line) or line.key.strip() in authors:
            kept.append(_barrier(line))
            continue
        seen_content = True
        kept.append(line)
    return kept


# `该【X】是由…上传分享`, `《X.docx》由会员分享`, a line `X.docx`: a document site quoting the title.
_QUOTED_TITLE = re.compile(r"[【《]\s*([^【】《》]{4,40}?)(?:\.(?:docx?|pdf|txt|pptx?|wps))?\s*[】》]")
_FILE_NAME = re.compile(r"^\s*([^【】《》]{4,40}?)\.(?:docx?|pdf|txt|pptx?|wps)\s*$")


def _quoted_titles(lines: list[Line]) -> set[str]:
    """Titles a document site's notes or file-name lines near the top quote (before noise is dropped)."""
    quoted = set()
    for line in [line for line in lines if line.key][: 3 * TITLE_WINDOW]:
        name = _FILE_NAME.match(line.key)
        if name:
            quoted.add(normalize_key(name.group(1)))
        elif len(line.key) > TITLE_MAX:
            quoted.update(normalize_key(m.group(1)) for m in _QUOTED_TITLE.finditer(line.key))
    return quoted


def _quoted_title(lines: list[Line], content: list[int], quoted: set[str]) -> tuple[int, str] | None:
    """The line near the top that a site's note quotes as the document's title, when there is one."""
    for i in content[: 2 * TITLE_WINDOW]:
        if len(lines[i].key) <= TITLE_MAX and normalize_key(lines[i].key) in quoted:
            return i, lines[i].text
    return None


def _find_title(lines: list[Line], quoted: set[str]) -> tuple[int, str] | None:
    content = [i for i, line in enumerate(lines) if line.key]
    if len(content) < 2:
        return None
    found = _quoted_title(lines, content, quoted)
    if found is not None:
        return found
    first = lines[content[0]]
    h1s = [i for i in content if _H1.match(lines[i].key)]
    m = _H1.match(first.key)
    if m:
        return (content[0], first.text[m.start(1) : m.end(1)]) if len(h1s) == 1 else None
    if first.key.startswith("#"):
        return None
    if is_start_line(first):
        return _symbol_title(lines, content)
    later = _past_site_lines(lines, content)
    if later is not None:
        return later
    if is_genre_line(first.key) or is_person_name(first):
        return None  # a site's name or a byline, with no title under it
    if len(first.key) > TITLE_MAX or first.key.endswith("。") or ends_terminal(first.key.rstrip("？?！!")):
        return None
    if is_heading_phrase(first.key) or is_heading_phrase(first.key.strip("【】〖〗[] ")):
        # `存在问题` over a list heads a section; `基层存在的问题和不足` over prose names the document.
        nxt = lines[content[1]]
        if is_start_line(nxt) or _title_like(nxt):
            return None
        if len(first.key) < TITLED_PHRASE_MIN:
            return None
    return content[0], first.text


def _title_like(line: Line) -> bool:
    key = line.key
    return (
        len(key) <= TITLE_MAX
        and not ends_terminal(key.rstrip("？?！!"))
        and not is_start_line(line)
        and not is_heading_phrase(key)
    )


def _past_site_lines(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """The title after the lines a site or a byline puts above it (`申论范文`, `何艺轩，王郁芳`): the
    next title-like line among the first few, when there is one."""
    skipped = 0
    for i in content[:TITLE_WINDOW]:
        line = lines[i]
        if is_genre_line(line.key) or is_person_name(line) or line.key.isascii():
            skipped += 1
            continue
        if skipped and _title_like(line):
            return i, line.text
        return None
    return None


def _symbol_title(lines: list[Line], content: list[int]) -> tuple[int, str] | None:
    """`■ 新时代“枫桥经验”与基层社会治理` over `■ 重要意义`, `■ 对策`: the first symbol line is the title
    when it names no section and every other line with that symbol does."""
    first = lines[content[0]]
    marker = match_line(first.key)
    if marker is None or not marker.style.startswith("sym"):
        return None
    text = first.key[marker.end :]
    if not text or len(text) > TITLE_MAX or ends_terminal(text) or is_heading_phrase(text):
        return None
    others = [lines[i].key for i in content[1:] if lines[i].key[:1] == first.key[0]]
    if not others or not all(is_heading_phrase(k[1:].strip()) for k in others):
        return None
    return content[0], first.text[marker.end :]


def read_preamble(lines: list[Line]) -> Preamble:
    """Drop noise and footers, take the title line off, and drop the byline that follows it."""
    quoted = _quoted_titles(lines)
    lines = _strip_noise(lines)
    found = _find_title(lines, quoted)
    if found is None:
        return Preamble("", "", lines)
    index, raw_title = found
    following = {normalize_key(line.key) for line in lines[index + 1 : index + 1 + _BYLINE_WINDOW] if line.key}
    unnumbered = _TRAILING_NUMBER.sub("", raw_title)
    if unnumbered != raw_title and normalize_key(unnumbered) in following:
        raw_title = unnumbered  # `…自查问题清单1` over `…自查问题清单`: a page number glued on
    title, subtitle = split_title(raw_title)
    title_keys = {normalize_key(raw_title), normalize_key(title)}
    rest: list[Line] = []
    seen = 0
    for line in lines[index + 1 :]:
        if not line.key:
            rest.append(line)
            continue
        seen += 1
        near = seen <= _BYLINE_WINDOW
        if near and is_subtitle_line(line.key) and not subtitle:
            subtitle = split_title(line.text.strip("—- "))[0]
        elif not (
            (len(line.key) <= len(raw_title) + 4 and normalize_key(_TRAILING_NUMBER.sub("", line.key)) in title_keys)
            or (near and (is_person_name(line) or is_affiliation(line)))
        ):
            rest.append(line)
            continue
        rest.append(_barrier(line))
    return Preamble(title, subtitle, rest)
