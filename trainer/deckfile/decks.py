"""Deck files: YAML text <-> typed Deck, with file and line in every error; no database, no UI."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from trainer.core import built as builtmod
from trainer.core.built import Built
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.core.safetext import clean_deck, may_need_cleaning
from trainer.deckfile import layout as decklayout
from trainer.deckfile.fsutil import atomic_write, read_bytes
from trainer.deckfile.yamlsubset import LineDict, fast_load
from trainer.errors import DeckError

# Real decks are tens of kilobytes; one this big is the wrong file and would flood the daily queue.
MAX_DECK_BYTES = 5_000_000

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_LineDict = LineDict

# The key under which a deck file keeps what the builder last produced (`trainer.core.built`).
BUILT_KEY = "built"
_BUILT_LINE = re.compile(rf"^{BUILT_KEY}:", re.M)


def _line(mapping: dict[str, Any]) -> int:
    return getattr(mapping, "line", 0)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """yaml.safe_load that remembers the line of every mapping (safe: no Python object tags)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        keys: set[object] = set()
        for key_node, _ in node.value:  # a key said twice would silently keep only its last value
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in keys:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice in one mapping", key_node.start_mark
                )
            keys.add(key)
        mapping = _LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time is an alias (`*a`) or a merge (`<<: *a`): refused, so a few lines
        # of anchors cannot expand into millions of points (a "billion laughs" deck).
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) and merge keys are not allowed in deck files", node.start_mark
            )
        return super().construct_object(node, deep=deep)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def loads(text: str, *, path: str = "<deck>") -> Deck:
    """Parse deck YAML text into a Deck.

    A valid deck laid out as `dumps` writes it is read by `layout` (4–8x faster than PyYAML's C loader
    at 1k–20k points, measured with the collector paused as sync runs: `python -m benchmarks.deck_readers`);
    other block-style YAML by `yamlsubset.fast_load` (2.6–3x faster); anything else by PyYAML's C loader
    with line tracking. All three give the same deck, with every point's line.

    Raises:
        DeckError: invalid YAML, a tag that would build an object, or a value of the wrong shape.
    """
    deck = _read_layout(text, path)
    if deck is None:
        data = fast_load(text)
        deck = _deck_from_data(_parse(text, path, _LineLoader) if data is None else data, path)
    # Deck text is data: terminal control codes (raw or written as YAML escapes) never get past here.
    if not may_need_cleaning(text):
        return deck
    deck = clean_deck(deck)
    _check_not_blank(deck, path)
    return deck


def _check_not_blank(deck: Deck, path: str) -> None:
    """A name, title, heading or head that was only control codes is empty once cleaned: refused as an
    empty one is (a card asking for nothing)."""
    blank = "is only control codes (nothing a person could read)"
    if not deck.name.strip():
        raise DeckError(f"the deck's `deck` {blank}", path=path, line=1)
    for t in deck.topics:
        for s in t.sections:
            first = (s.points[0].line or None) if s.points else None
            if not t.title.strip():
                raise DeckError(f"a topic's `title` {blank}", path=path, line=first)
            if not s.heading.strip():
                raise DeckError(f"a section's `heading` {blank}", path=path, line=first)
            for p in s.points:
                if not p.head.strip():
                    raise DeckError(f"a point's `head` {blank}", path=path, line=p.line or None)


def _read_layout(text: str, path: str) -> Deck | None:
    """The deck, when `text` is a valid deck laid out as `dumps` writes it; else None."""
    at = decklayout.topics_at(text)
    if at is None:
        return None
    header = fast_load(text[:at])
    if header is None or "topics" in header:
        return None
    # `dumps` writes the last build's outline after the topics, as the one key there.
    tail = _BUILT_LINE.search(text, at)
    if tail is not None:
        built = fast_load(text[tail.start() :])
        if built is None or set(built) != {BUILT_KEY} or BUILT_KEY in header:
            return None
        header[BUILT_KEY] = built[BUILT_KEY]
        text = text[: tail.start()]
    topics = decklayout.read_topics(text, at)
    if topics is None:
        return None
    data = LineDict(header, topics=[])
    data.line = header.line
    try:
        deck = _deck_from_data(data, path)
    except DeckError:
        return None  # read the general way, which reports it
    return replace(deck, topics=topics)


def _parse(text: str, path: str, loader: Any) -> Any:
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DeckError(f"invalid YAML: {exc.problem or exc}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"invalid YAML: {exc}", path=path) from None
    except RecursionError:
        raise DeckError("invalid deck: lists or mappings nested too deeply", path=path) from None


def load(path: Path) -> Deck:
    """Read and parse a deck file."""
    data = read_bytes(path, DeckError, limit=MAX_DECK_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeckError(f"deck files must be UTF-8 ({exc.reason} at byte {exc.start})", path=path) from None
    return loads(text, path=str(path))


_EXPECTED: dict[type, str] = {str: "a non-empty text", list: "a list"}


def _need(mapping: dict[str, Any], key: str, kind: type, path: str, what: str) -> Any:
    value: Any = mapping.get(key)
    if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # `head: 2024` is a text to the learner
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        expected = _EXPECTED.get(kind, kind.__name__)
        raise DeckError(f"{what} needs `{key}`: {expected}", path=path, line=_line(mapping))
    return value


def _mapping(value: Any, path: str, what: str, line: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DeckError(f"each {what} must be a mapping of keys", path=path, line=line)
    return value


def _deck_from_data(data: Any, path: str) -> Deck:
    if not isinstance(data, dict):
        raise DeckError("a deck must be a mapping with `deck` and `topics`", path=path, line=1)
    name = _need(data, "deck", str, path, "the deck")
    sources = data.get("source") or []
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise DeckError("`source` must be a text or a list of texts", path=path, line=_line(data))
    seen: dict[str, int] = {}
    topics = []
    for t in _need(data, "topics", list, path, "the deck"):
        t = _mapping(t, path, "topic", _line(data))
        title = _need(t, "title", str, path, "a topic")
        sections = []
        for s in _need(t, "sections", list, path, f"topic {title!r}"):
            s = _mapping(s, path, "section", _line(t))
            raw_kind = _need(s, "kind", str, path, "a section")
            try:
                kind = SectionKind(raw_kind)
            except ValueError:
                allowed = ", ".join(k.value for k in SectionKind)
                raise DeckError(
                    f"unknown section kind {raw_kind!r} (use one of: {allowed})", path=path, line=_line(s)
                ) from None
            heading = str(s.get("heading") or kind.value)
            points = []
            for p in _need(s, "points", list, path, f"section {heading!r}"):
                p = _mapping(p, path, "point", _line(s))
                line = _line(p)
                head = _need(p, "head", str, path, "a point").strip()
                pid = str(p.get("id") or point_id(title, kind, head))
                if pid in seen:
                    raise DeckError(
                        f"duplicate point id {pid!r} (first used at line {seen[pid]})", path=path, line=_line(p)
                    )
                seen[pid] = line
                body = p.get("body") or ""
                if not isinstance(body, str):
                    raise DeckError("a point's `body` must be text", path=path, line=_line(p))
                points.append(
                    Point(id=pid, head=head, body=body.strip(), long_head=bool(p.get("long_head")), line=line)
                )
            sections.append(Section(kind=kind, heading=heading, points=tuple(points)))
        topics.append(Topic(title=title, sections=tuple(sections), subtitle=str(t.get("subtitle") or "")))
    known = {"deck", "source", "topics"}
    settings = {k: v for k, v in data.items() if k not in known}
    return Deck(name=name, topics=tuple(topics), sources=tuple(sources), settings=settings)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def to_data(deck: Deck) -> dict[str, Any]:
    """The deck as plain data in the file's key order."""
    data: dict[str, Any] = {"deck": deck.name}
    if deck.sources:
        data["source"] = deck.sources[0] if len(deck.sources) == 1 else list(deck.sources)
    data.update((k, v) for k, v in deck.settings.items() if k != BUILT_KEY)
    topics = []
    for t in deck.topics:
        topic: dict[str, Any] = {"title": t.title}
        if t.subtitle:
            topic["subtitle"] = t.subtitle
        sections = []
        for s in t.sections:
            points = []
            for p in s.points:
                point: dict[str, Any] = {"id": p.id, "head": p.head, "body": p.body}
                if p.long_head:
                    point["long_head"] = True
                points.append(point)
            sections.append({"kind": s.kind.value, "heading": s.heading, "points": points})
        topic["sections"] = sections
        topics.append(topic)
    data["topics"] = topics
    if BUILT_KEY in deck.settings:
        data[BUILT_KEY] = deck.settings[BUILT_KEY]
    return data


def built_of(deck: Deck) -> Built | None:
    """The outline of the deck's last build, kept in its file; None when it has none (or a broken one)."""
    return builtmod.loads(deck.settings.get(BUILT_KEY))


def with_built(deck: Deck, built: Built) -> Deck:
    """The deck with the outline of its last build, to be written in its file."""
    return replace(deck, settings={**deck.settings, BUILT_KEY: builtmod.dumps(built)})


def dumps(deck: Deck) -> str:
    """The deck as YAML text, deterministic for the same deck."""
    text: str = yaml.dump(to_data(deck), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return text


def encode(deck: Deck, path: Path) -> bytes:
    """The deck file's bytes, refused when `load` would refuse them: one size contract for every writer.

    Raises:
        DeckError: the file would be over `MAX_DECK_BYTES`.
    """
    data = dumps(deck).encode("utf-8")
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(
            f"the deck would be {len(data) / 1e6:.1f} MB, over the {MAX_DECK_BYTES / 1e6:g} MB a deck file may"
            " hold; nothing was written (build it from fewer documents, in several decks)",
            path=path,
        )
    return data


def save(deck: Deck, path: Path) -> None:
    """Write a deck file atomically (temp file + rename), never one larger than `load` reads."""
    atomic_write(Path(path), encode(deck, Path(path)))
