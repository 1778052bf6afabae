"""The database schema as typed SQLAlchemy models; no queries, and changes go through Alembic migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from trainer.sched.state import Queue
from trainer.store.types import EpochMillis, Hundredths, UTCDateTime

__all__ = [
    "Base",
    "CardResetRow",
    "CardRow",
    "CardStateRow",
    "DayCardRow",
    "DayCountRow",
    "DayMarkRow",
    "DeckRow",
    "NoteRow",
    "Queue",
    "ReviewLogRow",
]


class Base(DeclarativeBase):
    pass


class DeckRow(Base):
    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    path: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    scheduler: Mapped[str] = mapped_column(String(16), default="sm2")
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class NoteRow(Base):
    """A point of a deck (a note, in Anki's words)."""

    __tablename__ = "notes"
    __table_args__ = (
        UniqueConstraint("deck_id", "key"),
        Index("ix_notes_section", "deck_id", "section_key"),
        # 0006: a topic's sections, to find the pair cards a problems list takes part in.
        Index("ix_notes_topic", "deck_id", "topic"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id"))
    key: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(Text)
    section_key: Mapped[str] = mapped_column(String(32))
    section_kind: Mapped[str] = mapped_column(String(16))
    heading: Mapped[str] = mapped_column(Text)
    ord: Mapped[int] = mapped_column(Integer)
    head: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    long_head: Mapped[bool] = mapped_column(Boolean, default=False)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class CardRow(Base):
    __tablename__ = "cards"
    # 0003: cards by section, for the home screen's topic counts (a grouped read of every card).
    __table_args__ = (UniqueConstraint("deck_id", "key"), Index("ix_cards_section", "deck_id", "section_key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id"))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    section_key: Mapped[str] = mapped_column(String(32))
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class CardStateRow(Base):
    """The schedule of one card. `due_day` is a day number (date.toordinal() of the study day)."""

    __tablename__ = "card_state"
    __table_args__ = (
        Index("ix_card_state_due", "deck_id", "queue", "due_day"),
        # 0003: new cards in document order, for the day's new-card pick (partial: new cards only).
        Index(
            "ix_card_state_new",
            "deck_id",
            "new_ord",
            sqlite_where=text("queue = 0"),
            postgresql_where=text("queue = 0"),
        ),
    )

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    deck_id: Mapped[int] = mapped_column(Integer)
    queue: Mapped[int] = mapped_column(Integer, default=Queue.NEW)
    due_day: Mapped[int] = mapped_column(Integer, default=0)
    new_ord: Mapped[int] = mapped_column(Integer, default=0)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    # 0003: ease in hundredths, times in epoch milliseconds (compact on disk; floats and aware datetimes here).
    ease: Mapped[float] = mapped_column(Hundredths, default=2.5)
    interval: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    last_review: Mapped[datetime | None] = mapped_column(EpochMillis, nullable=True)
    # 0002: FSRS memory state (None for SM-2 decks and new cards).
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    # 0005: the study day a buried card was buried (None unless buried); the next day gives it back.
    aside_day: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReviewLogRow(Base):
    """One answer, never updated; the source of truth that `trainer db replay` rebuilds state from."""

    __tablename__ = "review_log"
    # 0003: (card_id) alone serves "a card's answers in order", as every index entry ends with the rowid (id).
    __table_args__ = (Index("ix_review_log_card", "card_id"), Index("ix_review_log_day", "day"))

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    reviewed_at: Mapped[datetime] = mapped_column(EpochMillis)
    day: Mapped[int] = mapped_column(Integer)
    quality: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    queue_before: Mapped[int] = mapped_column(Integer)
    reps_before: Mapped[int] = mapped_column(Integer)
    ease_before: Mapped[float] = mapped_column(Hundredths)
    interval_before: Mapped[int] = mapped_column(Integer)
    due_before: Mapped[int] = mapped_column(Integer)
    lapses_before: Mapped[int] = mapped_column(Integer)
    queue_after: Mapped[int] = mapped_column(Integer)
    reps_after: Mapped[int] = mapped_column(Integer)
    ease_after: Mapped[float] = mapped_column(Hundredths)
    interval_after: Mapped[int] = mapped_column(Integer)
    due_after: Mapped[int] = mapped_column(Integer)
    lapses_after: Mapped[int] = mapped_column(Integer)
    # 0002: the policy the answer was scheduled with, so `trainer db replay` can repeat it exactly.
    repeat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    scheduler: Mapped[str] = mapped_column(String(8), default="sm2", server_default="sm2")
    exam_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fuzz: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # 0006: exam mode's target recall in percent (NULL: the exam date only capped intervals).
    exam_target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    leech_before: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    leech_after: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    stability_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty_before: Mapped[float | None] = mapped_column(Float, nullable=True)
    stability_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty_after: Mapped[float | None] = mapped_column(Float, nullable=True)
    # 0006: the list card this answer was given through (a point graded in a list review), else None.
    via_card_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # 0010: exam mode planned the answer by its point's memory (every card of the point), not its card's own.
    point_memory: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class DayCardRow(Base):
    """A card answered on a recent study day (today and yesterday only): a summary of the review log
    that the day's plan reads instead of the day's log rows (see `trainer.store.day_summaries`)."""

    __tablename__ = "day_cards"
    # 0004: clustered by day on SQLite; the section index finds siblings answered today.
    __table_args__ = (
        Index("ix_day_cards_section", "day", "deck_id", "section_key"),
        # The day's pending repeats (last grade below 4), oldest first.
        Index(
            "ix_day_cards_pending",
            "day",
            "first_log_id",
            sqlite_where=text("last_quality < 4"),
            postgresql_where=text("last_quality < 4"),
        ),
        {"sqlite_with_rowid": False},
    )

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    card_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    deck_id: Mapped[int] = mapped_column(Integer)
    section_key: Mapped[str] = mapped_column(String(32))
    point: Mapped[str] = mapped_column(String(64))
    first_log_id: Mapped[int] = mapped_column(Integer)
    last_quality: Mapped[int] = mapped_column(Integer)


class DayCountRow(Base):
    """New cards started and reviews done per deck on a recent study day (first answers only)."""

    __tablename__ = "day_counts"
    __table_args__ = ({"sqlite_with_rowid": False},)

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    deck_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    new_done: Mapped[int] = mapped_column(Integer, default=0)
    reviews_done: Mapped[int] = mapped_column(Integer, default=0)


class DayMarkRow(Base):
    """How far `day_cards`/`day_counts` have read the review log: the highest log id folded in, the
    first day they hold, and the streak. No row: nothing folded yet (or an undo asked for a rebuild)."""

    __tablename__ = "day_mark"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    log_id: Mapped[int] = mapped_column(Integer)
    since_day: Mapped[int] = mapped_column(Integer)
    # The newest study day with an answer, and the first day of the run of days with answers ending
    # there (the streak), as of `log_id`.
    last_day: Mapped[int] = mapped_column(Integer)
    run_from: Mapped[int] = mapped_column(Integer)


class CardResetRow(Base):
    """0007: a schedule the learner set by hand in the card browser (forget, reschedule): the state it
    gave, at a moment, so `trainer db replay` applies it between the card's answers."""

    __tablename__ = "card_reset"
    __table_args__ = (Index("ix_card_reset_card", "card_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    at: Mapped[datetime] = mapped_column(EpochMillis)
    day: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # forget | reschedule
    queue: Mapped[int] = mapped_column(Integer)
    due_day: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    ease: Mapped[float] = mapped_column(Hundredths)
    interval: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
