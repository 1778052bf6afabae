"""Cold start: `trainer` run headless until its first review card is painted, beside a bare Textual app.

Run as a child process by the suite: `python -m benchmarks.coldstart trainer|bare`. The trainer side
goes through the real command line (`trainer.cli.main([])`, so TRAINER_HOME/TRAINER_DB, migrations
check, start-up sync, home screen), with `App.run` wrapped to run headless at 80x24 and an autopilot
that presses Enter on the home screen and exits once a frame showing the first card has been handed
to the terminal driver (`COLDSTART_SETTLED=1`: once the review screen has also settled, a frame
later). Exit code 0 means a card was painted; 3 means it never was. A line `card_on_screen_at=`
gives the monotonic time of that frame; the last line on stdout is the process's peak resident set (VmHWM, which exec resets, unlike getrusage's ru_maxrss).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

SIZE = (80, 24)
EXIT_NO_CARD = 3
# When frames showing a first card were handed to the driver (`time.perf_counter`, the system's
# monotonic clock, so the parent can subtract the moment it started this process).
FRAME_AT: list[float] = []


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


def frame_text(update: Any) -> str:
    """The characters of a frame Textual hands its driver (a full or a partial update), rows joined."""
    from textual._compositor import ChopsUpdate, LayoutUpdate

    if isinstance(update, LayoutUpdate):
        return "\n".join("".join(seg.text for seg in strip) for strip in update.strips)
    if isinstance(update, ChopsUpdate):
        return "\n".join(
            "".join(seg.text for strip in chop.values() if strip for seg in strip) for chop in update.chops
        )
    return ""


def shows(text: str, prompt: str) -> bool:
    """Whether a frame's text shows the start of a card's prompt (the rows may wrap it anywhere)."""
    head = "".join(prompt.split())[:6]
    return bool(head) and head in "".join(text.split())


async def enter_until_first_card(app: Any, *, settled: bool = False) -> int | None:
    """Press Enter on the home screen (as the terminal sends it) and wait until a frame showing the
    first card's prompt has been handed to the terminal driver; the card's id, or None if no such frame
    came within ~20 s.

    The frame is caught where Textual writes it (`App._display`, private: this is a benchmark), so the
    time is when the card reaches the screen. Textual then lays the new screen out once more (its
    mount and toast rack ask for it) and repaints a frame later; `settled=True` waits for that as well,
    as the harness did before (about 20 ms more).

    Not `pilot.press`: it then waits for the whole process to look idle (20 ms sleeps until no CPU is
    used, up to 1 s), which times the harness and any background thread rather than the first paint.
    """
    import asyncio

    from textual import events

    from trainer.tui.screens.review import ReviewScreen

    shown: asyncio.Event = asyncio.Event()
    card_shown: list[int] = []
    display = app._display

    def spy(screen: Any, update: Any) -> None:
        display(screen, update)
        if card_shown or update is None or app._batch_count or not isinstance(screen, ReviewScreen):
            return
        current = screen.session.current()
        if current is not None and shows(frame_text(update), current.card.prompt):
            FRAME_AT.append(time.perf_counter())
            card_shown.append(current.card_id)
            shown.set()

    app._display = spy
    app.post_message(events.Key("enter", "\r"))
    try:
        await asyncio.wait_for(shown.wait(), 20)
    except TimeoutError:
        return None
    finally:
        app._display = display
    if settled:
        painted = asyncio.Event()
        app.screen.call_after_refresh(painted.set)
        await painted.wait()
    return card_shown[0]


def run_trainer() -> int:
    """`trainer` with no command, until the first card of the first deck is on screen."""
    from textual.app import App

    shown: dict[str, Any] = {}

    async def first_card(pilot: Any) -> None:
        app = pilot.app
        card = await enter_until_first_card(app, settled=bool(os.environ.get("COLDSTART_SETTLED")))
        if card is not None:
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
    if FRAME_AT:
        print(f"card_on_screen_at={FRAME_AT[0]!r}")
    print(f"peak_rss_kib={peak_rss_kib()}")
    raise SystemExit(code)
