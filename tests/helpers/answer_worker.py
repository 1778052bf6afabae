"""Answer worker: a second `trainer` process answering cards through the store as fast as it can.

Run by the concurrency tests:

    python tests/helpers/answer_worker.py SEED COUNT [DECK_NAME ...]

It opens $TRAINER_DB (else $TRAINER_HOME/trainer.db) the way `trainer` does, starts a StudySession over
the named decks (default: all) and answers COUNT cards with grades from `random.Random(SEED)`. After each
answer is committed it prints `ANSWERED <log_id> <card_id> <quality>`. When the store refuses an answer
(another process changed the card first, or the database stayed locked) it prints `REFUSED <card_id>
<message>` and starts the session again, as the message tells the learner to. Ends with `DONE <n>`.
It prints `LOADED` once its session is built and waits for a line on stdin before answering.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer import paths
from trainer.errors import StoreError
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store import open_store
from trainer.store.models import DeckRow


def main(argv: list[str]) -> int:
    seed, count, names = int(argv[1]), int(argv[2]), argv[3:]
    rng = random.Random(seed)
    engine = open_store(paths.db_url())
    settings = Settings(zone=UTC, new_per_day=100_000, reviews_per_day=100_000)
    with Session(engine) as s:
        stmt = select(DeckRow.id).order_by(DeckRow.id)
        if names:
            stmt = stmt.where(DeckRow.name.in_(names))
        deck_ids = list(s.scalars(stmt))

    def start() -> StudySession:
        return StudySession.start(engine, deck_ids, settings, clock=lambda: datetime.now(UTC))

    session = start()
    print("LOADED", flush=True)
    if not sys.stdin.readline():  # wait for GO, so that two workers really answer at the same time
        return 0
    answered = 0
    while answered < count:
        card = session.current()
        if card is None:
            break
        quality = rng.choice((0, 2, 3, 4, 4, 5, 5))
        try:
            result = session.answer(quality)
        except StoreError as exc:
            print(f"REFUSED {card.card_id} {exc}", flush=True)
            session = start()
            continue
        answered += 1
        print(f"ANSWERED {result.log_id} {card.card_id} {quality}", flush=True)
        time.sleep(rng.uniform(0, 0.01))  # a little jitter so two workers' answers interleave
    engine.dispose()
    print(f"DONE {answered}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
