"""Targets: which site the monitor checks and what it expects there (read from targets.toml)."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.core.browsers import DEFAULT_DEVICE, device_problem
from monitor.core.input_files import InputFileError, read_text
from monitor.core.paths import ROOT, TARGETS_FILE
from monitor.core.redact import without_userinfo
from monitor.core.roles import ACCOUNT_KEYS, DEFAULT_VARIABLES
from monitor.core.wording import Wording, accepted_texts, text_errors

# axe-core's impacts, mildest first: what a target's a11y_fail_impacts may name.
IMPACTS = ("minor", "moderate", "serious", "critical")

REPLICA = "replica"
# --base-url checks any URL with the expectations of this target.
BASE_URL_TEMPLATE = "live"

# A target's name becomes a folder (reports/targets/NAME) and part of file names.
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
NUMBER = "a number above 0"  # a threshold: not 0, not negative, not true/false
# Every key a target may have (in [defaults] or [targets.NAME]), in one place: its kind, and whether it is
# required. Kinds: str, list (of strings), dict (a table), NUMBER. Another key is bad input.
KEYS: dict[str, tuple[object, bool]] = {
    "description": (str, False),
    "entry_url": (str, True),
    "google_hosts": (list, True),
    "microsoft_hosts": (list, True),
    "schoology_host": (str, True),
    "degraded_after_s": (NUMBER, True),
    "fail_after_s": (NUMBER, True),
    "connect_timeout_s": (NUMBER, True),
    "private_locators": (list, True),
    "accounts": (dict, True),
    "a11y_fail_impacts": (list, True),
    "a11y_baseline": (str, True),
    "texts": (dict, True),  # the pages' words: their content is checked by monitor.core.wording
}
# Optional keys (maintenance windows, certificates, devices): their kind and default.
_OPTIONAL = {
    "timezone": (str, "America/New_York"),  # the maintenance windows' times without an offset
    "maintenance_mode": (str, "run"),  # during a window: "run" the checks (no alerts), or "skip" them
    "cert_warn_days": (int, 21),  # a certificate with fewer days left degrades the run
    "ca_bundle": (str, ""),  # a CA file trusted besides the system's (a district proxy, the replica)
    "cert_skip_hosts": (list, []),  # hosts whose certificate is not read (said so, never passed)
    "devices": (list, [DEFAULT_DEVICE]),  # every browser check runs once on each (Playwright's names)
    "portal_address": (str, "Modules.php"),  # a part of the address that only signed-in pages have
}
MAINTENANCE_MODES = ("run", "skip")
KNOWN_KEYS = (*KEYS, *_OPTIONAL)


class TargetError(Exception):
    """Bad input about targets: shown to the user as one line."""


@dataclass(frozen=True)
class Target:
    name: str
    description: str
    entry_url: str
    google_hosts: tuple[str, ...]
    microsoft_hosts: tuple[str, ...]
    schoology_host: str
    degraded_after_s: float
    fail_after_s: float
    connect_timeout_s: float
    # account key (parent_email, ...) -> the environment variable that holds it
    accounts: dict[str, str]
    # What the checks look for, in the target's wording (targets.toml: [defaults.texts]).
    texts: Wording
    # Playwright selectors of what identifies a student or a parent on Focus's pages: masked in
    # screenshots, blanked in page HTML attachments.
    private_locators: tuple[str, ...] = ()
    # Accessibility: the impacts that fail a check (without a baseline), and the baseline file's path
    # ("{target}" is the target's name; relative to the project).
    a11y_fail_impacts: tuple[str, ...] = ("serious", "critical")
    a11y_baseline: str = "a11y-baselines/{target}.json"
    timezone: str = _OPTIONAL["timezone"][1]
    maintenance_mode: str = _OPTIONAL["maintenance_mode"][1]
    cert_warn_days: int = _OPTIONAL["cert_warn_days"][1]
    ca_bundle: str = ""  # relative to the project, or absolute
    cert_skip_hosts: tuple[str, ...] = ()
    devices: tuple[str, ...] = (DEFAULT_DEVICE,)
    portal_address: str = _OPTIONAL["portal_address"][1]

    @property
    def is_replica(self) -> bool:
        return self.name == REPLICA

    @property
    def host(self) -> str:
        return urlsplit(self.entry_url).hostname or ""

    @property
    def shown_url(self) -> str:
        """The entry URL as it is shown, named, recorded or reported: without its credentials."""
        return without_userinfo(self.entry_url)

    @property
    def timeout_ms(self) -> float:
        return self.fail_after_s * 1000

    def provider_hosts(self, provider: str) -> tuple[str, ...]:
        return {"Google": self.google_hosts, "Microsoft": self.microsoft_hosts}[provider]

    @property
    def a11y_baseline_path(self) -> Path:
        return ROOT / self.a11y_baseline.replace("{target}", self.name)

    @property
    def ca_bundle_path(self) -> Path | None:
        return ROOT / self.ca_bundle if self.ca_bundle else None

    def with_entry_url(self, url: str) -> Target:
        return replace(self, entry_url=validate_url(url))


def at_replica_url(target: Target, replica_url: str | None) -> Target:
    """The target at a replica already running (--replica-url), if one is given: "" too is given, and
    is bad input, never a replica started instead."""
    if replica_url is None:
        return target
    if not target.is_replica:
        raise TargetError("--replica-url goes with --target replica")
    return target.with_entry_url(validate_url(replica_url))


def validate_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise TargetError(f"malformed URL {without_userinfo(url)!r}: expected http(s)://host/path")
    return url


def _unknown(keys, known, where: str) -> str | None:
    """A line naming the first unknown key, with the nearest known one ("did you mean ...?")."""
    for key in keys:
        if key not in known:
            near = difflib.get_close_matches(key, list(known), n=1)
            return f"{where}: unknown key {key!r}" + (f"; did you mean `{near[0]}`?" if near else
                                                      f"; known: {', '.join(known)}")
    return None


def _wrong_kind(kind: object, value: object) -> bool:
    if kind == NUMBER:
        return isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value <= 0
    if kind is list:
        return not isinstance(value, list) or not all(isinstance(item, str) for item in value)
    return not isinstance(value, kind)


def load_targets(path: Path = TARGETS_FILE) -> dict[str, Target]:
    try:
        text = read_text(path, "targets file")
    except InputFileError as error:
        raise TargetError(str(error)) from None
    if text is None:
        raise TargetError(f"targets file not found: {path}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TargetError(f"malformed targets file {path}: {error}") from None
    defaults = data.get("defaults", {})
    targets = data.get("targets")
    if not isinstance(defaults, dict) or not isinstance(targets, dict) or not targets:
        raise TargetError(f"malformed targets file {path}: needs a [defaults] table and [targets.NAME] tables")
    problem = _unknown(data, ("defaults", "targets"), "the file") or _unknown(defaults, KNOWN_KEYS, "[defaults]")
    problem = problem or next((f"target name {name!r} may only have letters, digits, - and _" for name in targets
                               if not NAME_PATTERN.fullmatch(name)), None)
    if problem:
        raise TargetError(f"malformed targets file {path}: {problem}")
    return {name: _build(path, name, defaults, values) for name, values in targets.items()}


def _build(path: Path, name: str, defaults: dict, values: object) -> Target:
    if not isinstance(values, dict):
        raise TargetError(f"malformed targets file {path}: [targets.{name}] is not a table")
    accounts = {**DEFAULT_VARIABLES, **defaults.get("accounts", {}), **values.get("accounts", {})}
    parts = [part.get("texts", {}) for part in (defaults, values)]
    texts = {**parts[0], **parts[1]} if all(isinstance(part, dict) for part in parts) else None
    merged = {**defaults, **values, "accounts": accounts, "texts": texts}
    unknown_key = _unknown(values, KNOWN_KEYS, f"[targets.{name}]")
    if unknown_key:
        raise TargetError(f"malformed targets file {path}: {unknown_key}")
    for key, (kind, required) in KEYS.items():
        if (required or key in merged) and _wrong_kind(kind, merged.get(key)):
            raise TargetError(f"malformed targets file {path}: target {name!r} needs {key!r} ({_kind(kind)})")
    unknown = sorted(set(accounts) - set(ACCOUNT_KEYS))
    if unknown:
        raise TargetError(f"malformed targets file {path}: target {name!r} names unknown account keys {unknown}; "
                          f"known: {', '.join(ACCOUNT_KEYS)}")
    not_names = [key for key, variable in accounts.items() if not isinstance(variable, str) or not variable]
    if not_names:
        raise TargetError(f"malformed targets file {path}: target {name!r}: account keys {not_names} need a "
                          "variable name")
    bad_impacts = [impact for impact in merged["a11y_fail_impacts"] if impact not in IMPACTS]
    if bad_impacts:
        raise TargetError(f"malformed targets file {path}: target {name!r}: a11y_fail_impacts names unknown "
                          f"impacts {bad_impacts}; known: {', '.join(IMPACTS)}")
    if not merged["a11y_baseline"].strip():
        raise TargetError(f"malformed targets file {path}: target {name!r}: a11y_baseline needs a file path")
    wrong_texts = text_errors(texts)
    if wrong_texts:
        raise TargetError(f"malformed targets file {path}: target {name!r}: {wrong_texts[0]}")
    if merged["entry_url"] or name != REPLICA:
        validate_url(merged["entry_url"])
    optional = _optional(path, name, merged)
    return Target(
        name=name,
        description=str(merged.get("description", "")),
        entry_url=merged["entry_url"],
        google_hosts=tuple(merged["google_hosts"]),
        microsoft_hosts=tuple(merged["microsoft_hosts"]),
        schoology_host=merged["schoology_host"],
        degraded_after_s=float(merged["degraded_after_s"]),
        fail_after_s=float(merged["fail_after_s"]),
        connect_timeout_s=float(merged["connect_timeout_s"]),
        private_locators=tuple(str(selector) for selector in merged["private_locators"]),
        accounts=dict(merged["accounts"]),
        a11y_fail_impacts=tuple(merged["a11y_fail_impacts"]),
        a11y_baseline=merged["a11y_baseline"],
        texts=Wording.of(accepted_texts(texts)),
        **optional,
    )


def _optional(path: Path, name: str, merged: dict) -> dict:
    """The optional keys, checked: their kind, the mode's word, the time zone's name, the number's range."""
    values = {key: merged.get(key, default) for key, (_, default) in _OPTIONAL.items()}
    for key, (kind, _) in _OPTIONAL.items():
        if not isinstance(values[key], kind) or isinstance(values[key], bool):
            raise TargetError(f"malformed targets file {path}: target {name!r}: {key!r} must be {_kind(kind)}")
    problem = ""
    if values["maintenance_mode"] not in MAINTENANCE_MODES:
        problem = f"maintenance_mode must be one of {', '.join(MAINTENANCE_MODES)}, not {values['maintenance_mode']!r}"
    elif values["cert_warn_days"] < 0:
        problem = f"cert_warn_days must be 0 or more, not {values['cert_warn_days']}"
    elif not all(isinstance(host, str) and host for host in values["cert_skip_hosts"]):
        problem = "cert_skip_hosts must list host names"
    elif not values["devices"] or not all(isinstance(device, str) and device for device in values["devices"]):
        problem = "devices must list at least one device name (Playwright's, e.g. \"Pixel 7\")"
    elif len(set(values["devices"])) < len(values["devices"]):
        problem = "devices names a device twice"
    elif device_problem(values["devices"]):
        problem = device_problem(values["devices"])
    elif not values["portal_address"].strip():
        problem = "portal_address needs a part of the signed-in pages' address (Focus's: Modules.php)"
    elif values["ca_bundle"] and not (ROOT / values["ca_bundle"]).is_file():
        problem = f"ca_bundle {values['ca_bundle']!r} is not a file"
    else:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            problem = f"unknown timezone {values['timezone']!r} (an IANA name, e.g. America/New_York)"
    if problem:
        raise TargetError(f"malformed targets file {path}: target {name!r}: {problem}")
    return {**values, "cert_skip_hosts": tuple(values["cert_skip_hosts"]), "devices": tuple(values["devices"])}


def _kind(kind: object) -> str:
    return kind if kind == NUMBER else {str: "a string", list: "a list of strings", dict: "a table",
                                        int: "a whole number"}[kind]


def resolve_target(name: str | None, base_url: str | None, path: Path = TARGETS_FILE) -> Target:
    """The target to check: a named one (default: the replica), or --base-url URL with the named
    target's expectations (default: the live target's). A URL's run is named after the target and
    the URL's host ("staging@focus-test.example.org"), or "custom"."""
    targets = load_targets(path)
    if base_url is not None:  # "" too: an unset variable in a script is bad input, never the replica
        template = name or BASE_URL_TEMPLATE
        if template not in targets:
            raise TargetError(f"--base-url needs a [targets.{template}] block in {path.name} (its expectations)")
        url = validate_url(base_url)
        run_name = f"{name}@{urlsplit(without_userinfo(url)).netloc}" if name else "custom"
        return replace(targets[template], name=run_name,
                       description=f"{without_userinfo(url)} with {template}'s expectations", entry_url=url)
    name = name or REPLICA
    if name not in targets:
        raise TargetError(f"unknown target {name!r}; known targets: {', '.join(sorted(targets))} (see {path.name})")
    return targets[name]
