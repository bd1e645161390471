"""Targets: which site the monitor checks and what it expects there (read from targets.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from monitor.accessibility.policy import IMPACTS
from monitor.paths import ROOT, TARGETS_FILE
from monitor.roles import ACCOUNT_KEYS, DEFAULT_VARIABLES
from monitor.wording import Wording, accepted_texts, text_errors

REPLICA = "replica"
# --base-url checks any URL with the expectations of this target.
BASE_URL_TEMPLATE = "live"

_REQUIRED = {
    "entry_url": str,
    "google_hosts": list,
    "microsoft_hosts": list,
    "schoology_host": str,
    "degraded_after_s": (int, float),
    "fail_after_s": (int, float),
    "connect_timeout_s": (int, float),
    "private_locators": list,
    "accounts": dict,
    "a11y_fail_impacts": list,
    "a11y_baseline": str,
    "texts": dict,
}


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
    @property
    def is_replica(self) -> bool:
        return self.name == REPLICA

    @property
    def host(self) -> str:
        return urlsplit(self.entry_url).hostname or ""

    @property
    def timeout_ms(self) -> float:
        return self.fail_after_s * 1000

    def provider_hosts(self, provider: str) -> tuple[str, ...]:
        return {"Google": self.google_hosts, "Microsoft": self.microsoft_hosts}[provider]

    @property
    def a11y_baseline_path(self) -> Path:
        return ROOT / self.a11y_baseline.replace("{target}", self.name)

    def with_entry_url(self, url: str) -> Target:
        return replace(self, entry_url=validate_url(url))


def validate_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise TargetError(f"malformed URL {url!r}: expected http(s)://host/path")
    return url


def load_targets(path: Path = TARGETS_FILE) -> dict[str, Target]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TargetError(f"targets file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TargetError(f"malformed targets file {path}: {error}") from None
    defaults = data.get("defaults", {})
    targets = data.get("targets")
    if not isinstance(defaults, dict) or not isinstance(targets, dict) or not targets:
        raise TargetError(f"malformed targets file {path}: needs a [defaults] table and [targets.NAME] tables")
    return {name: _build(path, name, defaults, values) for name, values in targets.items()}


def _build(path: Path, name: str, defaults: dict, values: object) -> Target:
    if not isinstance(values, dict):
        raise TargetError(f"malformed targets file {path}: [targets.{name}] is not a table")
    accounts = {**DEFAULT_VARIABLES, **defaults.get("accounts", {}), **values.get("accounts", {})}
    texts = {**defaults.get("texts", {}), **values.get("texts", {})}
    merged = {**defaults, **values, "accounts": accounts, "texts": texts}
    for key, kind in _REQUIRED.items():
        if not isinstance(merged.get(key), kind):
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
    )


def _kind(kind: type | tuple) -> str:
    return "a number" if isinstance(kind, tuple) else {str: "a string", list: "a list", dict: "a table"}[kind]


def resolve_target(name: str | None, base_url: str | None, path: Path = TARGETS_FILE) -> Target:
    """The target to check: a named one (default: the replica), or --base-url URL with the named
    target's expectations (default: the live target's). A URL's run is named after the target and
    the URL's host ("staging@focus-test.example.org"), or "custom"."""
    targets = load_targets(path)
    if base_url:
        template = name or BASE_URL_TEMPLATE
        if template not in targets:
            raise TargetError(f"--base-url needs a [targets.{template}] block in {path.name} (its expectations)")
        url = validate_url(base_url)
        run_name = f"{name}@{urlsplit(url).netloc}" if name else "custom"
        return replace(targets[template], name=run_name, description=f"{base_url} with {template}'s expectations",
                       entry_url=url)
    name = name or REPLICA
    if name not in targets:
        raise TargetError(f"unknown target {name!r}; known targets: {', '.join(sorted(targets))} (see {path.name})")
    return targets[name]
