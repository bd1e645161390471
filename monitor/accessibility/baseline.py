"""A target's baseline: the violations QA has accepted on each page (a rule on an element), kept in
a JSON file per target (`make a11y-baseline TARGET=NAME` records it from the pages as they are)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from monitor.accessibility.scan import Violation
from monitor.core.input_files import InputFileError, read_json
from monitor.data.lock import exclusive

FORMAT = 1


class BaselineError(Exception):
    """A baseline file that cannot be read: one line naming the file."""


@dataclass(frozen=True)
class Baseline:
    path: Path
    # page key (sign_in, ...) -> the accepted (rule, element selector) pairs
    accepted: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)

    def accepts(self, page_key: str, rule: str, selector: str) -> bool:
        return (rule, selector) in self.accepted.get(page_key, frozenset())


def load(path: Path) -> Baseline | None:
    """The baseline, or None when the target has none (no file)."""
    try:
        data = read_json(path, "accessibility baseline")
    except InputFileError as error:
        raise BaselineError(str(error)) from None
    if data is None:
        return None
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        raise BaselineError(f"malformed accessibility baseline {path}: needs a \"pages\" object")
    try:
        return Baseline(path, {key: frozenset((item["rule"], item["element"]) for item in items)
                               for key, items in pages.items()})
    except (KeyError, TypeError):
        raise BaselineError(f"malformed accessibility baseline {path}: each entry needs \"rule\" and "
                            "\"element\"") from None


def record(path: Path, target: str, page_key: str, violations: Iterable[Violation], engine: str) -> None:
    """Replace one page's entries with its current violations. Checks may run in parallel (xdist):
    each rewrites its own page under a lock, the other pages stay as they are."""
    entries = [{"rule": violation.rule, "element": node.selector, "impact": violation.impact,
                "help": violation.help} for violation in violations for node in violation.nodes]
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            data = {}
        pages = data.get("pages") if isinstance(data.get("pages"), dict) else {}
        pages[page_key] = entries
        data = {"format": FORMAT, "target": target, "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
                "engine": engine, "pages": dict(sorted(pages.items()))}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


@contextmanager
def _locked(path: Path):
    with exclusive(path.with_name(path.name + ".lock")):
        yield
