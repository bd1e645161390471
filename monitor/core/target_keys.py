"""Every key a target may have (in targets.toml's [defaults] or [targets.NAME]), declared once: its kind,
its default, what it means, and what else its value must be. Loading a target (monitor/core/targets.py)
checks and fills in each key from this, and docs/running.md's table of keys is `python -m
monitor.core.target_keys` (a self-test holds the two equal)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.core.browsers import DEFAULT_DEVICE, device_problem
from monitor.core.paths import ROOT
from monitor.core.roles import ACCOUNT_KEYS, DEFAULT_VARIABLES
from monitor.core.wording import text_errors

# axe-core's impacts, mildest first: what a target's a11y_fail_impacts may name.
IMPACTS = ("minor", "moderate", "serious", "critical")
MAINTENANCE_MODES = ("run", "skip")


@dataclass(frozen=True)
class Kind:
    words: str  # how an error names it: "'devices' must be a list of strings"
    fits: Callable[[object], bool]
    convert: Callable[[object], object] = lambda value: value  # to the Target's field


def _number(value: object) -> bool:  # not 0, not negative, not true/false, not nan
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value) and value > 0


TEXT = Kind("a string", lambda value: isinstance(value, str))
TEXTS = Kind("a list of strings", lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value),
             tuple)
TABLE = Kind("a table", lambda value: isinstance(value, dict), dict)
NUMBER = Kind("a number above 0", _number, float)
WHOLE = Kind("a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool))

REQUIRED = object()  # no default: [defaults] or the target gives it


@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    help: str  # one line for the docs' table
    default: object = REQUIRED  # a table's default is merged under [defaults]' and the target's
    problem: Callable[[object], str | None] | None = None  # what else is wrong with a value of the right kind
    shown_default: str = ""  # the docs' words for a default too long for the table

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


def _accounts(accounts: dict) -> str | None:
    unknown = sorted(set(accounts) - set(ACCOUNT_KEYS))
    if unknown:
        return f"accounts names unknown account keys {unknown}; known: {', '.join(ACCOUNT_KEYS)}"
    not_names = [key for key, variable in accounts.items() if not isinstance(variable, str) or not variable]
    return f"account keys {not_names} need a variable name" if not_names else None


def _impacts(impacts: list) -> str | None:
    unknown = [impact for impact in impacts if impact not in IMPACTS]
    return f"a11y_fail_impacts names unknown impacts {unknown}; known: {', '.join(IMPACTS)}" if unknown else None


def _devices(devices: list) -> str | None:
    if not devices or not all(devices):
        return "devices must list at least one device name (Playwright's, e.g. \"Pixel 7\")"
    if len(set(devices)) < len(devices):
        return "devices names a device twice"
    return device_problem(devices)


def _timezone(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown timezone {name!r} (an IANA name, e.g. America/New_York)"
    return None


def _blank(key: str, needs: str) -> Callable[[str], str | None]:
    return lambda value: None if value.strip() else f"{key} needs {needs}"


KEYS: tuple[Key, ...] = (
    Key("description", TEXT, "what the target is, for people", ""),
    Key("entry_url", TEXT, "where a parent starts (http(s)://host/path); the replica's is empty: started on free "
        "ports"),
    Key("google_hosts", TEXTS, "hosts the Google button must lead to"),
    Key("microsoft_hosts", TEXTS, "hosts the Microsoft button must lead to"),
    Key("schoology_host", TEXT, "the host \"Please click here to access Schoology\" must point at"),
    Key("degraded_after_s", NUMBER, "a page slower than this passes flagged degraded"),
    Key("fail_after_s", NUMBER, "a page slower than this fails its check; also every browser wait"),
    Key("connect_timeout_s", NUMBER, "a connection slower than this counts as unreachable"),
    Key("private_locators", TEXTS, "Playwright selectors of a student's or parent's data: masked in screenshots, "
        "blanked in page HTML"),
    Key("accounts", TABLE, "account key (parent_email, ...) -> the environment variable that holds it",
        DEFAULT_VARIABLES, _accounts, "`FOCUS_<KEY>` for each key (`FOCUS_PARENT_EMAIL`, ...)"),
    Key("a11y_fail_impacts", TEXTS, f"the axe-core impacts ({', '.join(IMPACTS)}) that fail a page without a "
        "baseline", problem=_impacts),
    Key("a11y_baseline", TEXT, "the accepted violations' file ({target}: the target's name)",
        problem=_blank("a11y_baseline", "a file path")),
    Key("texts", TABLE, "what the checks look for, in the target's wording ([defaults.texts])",
        problem=lambda texts: next(iter(text_errors(texts)), None)),
    Key("timezone", TEXT, "the maintenance windows' times without an offset are in it (an IANA name)",
        "America/New_York", _timezone),
    Key("maintenance_mode", TEXT, "during a window: \"run\" the checks (no alert) or \"skip\" them", "run",
        lambda mode: None if mode in MAINTENANCE_MODES else
        f"maintenance_mode must be one of {', '.join(MAINTENANCE_MODES)}, not {mode!r}"),
    Key("cert_warn_days", WHOLE, "a certificate with fewer days left degrades the run", 21,
        lambda days: None if days >= 0 else f"cert_warn_days must be 0 or more, not {days}"),
    Key("ca_bundle", TEXT, "a CA file trusted besides the system's (a district's proxy; relative to the project)", "",
        lambda path: None if not path or (ROOT / path).is_file() else f"ca_bundle {path!r} is not a file"),
    Key("cert_skip_hosts", TEXTS, "hosts whose certificate is not read (said so, never passed)", [],
        lambda hosts: None if all(hosts) else "cert_skip_hosts must list host names"),
    Key("devices", TEXTS, "every browser check runs once on each (Playwright's device names)", [DEFAULT_DEVICE],
        _devices),
    Key("portal_address", TEXT, "a part of the address that only signed-in pages have", "Modules.php",
        _blank("portal_address", "a part of the signed-in pages' address (Focus's: Modules.php)")),
)
BY_NAME = {key.name: key for key in KEYS}


def markdown() -> str:
    """The docs' table of keys."""
    lines = ["| key | kind | default | meaning |", "| --- | --- | --- | --- |"]
    for key in KEYS:
        default = "required" if key.required else key.shown_default or f"`{_toml(key.default)}`"
        lines.append(f"| `{key.name}` | {key.kind.words} | {default} | {key.help.replace('|', '/')} |")
    return "\n".join(lines)


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name} = {_toml(item)}" for name, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


if __name__ == "__main__":
    print(markdown())
