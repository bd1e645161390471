"""How a run ended (its outcome), one row each: its word in the run record, its exit code, its severity (several
targets: the most severe wins), the alert's headline, the CI job summary's headline and the heartbeat
ping's suffix. The console, the job summary, the alerts, the heartbeat, the record, the release check
and the exit code read this table; a failed check's verdict (its category of failure:
monitor/core/verdicts.py) names its row by exit code. `python -m monitor.core.outcomes` prints it, with the
verdicts, as Markdown.

The words: a run's result is its outcome (the record's `outcome`), a check's result its status (passed,
failed, broken, skipped), and a failure's category its verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from monitor.core.exit_codes import MonitorExit

PRODUCT_NAME = "Focus parent login"  # how alerts, summaries, the status page and the trend name what is watched


class Word(StrEnum):
    """A run's outcome as the record writes it (a string: it reads and compares as one)."""

    OK = "ok"
    DEGRADED = "degraded"  # passed, with a page slower than degraded_after_s (or a certificate expiring)
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    SETUP_PROBLEM = "setup-problem"
    MONITOR_DEFECT = "monitor-defect"
    INTERRUPTED = "interrupted"
    DID_NOT_FINISH = "did-not-finish"


@dataclass(frozen=True)
class Outcome:
    exit_code: MonitorExit
    word: Word | None  # the record's `outcome`; None: the run stopped before any check, no record
    alert: str  # the alert's title: "Focus parent login: <alert> on <target>"
    summary: str  # the job summary's headline
    # The checks ran and judged the site (record, history, report, alerts). Otherwise the run judged
    # nothing; an interrupted one still records what finished.
    judged: bool = False

    @property
    def heartbeat(self) -> str:
        return heartbeat_suffix(self.exit_code)

    @property
    def recorded(self) -> bool:
        return self.word is not None


NOT_JUDGED = "no verdict"  # stopped before any check: no record, no report
# Least severe first: the order is the severity.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(MonitorExit.OK, Word.OK, "ok", "✅ Parents can sign in", judged=True),
    Outcome(MonitorExit.OK, Word.DEGRADED, "degraded", "🟡 Parents can sign in, but a page is slow", judged=True),
    Outcome(MonitorExit.SETUP_PROBLEM, Word.SETUP_PROBLEM, "monitor setup problem",
            "⚙️ The monitor's setup needs attention (an account or saved session)", judged=True),
    Outcome(MonitorExit.MONITOR_DEFECT, Word.MONITOR_DEFECT, "monitor defect",
            "🛠️ A check broke on a defect of the monitor itself", judged=True),
    Outcome(MonitorExit.PRODUCT_FAILURE, Word.FAILED, "FAILED", "❌ Something a parent meets is broken", judged=True),
    # The site held a check past every bound (fixtures/watchdog.py): alerted and counted as a failure.
    Outcome(MonitorExit.DID_NOT_FINISH, Word.DID_NOT_FINISH, "did not finish",
            "⏱️ The checks did not finish in time: the site held them (the checks that finished are listed)",
            judged=True),
    Outcome(MonitorExit.SITE_UNREACHABLE, Word.UNREACHABLE, "site unreachable",
            "🔌 The site or its identity provider is unreachable", judged=True),
    Outcome(MonitorExit.NO_CHECKS, None, "no checks", NOT_JUDGED),
    Outcome(MonitorExit.BROWSER_FAILED, None, "browser failed", NOT_JUDGED),
    Outcome(MonitorExit.INTERNAL_ERROR, None, "internal error", NOT_JUDGED),
    Outcome(MonitorExit.BAD_INPUT, None, "bad input", NOT_JUDGED),
    Outcome(MonitorExit.INTERRUPTED, Word.INTERRUPTED, "interrupted",
            "⏹️ The run was interrupted (the checks that finished are listed)"),
)
WORDS: tuple[Word, ...] = tuple(outcome.word for outcome in OUTCOMES if outcome.word)
_BY_WORD = {outcome.word: outcome for outcome in OUTCOMES if outcome.word}
_BY_CODE = {outcome.exit_code: outcome for outcome in reversed(OUTCOMES)}  # 0: ok, not degraded
_SEVERITY = {code: rank for rank, code in enumerate(dict.fromkeys(outcome.exit_code for outcome in OUTCOMES))}


def heartbeat_suffix(code: int) -> str:
    """The ping's suffix (healthchecks.io: none is success, /fail a failure, /N any other exit status)."""
    if code == MonitorExit.OK:
        return ""
    return "/fail" if code == MonitorExit.PRODUCT_FAILURE else f"/{int(code)}"


def by_word(word: str) -> Outcome:
    return _BY_WORD[word]


def of_exit(code: int) -> Outcome | None:
    """The outcome of an exit code; None for one the monitor does not give (pytest's own, a crash)."""
    try:
        return _BY_CODE.get(MonitorExit(code))
    except ValueError:
        return None


def severity(code: int) -> int:
    """An exit code the monitor does not give (a crash) is the most severe."""
    return _SEVERITY.get(code, len(_SEVERITY))


def most_severe(codes: Iterable[int]) -> int:
    return max(codes, key=severity, default=MonitorExit.OK)


def judged(code: int) -> bool:
    """Whether a run of that exit code judged the site (it has a record, a report and alerts)."""
    outcome = of_exit(code)
    return outcome is not None and outcome.judged


def leaves_record(code: int) -> bool:
    outcome = of_exit(code)
    return outcome is not None and outcome.recorded


def run_word(code: int, degraded: bool) -> Word:
    """The record's outcome for a run that left a record; "degraded": passed with a flag."""
    word = of_exit(code).word
    return Word.DEGRADED if word == Word.OK and degraded else word


def markdown() -> str:
    """The table: every run outcome, each check verdict on the row of its run outcome."""
    from monitor.core.verdicts import VERDICTS

    lines = ["| verdict key | category | run outcome | exit code | severity | alert headline | job summary headline "
             "| heartbeat |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for outcome in OUTCOMES:
        verdicts = [v for v in VERDICTS if v.exit_code == outcome.exit_code and outcome.word != Word.DEGRADED] or [None]
        for verdict in verdicts if outcome.word != Word.OK else [None]:
            lines.append(f"| {verdict.key if verdict else ''} | {verdict.category if verdict else ''} "
                         f"| {outcome.word or '(no record)'} | {int(outcome.exit_code)} {outcome.exit_code.name} "
                         f"| {severity(outcome.exit_code)} | {outcome.alert} | {outcome.summary} "
                         f"| `{outcome.heartbeat or '(none)'}` |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
