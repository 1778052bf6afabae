"""The config file and `trainer config`: exam date, limits per deck, day start, time zone."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.errors import ConfigError
from trainer.sched.queue import Limits
from trainer.services import config
from trainer.services.config import Settings


def test_defaults_without_a_file(_isolated_home: Path):
    s = config.load_settings()
    assert (s.new_per_day, s.reviews_per_day, s.day_start_hour, s.exam_date, s.fuzz) == (20, 200, 4, None, False)
    assert s.limits_for("任何卡组") == Limits(new=20, reviews=200)
    assert not (_isolated_home / "config.yaml").exists()


def _deck_in_store(name: str) -> None:
    """A deck of this name in the default store (per-deck settings are for decks that exist)."""
    from tests.conftest import make_deck
    from tests.tui_support import sync
    from trainer.services.database import open_default_store

    engine = open_default_store(daily_backup=False)
    sync(engine, make_deck(name=name))
    engine.dispose()


def test_cli_set_get_list_unset(_isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    _deck_in_store("申论精选")
    assert main(["config", "set", "exam-date", "2027-03-28"]) == 0
    assert main(["config", "set", "timezone", "Asia/Shanghai"]) == 0
    assert main(["config", "set", "new-per-day", "10", "--deck", "申论精选"]) == 0
    assert main(["config", "set", "day-start-hour", "5"]) == 0
    capsys.readouterr()
    assert main(["config", "get", "exam-date"]) == 0
    assert capsys.readouterr().out == "2027-03-28\n"
    assert main(["config", "get", "new-per-day", "--deck", "申论精选"]) == 0
    assert main(["config", "get", "new-per-day", "--deck", "别的"]) == 0
    assert capsys.readouterr().out == "10\n20\n"
    assert main(["config"]) == 0
    listing = capsys.readouterr().out
    assert "exam-date = 2027-03-28\n" in listing and "fuzz = false  (default)" in listing
    assert "deck 申论精选 new-per-day = 10" in listing

    s = config.load_settings()
    assert s.exam_date == date(2027, 3, 28) and s.exam_day == date(2027, 3, 28).toordinal()
    assert s.zone_name == "Asia/Shanghai" and s.day_start_hour == 5
    assert s.limits_for("申论精选") == Limits(new=10, reviews=200)
    assert s.policy().exam_day == s.exam_day

    assert main(["config", "unset", "exam-date"]) == 0
    assert main(["config", "set", "exam-date", "none"]) == 0
    assert config.load_settings().exam_date is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["config", "set", "exam-date", "2027-13-01"], "exam-date: expected a date"),
        (["config", "set", "day-start-hour", "24"], "from 0 to 23"),
        (["config", "set", "new-per-day", "-1"], "from 0 to"),
        (["config", "set", "timezone", "Mars/Olympus"], "unknown time zone"),
        (["config", "set", "colour", "red"], "unknown setting 'colour'"),
        (["config", "set", "exam-date", "2027-03-28", "--deck", "x"], "not a per-deck setting"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
):
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (_isolated_home / "config.yaml").exists()


def test_bad_file_names_file_and_line(_isolated_home: Path):
    _isolated_home.mkdir(parents=True)
    path = _isolated_home / "config.yaml"
    path.write_text("new-per-day: 10\nday-start-hour: 30\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        config.load_settings()
    assert str(err.value) == f"{path}:2: day-start-hour: expected a number from 0 to 23"
    path.write_text("decks:\n  甲:\n    new-per-day: x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":2: deck '甲': new-per-day"):
        config.load_settings()
    path.write_text("a: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        config.load_settings()


def test_hand_written_file_is_read(_isolated_home: Path):
    _isolated_home.mkdir(parents=True)
    (_isolated_home / "config.yaml").write_text(
        "exam-date: 2027-03-28\nfuzz: yes\nreviews-per-day: 50\ndecks:\n  甲:\n    reviews-per-day: 5\n",
        encoding="utf-8",
    )
    s = config.load_settings()
    assert s.exam_date == date(2027, 3, 28) and s.fuzz
    assert s.limits_for("甲") == Limits(new=20, reviews=5) and s.limits_for("乙") == Limits(new=20, reviews=50)


def test_typed_is_a_global_and_per_deck_setting(_isolated_home: Path, capsys: pytest.CaptureFixture[str]):
    _deck_in_store("申论精选")
    assert main(["config", "set", "typed", "true", "--deck", "申论精选"]) == 0
    s = config.load_settings()
    assert s.typed_for("申论精选") and not s.typed_for("别的")
    assert main(["config", "set", "typed", "yes"]) == 0
    assert main(["config", "set", "typed", "off", "--deck", "申论精选"]) == 0
    s = config.load_settings()
    assert not s.typed_for("申论精选") and s.typed_for("别的")
    assert main(["config", "set", "typed", "maybe", "--deck", "申论精选"]) == 2
    assert "expected true or false" in capsys.readouterr().err


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the process's TZ (and the C library's idea of it) for one test; restored afterwards."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC"])
def test_local_zone_agrees_with_dateutil_tzlocal(machine_zone: Callable[[str], None], zone: str) -> None:
    from dateutil.tz import tzlocal

    from trainer.sched.days import study_day
    from trainer.services.config import LOCAL_ZONE

    machine_zone(zone)
    theirs = tzlocal()

    def agree(moment: datetime) -> None:
        ours_local, their_local = moment.astimezone(LOCAL_ZONE), moment.astimezone(theirs)
        assert ours_local.replace(tzinfo=None) == their_local.replace(tzinfo=None), moment
        assert ours_local.utcoffset() == their_local.utcoffset(), moment
        assert ours_local.tzname() == their_local.tzname(), moment
        assert ours_local.dst() == their_local.dst(), moment
        assert study_day(moment, LOCAL_ZONE, 4) == study_day(moment, theirs, 4), moment

    # A year in 190-minute steps, and every 5 minutes of the steps where the offset changed (daylight saving).
    step, before = timedelta(minutes=190), None
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    while moment.year == 2026:
        agree(moment)
        offset = moment.astimezone(theirs).utcoffset()
        if before is not None and offset != before:
            for minutes in range(-200, 10, 5):
                agree(moment + timedelta(minutes=minutes))
        before, moment = offset, moment + step


def test_settings_without_a_zone_count_days_in_the_machine_zone(machine_zone: Callable[[str], None]) -> None:
    from trainer.sched.days import study_day
    from trainer.services.config import LOCAL_ZONE

    machine_zone("America/New_York")
    settings = Settings()
    assert settings.tz() is LOCAL_ZONE
    # 03:30 UTC on 2 March is 22:30 the evening before in New York; the study day starts at 04:00.
    moment = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)
    assert study_day(moment, settings.tz(), 4) == datetime(2026, 3, 1).toordinal()
    machine_zone("Asia/Shanghai")  # 11:30 in Shanghai: the same calendar day
    assert study_day(moment, settings.tz(), 4) == datetime(2026, 3, 2).toordinal()


def test_a_per_deck_setting_for_a_deck_that_does_not_exist_is_refused(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
):
    _deck_in_store("申论精选")
    capsys.readouterr()
    assert main(["config", "set", "new-per-day", "5", "--deck", "申论精肖"]) == 2
    err = capsys.readouterr().err
    assert "no deck named '申论精肖'" in err and "申论精选" in err and "Traceback" not in err
    assert not (_isolated_home / "config.yaml").exists()  # nothing written


def test_config_help_lists_every_key(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["config", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for key in config.KEYS:
        assert key in out, key


@pytest.mark.parametrize("style", ["{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{fy}年{fm}月{fd}日"])
def test_an_exam_date_is_read_as_a_learner_writes_it(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    day = date.today() + timedelta(days=120)
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    typed = style.format(
        y=day.year,
        m=day.month,
        d=day.day,
        fy=str(day.year).translate(full),
        fm=str(day.month).translate(full),
        fd=str(day.day).translate(full),
    )
    assert main(["config", "set", "exam-date", typed]) == 0
    capsys.readouterr()
    assert main(["config", "get", "exam-date"]) == 0
    assert capsys.readouterr().out.strip() == day.isoformat()
    assert f"exam-date: {day.isoformat()}" in (_isolated_home / "config.yaml").read_text(encoding="utf-8")
