"""A target's accessibility policy: which violations fail a check, which are only reported.

With a baseline, every violation it does not list is new since QA recorded it and fails; the
listed ones are reported. Without one, a violation fails when its impact is among those the
target names (a11y_fail_impacts), and is reported otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from monitor.accessibility.baseline import Baseline
from monitor.accessibility.scan import Node, Violation
from monitor.accessibility.words import sentence

FAILS, ACCEPTED, REPORTED = "fails", "accepted (baseline)", "reported"


@dataclass(frozen=True)
class Policy:
    fail_impacts: frozenset[str]
    baseline: Baseline | None = None


@dataclass(frozen=True)
class Finding:
    """One rule broken by one element, and what the policy makes of it."""

    violation: Violation
    node: Node
    status: str  # FAILS, ACCEPTED or REPORTED
    sentence: str


def judge(violations: Iterable[Violation], policy: Policy, page_key: str, page_label: str) -> list[Finding]:
    return [Finding(violation, node, _status(violation, node, policy, page_key),
                    sentence(violation, node, page_label))
            for violation in violations for node in violation.nodes]


def _status(violation: Violation, node: Node, policy: Policy, page_key: str) -> str:
    if policy.baseline is not None:
        return ACCEPTED if policy.baseline.accepts(page_key, violation.rule, node.selector) else FAILS
    return FAILS if violation.impact in policy.fail_impacts else REPORTED


def failure_message(findings: list[Finding]) -> str | None:
    """The check's failure message (None: nothing fails): the first failing element on the first
    line, every one below it."""
    failing = [finding.sentence for finding in findings if finding.status == FAILS]
    if not failing:
        return None
    more = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
    return f"{failing[0]}{more}" + "".join(f"\n- {line}" for line in failing) * (len(failing) > 1)
