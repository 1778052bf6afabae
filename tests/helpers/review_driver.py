"""Headless review driver: the real Textual app on $TRAINER_DB, answering cards as fast as it can.

Run as a separate process by the crash and concurrency tests:

    python tests/helpers/review_driver.py SEED [MAX_ANSWERS] [--wait-go] [--restart-on-error]

It opens the store the way `trainer` does (`$TRAINER_DB`, else `$TRAINER_HOME/trainer.db`), builds the
app with `make_app`, presses Enter on the home screen and then, for every card, Space (reveal) and a
grade 0-5 drawn from `random.Random(SEED)`. After each answer, once the *next* card is on screen, it
prints one line and flushes:

    ANSWERED <log_id> <card_id> <quality>

so a test that kills the process knows which answers the learner saw being accepted. It prints
`READY` when the first card is shown and `DONE <n>` when the queue is empty or MAX_ANSWERS is reached.
With `--wait-go` it opens the store and shows the home screen, prints `LOADED` and waits for a line on
stdin before it starts the review (and builds the day's queue), so a test can start the next process
while it still checks the last one.
An error dialog is printed as `ERROR <message>` and ends the run (exit 3); with `--restart-on-error` it
prints `REFUSED <card_id> <1 if that card is still on screen> <message>`, closes the dialog, leaves the
review and starts it again from the home screen, as a learner would.
"""

from __future__ import annotations

import asyncio
import inspect
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

from textual import events
from textual.app import App

from trainer import paths
from trainer.services.config import Settings
from trainer.store import open_store
from trainer.tui.app import make_app


async def _until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Yield to the app until `condition` holds (the key's action ran and the screen updated)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.001)


def _press(app: App[object], key: str) -> None:
    """Send one key press the way Pilot does, without Pilot's idle waits (the caller waits for the effect)."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


def _app_options() -> dict[str, object]:
    # The TUI branch adds a key-repeat guard; a driver pressing keys this fast must switch it off.
    params = inspect.signature(make_app).parameters
    return {"repeat_guard": 0.0} if "repeat_guard" in params else {}


async def drive(seed: int, max_answers: int, *, wait_go: bool = False, restart_on_error: bool = False) -> int:
    """Answer up to `max_answers` cards; returns the process exit code."""
    from trainer.tui.screens.error import ErrorScreen
    from trainer.tui.screens.review import ReviewScreen

    rng = random.Random(seed)
    engine = open_store(paths.db_url())
    settings = Settings(zone=UTC, new_per_day=100_000, reviews_per_day=100_000)
    app = make_app(engine, settings=settings, clock=lambda: datetime.now(UTC), **_app_options())
    answered = 0

    def error_shown() -> bool:
        return isinstance(app.screen, ErrorScreen)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if wait_go:
            print("LOADED", flush=True)
            if not await asyncio.to_thread(sys.stdin.readline):
                return 0
        await pilot.press("a")  # review every deck
        await pilot.pause()
        print("READY", flush=True)
        while answered < max_answers:
            screen = app.screen
            if not isinstance(screen, ReviewScreen):
                break
            session = screen.session
            card = session.current()
            if card is None:
                break
            before = len(session.done)
            quality = rng.choice((0, 1, 2, 3, 3, 4, 4, 4, 5, 5))
            _press(app, "space")
            await _until(lambda sc=screen: sc.revealed or error_shown(), "the answer to show")
            _press(app, str(quality))
            await _until(
                lambda sc=screen, se=session, b=before: (
                    error_shown() or (len(se.done) > b and (not sc.revealed or app.screen is not sc))
                ),
                "the next card or an error to show",
            )
            if error_shown():
                message = " ".join(app.screen.message.split())  # type: ignore[attr-defined]
                if not restart_on_error:
                    print(f"ERROR {message}", flush=True)
                    return 3
                # What the message tells the learner: close it, leave the review, start it again.
                still = session.current()
                print(
                    f"REFUSED {card.card_id} {int(still is not None and still.card_id == card.card_id)} {message}",
                    flush=True,
                )
                await pilot.press("escape")
                await pilot.press("q")
                if not isinstance(app.screen, type(app.home)):
                    await pilot.press("enter")  # the session summary, back to the home screen
                await pilot.press("a")
                await pilot.pause()
                continue
            if len(session.done) != before + 1:
                print(f"ERROR answer not taken (done {before} -> {len(session.done)})", flush=True)
                return 3
            last = session.done[-1]
            answered += 1
            # The next card (or the summary) is on screen now: show_card() resets `revealed`.
            print(f"ANSWERED {last.log_id} {last.card_id} {quality}", flush=True)
    engine.dispose()
    print(f"DONE {answered}", flush=True)
    return 0


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    seed = int(args[0]) if args else 0
    max_answers = int(args[1]) if len(args) > 1 else 10**9
    return asyncio.run(
        drive(seed, max_answers, wait_go="--wait-go" in argv, restart_on_error="--restart-on-error" in argv)
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
