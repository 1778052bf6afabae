"""A crash in the TUI, in a real terminal (a pseudo-terminal): the terminal is restored (the alternate
screen left, the cursor shown, mouse reporting off), then one `trainer: error:` line, exit 2, never a
traceback, never 0; deck text in the error stays inert. The database is sound afterwards."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import make_deck
from tests.hostile.conftest import ROOT, integrity, replay_ok
from trainer.deckfile import decks

pytestmark = pytest.mark.slow

_WORKER = textwrap.dedent(
    """
    import sys
    from trainer.errors import StoreError
    from trainer.tui.screens import home

    kind = sys.argv[1]
    real = home.HomeScreen.on_screen_resume  # also sent when home is first shown

    def on_screen_resume(self):
        real(self)
        if kind == "plain":
            return
        if kind == "bug":
            raise KeyError("题头\\x1b]0;pwned\\x07[bold]x[/bold]")
        raise StoreError("the database is read-only (check the file's permissions); nothing was written")

    home.HomeScreen.on_screen_resume = on_screen_resume
    from trainer.cli import main
    sys.exit(main([]))
    """
)


def _run_in_a_terminal(
    home: Path, kind: str, timeout: float = 90, keys: list[tuple[float, bytes]] = ()
) -> tuple[int, bytes]:
    """Run the worker (`kind`: how it fails, or `plain` for trainer itself) in a pseudo-terminal of
    80x24; `keys` are typed, each after its delay in seconds."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: trainer with no command, in the pseudo-terminal
        env = {k: v for k, v in os.environ.items() if k != "TRAINER_DB"}
        env.update(TRAINER_HOME=str(home), TERM="xterm-256color", COLUMNS="80", LINES="24")
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-c", _WORKER, kind], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    deadline = time.monotonic() + timeout
    pending = list(keys)
    next_key = time.monotonic() + pending[0][0] if pending else None
    while time.monotonic() < deadline:
        if next_key is not None and time.monotonic() >= next_key:
            os.write(fd, pending.pop(0)[1])
            next_key = time.monotonic() + pending[0][0] if pending else None
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail(f"the TUI was still running after {timeout} s: {out[-500:]!r}")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out


@pytest.mark.parametrize("kind", ["store-error", "bug"])
def test_a_crash_in_the_tui_restores_the_terminal_and_says_one_line(home: Path, run, kind: str) -> None:
    home.mkdir(mode=0o700)
    (home / "decks").mkdir(mode=0o700)
    decks.save(make_deck(), home / "decks" / "mine.yaml")
    code, out = _run_in_a_terminal(home, kind)
    assert code == 2, (code, out[-800:])
    text = out.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "\x1b[?1049h" in text  # it did take the screen ...
    left = text.rfind("\x1b[?1049l")
    assert left >= 0, "the alternate screen was never left"  # ... and gave it back
    after = text[left:]
    lines = [ln for ln in after.replace("\r", "").split("\n") if "trainer: error:" in ln]
    assert len(lines) == 1, after
    want = "read-only" if kind == "store-error" else "unexpected KeyError"
    assert want in lines[0], lines[0]
    assert "\x1b]0;pwned" not in text and "\x07" not in lines[0]  # deck text in a message stays inert
    if kind == "bug":
        assert "[bold]" in lines[0]  # markup printed as text, not read
    if "\x1b[?1000h" in text:  # mouse reporting, if it was turned on, is off again
        assert text.rfind("\x1b[?1000l") > text.rfind("\x1b[?1000h")
    assert text.rfind("\x1b[?25h") > text.rfind("\x1b[?25l")  # the cursor shown again after it was hidden
    assert integrity(home / "trainer.db") == ["ok"]
    replay_ok(run)


def test_deck_text_never_reaches_a_real_terminal_as_control_codes(home: Path, run) -> None:
    """Text an older trainer stored uncleaned (an OSC title, a screen clear, a C1 CSI) on the home and
    browse screens of the real app in a real terminal: none of it is written to the terminal."""
    import sqlite3

    home.mkdir(mode=0o700)
    (home / "decks").mkdir(mode=0o700)
    decks.save(make_deck(), home / "decks" / "mine.yaml")
    assert run("sync").code == 0
    con = sqlite3.connect(home / "trainer.db")
    con.execute("UPDATE decks SET name = name || ?", ("\x1b]0;pwned\x07",))
    con.execute("UPDATE notes SET head = ? || head, topic = topic || ?", ("\x1b[2J\x9b31m", "\x1b]2;t2\x07"))
    con.commit()
    con.close()
    keys = [(6.0, b"b"), (3.0, b"\x1b"), (2.0, b"q")]  # browse the heads, back home, quit
    code, out = _run_in_a_terminal(home, "plain", keys=keys)
    assert code == 0, out[-800:]
    for bad in (b"pwned", b"\x1b]0;", b"\x1b]2;", b"\x1b[2J", b"\xc2\x9b"):
        assert bad not in out, bad
    assert integrity(home / "trainer.db") == ["ok"]
    replay_ok(run)
