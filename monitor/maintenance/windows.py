"""Maintenance windows: maintenance.toml (FOCUS_MAINTENANCE_FILE moves it), read and checked before any
browser starts, and the window a target is in at a given moment.

```toml
[[window]]                          # one-off: ISO 8601, with an offset or in the target's timezone
targets = ["live"]
reason = "Focus 26.4 release"
start = "2026-12-05T22:00"
end = "2026-12-06T02:00"

[[window]]                          # weekly: days, and a time range in the target's timezone
targets = ["live", "staging"]
reason = "Sunday night backups"
days = ["sun"]
start = "01:00"
end = "03:00"                       # an end before the start: the next day
```

A window may set its own `timezone`; `ended` (written by `python -m monitor.maintenance end`) closes
a weekly window's occurrence early.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.core.input_files import InputFileError, read_text
from monitor.core.paths import ROOT, TARGETS_FILE
from monitor.core.targets import Target, TargetError, load_targets
from monitor.data.record import Maintenance, shown_time

FILE_VARIABLE = "FOCUS_MAINTENANCE_FILE"
DEFAULT_FILE = ROOT / "maintenance.toml"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_KEYS = {"targets", "reason", "start", "end", "days", "timezone", "ended"}


class MaintenanceError(Exception):
    """A bad maintenance file: one line, exit 4."""


def maintenance_file() -> Path:
    return Path(os.environ.get(FILE_VARIABLE) or DEFAULT_FILE)


@dataclass(frozen=True)
class Window:
    number: int  # its place in the file, from 1
    targets: tuple[str, ...]
    reason: str
    start: str  # as written: an ISO date and time (one-off), or HH:MM (weekly)
    end: str
    days: tuple[int, ...] = ()  # weekly: Monday is 0; empty: one-off
    timezone: str = ""  # its own; else the target's
    ended: dt.datetime | None = None  # a weekly occurrence closed early

    @property
    def weekly(self) -> bool:
        return bool(self.days)

    def zone(self, target: Target) -> ZoneInfo:
        return ZoneInfo(self.timezone or target.timezone)

    def occurrences(self, target: Target, now: dt.datetime, ahead: int = 0) -> list[tuple[dt.datetime, dt.datetime]]:
        """Its occurrences around `now` (a one-off window has one), as aware times: a weekly window's
        from yesterday's to those of `ahead` days after today."""
        zone = self.zone(target)
        if not self.weekly:
            return [(_moment(self.start, zone), _moment(self.end, zone))]
        start, end = _clock(self.start), _clock(self.end)
        today = now.astimezone(zone).date()
        found = []
        for day in (today + dt.timedelta(days=offset) for offset in range(-1, ahead + 1)):
            if day.weekday() in self.days:
                opens = dt.datetime.combine(day, start, zone)
                closes = dt.datetime.combine(day + dt.timedelta(days=end <= start), end, zone)
                if self.ended and opens <= self.ended < closes:
                    closes = self.ended
                found.append((opens, closes))
        return found

    def until(self, target: Target, now: dt.datetime) -> dt.datetime | None:
        """When it ends, if the target is in it now (None: it is not)."""
        ends = [closes for opens, closes in self.occurrences(target, now) if opens <= now < closes]
        return max(ends, default=None)

    def describe(self, target: Target) -> str:
        zone = self.timezone or target.timezone
        if self.weekly:
            return f"every {', '.join(DAYS[day] for day in self.days)} {self.start}-{self.end} ({zone})"
        opens, closes = self.occurrences(target, dt.datetime.now(dt.UTC))[0]
        return f"{shown_time(opens)} to {shown_time(closes)}"


def current(windows: list[Window], target: Target, now: dt.datetime | None = None) -> Maintenance | None:
    """The maintenance the target is in now: the window that ends last, if several overlap."""
    now = now or dt.datetime.now(dt.UTC)
    active = [(until, window) for window in windows if target.name in window.targets
              for until in [window.until(target, now)] if until is not None]
    if not active:
        return None
    until, window = max(active, key=lambda pair: pair[0])
    return Maintenance(reason=window.reason, until=until.astimezone(window.zone(target)).isoformat(timespec="minutes"))


@dataclass(frozen=True)
class Occurrence:
    """A window's occurrence, for a status page: the targets it holds, when it opens and closes."""

    reason: str
    targets: tuple[str, ...]
    opens: dt.datetime  # in the window's timezone
    closes: dt.datetime

    def in_progress(self, now: dt.datetime) -> bool:
        return self.opens <= now < self.closes


def upcoming(windows: list[Window], targets: dict[str, Target], now: dt.datetime,
             days: int = 14) -> list[Occurrence]:
    """The occurrences of the next `days` days that have not ended (those in progress too), soonest
    first, for the targets given."""
    found: dict[tuple[int, dt.datetime, dt.datetime], list[str]] = {}
    for window in windows:
        for name in (name for name in window.targets if name in targets):
            for opens, closes in window.occurrences(targets[name], now, ahead=days):
                if closes > now and opens < now + dt.timedelta(days=days):
                    found.setdefault((window.number, opens, closes), []).append(name)
    reasons = {window.number: window.reason for window in windows}
    return sorted((Occurrence(reasons[number], tuple(names), opens, closes)
                   for (number, opens, closes), names in found.items()), key=lambda item: item.opens)


def known_targets(targets_file: Path) -> dict[str, Target]:
    """The targets a window may name: the run's targets file's, and the project's targets.toml's (the
    file maintenance.toml goes with), so that a run with another targets file still starts."""
    try:
        project = load_targets(TARGETS_FILE) if targets_file.resolve() != TARGETS_FILE.resolve() else {}
    except TargetError:
        project = {}  # not this run's file: its own problems are not this run's
    return {**project, **load_targets(targets_file)}


def load(path: Path, targets: dict[str, Target]) -> list[Window]:
    """The file's windows, every one checked against the known targets (no file: no windows)."""
    try:
        text = read_text(path, "maintenance file")
    except InputFileError as error:
        raise MaintenanceError(str(error)) from None
    return [] if text is None else parse(text, path, targets)


def parse(text: str, path: Path, targets: dict[str, Target]) -> list[Window]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MaintenanceError(f"malformed maintenance file {path}: {error}") from None
    extra = sorted(set(data) - {"window"})
    entries = data.get("window", [])
    if extra or not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise MaintenanceError(f"malformed maintenance file {path}: expected only [[window]] tables"
                               + (f", not {', '.join(extra)}" if extra else ""))
    return [_window(number, entry, path, targets) for number, entry in enumerate(entries, 1)]


def _window(number: int, entry: dict, path: Path, targets: dict[str, Target]) -> Window:
    reason = entry.get("reason")
    where = f"maintenance file {path}: window {number}" + (f" ({reason})" if isinstance(reason, str) else "")

    def bad(problem: str) -> MaintenanceError:
        return MaintenanceError(f"{where}: {problem}")

    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise bad(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    names = entry.get("targets")
    if not isinstance(names, list) or not names or not all(isinstance(name, str) for name in names):
        raise bad("needs targets = [\"NAME\", ...]")
    strangers = [name for name in names if name not in targets]
    if strangers:
        raise bad(f"unknown target {strangers[0]!r}; known targets: {', '.join(sorted(targets))}")
    if not isinstance(reason, str) or not reason.strip():
        raise bad("needs a reason (what QA would say in the channel)")
    zone = entry.get("timezone", "")
    if not isinstance(zone, str):
        raise bad("timezone must be a string, e.g. \"America/New_York\"")
    for name in ({zone} | {targets[name].timezone for name in names}) - {""}:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise bad(f"unknown timezone {name!r} (an IANA name, e.g. America/New_York)") from None
    start, end = (_text(entry.get(key)) for key in ("start", "end"))
    if not start or not end:
        raise bad("needs a start and an end")
    days = entry.get("days")
    if days is not None:
        window = _weekly(number, names, reason, start, end, days, zone, entry.get("ended"), bad)
    else:
        window = Window(number, tuple(names), reason.strip(), start, end, timezone=zone)
        for name in names:
            try:
                opens, closes = window.occurrences(targets[name], dt.datetime.now(dt.UTC))[0]
            except ValueError:
                raise bad(f"start and end must be ISO 8601 date and time, e.g. 2026-12-05T22:00 or "
                          f"2026-12-05T22:00-05:00 (got {start!r}, {end!r})") from None
            if closes <= opens:
                raise bad(f"its end ({end}) is not after its start ({start})")
    return window


def _weekly(number, names, reason, start, end, days, zone, ended, bad) -> Window:
    if not isinstance(days, list) or not days or not all(isinstance(day, str) for day in days):
        raise bad(f"days must list weekdays: {', '.join(DAYS)}")
    wrong = [day for day in days if day.strip().lower()[:3] not in DAYS]
    if wrong:
        raise bad(f"unknown day {wrong[0]!r}; known: {', '.join(DAYS)}")
    try:
        opens, closes = _clock(start), _clock(end)
        closed = _moment(_text(ended), dt.UTC) if ended is not None else None
    except ValueError:
        raise bad(f"a weekly window's start and end are times of day, HH:MM (got {start!r}, {end!r})") from None
    if opens == closes:
        raise bad(f"its end ({end}) is its start: a window needs a length")
    numbers = tuple(sorted({DAYS.index(day.strip().lower()[:3]) for day in days}))
    return Window(number, tuple(names), reason.strip(), start, end, numbers, zone, closed)


def _text(value: object) -> str:
    """A time as written: TOML may have parsed an unquoted date-time already."""
    if isinstance(value, dt.datetime | dt.time):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else ""


def _moment(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO 8601 date and time; without an offset, in the zone (ValueError if it is not one)."""
    if len(text) < 16 or "T" not in text.upper():
        raise ValueError(text)
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _clock(text: str) -> dt.time:
    moment = dt.time.fromisoformat(text)
    if moment.tzinfo:
        raise ValueError(text)
    return moment


