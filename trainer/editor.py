"""Opening a file in the learner's $VISUAL/$EDITOR without a shell; no UI, no parsing of the file."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

from trainer.errors import TrainerError

FALLBACK_EDITOR = "vi"  # what git uses when neither $VISUAL nor $EDITOR is set


def editor_setting(env: Mapping[str, str] | None = None) -> str:
    """The editor the learner asked for: $VISUAL, then $EDITOR, then `vi`."""
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            return value
    return FALLBACK_EDITOR


def editor_command(env_value: str | None, path: Path | str) -> list[str]:
    """The argument list that opens `path` in the editor named by `env_value`.

    The value is split into words with shell quoting rules (`code --wait` -> `["code", "--wait"]`,
    `"/opt/My Editor/ed" -n` -> `["/opt/My Editor/ed", "-n"]`) but never run by a shell, so `;`, `$(...)`
    and the like stay plain text. The file is appended as one argument, whatever characters it holds.

    Raises:
        TrainerError: the value is empty or its quotes do not close.
    """
    value = (env_value or "").strip() or FALLBACK_EDITOR
    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise TrainerError(f"cannot read $EDITOR {value!r}: {exc}") from None
    if not words:
        raise TrainerError(f"$EDITOR {value!r} names no program")
    return [*words, os.fspath(path)]


def run_editor(path: Path | str, *, env: Mapping[str, str] | None = None) -> int:
    """Open `path` in the learner's editor and wait for it to close; returns the editor's exit code.

    Raises:
        TrainerError: the editor cannot be found or started.
    """
    command = editor_command(editor_setting(env), path)
    try:
        return subprocess.run(command, shell=False, check=False).returncode
    except FileNotFoundError:
        raise TrainerError(f"editor {command[0]!r} not found; set $EDITOR to the editor you use") from None
    except OSError as exc:
        raise TrainerError(f"cannot start editor {command[0]!r}: {exc.strerror or exc}") from None
