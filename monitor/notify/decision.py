"""When an alert goes out: state, not noise. A pure function of the run history.

The history (runs.jsonl, oldest first) is replayed through the same rules as the current run, so
the state a channel was last told about is known on any machine that restored the history, and a
machine without history starts from nothing (a first run that is not ok is announced).

A run's state is its outcome and the checks that failed: the same outcome with other failing checks
is a change. See docs/alerts.md for the table of when a message goes out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from monitor.core.outcomes import Word
from monitor.data.record import RunRecord
from monitor.notify.config import ALWAYS, FAILURE, NotifyConfig

RECOVERED, REMINDER = "recovered", "reminder"


@dataclass(frozen=True)
class State:
    outcome: str
    failing: frozenset[str]  # keys of the failing checks (CheckRecord.key: the id, and a device but the desktop)
    titles: dict[str, str] = field(default_factory=dict, compare=False)  # key -> label, for the reason

    @classmethod
    def of(cls, record: RunRecord) -> State:
        titles = {check.key: check.label for check in record.failing()}
        return cls(record.outcome, frozenset(titles), titles)

    @property
    def ok(self) -> bool:
        return self.outcome == Word.OK


@dataclass(frozen=True)
class Decision:
    send: bool
    kind: str  # the run's outcome (failed, degraded, unreachable, ...), or recovered, reminder
    reason: str  # why (not): what changed, for the log line and the dry run
    runs: int = 1  # how many consecutive runs the state has lasted (a reminder says it)


@dataclass
class _Memory:
    """What the replay carries from one run to the next."""

    announced: State | None = None  # the state the channels were last told about (None: no history)
    not_ok_streak: int = 0  # consecutive runs that were not ok, the current one included
    runs_in_state: int = 0  # consecutive runs in the announced state


def decide(previous: Iterable[RunRecord], current: RunRecord, config: NotifyConfig) -> Decision:
    """Whether the current run sends a message, given the earlier runs of its target (oldest first).
    A run in a maintenance window sends none and is left out of the replay, so the first run after the
    window is judged against the last one before it; an interrupted run says nothing of the site."""
    if current.outcome == Word.INTERRUPTED:
        return Decision(False, Word.INTERRUPTED, "the run was interrupted: it says nothing of the site")
    if current.maintenance:
        return Decision(False, current.outcome, f"{current.maintenance.text}: no alert ({current.outcome})")
    memory = _Memory()
    judged = [record for record in previous if record.outcome != Word.INTERRUPTED]  # stopped by a person or CI
    for record in judged:
        if not record.maintenance:
            _step(memory, State.of(record), config)
    decision = _step(memory, State.of(current), config)
    if judged and judged[-1].maintenance:
        return replace(decision, reason=f"{decision.reason}; the first run after the maintenance window "
                                        f"({judged[-1].maintenance.reason}), against the last run before it")
    return decision


def _step(memory: _Memory, state: State, config: NotifyConfig) -> Decision:
    before = memory.announced
    memory.not_ok_streak = 0 if state.ok else memory.not_ok_streak + 1
    changed = before is None or state != before
    memory.runs_in_state = 1 if changed else memory.runs_in_state + 1

    if config.alert_on == ALWAYS:
        memory.announced = state
        kind = RECOVERED if state.ok and before is not None and not before.ok else state.outcome
        return Decision(True, kind, f"{ALWAYS}: every run ({_change(before, state)})", memory.runs_in_state)

    if state.ok:
        memory.announced = state
        if before is None or before.ok:
            return Decision(False, Word.OK, "ok, as before" if before else "ok (no history: first run)")
        if config.alert_on == FAILURE:
            return Decision(False, RECOVERED, f"{before.outcome} -> ok; {FAILURE} mode sends only runs that are not ok")
        return Decision(True, RECOVERED, f"{before.outcome} -> ok")

    if memory.not_ok_streak < config.after:
        # Not announced yet: the state the channels know stays what it was.
        return Decision(False, state.outcome, f"{state.outcome}: {memory.not_ok_streak} of {config.after} "
                                              "consecutive runs that are not ok before an alert")
    if changed:
        memory.announced = state
        return Decision(True, state.outcome, _change(before, state))
    if config.alert_on == FAILURE:
        return Decision(True, state.outcome, f"still {state.outcome} ({memory.runs_in_state} runs); "
                                             f"{FAILURE} mode sends every run that is not ok", memory.runs_in_state)
    if state.outcome != Word.DEGRADED and memory.runs_in_state % config.remind_every == 0:
        return Decision(True, REMINDER, f"still {state.outcome} after {memory.runs_in_state} runs (a reminder every "
                                        f"{config.remind_every})", memory.runs_in_state)
    return Decision(False, state.outcome, f"still {state.outcome}, same checks ({memory.runs_in_state} runs)",
                    memory.runs_in_state)


def _change(before: State | None, state: State) -> str:
    if before is None:
        return f"no history: first run, {state.outcome}"
    if before.outcome != state.outcome:
        return f"{before.outcome} -> {state.outcome}"
    if before.failing == state.failing:
        return f"{state.outcome}, as before"
    now = [state.titles.get(check_id, check_id) for check_id in sorted(state.failing - before.failing)]
    fixed = [before.titles.get(check_id, check_id) for check_id in sorted(before.failing - state.failing)]
    parts = [f"now failing: {', '.join(now)}"] if now else []
    parts += [f"passing again: {', '.join(fixed)}"] if fixed else []
    return f"{state.outcome}, other checks: {'; '.join(parts)}"
