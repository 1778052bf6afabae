"""The house's shape: the pure core imports neither the UI nor the database."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "trainer.core",
    "trainer.core.model",
    "trainer.core.cards",
    "trainer.core.cloze",
    "trainer.core.compare",
    "trainer.core.stats",
    "trainer.core.mastery",
    "trainer.sched",
    "trainer.parse",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_core_imports_no_textual_or_sqlalchemy(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'sqlalchemy', 'alembic', 'trainer.store'}"
        " or m.startswith('trainer.store') or m.startswith('trainer.tui'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_does_not_import_textual() -> None:
    code = "import sys\nfrom trainer.cli import build_parser\nbuild_parser()\nprint('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
