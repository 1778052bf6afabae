"""SIGTERM and SIGHUP stop a command the way Ctrl+C does: raised in the main thread, so every `finally`
runs (temp files removed, transactions rolled back) before the process exits with 128 + the signal."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


class Stopped(BaseException):
    """SIGTERM or SIGHUP: raised in the main thread so every `finally` runs (temp files are removed,
    transactions rolled back) before the process exits with 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_cleanly_on(*signums: int) -> None:
    import logging

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    # Python runs a signal handler between any two bytecodes, also inside a weakref callback or a
    # `__del__` (an import's module-lock callback, a file closed by the collector), where an exception
    # cannot propagate: it is printed as "Exception ignored ..." with a traceback and the command would
    # run on. Such a stop is taken quietly and delivered again a moment later, outside the callback.
    previous_hook = sys.unraisablehook

    def redeliver(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, Stopped):
            redeliver_later(unraisable.exc_value.signum)
        else:
            previous_hook(unraisable)

    sys.unraisablehook = redeliver

    # Stopped mid-query, SQLAlchemy logs its cleanup ("Error closing cursor" and a traceback) through
    # logging's last-resort handler; the command reports failures itself, so its library logs stay quiet.
    logging.getLogger("sqlalchemy").addHandler(logging.NullHandler())
    logging.getLogger("sqlalchemy").propagate = False

    for signum in signums:
        signal.signal(signum, stop)


def redeliver_later(signum: int, delay: float = 0.005) -> None:
    """Send `signum` to this process from another thread after `delay` seconds: the main thread's
    handler then raises it where the command's `finally` blocks see it."""
    import threading

    timer = threading.Timer(delay, os.kill, (os.getpid(), signum))
    timer.daemon = True
    timer.start()
