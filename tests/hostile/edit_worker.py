"""Run by the signal tests: one in-app edit of the first point of the seeded deck, as the TUI saves it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.services.database import open_default_store
from trainer.services.edits import save_edits
from trainer.store.models import CardRow


def main() -> int:
    pid, head = sys.argv[1], sys.argv[2]
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s:
        card_id = s.scalars(select(CardRow.id).where(CardRow.key == f"{pid}:head")).one()
    save_edits(engine, card_id, [(pid, head, "改后的说明")], now=datetime.now(UTC))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
