"""The run record: one JSON document per run, the only thing that history, trends, the CI job
summary, alerts and the release comparison read (never Allure's files or console text).

`reports/run.json` holds the last run's record; `reports/history/runs.jsonl` one record a line.
Its fields are documented in docs/report.md ("The run record") and in RUN_RECORD_SCHEMA below, which
the self-tests validate every record against.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from monitor.core import outcomes
from monitor.core.browsers import DEFAULT_DEVICE
from monitor.data.certificate import Certificate

SCHEMA_VERSION = 2
# Versions still read: 1 named the run's outcome `verdict`.
READ_VERSIONS = (1, SCHEMA_VERSION)

class Status(StrEnum):
    """A check's result in a run (a string: it reads and compares as one)."""

    PASSED = "passed"
    FAILED = "failed"  # a failed assertion: what the check watches is broken
    BROKEN = "broken"  # any other error
    SKIPPED = "skipped"  # not run (the reason is its message)


@dataclass
class PageRecord:
    """One page a check loaded, as the browser's own Performance APIs measured it (milliseconds
    from the start of its navigation; None where the browser did not get that far)."""

    page: str  # host and path, no query (queries carry tokens)
    seconds: float  # the document request, as the monitor saw it (what the degraded threshold reads)
    finished: bool
    ttfb_ms: float | None = None  # responseStart
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    lcp_ms: float | None = None  # largest contentful paint
    cls: float | None = None  # cumulative layout shift (a score, not a time)


@dataclass
class CheckRecord:
    id: str  # stable: the check's test id (file::function[parameter]), without the device
    title: str
    status: Status | str  # passed, failed, broken, skipped
    seconds: float
    category: str | None = None  # the verdict's category, for a failure
    verdict: str | None = None  # the verdict's key (monitor/core/verdicts.py)
    message: str = ""  # the failure's (redacted) message, or why it was skipped
    flaky: bool = False  # passed only on a retry
    degraded: str = ""  # why it was flagged degraded ("" when it was not)
    retries: int = 0
    pages: list[PageRecord] = field(default_factory=list)
    # The flow's own moments: e.g. "sign-in form usable" since the entry URL was opened (ms).
    milestones: dict[str, float] = field(default_factory=dict)
    # The device it ran on (Playwright's name); "" for a check that opens no browser (the preflight),
    # and in records written before devices existed (they all ran on the desktop).
    device: str = ""
    # What the check met and dealt with on the way, as a parent would ("A notice covered ...; closed").
    notices: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status in (Status.FAILED, Status.BROKEN)

    @property
    def on_desktop(self) -> bool:
        return self.device in ("", DEFAULT_DEVICE)

    @property
    def key(self) -> str:
        """The check's identity across runs (history, trend, alerts, release comparison): its id, and its
        device unless that is the desktop, where every check ran before devices existed."""
        return self.id if self.on_desktop else f"{self.id} on {self.device}"

    @property
    def label(self) -> str:
        """Its title for people, with the device where that is not the desktop."""
        return self.title if self.on_desktop else f"{self.title} on {self.device}"


@dataclass(frozen=True)
class Maintenance:
    """The maintenance window a run was in (monitor/maintenance): no alert goes out for it."""

    reason: str
    until: str  # ISO 8601, in the target's timezone

    @property
    def text(self) -> str:
        return f"in maintenance: {self.reason} until {shown_time(parse_time(self.until))}"


@dataclass
class RunRecord:
    run_id: str
    started: str  # UTC, ISO 8601
    finished: str
    target: str
    entry_url: str
    suite_version: str
    suite_commit: str
    browser: str
    exit_code: int
    outcome: str  # the run's outcome (monitor/core/outcomes.py): ok, degraded, failed, ...
    degraded_after_s: float
    fail_after_s: float
    checks: list[CheckRecord] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    report: str = ""  # where the report is (a path, or FOCUS_REPORT_URL)
    maintenance: Maintenance | None = None
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return (parse_time(self.finished) - parse_time(self.started)).total_seconds()

    def failing(self) -> list[CheckRecord]:
        return [check for check in self.checks if check.failed]

    def check(self, key: str) -> CheckRecord | None:
        """The check of that key (CheckRecord.key: on the desktop, its id)."""
        return next((check for check in self.checks if check.key == key), None)

    @property
    def devices(self) -> list[str]:
        """The devices the browser checks ran on, in order."""
        return list(dict.fromkeys(check.device for check in self.checks if check.device))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict) -> RunRecord:
        """A record of the current schema version, or of an older one that READ_VERSIONS names."""
        if data.get("schema_version") == 1:
            data = {key: value for key, value in data.items() if key != "verdict"} | {
                "outcome": data["verdict"], "schema_version": SCHEMA_VERSION}
        checks = [CheckRecord(**{**check, "pages": [PageRecord(**page) for page in check.get("pages", [])]})
                  for check in data.get("checks", [])]
        window = data.get("maintenance")
        return cls(**{**data, "checks": checks, "maintenance": Maintenance(**window) if window else None,
                      "certificates": [Certificate(**cert) for cert in data.get("certificates", [])]})

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        scratch.write_text(json.dumps(json.loads(self.to_json()), indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
        scratch.replace(path)  # a reader, or a run killed mid-write, never sees half a record
        return path


def outcome_word(exit_code: int, checks: list[CheckRecord]) -> str:
    return outcomes.run_word(exit_code, any(check.degraded for check in checks))


def read(path: Path) -> RunRecord:
    return RunRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def shown_time(moment: datetime) -> str:
    """A time for people, in its own offset: 2026-12-06 02:00 (UTC-05:00)."""
    offset = f"{moment:%z}" or "+0000"
    return f"{moment:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:5]})"


_NUMBER_OR_NULL = {"type": ["number", "null"]}
RUN_RECORD_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Focus login monitor run record",
    "type": "object",
    "required": ["schema_version", "run_id", "started", "finished", "target", "entry_url", "suite_version",
                 "suite_commit", "browser", "exit_code", "outcome", "degraded_after_s", "fail_after_s", "checks"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "run_id": {"type": "string", "minLength": 1},
        "started": {"type": "string", "format": "date-time"},
        "finished": {"type": "string", "format": "date-time"},
        "target": {"type": "string", "minLength": 1},
        "entry_url": {"type": "string"},
        "suite_version": {"type": "string"},
        "suite_commit": {"type": "string"},
        "browser": {"type": "string"},
        "exit_code": {"type": "integer"},
        "outcome": {"enum": [word.value for word in outcomes.WORDS]},
        "degraded_after_s": {"type": "number"},
        "fail_after_s": {"type": "number"},
        "report": {"type": "string"},
        "maintenance": {"oneOf": [{"type": "null"}, {
            "type": "object", "required": ["reason", "until"], "additionalProperties": False,
            "properties": {"reason": {"type": "string", "minLength": 1},
                           "until": {"type": "string", "format": "date-time"}},
        }]},
        "certificates": {"type": "array", "items": {
            "type": "object",
            "required": ["host", "port", "status", "issuer", "not_after", "days_left", "problem"],
            "properties": {
                "host": {"type": "string", "minLength": 1}, "port": {"type": "integer"},
                "status": {"enum": ["ok", "expiring", "invalid", "unread", "not checked"]},
                "issuer": {"type": "string"}, "not_after": {"type": "string"},
                "days_left": {"type": ["integer", "null"]}, "problem": {"type": "string"}, "note": {"type": "string"},
            },
        }},
        "checks": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "title", "status", "seconds", "category", "verdict", "flaky", "degraded", "pages",
                         "device"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "device": {"type": "string"},
                "title": {"type": "string"},
                "status": {"enum": [status.value for status in Status]},
                "seconds": {"type": "number", "minimum": 0},
                "category": {"type": ["string", "null"]},  # the verdict's category, for a failure
                "verdict": {"type": ["string", "null"]},  # the verdict's key
                "message": {"type": "string"},
                "flaky": {"type": "boolean"},
                "degraded": {"type": "string"},
                "retries": {"type": "integer", "minimum": 0},
                "milestones": {"type": "object", "additionalProperties": {"type": "number"}},
                "notices": {"type": "array", "items": {"type": "string"}},
                "pages": {"type": "array", "items": {
                    "type": "object",
                    "required": ["page", "seconds", "finished"],
                    "properties": {
                        "page": {"type": "string"}, "seconds": {"type": "number"}, "finished": {"type": "boolean"},
                        "ttfb_ms": _NUMBER_OR_NULL, "dom_content_loaded_ms": _NUMBER_OR_NULL,
                        "load_ms": _NUMBER_OR_NULL, "lcp_ms": _NUMBER_OR_NULL, "cls": _NUMBER_OR_NULL,
                    },
                }},
            },
        }},
    },
}
