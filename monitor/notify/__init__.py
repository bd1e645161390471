"""Alerts and heartbeat: after a run, tell people when the state of the login flow changed.

The cli calls load_config before any browser starts (bad settings are bad input, exit 4),
heartbeat_start, and after the report is built after_run (or heartbeat_finish, for a run that left
no record). Nothing here changes the run's exit code: delivery failures are one line on stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

from monitor.core import outcomes
from monitor.core.accounts import secrets_of
from monitor.core.outcomes import Word
from monitor.core.paths import TARGETS_FILE
from monitor.core.redact import Redactor
from monitor.core.targets import Target, TargetError, load_targets
from monitor.core.timings import timed
from monitor.data.record import RunRecord
from monitor.data.uptime import recovered_from
from monitor.notify import channels, heartbeat
from monitor.notify.config import SETUP_ALERT_URLS, NotifyConfig, NotifyConfigError, load_config
from monitor.notify.decision import Decision, decide
from monitor.notify.message import Message, compose
from monitor.reporting.console import table

__all__ = ["NotifyConfig", "NotifyConfigError", "after_run", "heartbeat_finish", "heartbeat_start", "load_config",
           "message_for"]


def heartbeat_start(config: NotifyConfig, warn: Callable[[str], None] | None = None) -> None:
    heartbeat.ping(config.heartbeat_url, "/start", "run started", warn)


def heartbeat_finish(config: NotifyConfig, exit_code: int, record: RunRecord | None = None,
                     environ: Mapping[str, str] = os.environ, warn: Callable[[str], None] | None = None, *,
                     records: Sequence[RunRecord] = (), notes: Sequence[str] = ()) -> None:
    """The end ping; its body: the run's record (or several targets' records, with a note for each
    target that left none), else that there is no verdict."""
    if not config.heartbeat_url:
        return
    records = [record] if record is not None else list(records)
    if records or notes:
        text = "\n\n".join([*("\n".join([f"{run.target}: {run.outcome}", *table(run, run.report)]) for run in records),
                             *notes])
    else:
        text = f"exit code {exit_code}: no verdict (see docs/running.md, Exit codes)"
    # In a maintenance window the job ran as planned: the plain ping (a /fail would page people through
    # the heartbeat service, which the window exists to prevent); the body still carries the verdict.
    path_suffix = "" if record is not None and record.maintenance else outcomes.heartbeat_suffix(exit_code)
    heartbeat.ping(config.heartbeat_url, path_suffix, Redactor(secrets(config, records, environ)).text(text), warn)


def message_for(config: NotifyConfig, record: RunRecord, previous: list[RunRecord],
                environ: Mapping[str, str] = os.environ) -> tuple[Decision, Message]:
    decision = decide(previous, record, config)
    return decision, compose(record, decision, config.report_url, secrets(config, [record], environ),
                             recovered_from([*previous, record]))


@timed("alert")
def after_run(config: NotifyConfig, record: RunRecord, previous: list[RunRecord],
              environ: Mapping[str, str] = os.environ, say: Callable[[str], None] = print,
              warn: Callable[[str], None] | None = None) -> None:
    """Decide, send the alert if one is due, ping the heartbeat's end. Never raises: the run's
    verdict stands whatever happens here."""
    warn = warn or (lambda line: print(line, file=sys.stderr))
    try:
        if config.alert_urls or config.setup_alert_urls:
            decision, message = message_for(config, record, previous, environ)
            urls = recipients(config, record, previous)
            if decision.send and not urls:
                say(f"alerts: none sent (a setup problem goes to {SETUP_ALERT_URLS}, the monitor's owners, "
                    "never to the district's on-call; it is not set)")
            elif decision.send:
                deliveries = channels.send(urls, message.title, message.body, decision.kind,
                                           secrets(config, [record], environ), warn)
                sent = [delivery for delivery in deliveries if delivery.delivered]
                say(f"alerts: sent \"{message.title}\" to {len(sent)} of {len(deliveries)} service(s) "
                    f"({decision.reason})")
            else:
                say(f"alerts: none sent ({decision.reason})")
        heartbeat_finish(config, record.exit_code, record, environ, warn)
    except Exception as error:  # noqa: BLE001 - an alert's bug must not turn the run's verdict
        warn(f"alerts: WARNING: not sent, internal error: {type(error).__name__}: "
             f"{Redactor(secrets(config, [record], environ)).text(str(error))}")


def recipients(config: NotifyConfig, record: RunRecord, previous: Sequence[RunRecord]) -> tuple[str, ...]:
    """Who hears of this run: a setup problem (an account or saved session to fix) and its recovery go
    to the monitor's owners alone; everything else to the alert URLs."""
    judged = [run for run in previous if run.outcome != Word.INTERRUPTED and not run.maintenance]
    recovering = record.outcome == Word.OK and bool(judged) and judged[-1].outcome == Word.SETUP_PROBLEM
    if record.outcome == Word.SETUP_PROBLEM or recovering:
        return config.setup_alert_urls
    return config.alert_urls


def secrets(config: NotifyConfig, records: Sequence[RunRecord], environ: Mapping[str, str] = os.environ) -> list[str]:
    """What must never be in a message or a log line: the alert and heartbeat URLs, and the secrets of
    each run's target, as the checks' redactor takes them (monitor/core/accounts.py, secrets_of)."""
    return config.secrets() + [secret for target in _targets_of(records) for secret in secrets_of(target, environ)]


def _targets_of(records: Sequence[RunRecord]) -> list[Target | None]:
    """The targets the records name, from targets.toml; None for a name it does not hold (or none)."""
    try:
        known = load_targets(TARGETS_FILE)
    except TargetError:  # the run read it already; a file broken since must not stop the alert
        known = {}
    return [known.get(name) for name in sorted({record.target for record in records})] or [None]
