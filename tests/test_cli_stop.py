"""SIGTERM/SIGHUP stop a command cleanly wherever they land, also inside a callback Python cannot raise
out of (a `__del__`, a weakref callback such as an import's module-lock clean-up)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from tests.hostile.conftest import ROOT

# A command whose first step drops an object; the signal arrives while its `__del__` runs, where an
# exception cannot propagate. Without care it is printed ("Exception ignored in ...", a traceback) and
# the command runs on to the end.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys, time
    from types import SimpleNamespace
    from trainer import cli

    class Dropped:
        def __del__(self):
            os.kill(os.getpid(), signal.{name})

    def job(_args):
        try:
            Dropped()
            print("dropped", flush=True)
            for _ in range(3000):  # 30 s: the stop comes back within milliseconds, even on a loaded machine
                time.sleep(0.01)
            print("ran on", flush=True)
            return 0
        finally:
            print("cleaned up", flush=True)

    cli.build_parser = lambda: SimpleNamespace(parse_args=lambda words: SimpleNamespace(func=job))
    sys.exit(cli.main(["job"]))
    """
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_inside_a_callback_is_not_swallowed(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(name=name)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 128 + getattr(signal, name), (proc.stdout, proc.stderr)
    assert proc.stdout.splitlines() == ["dropped", "cleaned up"], proc.stdout
    assert proc.stderr == ""


def test_other_unraisable_exceptions_are_still_reported() -> None:
    script = textwrap.dedent(
        """
        import sys
        from types import SimpleNamespace
        from trainer import cli

        class Broken:
            def __del__(self):
                raise ValueError("in a finaliser")

        def job(_args):
            Broken()
            return 0

        cli.build_parser = lambda: SimpleNamespace(parse_args=lambda words: SimpleNamespace(func=job))
        sys.exit(cli.main(["job"]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "ValueError: in a finaliser" in proc.stderr
