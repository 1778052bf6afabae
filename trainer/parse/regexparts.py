"""A regular expression's parts, read from its text: string work only, no parsing decisions."""

from __future__ import annotations


def alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives: split at each `|` outside a group and a character class."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1  # an escaped character is never a bar, bracket or parenthesis
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if pattern.startswith("[^", i) else 0
            i += 1 if pattern.startswith("]", i + 1) else 0  # `[]…]`: a leading `]` is a member
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]
