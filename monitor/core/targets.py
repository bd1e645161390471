"""Targets: which site the monitor checks and what it expects there (read from targets.toml)."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from monitor.core.input_files import InputFileError, read_text
from monitor.core.paths import ROOT, TARGETS_FILE
from monitor.core.redact import without_userinfo
from monitor.core.target_keys import BY_NAME, KEYS, TABLE, Key
from monitor.core.wording import Wording, accepted_texts

REPLICA = "replica"
# --base-url checks any URL with the expectations of this target.
BASE_URL_TEMPLATE = "live"

# A target's name becomes a folder (reports/targets/NAME) and part of file names.
NAME_PATTERN = re.compile(r"[A-Za-z0-9_-]+")


class TargetError(Exception):
    """Bad input about targets: shown to the user as one line."""


@dataclass(frozen=True)
class Target:
    """A target's name and a field for each key of monitor/core/target_keys.py (what each means is there)."""

    name: str
    description: str
    entry_url: str
    google_hosts: tuple[str, ...]
    microsoft_hosts: tuple[str, ...]
    schoology_host: str
    degraded_after_s: float
    fail_after_s: float
    connect_timeout_s: float
    private_locators: tuple[str, ...]
    accounts: dict[str, str]
    a11y_fail_impacts: tuple[str, ...]
    a11y_baseline: str
    texts: Wording
    timezone: str
    maintenance_mode: str
    cert_warn_days: int
    ca_bundle: str
    cert_skip_hosts: tuple[str, ...]
    devices: tuple[str, ...]
    portal_address: str

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
    problem = _unknown(data, ("defaults", "targets"), "the file") or _unknown(defaults, BY_NAME, "[defaults]")
    problem = problem or next((f"target name {name!r} may only have letters, digits, - and _" for name in targets
                               if not NAME_PATTERN.fullmatch(name)), None)
    if problem:
        raise TargetError(f"malformed targets file {path}: {problem}")
    return {name: _build(path, name, defaults, values) for name, values in targets.items()}


def _build(path: Path, name: str, defaults: dict, values: object) -> Target:
    if not isinstance(values, dict):
        raise TargetError(f"malformed targets file {path}: [targets.{name}] is not a table")
    unknown = _unknown(values, BY_NAME, f"[targets.{name}]")
    if unknown:
        raise TargetError(f"malformed targets file {path}: {unknown}")
    fields = {}
    for key in KEYS:
        value, problem = _value(key, defaults, values)
        if problem:
            raise TargetError(f"malformed targets file {path}: target {name!r}{problem}")
        fields[key.name] = key.kind.convert(value)
    if fields["entry_url"] or name != REPLICA:
        validate_url(fields["entry_url"])
    return Target(name=name, **{**fields, "texts": Wording.of(accepted_texts(fields["texts"]))})


def _value(key: Key, defaults: dict, values: dict) -> tuple[object, str]:
    """A key's value for a target: the target's, else [defaults]', else its default (a table: the three
    merged); with what is wrong with it, as the end of an error line ("" when nothing)."""
    given = [part[key.name] for part in (defaults, values) if key.name in part]
    value = given[-1] if given else (None if key.required else key.default)
    if key.kind is TABLE and given and all(map(TABLE.fits, given)):
        value = {name: item for part in (key.default, *given) if TABLE.fits(part) for name, item in part.items()}
    if not key.kind.fits(value) or (key.kind is TABLE and not all(map(TABLE.fits, given))):
        return None, f" needs {key.name!r} ({key.kind.words})" if key.required else \
            f": {key.name!r} must be {key.kind.words}"
    problem = key.problem(value) if key.problem else None
    return value, f": {problem}" if problem else ""


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
