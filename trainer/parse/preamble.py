"""Finding a document's title and dropping its web noise (banners, bylines, footers); no structure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.core.model import normalize_key
from trainer.parse.bylines import is_affiliation, is_person_name
from trainer.parse.contents import contents_lines, form_lines
from trainer.parse.markers import match_line
from trainer.parse.noise import (
    ends_terminal,
    font_size_lines,
    has_title_label,
    is_footer,
    is_genre_line,
    is_noise,
    is_page_number,
    is_subtitle_line,
    menu_lines,
    series_name,
    split_title,
    without_running_header,
)
from trainer.parse.normalize import Line
from trainer.parse.pages import running_lines
from trainer.parse.paragraphs import is_start_line
from trainer.parse.sitelines import (
    SITE_NAME,
    app_name,
    bare_genre,
    metadata_box,
    over_metadata,
    over_viewer,
    own_title_below,
    past_site_lines,
    site_column,
    site_word,
    title_form_below,
    title_like,
)
from trainer.parse.titlelines import (
    barrier,
    broken_sentence,
    continued_title,
    first_of_alike,
    glued_title,
    lone_chapter,
    lone_piece_label,
    lone_symbol,
    own_title_under,
    piece_named,
    piece_title,
    run_in,
    run_into_text,
    said_again,
    symbol_title,
    without_marker,
    year_rejoined,
)
from trainer.parse.titles import (
    CRUMB_TITLE_MIN,
    FILE_NAME,
    NAMED_TITLES,
    PART_LABEL,
    QUOTED_TITLE,
    TITLE_MAX,
    TITLE_WINDOW,
    TITLED_PHRASE_MIN,
    body_after,
    bracket_title,
    crumb_title,
    forwarded_title,
    names_subject,
    path_leaf,
    path_root,
    undecorated,
    undoubled,
    within,
    without_keyword,
)
from trainer.parse.vocab import is_heading_phrase

_HASHTAG = re.compile(r"^#([^#\s][^#]{2,38}[^#\s])#$")  # a post's topic between two `#`
_H1 = re.compile(r"^#\s++((?:\s*+[^\s#]++|\s*+#++)+?)\s*+#*+$")  # linear: lazy by whole runs, possessive
_TRAILING_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}$")  # `留守老人的调查报告1`: a version or page number
_BYLINE_WINDOW = 4  # bylines sit within this many lines after the title
TITLE_PART_MIN = 8  # a line this long that opens the title, under it, is a copy of it a page break cut


@dataclass(frozen=True, slots=True)
class Preamble:
    """The document title (may be empty), its subtitle, and the content lines after noise removal."""

    title: str
    subtitle: str
    lines: list[Line]
    name: str = ""  # the deck's name, when more than the title: a subtitle said on the title's line


# `作者：公考老司机`: the byline names the author; the same name alone on a line is a byline too.
_AUTHOR = re.compile(r"(?:^|\s)(?:作者|文|撰文|撰稿|来源)\s*[：:/|]\s*([^\s|，,：:]{2,12})")


_FOOTER_LABEL_MAX = 12  # a footer's label this short over the page is a site's label (`- 相关推荐`)


def _strip_noise(lines: list[Line], footers: bool = True) -> list[Line]:
    kept: list[Line] = []
    seen_content = False
    authors = {m.group(1) for line in lines for m in _AUTHOR.finditer(line.key[:80])}
    running = running_lines(lines)
    menu = menu_lines(lines) | font_size_lines(lines)  # a site's menu, a font-size control: one item a line
    first = next((n for n, line in enumerate(lines) if line.key), -1)
    said_once: set[str] = set()
    past_labels = False
    for n, line in enumerate(lines):
        if not line.key:
            kept.append(line)
            continue
        if n in menu:
            kept.append(barrier(line))
            continue
        if footers and is_footer(line):
            if seen_content:
                break
            if len(line.key) <= _FOOTER_LABEL_MAX:
                kept.append(barrier(line))
                continue
        if is_page_number(line):
            continue  # gone without a trace: the sentence it cut runs on across it
        line = without_running_header(line)
        # a copy's running header said first, above all its text (a genre's label may stand over it:
        # `调研报告`), is its title: each page repeats it
        key = line.key.strip()
        header = key in running and n != first and (past_labels or key in said_once)
        said_once.add(key)
        if is_noise(line) or line.key.strip() in authors or header:
            kept.append(barrier(line))
            continue
        past_labels = past_labels or not bare_genre(key)
        seen_content = True
        kept.append(line)
    return kept


CLOSING_NOTES = 2  # the last lines searched for a site's note naming the document


def _quoted_titles(lines: list[Line]) -> tuple[set[str], str]:
    """Titles a document site's notes, metadata rows or file-name lines near the top quote (before
    noise is dropped), and the first such title as written (the title when no line gives one)."""
    quoted: set[str] = set()
    named = ""
    said = [line for line in lines if line.key]
    # A site's note to its reader may close the page too (`以上内容基于您的标题“X”撰写`).
    for line in said[: 3 * TITLE_WINDOW] + said[max(3 * TITLE_WINDOW, len(said) - CLOSING_NOTES) :]:
        name = FILE_NAME.match(line.key)
        if name:
            quoted.add(normalize_key(name.group(1)))
            named = named or line.text[name.start(1) : name.end(1)].strip()
            continue
        for rx in NAMED_TITLES:
            m = rx.search(line.key)
            if m:
                quoted.add(normalize_key(m.group(1)))
                title = line.text[m.start(1) : m.end(1)].strip().rstrip("？?")
                # A metadata row names the document for sure; a site's note only when nothing else does.
                named = title if rx is NAMED_TITLES[-1] else (named or title)
        if len(line.key) > TITLE_MAX:
            quoted.update(normalize_key(m.group(1)) for m in QUOTED_TITLE.finditer(line.key))
    return quoted, named


def _metadata_title(lines: list[Line]) -> str:
    for line in [line for line in lines if line.key][: 3 * TITLE_WINDOW]:
        m = NAMED_TITLES[-1].search(line.key)
        if m:
            return line.text[m.start(1) : m.end(1)].strip()
    return ""


def _quoted_title(lines: list[Line], content: list[int], quoted: set[str]) -> tuple[int, str] | None:
    """The line near the top that a site's note quotes as the document's title, when there is one."""
    for i in content[: 2 * TITLE_WINDOW]:
        if len(lines[i].key) <= TITLE_MAX and normalize_key(lines[i].key) in quoted:
            return i, lines[i].text
    for i in content[: 2 * TITLE_WINDOW]:  # `2025年议…的存在问题…` quoted over `议…存在问题…`: its own words
        key = normalize_key(lines[i].key)
        if any(QUOTE_NEAR_MIN <= len(key) < len(q) <= len(key) + QUOTE_NEAR_MAX and within(key, q) for q in quoted):
            return i, lines[i].text
    return None


QUOTE_NEAR_MIN, QUOTE_NEAR_MAX = 8, 6  # a title line this long, a site's quote at most this much longer


def _find_title(lines: list[Line], quoted: set[str], site_names: set[str]) -> tuple[int, str] | None:
    content = [i for i, line in enumerate(lines) if line.key]
    if content and (said := said_again(lines, content)):
        return said  # `X X X为推进…`: a flattened page's title, said again and again
    if len(content) < 2:
        return glued_title(lines, content) if content else None  # a page copied as one line, title first
    found = _quoted_title(lines, content, quoted)
    if found is not None:
        return found
    box = metadata_box(lines, content)  # an information box's rows set as a list over the page
    if box and len(content) - box >= 2:
        content = content[box:]
    first = lines[content[0]]
    h1s = [i for i in content if _H1.match(lines[i].key)]
    m = _H1.match(first.key)
    if m:
        return (content[0], first.text[m.start(1) : m.end(1)]) if len(h1s) == 1 else None
    hashtag = _HASHTAG.match(first.key)
    if hashtag:
        return content[0], first.text[hashtag.start(1) : hashtag.end(1)]  # `#话题#`: a post's topic names it
    if first.key.startswith("#"):
        return None
    if lone_chapter(lines, content):
        return content[0], first.text  # `第一章 …` and no other chapter: the document is that chapter
    if glued := glued_title(lines, content):
        return glued
    if is_start_line(first):
        if not lone_symbol(lines, content):
            return symbol_title(lines, content)
        # `🔥 申论素材 | 数字政府建设的意义与路径`: a decoration no other line has, before the title.
        first = without_marker(first)
    later = past_site_lines(lines, content, site_names)
    if later is not None:
        return later
    if (
        is_genre_line(first.key)
        or is_person_name(first)
        or SITE_NAME.match(first.key.strip())
        or app_name(first, body_after(lines, content[0]))
    ):
        return None  # a site's name, a byline or an app's name (`一起答`), with no title under it
    if (
        len(first.key) > TITLE_MAX
        or first.key.endswith(("。", "：", ":"))
        or ends_terminal(first.key.rstrip("？?！!"))
        or "。" in first.key
    ):
        # a sentence or a lead-in, not a title; or a flattened page's title run into its text
        return forwarded_title(lines, content) or run_into_text(lines, content)
    if _PREFACE.match(first.key):
        return None
    if has_title_label(first.key):
        return content[0], first.text  # `申论素材 | …的意义与路径`: a labelled title, whatever it names
    if broken_sentence(lines, content) or first_of_alike(lines, content):
        return None
    numbered = _SECTION_NUMBER.match(first.key)
    if numbered and is_heading_phrase(first.key[numbered.end() :]):
        return None  # `01 重要意义`: the first section's number and heading
    if is_heading_phrase(first.key) or is_heading_phrase(first.key.strip("【】〖〗[] ")):
        # `存在问题` over a list heads a section; `基层存在的问题和不足` over prose names the document.
        nxt = lines[content[1]]
        # `传承非遗的意义` over 首先…其次…: a phrase naming its subject, and no other heading of its
        # kind below it, names the document; beside `…的问题` and `…的对策` below, it heads a section.
        subject = "的" in first.key[2:] and not any(
            lines[i].key != first.key and is_heading_phrase(lines[i].key) for i in content[1:]
        )
        if not subject and (is_start_line(nxt) or title_like(nxt)) and not _over_numbered_headings(lines, content):
            return None
        if not subject and len(first.key) < TITLED_PHRASE_MIN:
            return None
    return content[0], first.text


_SECTION_STYLES = frozenset({"cn_dun", "di_label"})  # `一、`, `第一部分`: how a document numbers its sections


def _over_numbered_headings(lines: list[Line], content: list[int]) -> bool:
    """True when a first line with no number stands over headings numbered as siblings
    (`如何看待…？` over `一、存在问题` … `二、对策建议`): it is their document's title, not one of them."""
    for i in content[1:]:
        marker = match_line(lines[i].key)
        if marker is not None and marker.style in _SECTION_STYLES and is_heading_phrase(lines[i].key[marker.end :]):
            return True
    return False


_SECTION_NUMBER = re.compile(r"^(?:part\s*)?\d{1,2}\s*[|｜/]?\s+", re.I)
_PREFACE = PART_LABEL  # `引言`, `前言：…`, `正文`: the label of a document's part, not its title


def read_preamble(lines: list[Line], footers: bool = True) -> Preamble:
    """Drop noise and footers (`footers`: cut the text at the first), take the title line off, and drop the
    byline that follows it."""
    lines = year_rejoined(lines)  # `2021` / `年在…的讲话`: one title
    quoted, named = _quoted_titles(lines)
    quoted |= over_metadata(lines)  # the line over the page's publishing row (`来源：… 发布时间：…`)
    # What the site's lines at the top call the document (`留守老人的调查报告5篇 …`), as titles.
    banners = {normalize_key(split_title(line.text)[0]) for line in lines[: 4 * TITLE_WINDOW] if line.key}
    from_row = _metadata_title(lines)
    # `大学校园网 > 社会实践 > …`: the root of a breadcrumb at the top is the site's name, never a title.
    # and a short leaf of a breadcrumb (`您所在的位置：政务公开 > 工作报告`) names the column, said again over the title
    site_names = {path_root(line.key) for line in lines[: 4 * TITLE_WINDOW] if line.key} - {""}
    site_names |= {leaf for line in lines[: 4 * TITLE_WINDOW] if len(leaf := path_leaf(line.key)) < CRUMB_TITLE_MIN}
    named = named or crumb_title(lines)  # `当前位置：首页 > … > X` over a text that names X again
    listing = over_viewer(lines)  # the first line, over a document site's viewer: the site's listing
    lines = _strip_noise(lines, footers)
    piece = lone_piece_label(lines)
    label = lines[piece].text if piece >= 0 else ""
    for i in contents_lines(lines) | form_lines(lines) | {piece} - {-1}:
        lines[i] = barrier(lines[i])  # a table of contents (its headings come again below), a form's blanks
    found = piece_title(lines, piece)
    label = "" if found else label  # the piece's own title under its label names it
    found = found or _find_title(lines, quoted, site_names)
    if found is not None and found[0] == listing:
        found = own_title_below(lines, listing) or found
    if found is not None:
        found = title_form_below(lines, found[0]) or found  # `申论范文评析：X` over `X`: X
        found = own_title_under(lines, *found) or found  # `X暨…PPT模板` over `X`: X
    if found is not None and from_row and normalize_key(found[1]) != normalize_key(from_row):
        found = None  # a metadata row (`文件名称 | X |`) names the document; a guessed line does not
    if found is None:
        # No line titles the document; a site's note may still name it, or the first paragraph may
        # open with it in brackets (`【如何做到文化自信】文化自信是…`). A byline or a site's genre line at
        # the top names no topic either (`李小敏 劉釩` over a paper's abstract, `申论范文` over an essay).
        content = [i for i, line in enumerate(lines) if line.key][:TITLE_WINDOW]
        for i in content:
            if (
                is_person_name(lines[i])
                or site_column(lines[i])
                or SITE_NAME.search(lines[i].key)
                or (
                    site_word(lines[i], body_after(lines, i))
                    and not any(is_start_line(lines[j]) for j in content if j < i)
                )
            ):
                lines[i] = barrier(lines[i])
        if named:
            return Preamble(split_title(undoubled(without_keyword(named)))[0], "", lines)
        return _bracketed(lines)
    index, raw_title = found
    lines = run_in(lines, index, raw_title)  # a flattened page's title run into its text: two lines
    raw_title = undoubled(without_keyword(continued_title(lines, index, raw_title)))
    following = {normalize_key(line.key) for line in lines[index + 1 : index + 1 + _BYLINE_WINDOW] if line.key}
    unnumbered = _TRAILING_NUMBER.sub("", raw_title)
    if unnumbered != raw_title and normalize_key(unnumbered) in following | banners:
        raw_title = unnumbered  # `…自查问题清单1` over `…自查问题清单`: a page number glued on
    title, subtitle = split_title(undecorated(raw_title))
    title = undecorated(title)  # `X_第1页`, `X篇1`: the page's or the piece's number is no part of it
    title = piece_named(label, title) or title  # `2023年X(优质10篇)` over its one piece `X篇一`: X
    # `…的现状研究——以惠州市为例` on one line is the document's whole name (a subtitle's line under it is
    # not; nor words that run on into the text, `——以…为例，`)
    name = f"{title}——{subtitle}" if subtitle and not subtitle.endswith(("，", ",", "、", "；", ";")) else ""
    name = name or series_name(undecorated(raw_title), title)  # `申论指导：X`: the topic X, the deck all
    title_keys = {normalize_key(raw_title), normalize_key(title)}
    rest: list[Line] = []
    seen = 0
    whole = normalize_key(raw_title)
    broken = ""  # the rest of a title copy a page break cut (`北京提出…交通拥` / `堵(通用版)`)
    for line in lines[index + 1 :]:
        if not line.key:
            rest.append(line)
            continue
        seen += 1
        near = seen <= _BYLINE_WINDOW
        key = normalize_key(line.key)
        cut = near and len(key) >= TITLE_PART_MIN and len(key) < len(whole) and whole.startswith(key)
        if near and is_subtitle_line(line.key) and not subtitle:
            subtitle = split_title(line.text.strip("—- "))[0]
        elif not (
            (len(line.key) <= len(raw_title) + 4 and _copy_key(line.key) in title_keys)
            or (near and (is_person_name(line) or is_affiliation(line) or site_column(line)))
            or cut
            or (broken and key == broken)
        ):
            broken = ""
            rest.append(line)
            continue
        broken = whole[len(key) :] if cut else ""
        rest.append(barrier(line))
    return Preamble(title, subtitle, rest, name)


def _copy_key(key: str) -> str:
    """A line's key as a copy of the title would give it (`X_第2页`, `X1` → `X`)."""
    return normalize_key(_TRAILING_NUMBER.sub("", undecorated(key)))


def _bracketed(lines: list[Line]) -> Preamble:
    """The title a first paragraph opens with in brackets, the paragraph kept without it; else no title."""
    for i, line in enumerate(lines):
        if not line.key:
            continue
        title = bracket_title(line.key)
        if not title or (is_heading_phrase(title) and not names_subject(title)):
            break
        end = len(title) + 2
        lines = [*lines[:i], Line(line.text[end:], line.key[end:], line.lineno, line.indent), *lines[i + 1 :]]
        return Preamble(split_title(undecorated(title))[0], "", lines)
    return Preamble("", "", lines)
