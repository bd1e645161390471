"""Uptime and incidents, derived from the run history (never stored: the record stays as it is).

Pure functions of run records and a "now" (by default the end of the latest run, so that the console,
the job summary and the status page of one run say the same figures). Per target and per check:

- the share of runs that were up (ok or degraded) over the last 24 h, 7 d and 30 d;
- the incidents: consecutive runs that were down, from the first down run's start to the start of the
  run that found the site up again (or "ongoing"), with their runs, outcomes and failing checks;
- the mean time to recovery (MTTR) of the incidents of the last 30 days that ended.

Runs that say nothing of the site are left out (not counted, and they neither start nor end an
incident): runs in a maintenance window, interrupted runs, and runs whose outcome is the monitor's own
(setup problem, monitor defect: an expired saved session is not parents failing to sign in). A
check is identified across runs as the trend and the alerts identify it (RunRecord.check, by id).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.core import outcomes
from monitor.core.exit_codes import MonitorExit
from monitor.core.outcomes import Word
from monitor.core.verdicts import VERDICTS
from monitor.data.record import CheckRecord, RunRecord, Status, parse_time, shown_time

PERIODS = (("24 h", timedelta(hours=24)), ("7 d", timedelta(days=7)), ("30 d", timedelta(days=30)))
INCIDENT_PERIOD = PERIODS[-1][1]  # the incidents counted beside the figures, and the MTTR's
UP = frozenset({Word.OK, Word.DEGRADED})
ONGOING = "ongoing"  # an incident that has not ended
# The monitor's own trouble, not the site's: the run (or check) does not count.
_OWN_EXITS = (MonitorExit.SETUP_PROBLEM, MonitorExit.MONITOR_DEFECT)
NOT_COUNTED = frozenset({Word.INTERRUPTED, *(outcomes.of_exit(code).word for code in _OWN_EXITS)})
_OWN_CHECK_VERDICTS = frozenset(verdict.key for verdict in VERDICTS if verdict.exit_code in _OWN_EXITS)


@dataclass(frozen=True)
class Share:
    period: str  # "24 h", "7 d", "30 d"
    up: int
    counted: int  # runs in the period that count (the share's denominator)

    @property
    def percent(self) -> float | None:
        return 100 * self.up / self.counted if self.counted else None

    @property
    def text(self) -> str:
        """100 % only when every run was up; else one decimal, rounded down (99.96 is never "100")."""
        if self.percent is None:
            return "no runs"
        return "100 %" if self.up == self.counted else f"{int(self.percent * 10) / 10:.1f} %"


@dataclass(frozen=True)
class Incident:
    start: datetime  # the first down run's start
    end: datetime | None  # the start of the run that was up again; None: ongoing
    runs: int  # down runs
    outcomes: tuple[str, ...]  # the runs' outcomes, each once, in the order they came
    checks: tuple[str, ...]  # titles of the checks that failed in it, each once

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def duration(self, now: datetime) -> timedelta:
        return (self.end or now) - self.start

    @property
    def outcome(self) -> str:
        return ", ".join(self.outcomes)


@dataclass(frozen=True)
class Figures:
    """The uptime of a target or of one check, as of `now`."""

    name: str  # the target's name, or the check's title
    now: datetime
    shares: tuple[Share, ...]
    incidents: tuple[Incident, ...]  # every incident of the runs given, oldest first
    left_out: int  # runs of the longest period that did not count (maintenance, interrupted, the monitor's own)

    @property
    def recent_incidents(self) -> tuple[Incident, ...]:
        since = self.now - INCIDENT_PERIOD
        return tuple(incident for incident in self.incidents if incident.end is None or incident.end > since)

    @property
    def mttr(self) -> timedelta | None:
        ended = [incident.duration(self.now) for incident in self.recent_incidents if not incident.ongoing]
        return sum(ended, timedelta()) / len(ended) if ended else None

    @property
    def text(self) -> str:
        """24 h 100 %, 7 d 96.4 %, 30 d 98.9 % (2 incidents, MTTR 3 h 10 min)"""
        shares = ", ".join(f"{share.period} {share.text}" for share in self.shares)
        return f"{shares} ({self.incidents_text})"

    @property
    def incidents_text(self) -> str:
        incidents = self.recent_incidents
        if not incidents:
            return f"no incident in {PERIODS[-1][0]}"
        parts = [f"{len(incidents)} incident{'s' if len(incidents) > 1 else ''}"]
        if incidents[-1].ongoing:
            parts.append(f"{ONGOING} for {duration_text(incidents[-1].duration(self.now))}")
        if self.mttr is not None:
            parts.append(f"MTTR {duration_text(self.mttr)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class TargetFigures:
    target: Figures
    checks: tuple[tuple[str, Figures], ...]  # (check id, its figures), in the order the checks first ran


def duration_text(duration: timedelta) -> str:
    """3 h 10 min; 9 h; 2 d 4 h; 12 min; under a minute: 40 s."""
    minutes = int(duration.total_seconds() // 60)
    if minutes < 1:
        return f"{max(0, int(duration.total_seconds()))} s"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


# An incident as the job summary and the status page list it (the same words in both).
INCIDENT_HEADINGS = ("Started", "Ended", "Lasted", "Runs", "Outcome", "Failing checks")


def incident_cells(incident: Incident, now: datetime) -> tuple[str, ...]:
    return (shown_time(incident.start), shown_time(incident.end) if incident.end else ONGOING,
            duration_text(incident.duration(now)), str(incident.runs), incident.outcome,
            ", ".join(incident.checks) or "-")


def as_of(runs: Iterable[RunRecord]) -> datetime | None:
    """The default "now": when the latest run ended."""
    return max((parse_time(run.finished) for run in runs), default=None)


def counts(run: RunRecord) -> bool:
    """Whether a run says something of the site."""
    return run.maintenance is None and run.outcome not in NOT_COUNTED


def check_up(check: CheckRecord | None) -> bool | None:
    """A check's run: up (passed, degraded or not), down (failed on the site), or None (did not run,
    no result, or failed on the monitor's own trouble)."""
    if check is None or check.status == Status.SKIPPED or check.verdict in _OWN_CHECK_VERDICTS:
        return None
    return not check.failed


# A run as the figures see it: when it started, up (True), down (False) or not counted (None).
Sample = tuple[datetime, bool | None, RunRecord]


def _figures(name: str, samples: list[Sample], now: datetime, failing_titles) -> Figures:
    shares = []
    for label, length in PERIODS:
        inside = [up for started, up, _ in samples if now - length < started <= now and up is not None]
        shares.append(Share(label, sum(inside), len(inside)))
    longest = now - PERIODS[-1][1]
    left_out = sum(1 for started, up, _ in samples if longest < started <= now and up is None)
    return Figures(name, now, tuple(shares), tuple(_incidents(samples, failing_titles)), left_out)


def _incidents(samples: list[Sample], failing_titles) -> list[Incident]:
    found: list[Incident] = []
    open_runs: list[RunRecord] = []
    start = None
    for started, up, run in samples:
        if up is None:
            continue
        if not up:
            start = start or started
            open_runs.append(run)
        elif open_runs:
            found.append(_incident(start, started, open_runs, failing_titles))
            open_runs, start = [], None
    if open_runs:
        found.append(_incident(start, None, open_runs, failing_titles))
    return found


def _incident(start, end, runs: list[RunRecord], failing_titles) -> Incident:
    seen = tuple(dict.fromkeys(run.outcome for run in runs))
    checks = tuple(dict.fromkeys(title for run in runs for title in failing_titles(run)))
    return Incident(start, end, len(runs), seen, checks)


def target_figures(runs: list[RunRecord], now: datetime | None = None) -> TargetFigures:
    """The figures of one target's runs (oldest first) and of each of its checks."""
    runs = sorted(runs, key=lambda run: parse_time(run.started))
    now = now or as_of(runs) or datetime.now().astimezone()
    name = runs[-1].target if runs else ""
    samples = [(parse_time(run.started), (run.outcome in UP) if counts(run) else None, run) for run in runs]
    target = _figures(name, samples, now, lambda run: [check.title for check in run.failing()])
    checks = []
    for check_id in dict.fromkeys(check.id for run in runs for check in run.checks):
        per_check = [(started, up if up is None else check_up(run.check(check_id)), run)
                     for started, up, run in samples]
        title = next(check.title for run in reversed(runs) if (check := run.check(check_id)) is not None)
        checks.append((check_id, _figures(title, per_check, now, lambda run, title=title: [title])))
    return TargetFigures(target, tuple(checks))


def by_target(runs: list[RunRecord], now: datetime | None = None) -> dict[str, TargetFigures]:
    """Every target's figures: as of `now`, else each as of its own latest run (as its console line)."""
    targets = dict.fromkeys(run.target for run in runs)
    return {target: target_figures([run for run in runs if run.target == target], now) for target in targets}


def recovered_from(runs: list[RunRecord]) -> Incident | None:
    """The incident that the last run (of one target, oldest first) ended, if it did."""
    incidents = target_figures(runs).target.incidents
    last = runs[-1] if runs else None
    if not incidents or last is None or incidents[-1].end != parse_time(last.started):
        return None
    return incidents[-1]
