"""Export and import as the CLI runs them: read the store, write files, save imported decks; no printing."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer import decks as deckfile
from trainer import paths
from trainer.errors import TrainerError
from trainer.exchange.apkg import ExportReport, write_apkg
from trainer.exchange.csvjson import TableReport, card_rows, review_rows, write_csv, write_json
from trainer.exchange.importing import ImportResult, read_any
from trainer.store.engine import reader


def export_apkg(engine: Engine, path: Path, names: Collection[str] | None = None) -> ExportReport:
    """Write the named decks (all for None) as an Anki package."""
    from trainer.store.export import load_decks

    with Session(reader(engine)) as s:
        decks = load_decks(s, names)
    return write_apkg(decks, path)


def export_tables(
    engine: Engine,
    *,
    now: datetime,
    csv_dir: Path | None = None,
    json_path: Path | None = None,
    names: Collection[str] | None = None,
) -> list[TableReport]:
    """Write cards with schedules and the full review log as CSV files in `csv_dir` and/or one JSON file."""
    from trainer.store.export import card_schedules, load_decks, review_log

    reports = []
    with Session(reader(engine)) as s:
        decks = load_decks(s, names)
        cards = card_rows(decks, card_schedules(s, names))
        reviews = list(review_rows(review_log(s, names)))
    if csv_dir is not None:
        reports.append(write_csv(csv_dir, cards, reviews))
    if json_path is not None:
        reports.append(write_json(json_path, decks, cards, reviews, exported_at=now))
    return reports


def deck_file_name(name: str) -> str:
    """A safe file name for a deck: characters that paths or shells trip on become `_`."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "deck"
    return f"{stem}.yaml"


def import_deck(
    source: Path,
    *,
    output: Path | None = None,
    name: str | None = None,
    topic: str | None = None,
    force: bool = False,
) -> tuple[ImportResult, Path]:
    """Read an Anki package or CSV file and save it as a deck file.

    Args:
        source: The .apkg/.colpkg or .csv file.
        output: The deck file to write (default: `$TRAINER_HOME/decks/<deck name>.yaml`).
        name: The deck name (default: the Anki root deck, or the file name).
        topic: For CSV, the topic title (default: the file name).
        force: Overwrite an existing deck file.

    Raises:
        TrainerError: the source cannot be read, or `output` exists and `force` is not set.
    """
    result = read_any(Path(source), name=name, topic=topic)
    target = Path(output) if output is not None else paths.user_decks_dir() / deck_file_name(result.deck.name)
    if target.exists() and not force:
        raise TrainerError("deck file exists; pass --force to overwrite it, or -o to write elsewhere", path=target)
    text = deckfile.dumps(result.deck)
    deckfile.loads(text, path=str(target))  # what we write must load back as a normal deck file
    target.parent.mkdir(parents=True, exist_ok=True)
    deckfile.save(result.deck, target)
    return result, target
