"""`python -m monitor.notify --dry-run`: the message the last run would send, to which services and
why, without sending anything. Reads reports/run.json and reports/history/runs.jsonl."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dotenv import load_dotenv

from monitor.core import outcomes
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import ENV_FILE, HISTORY, RUN_RECORD
from monitor.data import record as run_record
from monitor.data.history import read_history
from monitor.notify import NotifyConfigError, load_config, message_for
from monitor.notify.channels import describe, service_for
from monitor.notify.config import ALERT_URLS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.notify", description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="show the message, the services and why; send nothing")
    parser.add_argument("--run-record", type=Path, default=RUN_RECORD, help="the run's record (default: %(default)s)")
    parser.add_argument("--history", type=Path, default=HISTORY, help="the history folder (default: %(default)s)")
    options = parser.parse_args(argv)
    if not options.dry_run:
        print("ERROR: only --dry-run is supported here: `make monitor` sends the alerts itself")
        return MonitorExit.BAD_INPUT
    load_dotenv(ENV_FILE, override=False)
    try:
        config = load_config()
    except NotifyConfigError as error:
        print(f"ERROR: {error}")
        return MonitorExit.BAD_INPUT
    if not options.run_record.is_file():
        print(f"ERROR: no run record at {options.run_record}: run `make monitor` first")
        return MonitorExit.BAD_INPUT
    record = run_record.read(options.run_record)
    history = read_history(options.history, record.target)
    # The cli appends the run to the history before alerting: what came before it is "previous".
    ids = [earlier.run_id for earlier in history]
    previous = history[:ids.index(record.run_id)] if record.run_id in ids else history
    decision, message = message_for(config, record, previous)

    print(f"run {record.run_id} on {record.target}: {record.outcome} (exit {record.exit_code}); "
          f"{len(previous)} earlier run(s) in the history")
    print(f"decision: {'send' if decision.send else 'no message'} ({decision.kind}): {decision.reason}")
    services = [describe(service) for service in map(service_for, config.alert_urls) if service is not None]
    print(f"to: {', '.join(services) if services else f'nobody ({ALERT_URLS} is not set)'}")
    if config.heartbeat_url:
        print(f"heartbeat: ping {outcomes.heartbeat_suffix(record.exit_code) or '/'} (at the end of the run)")
    print(f"\ntitle: {message.title}\n\n{message.body}")
    return MonitorExit.OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
