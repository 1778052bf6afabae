"""trainer: spaced-repetition cloze drills for 申论 material, in the terminal; the version and the start-up module list,
nothing that imports more."""

__version__ = "0.1.0"

# The modules a cold start (`trainer` with no command) imports before the first card is painted; a test
# (tests/test_coldstart.py) checks it is exactly what the real start-up loads. Only these may import
# inside functions, to keep SQLAlchemy, Alembic, PyYAML and the other screens off the start-up path;
# every other module imports at its top.
STARTUP_MODULES = (
    "trainer",
    "trainer.cli",
    "trainer.cli.commands",
    "trainer.core",
    "trainer.core.cards",
    "trainer.core.cloze",
    "trainer.core.model",
    "trainer.errors",
    "trainer.paths",
    "trainer.sched",
    "trainer.sched.answer",
    "trainer.sched.days",
    "trainer.sched.exam",
    "trainer.sched.fuzz",
    "trainer.sched.queue",
    "trainer.sched.sm2",
    "trainer.sched.state",
    "trainer.services",
    "trainer.services.config",
    "trainer.services.database",
    "trainer.services.study",
    "trainer.store",
    "trainer.store.convert",
    "trainer.store.day_summaries",
    "trainer.store.drill",
    "trainer.store.handle",
    "trainer.store.lite",
    "trainer.store.revisions",
    "trainer.store.sqlrun",
    "trainer.tui",
    "trainer.tui.app",
    "trainer.tui.cjk",
    "trainer.tui.format",
    "trainer.tui.screens",
    "trainer.tui.screens.base",
    "trainer.tui.screens.home",
    "trainer.tui.screens.review",
    "trainer.tui.widgets",
    "trainer.tui.widgets.grade_bar",
    "trainer.tui.widgets.key_bar",
    "trainer.tui.widgets.title_bar",
    "trainer.tui.widgets.typed_answers",
)
