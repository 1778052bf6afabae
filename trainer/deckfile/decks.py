"""Deck files: YAML text <-> typed Deck, with file and line in every error; no database, no UI."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.deckfile import layout as decklayout
from trainer.deckfile.fsutil import atomic_write, read_bytes
from trainer.deckfile.yamlsubset import LineDict, fast_load
from trainer.errors import DeckError

# Real decks are tens of kilobytes; one this big is the wrong file and would flood the daily queue.
MAX_DECK_BYTES = 5_000_000

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


_LineDict = LineDict


def _line(mapping: dict[str, Any]) -> int:
    return getattr(mapping, "line", 0)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """yaml.safe_load that remembers the line of every mapping (safe: no Python object tags)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        mapping = _LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def loads(text: str, *, path: str = "<deck>") -> Deck:
    """Parse deck YAML text into a Deck.

    A valid deck laid out as `dumps` writes it is read by `decklayout` (25x faster than PyYAML); other
    block-style YAML by `deckyaml.fast_load` (5x faster); anything else by PyYAML's C loader with line
    tracking. All three give the same deck, with every point's line.

    Raises:
        DeckError: invalid YAML, a tag that would build an object, or a value of the wrong shape.
    """
    deck = _read_layout(text, path)
    if deck is not None:
        return deck
    data = fast_load(text)
    return _deck_from_data(_parse(text, path, _LineLoader) if data is None else data, path)


def _read_layout(text: str, path: str) -> Deck | None:
    """The deck, when `text` is a valid deck laid out as `dumps` writes it; else None."""
    at = decklayout.topics_at(text)
    if at is None:
        return None
    header = fast_load(text[:at])
    if header is None or "topics" in header:
        return None
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
    data.update(deck.settings)
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
    return data


def dumps(deck: Deck) -> str:
    """The deck as YAML text, deterministic for the same deck."""
    text: str = yaml.dump(to_data(deck), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    return text


def save(deck: Deck, path: Path) -> None:
    """Write a deck file atomically (temp file + rename)."""
    atomic_write(Path(path), dumps(deck).encode("utf-8"))
