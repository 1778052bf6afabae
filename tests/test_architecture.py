"""The house's shape: the pure core imports neither the UI nor the database, and every layer loads nothing above it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PURE = [
    "trainer.core",
    "trainer.core.model",
    "trainer.core.cards",
    "trainer.core.cloze",
    "trainer.core.compare",
    "trainer.core.stats",
    "trainer.core.mastery",
    "trainer.core.session",
    "trainer.sched.lists",
    "trainer.core.built",
    "trainer.core.rematch",
    "trainer.core.rebuild",
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


def _modules(package: str) -> list[str]:
    """Every module of a trainer package, found on disk (so a new module is checked without a list to update)."""
    root = ROOT / "trainer" / package
    names = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


# What each layer may not load, even indirectly: the layers above it, and the libraries they wrap.
_APP = ("trainer.store", "trainer.services", "trainer.tui", "trainer.cli", "trainer.exchange")
_DECK_FILES = ("textual", "sqlalchemy", "alembic", *_APP)  # what the deck file format may not load
_PURE = (*_DECK_FILES, "trainer.deckfile")  # the pure core loads neither files, the store nor the UI
LAYERS = {
    "core": _PURE,
    "parse": _PURE,
    "sched": _PURE,
    "deckfile": _DECK_FILES,
    "store": ("textual", "trainer.services", "trainer.tui", "trainer.cli", "trainer.exchange"),
    "services": ("textual", "trainer.tui", "trainer.cli"),
    "exchange": ("textual", "trainer.tui", "trainer.cli"),
}


@pytest.mark.parametrize("layer", list(LAYERS))
def test_every_module_of_a_layer_loads_nothing_above_it(layer: str) -> None:
    modules = _modules(layer)
    assert modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {LAYERS[layer]!r}))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "", f"{layer} loads {out.stdout.strip()}"
