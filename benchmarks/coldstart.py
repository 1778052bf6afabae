"""Cold start: `trainer` run headless until its first review card is painted, beside a bare Textual app.

Run as a child process by the suite: `python -m benchmarks.coldstart trainer|bare`. The trainer side
goes through the real command line (`trainer.cli.main([])`, so TRAINER_HOME/TRAINER_DB, migrations
check, start-up sync, home screen), with `App.run` wrapped to run headless at 80x24 and an autopilot
that presses Enter on the home screen and exits once the review screen has been refreshed with its
first card. Exit code 0 means a card was painted; 3 means it never was. The last line on stdout
is the process's peak resident set (VmHWM, which exec resets, unlike getrusage's ru_maxrss).
"""

from __future__ import annotations

import sys
import time
from typing import Any

SIZE = (80, 24)
EXIT_NO_CARD = 3


def peak_rss_kib() -> int:
    """The high-water mark of this process's resident memory, in KiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def run_bare() -> int:
    """A bare Textual app that exits on mount: the floor every Textual app pays."""
    from textual.app import App

    class Bare(App[None]):
        def on_mount(self) -> None:
            self.exit()

    Bare().run(headless=True, size=SIZE)
    return 0


async def enter_until_first_card(app: Any) -> int | None:
    """Press Enter on the home screen (as the terminal sends it) and wait until the review screen has
    painted its first card; its id, or None if none was painted within ~20 s.

    Not `pilot.press`: it then waits for the whole process to look idle (20 ms sleeps until no CPU is
    used, up to 1 s), which times the harness and any background thread rather than the first paint.
    """
    import asyncio

    from textual import events

    from trainer.tui.screens.review import ReviewScreen

    app.post_message(events.Key("enter", "\r"))
    for _ in range(20000):
        screen = app.screen
        if isinstance(screen, ReviewScreen) and (card := screen.session.current()) is not None:
            painted = asyncio.Event()
            screen.call_after_refresh(painted.set)
            await painted.wait()
            return card.card_id
        await asyncio.sleep(0.001)
    return None


def run_trainer() -> int:
    """`trainer` with no command, until the first card of the first deck is on screen."""
    from textual.app import App

    shown: dict[str, Any] = {}

    async def first_card(pilot: Any) -> None:
        app = pilot.app
        card = await enter_until_first_card(app)
        if card is not None:
            shown["at"] = time.perf_counter()
            shown["card"] = card
        app.exit()

    original = App.run

    def headless_run(self: Any, **_: Any) -> Any:
        return original(self, headless=True, size=SIZE, auto_pilot=first_card)

    App.run = headless_run  # type: ignore[method-assign]
    from trainer.cli import main

    code = main([])
    if code != 0 or "card" not in shown:
        print(f"no card was painted (exit {code})", file=sys.stderr)
        return EXIT_NO_CARD
    return 0


if __name__ == "__main__":
    code = run_trainer() if sys.argv[1:] == ["trainer"] else run_bare()
    print(f"peak_rss_kib={peak_rss_kib()}")
    raise SystemExit(code)
