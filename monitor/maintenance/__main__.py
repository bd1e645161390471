"""`python -m monitor.maintenance list|add|end` (also `make maintenance ARGS="..."`): show and edit
maintenance.toml (FOCUS_MAINTENANCE_FILE moves it). Edits keep the file's comments: `add` appends a
[[window]] table, `end` rewrites one line of the window in progress.

    python -m monitor.maintenance list
    python -m monitor.maintenance add --target live --start 2026-12-05T22:00 --end 2026-12-06T02:00 \\
        --reason "Focus 26.4 release"
    python -m monitor.maintenance add --target live --days sun --start 01:00 --end 03:00 --reason "Backups"
    python -m monitor.maintenance end --target live
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import TARGETS_FILE
from monitor.core.targets import Target, TargetError
from monitor.data.record import shown_time
from monitor.maintenance.windows import DAYS, MaintenanceError, Window, known_targets, maintenance_file, parse

HEADER = re.compile(r"^\s*\[\[\s*window\s*\]\]")
TABLE = re.compile(r"^\s*\[")
NEW_FILE = "# Maintenance windows (docs/maintenance.md), edited by `python -m monitor.maintenance`.\n"


def _status(window: Window, target: Target, now: dt.datetime) -> str:
    until = window.until(target, now)
    if until is not None:
        return f"in progress until {shown_time(until)}"
    if window.weekly:
        return "not now"
    opens, _ = window.occurrences(target, now)[0]
    return "upcoming" if opens > now else "over"


def list_windows(windows: list[Window], targets: dict[str, Target], only: str | None, now: dt.datetime) -> list[str]:
    shown = [window for window in windows if only is None or only in window.targets]
    lines = []
    for window in shown:
        first = targets[window.targets[0]]
        states = "; ".join(f"{name}: {_status(window, targets[name], now)}" for name in window.targets)
        lines.append(f"#{window.number}  {window.reason}  [{', '.join(window.targets)}]  {window.describe(first)}  "
                     f"({states})")
    return lines or ["no maintenance window" + (f" for {only}" if only else "")]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def add(text: str, options: argparse.Namespace) -> str:
    lines = ["", "[[window]]", f"targets = [{', '.join(map(_quoted, options.target))}]",
             f"reason = {_quoted(options.reason)}"]
    if options.days:
        lines.append(f"days = [{', '.join(_quoted(day.strip()) for day in options.days.split(','))}]")
    if options.timezone:
        lines.append(f"timezone = {_quoted(options.timezone)}")
    lines += [f"start = {_quoted(options.start)}", f"end = {_quoted(options.end)}"]
    return (text or NEW_FILE).rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def _set_key(lines: list[str], span: range, key: str, value: str) -> None:
    """Set `key = "value"` in the window's lines: its line rewritten, else added after the header."""
    pattern = re.compile(rf"^\s*{key}\s*=")
    line = f"{key} = {_quoted(value)}  # ended by python -m monitor.maintenance end"
    found = next((index for index in span if pattern.match(lines[index])), None)
    if found is None:
        lines.insert(span.start + 1, line)
    else:
        lines[found] = line


def end(text: str, windows: list[Window], targets: dict[str, Target], name: str,
        now: dt.datetime) -> tuple[str, list[str]]:
    """The text with every window of the target that is in progress closed now, and what was done."""
    target = targets[name]
    active = [window for window in windows if name in window.targets and window.until(target, now) is not None]
    lines = text.splitlines()
    headers = [index for index, line in enumerate(lines) if HEADER.match(line)]
    done = []
    for window in sorted(active, key=lambda window: -window.number):  # from the end: indexes stay right
        first = headers[window.number - 1]
        last = next((index for index in range(first + 1, len(lines)) if TABLE.match(lines[index])), len(lines))
        moment = now.astimezone(window.zone(target)).isoformat(timespec="seconds")
        _set_key(lines, range(first, last), "ended" if window.weekly else "end", moment)
        others = [other for other in window.targets if other != name]
        when = shown_time(dt.datetime.fromisoformat(moment))
        done.append(f"ended window #{window.number} ({window.reason}) at {when}"
                    + (f", for {', '.join(others)} too (the window names them)" if others else ""))
    return "\n".join(lines) + "\n", done


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.maintenance", description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=None, help="the maintenance file (default: maintenance.toml)")
    parser.add_argument("--targets-file", type=Path, default=TARGETS_FILE)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the windows, and whether each target is in one now")
    listing.add_argument("--target", default=None)
    adding = commands.add_parser("add", help="add a window (one-off: ISO times; weekly: --days and HH:MM)")
    adding.add_argument("--target", action="append", required=True, help="a target it covers (repeatable)")
    adding.add_argument("--start", required=True, help="2026-12-05T22:00 (with an offset, or in the target's "
                                                       "timezone); weekly: 22:00")
    adding.add_argument("--end", required=True)
    adding.add_argument("--reason", required=True, help="what QA would say in the channel")
    adding.add_argument("--days", default="", help=f"weekly: comma-separated days ({','.join(DAYS)})")
    adding.add_argument("--timezone", default="", help="the window's own timezone (default: the target's)")
    ending = commands.add_parser("end", help="close the target's window in progress now")
    ending.add_argument("--target", required=True)
    options = parser.parse_args(argv)
    path = options.file or maintenance_file()
    now = dt.datetime.now(dt.UTC)
    try:
        targets = known_targets(options.targets_file)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        windows = parse(text, path, targets)
        if options.command == "list":
            print(f"{path}: {len(windows)} window(s)")
            print("\n".join(list_windows(windows, targets, options.target, now)))
            return MonitorExit.OK
        if options.command == "add":
            changed = add(text, options)
            windows = parse(changed, path, targets)  # checked before it is written
            when = windows[-1].describe(targets[options.target[0]])
            done = [f"added window #{len(windows)} ({options.reason}): {when}"]
        else:
            if options.target not in targets:
                known = ", ".join(sorted(targets))
                raise MaintenanceError(f"unknown target {options.target!r}; known targets: {known}")
            changed, done = end(text, windows, targets, options.target, now)
            if not done:
                raise MaintenanceError(f"no maintenance window of {options.target!r} is in progress")
            parse(changed, path, targets)
    except (MaintenanceError, TargetError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    path.write_text(changed, encoding="utf-8")
    print("\n".join(f"{path}: {line}" for line in done))
    return MonitorExit.OK


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
