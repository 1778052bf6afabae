"""Who wrote a document: lone bylines of personal names and an author's affiliation; no structure."""

from __future__ import annotations

import re

from trainer.parse.normalize import Line
from trainer.parse.vocab import is_heading_phrase

_INSTITUTIONS = r"大学|学院|党校|研究院|研究所|研究中心|社科院|社会科学院|报刊社|编辑部|委员会|作者单位"
_NAMED = re.compile(_INSTITUTIONS)
# `…研究院 北京 100190`, `…学院，哈尔滨 150040;`, `…党校 417000`: the city set apart, or the institution, before it
_POSTCODE_END = re.compile(rf"(?:[\s,，][\u4e00-\u9fff]{{2,4}}\s?|(?:{_INSTITUTIONS})\s?)\d{{6}}\s*[；;,，。.]?$")
_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
AFFILIATION_MAX = 60
LISTED_MAX = 160  # affiliations numbered in one bracket, each with its postcode
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "岳柴樊乔邢祝霍聂赖阎倪庞詹翟耿殷葛"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐")


def is_affiliation(line: Line) -> bool:
    """True for an author's affiliation in brackets: `(中共山西省委党校 报刊社,太原 030006)`."""
    return affiliation(line.key)


def affiliation(folded: str) -> bool:
    """An affiliation in brackets (`(中共山西省委党校 报刊社,太原 030006)`, several numbered in one with their
    postcodes), or on a line of its own ending on its city's postcode (`2. 中国科学院…研究院 北京 100190`)."""
    key = folded.strip()
    if key.startswith(("（", "[")) and key.endswith(("）", "]")):
        most = LISTED_MAX if _POSTCODE.search(key) else AFFILIATION_MAX
        return len(key) <= most and bool(_NAMED.search(key) or _POSTCODE.search(key))
    return len(key) <= AFFILIATION_MAX and bool(_POSTCODE_END.search(key)) and bool(_NAMED.search(key))


# A newspaper sets its byline behind a mark (`■ 朱海波`, `□ 张三 李四`); a mark before a heading word
# (`■ 方法`) is a heading's.
_BYLINE_MARK = re.compile(r"^[□◎■●○◇◆☆★▲△▪]\s*")


NAMES_MAX = 20
_NAME_LIST = re.compile(r"[、，,;；]")  # the parts are stripped: no `\s*` around it (linear)
_SPACED_NAME = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,2}$")  # `卢 霞`: a short name spaced out


def _names(key: str) -> list[str]:
    """The names of a byline: split at commas, then at spaces, except inside a name a journal spaces
    out to the width of a three-character one (`卢 霞，张 恒，陈兴源`, `吴 菁 李 锐 杨华磊`: beside a whole
    name, a lone surname and the lone character after it are one name; `王 敏 李 强` alone is no list)."""
    names: list[str] = []
    for part in _NAME_LIST.split(key):
        part = part.strip()
        if _SPACED_NAME.match(part):
            names.append(part.replace(" ", ""))
            continue
        words = [n for n in re.split(r"[ ·]+", part) if n]
        spread = any(len(w) > 1 for w in words)  # a whole name beside them: the single characters are spaced names
        while words:
            pair = spread and len(words) > 1 and len(words[0]) == len(words[1]) == 1 and words[0] in _SURNAMES
            names.append(words[0] + words[1] if pair else words[0])
            words = words[2:] if pair else words[1:]
    return names


# A pen name signing a post beside the author's name: two to three characters, no word a heading or a claim
# is made of (`乡村振兴 张三` names a subject).
_PEN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}(?<![的之性化度])$")


def is_person_name(line: Line) -> bool:
    """True for a lone byline of one to three Chinese personal names (`王亚峰`, `张三 李四`, `■ 朱海波`)."""
    key = line.key.strip()
    marked = _BYLINE_MARK.match(key)
    if marked:
        key = key[marked.end() :]
        if is_heading_phrase(key):
            return False
    if not key or len(key) > NAMES_MAX:
        return False
    names = _names(key)
    if not names or len(names) > 3 + ("，" in key or "、" in key):
        return False
    if len(names) == 2 and " " in key and not marked and _PEN_NAME.match(names[0]) and not is_heading_phrase(names[0]):
        names = names[1:]  # `百草客 张学勤`: a pen name before the author's own, as a blog signs a post
    for name in names:
        if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return False
        if name[0] not in _SURNAMES and not name.startswith(_COMPOUND_SURNAMES):
            return False
    return True
