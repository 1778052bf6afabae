"""Bytes-per-card study (issue 7): rebuild a trainer database in candidate compact layouts and measure each.

An experiment, not the app's schema: each layout is built with plain SQL from the given database (attached
read-only, never written) into a fresh file under --out, VACUUMed, then broken down per table and index with
dbstat. It also checks on the data which review-log columns the other columns determine.

    python -m benchmarks.bytes_study /path/to/copy.db [--out DIR] [--only NAME ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
import zlib
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

CARD_KINDS = {"head": 0, "overlap": 1, "list": 2, "pair": 3, "slogan": 4, "cloze": 5}
SECTION_KINDS = {"significance": 0, "problems": 1, "countermeasures": 2, "achievements": 3, "other": 4}
EPOCH_2020_S = 1_577_836_800  # 2020-01-01T00:00Z: times in whole seconds since then fit 4 bytes until 2088
DAY_2020 = date(2020, 1, 1).toordinal()
NEW_EASE = 250  # INITIAL_EASE_X100: the ease of a card never answered


@dataclass(frozen=True)
class Layout:
    """One candidate layout; every field names a choice the build below knows."""

    name: str
    what: str
    log: str = "orig"  # orig | slim (no *_before, packed flags) | tight (slim with narrower values, no due_day)
    days: str = "index"  # index (ix_review_log_day) | table (per-day row: first log id, counts)
    # index (ix_review_log_card) | clustered (WITHOUT ROWID) | chain (prev id per row, last id per card)
    # | last (last id per card only; undo takes the before state from the session)
    by_card: str = "index"
    cards: str = "orig"  # orig (cards + card_state) | merged (one row, integer key parts)
    notes: str = "orig"  # orig | sections (topics/sections tables, integer keys)
    body: str = "text"  # text | zlib_note | zlib_section (needs notes=sections)
    encoding: str = "UTF-8"
    page_size: int = 4096
    auto_vacuum: str = "NONE"
    real_reps: bool = False  # give log rows the reps count a real history has (synthetic rows hold 0)
    recent_index: bool = False  # partial index on cards (last_review): today's answered cards, for a clustered log


ORIG = Layout("0 as built", "VACUUMed copy of the benchmark database")
SLIM = replace(ORIG, log="slim")
BEST = Layout("best", "", log="tight", days="table", by_card="chain", cards="merged", notes="sections")
LAYOUTS = [
    ORIG,
    replace(SLIM, name="1 slim log", what="review_log: no *_before, flags in one int, scheduler NULL=sm2"),
    replace(ORIG, name="2 day table", what="ix_review_log_day → log_days(day, first_id, counts)", days="table"),
    replace(ORIG, name="3 clustered", what="review_log WITHOUT ROWID (card_id, id)", by_card="clustered"),
    replace(ORIG, name="3' chain", what="ix_review_log_card → prev id per row + last id per card", by_card="chain"),
    replace(ORIG, name="4 merged cards", what="cards+card_state one row, key (note, kind, part)", cards="merged"),
    replace(ORIG, name="5 sections", what="topic/heading → sections, 8-byte int keys", notes="sections"),
    replace(ORIG, name="6 UTF-16", what="same schema, UTF-16le text", encoding="UTF-16le"),
    replace(ORIG, name="7a page 16k", what="page_size 16384", page_size=16384),
    replace(ORIG, name="7b auto_vacuum", what="auto_vacuum=INCREMENTAL", auto_vacuum="INCREMENTAL"),
    replace(SLIM, name="1+2", what="slim log, day table", days="table"),
    replace(SLIM, name="1+3", what="slim log clustered (card_id, id), day counts", by_card="clustered", days="table"),
    replace(SLIM, name="1+3 day index", what="slim log clustered (card_id, id), index on day", by_card="clustered"),
    replace(SLIM, name="1+2+3'", what="slim log, day table, prev chain", days="table", by_card="chain"),
    replace(SLIM, name="1+2+3'+4", what="+ merged cards", days="table", by_card="chain", cards="merged"),
    replace(BEST, name="1-5", what="+ sections/int keys", log="slim"),
    replace(BEST, name="1-5 +3", what="1-5 with clustered log instead of chain", log="slim", by_card="clustered"),
    replace(BEST, name="1-5 tight", what="+ tight log values (s since 2020, ds, no due_day, policy id)"),
    replace(BEST, name="1-6", what="+ UTF-16", encoding="UTF-16le"),
    replace(
        BEST,
        name="1-6 real reps",
        what="1-6 with reps in log rows as a real history has",
        encoding="UTF-16le",
        real_reps=True,
    ),
    replace(
        BEST,
        name="1-6 last only",
        what="1-6, no prev column (undo from the session)",
        encoding="UTF-16le",
        by_card="last",
    ),
    replace(
        BEST,
        name="1-6 clustered",
        what="1-6, clustered log + recent-cards index instead of chain",
        encoding="UTF-16le",
        by_card="clustered",
        recent_index=True,
    ),
    replace(
        BEST,
        name="1-6 cl. p16k",
        what="1-6 clustered at page_size 16384",
        encoding="UTF-16le",
        by_card="clustered",
        recent_index=True,
        page_size=16384,
    ),
    replace(
        BEST,
        name="1-5 zsect cl.",
        what="1-5 clustered, bodies zlib'd per section",
        by_card="clustered",
        recent_index=True,
        body="zlib_section",
    ),
    replace(
        BEST,
        name="1-6 last p16k",
        what="1-6 last only at page_size 16384",
        encoding="UTF-16le",
        by_card="last",
        page_size=16384,
    ),
    replace(
        BEST,
        name="1-5 zsect last",
        what="1-5 last only, bodies zlib'd per section, page_size 16384",
        by_card="last",
        body="zlib_section",
        page_size=16384,
    ),
    replace(BEST, name="1-5 zlib note", what="1-5 tight, each body zlib'd (UTF-8)", body="zlib_note"),
    replace(BEST, name="1-5 zlib sect", what="1-5 tight, bodies zlib'd per section (UTF-8)", body="zlib_section"),
    replace(BEST, name="1-6 p8k", what="1-6 at page_size 8192", encoding="UTF-16le", page_size=8192),
    replace(BEST, name="1-6 p16k", what="1-6 at page_size 16384", encoding="UTF-16le", page_size=16384),
    replace(BEST, name="1-6 p64k", what="1-6 at page_size 65536", encoding="UTF-16le", page_size=65536),
]


def hexint(text: str | None) -> int | None:
    """A hex key as a signed 64-bit integer (12 hex digits are 48 bits), None when it is not hex."""
    try:
        value = int(text or "", 16)
    except ValueError:
        return None
    return value - (1 << 64) if value >= 1 << 63 else value


def card_part(key: str, kind: str) -> int:
    """The third key part as an integer: the paired section, the slogan/cloze hash, the list's section."""
    parts = key.split(":")
    if kind == "list":
        return hexint(parts[0]) or 0
    return hexint(parts[2]) or 0 if len(parts) > 2 else 0


class ZJoin:
    """Aggregate: a section's bodies in point order, joined by U+001F and zlib-compressed."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []

    def step(self, ordinal: int, body: str) -> None:
        self.items.append((ordinal, body))

    def finalize(self) -> bytes:
        return zlib.compress("\x1f".join(b for _, b in sorted(self.items)).encode("utf-8"), 9)


def connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None, uri=True)
    con.create_function("hexint", 1, hexint, deterministic=True)
    con.create_function("card_part", 2, card_part, deterministic=True)
    con.create_function("card_kind", 1, lambda k: CARD_KINDS.get(k, 9), deterministic=True)
    con.create_function("section_kind", 1, lambda k: SECTION_KINDS.get(k, 9), deterministic=True)
    con.create_function("zbody", 1, lambda b: zlib.compress(b.encode("utf-8"), 9), deterministic=True)
    con.create_aggregate("zjoin", 2, ZJoin)
    return con


def run(con: sqlite3.Connection, script: str) -> None:
    """Each statement of a script in turn (executescript would commit and needs no parameters anyway)."""
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def copy_original(con: sqlite3.Connection, *tables: str) -> None:
    """Tables with their original DDL, rows and indexes."""
    for table in tables:
        con.execute(con.execute("SELECT sql FROM src.sqlite_master WHERE name = ?", (table,)).fetchone()[0])
        con.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
        for (sql,) in con.execute(
            "SELECT sql FROM src.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        ).fetchall():
            con.execute(sql)


def build_log(con: sqlite3.Connection, lay: Layout) -> None:
    if lay.log == "orig":
        if lay.by_card == "clustered":
            ddl = con.execute("SELECT sql FROM src.sqlite_master WHERE name = 'review_log'").fetchone()[0]
            ddl = ddl.replace("PRIMARY KEY (id)", "PRIMARY KEY (card_id, id)").rstrip() + " WITHOUT ROWID"
            con.execute(ddl)
            con.execute("INSERT INTO main.review_log SELECT * FROM src.review_log ORDER BY card_id, id")
            if lay.days == "index":
                con.execute("CREATE INDEX ix_review_log_day ON review_log (day)")
        else:
            copy_original(con, "review_log")
            if lay.by_card != "index":
                con.execute("DROP INDEX main.ix_review_log_card")
            if lay.days != "index":
                con.execute("DROP INDEX main.ix_review_log_day")
        if lay.by_card == "chain":  # the synthetic ids already follow each card's answers in order
            con.execute("ALTER TABLE main.review_log ADD COLUMN prev INTEGER")
            set_prev(con)
    else:
        tight = lay.log == "tight"
        # Log ids in time order, as the app's append-only log has them (the synthetic one is card by card).
        cols: list[tuple[str, str]] = [
            ("id INTEGER PRIMARY KEY", "row_number() OVER (ORDER BY l.reviewed_at, l.id)"),
            ("card_id INTEGER NOT NULL", "l.card_id"),
        ]
        if tight:
            cols += [
                ("at INTEGER NOT NULL", f"l.reviewed_at / 1000 - {EPOCH_2020_S}"),  # seconds since 2020
                ("day_off INTEGER NOT NULL", f"l.day - {DAY_2020} - (l.reviewed_at / 1000 - {EPOCH_2020_S}) / 86400"),
                # quality | repeat | leech after | first answer (queue before was NEW) | suspended after
                (
                    "qf INTEGER NOT NULL",
                    "l.quality | l.repeat << 3 | l.leech_after << 4 | (l.queue_before = 0) << 5"
                    " | (l.queue_after = -1) << 6",
                ),
                ("dur INTEGER NOT NULL", "(l.duration_ms + 50) / 100"),  # tenths of a second
                # NULL for the default policy (sm2, no fuzz, no exam day), else a row of the small policies table
                (
                    "policy INTEGER",
                    "(SELECT p.id FROM policies p WHERE p.scheduler = l.scheduler AND p.fuzz = l.fuzz"
                    " AND p.exam_day IS l.exam_day)",
                ),
                ("reps INTEGER NOT NULL", "l.reps_after"),
                ("ease INTEGER NOT NULL", f"l.ease_after - {NEW_EASE}"),
                ("interval INTEGER NOT NULL", "l.interval_after"),
                ("lapses INTEGER NOT NULL", "l.lapses_after"),
                ("stability INTEGER", "round(l.stability_after * 100)"),
                ("difficulty INTEGER", "round(l.difficulty_after * 100)"),
            ]
        else:
            cols += [
                ("reviewed_at INTEGER NOT NULL", "l.reviewed_at"),
                ("day INTEGER NOT NULL", "l.day"),
                ("quality INTEGER NOT NULL", "l.quality"),
                ("duration_ms INTEGER NOT NULL", "l.duration_ms"),
                ("queue INTEGER NOT NULL", "l.queue_after"),
                ("reps INTEGER NOT NULL", "l.reps_after"),
                ("ease INTEGER NOT NULL", "l.ease_after"),
                ("interval INTEGER NOT NULL", "l.interval_after"),
                ("due_day INTEGER NOT NULL", "l.due_after"),
                ("lapses INTEGER NOT NULL", "l.lapses_after"),
                # repeat | fuzz | leech after | first answer (queue before was NEW)
                ("flags INTEGER NOT NULL", "l.repeat | l.fuzz << 1 | l.leech_after << 2 | (l.queue_before = 0) << 3"),
                ("scheduler INTEGER", "CASE l.scheduler WHEN 'sm2' THEN NULL WHEN 'fsrs' THEN 1 ELSE 2 END"),
                ("exam_day INTEGER", "l.exam_day"),
                ("stability REAL", "l.stability_after"),
                ("difficulty REAL", "l.difficulty_after"),
            ]
        if lay.real_reps:  # reps after an answer in a history of passes: 1, 2, 3, ...
            cols = [
                (d, "row_number() OVER (PARTITION BY l.card_id ORDER BY l.id)" if d.startswith("reps ") else e)
                for d, e in cols
            ]
        if lay.by_card == "chain":
            cols.append(("prev INTEGER", "NULL"))
        if tight:
            con.execute(
                "CREATE TABLE policies (id INTEGER PRIMARY KEY, scheduler TEXT, fuzz INTEGER, exam_day INTEGER)"
            )
            con.execute(
                "INSERT INTO policies (scheduler, fuzz, exam_day) SELECT DISTINCT scheduler, fuzz, exam_day"
                " FROM src.review_log WHERE NOT (scheduler = 'sm2' AND NOT fuzz AND exam_day IS NULL)"
            )
        decls = [d for d, _ in cols]
        if lay.by_card == "clustered":  # (card_id, time) is not unique in the synthetic log: keep the id
            decls = [d.replace(" PRIMARY KEY", " NOT NULL") for d in decls]
            decls.append("PRIMARY KEY (card_id, id)")
        suffix = " WITHOUT ROWID" if lay.by_card == "clustered" else ""
        con.execute(f"CREATE TABLE review_log ({', '.join(decls)}){suffix}")
        names = ", ".join(d.split()[0] for d, _ in cols)
        order = "l.card_id, l.id" if lay.by_card == "clustered" else "l.reviewed_at, l.id"
        con.execute(
            f"INSERT INTO review_log ({names}) SELECT {', '.join(e for _, e in cols)} FROM src.review_log l"
            f" ORDER BY {order}"
        )
        if lay.by_card == "chain":
            set_prev(con)
    if lay.log != "orig" and lay.by_card == "index":
        con.execute("CREATE INDEX ix_review_log_card ON review_log (card_id)")
    if lay.log != "orig" and lay.days == "index":
        con.execute(f"CREATE INDEX ix_review_log_day ON review_log ({'at' if lay.log == 'tight' else 'day'})")
    if lay.days == "table":
        first = "min(l.id)" if lay.by_card != "clustered" else "NULL"  # a clustered log has no time-ordered id
        day = "day" if lay.log != "tight" else f"{DAY_2020} + day_off + at / 86400"
        quality = "quality" if lay.log != "tight" else "(qf & 7)"
        con.execute(
            "CREATE TABLE log_days (day INTEGER PRIMARY KEY, first_id INTEGER, answers INTEGER NOT NULL,"
            " passed INTEGER NOT NULL)"
        )
        con.execute(
            f"INSERT INTO log_days SELECT {day}, {first}, count(*), sum({quality} >= 4)"
            f" FROM main.review_log l GROUP BY 1"
        )


def set_prev(con: sqlite3.Connection) -> None:
    """Each log row's `prev`: the id of the same card's answer before it (NULL for its first)."""
    con.execute("CREATE TEMP TABLE tmp_prev (id INTEGER PRIMARY KEY, p INTEGER)")
    con.execute("INSERT INTO tmp_prev SELECT id, lag(id) OVER (PARTITION BY card_id ORDER BY id) FROM main.review_log")
    con.execute("UPDATE main.review_log SET prev = (SELECT p FROM tmp_prev t WHERE t.id = review_log.id)")
    con.execute("DROP TABLE temp.tmp_prev")


def set_last_log(con: sqlite3.Connection, table: str, key: str) -> None:
    """Each card's `last_log`: the id of its latest answer (NULL if never answered)."""
    con.execute("CREATE TEMP TABLE tmp_last (card_id INTEGER PRIMARY KEY, m INTEGER)")
    con.execute("INSERT INTO tmp_last SELECT card_id, max(id) FROM main.review_log GROUP BY 1")
    con.execute(f"UPDATE {table} SET last_log = (SELECT m FROM tmp_last t WHERE t.card_id = {table}.{key})")
    con.execute("DROP TABLE temp.tmp_last")


def build_notes(con: sqlite3.Connection, lay: Layout) -> None:
    if lay.notes == "orig":
        copy_original(con, "notes")
        return
    run(
        con,
        """
        CREATE TABLE topics (id INTEGER PRIMARY KEY, deck_id INTEGER NOT NULL, title TEXT NOT NULL);
        INSERT INTO topics (deck_id, title) SELECT deck_id, topic FROM src.notes GROUP BY deck_id, topic
            ORDER BY min(id);
        CREATE INDEX temp_topics ON topics (deck_id, title);
        CREATE TABLE sections (id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL, key INTEGER NOT NULL,
            kind INTEGER NOT NULL, heading TEXT NOT NULL, bodies BLOB);
        INSERT INTO sections (topic_id, key, kind, heading)
            SELECT t.id, hexint(n.section_key), section_kind(n.section_kind), n.heading
            FROM src.notes n JOIN topics t ON t.deck_id = n.deck_id AND t.title = n.topic
            GROUP BY n.deck_id, n.section_key ORDER BY min(n.id);
        DROP INDEX temp_topics;
        CREATE INDEX ix_sections_key ON sections (key);
    """,
    )
    body = {"text": "n.body", "zlib_note": "zbody(n.body)", "zlib_section": "NULL"}[lay.body]
    con.execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, deck_id INTEGER NOT NULL, key INTEGER NOT NULL,"
        " section_id INTEGER NOT NULL, ord INTEGER NOT NULL, flags INTEGER NOT NULL, head TEXT NOT NULL,"
        f" body {'TEXT' if lay.body == 'text' else 'BLOB'}, UNIQUE (deck_id, key))"
    )
    con.execute(
        "INSERT INTO notes SELECT n.id, n.deck_id, hexint(n.key), s.id, n.ord, n.long_head | n.retired << 1,"
        f" n.head, {body} FROM src.notes n JOIN sections s ON s.key = hexint(n.section_key) ORDER BY n.id"
    )
    con.execute("CREATE INDEX ix_notes_section ON notes (section_id)")
    if lay.body == "zlib_section":
        con.execute(
            "CREATE TEMP TABLE tmp_z AS SELECT section_id, zjoin(m.ord, n.body) AS z"
            " FROM main.notes m JOIN src.notes n ON n.id = m.id GROUP BY section_id"
        )
        con.execute("UPDATE sections SET bodies = (SELECT z FROM tmp_z WHERE section_id = sections.id)")
        con.execute("DROP TABLE temp.tmp_z")


def build_cards(con: sqlite3.Connection, lay: Layout) -> None:
    if lay.cards == "orig":
        copy_original(con, "cards", "card_state")
        if lay.by_card in ("chain", "last"):
            con.execute("ALTER TABLE card_state ADD COLUMN last_log INTEGER")
            set_last_log(con, "card_state", "card_id")
        return
    part = "card_part(c.key, c.kind)"
    if lay.notes == "sections":  # list and pair cards point at a section row, not at its 8-byte key
        part = f"CASE WHEN c.kind IN ('list', 'pair') THEN (SELECT id FROM sections WHERE key = {part}) ELSE {part} END"
    last_log = ", last_log INTEGER" if lay.by_card in ("chain", "last") else ""
    con.execute(
        "CREATE TABLE cards (id INTEGER PRIMARY KEY, deck_id INTEGER NOT NULL, note_id INTEGER NOT NULL,"
        " kind INTEGER NOT NULL, part INTEGER NOT NULL, flags INTEGER NOT NULL, queue INTEGER NOT NULL,"
        " due_day INTEGER, new_ord INTEGER, reps INTEGER NOT NULL, ease INTEGER NOT NULL,"
        " interval INTEGER NOT NULL, lapses INTEGER NOT NULL, last_review INTEGER, stability REAL,"
        f" difficulty REAL{last_log}, UNIQUE (note_id, kind, part))"
    )
    # tight: days from 2020, ease from 2.50, last review in seconds since 2020, document order for new cards only
    due, ease, new_ord, last, stab, diff = (
        (
            f"nullif(s.due_day, 0) - {DAY_2020}",
            f"s.ease - {NEW_EASE}",
            "CASE WHEN s.queue = 0 THEN s.new_ord END",
            f"s.last_review / 1000 - {EPOCH_2020_S}",
            "round(s.stability * 100)",
            "round(s.difficulty * 100)",
        )
        if lay.log == "tight"
        else ("s.due_day", "s.ease", "s.new_ord", "s.last_review", "s.stability", "s.difficulty")
    )
    con.execute(
        f"INSERT INTO cards SELECT c.id, c.deck_id, coalesce(n.id, 0), card_kind(c.kind), {part},"
        f" c.retired | s.leech << 1, s.queue, {due}, {new_ord}, s.reps, {ease}, s.interval, s.lapses,"
        f" {last}, {stab}, {diff}{', NULL' if last_log else ''}"
        " FROM src.cards c JOIN src.card_state s ON s.card_id = c.id"
        " LEFT JOIN src.notes n ON c.kind != 'list' AND n.deck_id = c.deck_id"
        "  AND n.key = substr(c.key, 1, instr(c.key, ':') - 1) ORDER BY c.id"
    )
    if last_log:
        set_last_log(con, "cards", "id")
    con.execute("CREATE INDEX ix_cards_due ON cards (deck_id, queue, due_day)")
    con.execute("CREATE INDEX ix_cards_new ON cards (deck_id, new_ord) WHERE queue = 0")
    if lay.recent_index:
        con.execute("CREATE INDEX ix_cards_recent ON cards (last_review) WHERE last_review IS NOT NULL")


def build(src: Path, out: Path, lay: Layout) -> Path:
    """The layout as a fresh, VACUUMed database file."""
    utf8 = out / (slug(lay.name) + ".utf8.db")
    utf8.unlink(missing_ok=True)
    con = connect(utf8)
    con.execute(f"PRAGMA page_size = {lay.page_size}")
    con.execute(f"PRAGMA auto_vacuum = {lay.auto_vacuum}")
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("ATTACH ? AS src", (f"file:{src}?mode=ro",))
    copy_original(con, "alembic_version", "decks")
    build_log(con, lay)
    build_notes(con, lay)
    build_cards(con, lay)
    con.execute("DETACH src")
    con.execute("VACUUM")
    con.close()
    if lay.encoding == "UTF-8":
        return utf8
    final = out / (slug(lay.name) + ".db")
    transcode(utf8, final, lay)
    utf8.unlink()
    return final


def transcode(src: Path, dst: Path, lay: Layout) -> None:
    """Copy a database into a fresh file of another text encoding (ATTACH needs one encoding throughout)."""
    dst.unlink(missing_ok=True)
    old, new = sqlite3.connect(src), sqlite3.connect(dst, isolation_level=None)
    new.execute(f"PRAGMA page_size = {lay.page_size}")
    new.execute(f"PRAGMA auto_vacuum = {lay.auto_vacuum}")
    new.execute(f"PRAGMA encoding = '{lay.encoding}'")
    new.execute("PRAGMA journal_mode = OFF")
    objects = old.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type = 'index', rowid"
    )
    new.execute("BEGIN")
    for kind, name, sql in objects.fetchall():
        new.execute(sql)
        if kind == "table":
            rows = old.execute(f'SELECT * FROM "{name}"')
            marks = ", ".join("?" * len(rows.description))
            new.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    new.execute("COMMIT")
    new.execute("VACUUM")
    old.close()
    new.close()


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in name).strip("_")


def measure(path: Path, cards: int) -> dict[str, Any]:
    """File size over cards, and each table's and index's share, in bytes per card."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, SUM(pgsize), SUM(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    finally:
        con.close()
    size = path.stat().st_size
    return {
        "file_bytes": size,
        "bytes_per_card": round(size / cards, 1),
        "unused_pct": round(100 * sum(r[2] for r in rows) / size, 1),
        "by_object": {name: round(total / cards, 1) for name, total, _ in rows if total / cards >= 0.05},
    }


def derivable(src: Path) -> dict[str, int]:
    """On the data: how many log rows break each rule that would let a column go (0 = derivable here)."""
    con = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    prev = {c: f"lag({c}_after) OVER w" for c in ("queue", "reps", "ease", "interval", "due", "lapses", "leech")}
    new = {"queue": 0, "reps": 0, "ease": NEW_EASE, "interval": 0, "due": 0, "lapses": 0, "leech": 0}
    checks = {f"{c}_before != previous {c}_after": f"{c}_before != coalesce({prev[c]}, {new[c]})" for c in prev}
    checks["stability_before IS NOT previous"] = "stability_before IS NOT lag(stability_after) OVER w"
    checks["due_after != day + interval_after (not repeat)"] = "NOT repeat AND due_after != day + interval_after"
    checks["leech_after != leech_before OR became (suspended)"] = (
        "leech_after != (leech_before OR (NOT repeat AND queue_after = -1))"
    )
    checks["places where log ids go back in time"] = "id > lead(id) OVER t"
    sums = ", ".join(f"sum(c{i})" for i in range(len(checks)))
    row = con.execute(
        f"SELECT count(*), {sums} FROM (SELECT *, {', '.join(f'{e} AS c{i}' for i, e in enumerate(checks.values()))}"
        " FROM review_log WINDOW w AS (PARTITION BY card_id ORDER BY id), t AS (ORDER BY reviewed_at, id))"
    ).fetchone()
    out = {"rows": row[0], **dict(zip(checks, row[1:], strict=True))}
    for cols in (("queue", "due_day", "ease", "interval"), ("reps", "lapses")):
        after = ", ".join(f"l.{'due' if c == 'due_day' else c}_after" for c in cols)
        out[f"card_state != last answer's after ({', '.join(cols)})"] = con.execute(
            "SELECT count(*) FROM card_state s JOIN review_log l ON l.id = (SELECT max(id) FROM review_log"
            f" WHERE card_id = s.card_id) WHERE ({', '.join('s.' + c for c in cols)}) != ({after})"
        ).fetchone()[0]
    con.close()
    return out


def zlib_ratio(deck_files: list[Path]) -> dict[str, float]:
    """Bytes of body text (UTF-8) over bytes once zlib'd per section, for real deck files."""
    from trainer.deckfile import decks

    raw = packed = 0
    for path in deck_files:
        for topic in decks.load(path).topics:
            for section in topic.sections:
                text = "\x1f".join(p.body for p in section.points).encode("utf-8")
                raw, packed = raw + len(text), packed + len(zlib.compress(text, 9))
    return {"body_bytes": raw, "zlib_bytes": packed, "ratio": round(raw / max(1, packed), 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a copy of a benchmark database (only read)")
    parser.add_argument("--out", type=Path, help="where the candidate files go (default: beside the db)")
    parser.add_argument("--only", nargs="*", help="layout names to build (default: all)")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--real-decks", type=Path, nargs="*", help="deck files whose zlib ratio to print")
    parser.add_argument("--keep", action="store_true", help="keep the candidate files")
    args = parser.parse_args(argv)
    src = args.db.resolve()
    out = (args.out or src.parent / "bytes_study").resolve()
    out.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as con:
        cards = con.execute("SELECT count(*) FROM cards").fetchone()[0]
        answers = con.execute("SELECT count(*) FROM review_log").fetchone()[0]
    print(f"{src.name}: {cards:,} cards, {answers:,} review_log rows ({answers / cards:.2f} per card)")
    print("\nWhich review-log columns the data determines (rows breaking each rule):")
    checks = derivable(src)
    for name, n in checks.items():
        print(f"  {n:>9,}  {name}")
    results: dict[str, Any] = {"cards": cards, "answers": answers, "derivable": checks, "layouts": {}}
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as con:
        con.create_aggregate("zjoin", 2, ZJoin)
        raw, packed = con.execute(
            "SELECT sum(r), sum(length(z)) FROM (SELECT sum(length(CAST(body AS BLOB)) + 1) AS r,"
            " zjoin(ord, body) AS z FROM notes GROUP BY deck_id, section_key)"
        ).fetchone()
    results["zlib_synthetic"] = {"body_bytes": raw, "zlib_bytes": packed, "ratio": round(raw / packed, 2)}
    print(f"\nzlib per section, synthetic bodies: {raw:,} → {packed:,} bytes ({raw / packed:.2f}×)")
    if args.real_decks:
        results["zlib_real"] = zlib_ratio(args.real_decks)
        print(f"zlib per section, real decks: {results['zlib_real']}")
    base = None
    for lay in LAYOUTS:
        if args.only and lay.name not in args.only:
            continue
        t0 = time.perf_counter()
        path = build(src, out, lay)
        m = measure(path, cards)
        m["build_s"] = round(time.perf_counter() - t0, 1)
        m["layout"] = asdict(lay)
        results["layouts"][lay.name] = m
        base = base or m["bytes_per_card"]
        objects = ", ".join(f"{k} {v}" for k, v in m["by_object"].items())
        print(
            f"\n{lay.name:<16} {m['bytes_per_card']:>6.1f} B/card ({m['bytes_per_card'] - base:+.1f})"
            f"  unused {m['unused_pct']}%  [{m['build_s']} s]  {lay.what}\n    {objects}",
            flush=True,
        )
        if not args.keep:
            path.unlink()
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
