"""The one error family of trainer: every expected failure is a TrainerError with a message for the user."""

from __future__ import annotations


class TrainerError(Exception):
    """An expected failure. The CLI prints `str(error)` to stderr and exits with code 2.

    Args:
        message: What went wrong, for a person to read.
        path: The file involved, if any.
        line: The 1-based line in that file, if known.
    """

    def __init__(self, message: str, *, path: object | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class DocumentError(TrainerError):
    """A source document cannot be read or holds nothing to build a deck from."""


class DeckError(TrainerError):
    """A deck file is not valid YAML or not of the deck shape."""


class StoreError(TrainerError):
    """The database cannot be opened, migrated or written."""


class StaleCardError(StoreError):
    """Cards whose points no longer give them (a deck file edited by hand, a point edited in the app).

    Args:
        message: What went wrong, for a person to read.
        card_ids: The cards that cannot be shown (empty when only the key is known).
        keys: Their card keys.
    """

    def __init__(self, message: str, *, card_ids: tuple[int, ...] = (), keys: tuple[str, ...] = ()) -> None:
        self.card_ids = card_ids
        self.keys = keys
        super().__init__(message)


class ChangedElsewhereError(StoreError):
    """An answer refused because its card was answered or changed meanwhile by another process.

    Args:
        message: What went wrong, for a person to read.
        card_id: The card.
    """

    def __init__(self, message: str, *, card_id: int) -> None:
        self.card_id = card_id
        super().__init__(message)


class ConfigError(TrainerError):
    """A configuration value or file is invalid."""
