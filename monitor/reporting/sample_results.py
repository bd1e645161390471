"""A small report's results, shaped like the checks' own: what the report's JVM is prepared with at install
(its class archive, monitor/reporting/class_archive.py) and warmed up on before each build
(monitor/reporting/report_jvm.py)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

# A check's description, in Markdown like the checks' docstrings: Allure renders it with a Markdown
# library whose few hundred classes a build without one never loads.
DESCRIPTION = "A parent *signs in* and reaches `Focus`:\n\n- the form\n- the portal\n\n| a | b |\n| - | - |\n| 1 | 2 |"
# The smallest PNG: an image attachment, like a check's screenshot.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000185d3ee620000000049454e44ae426082")


def sample_results(folder: Path) -> Path:
    """A passed and a failed check, shaped like the checks' own results (a Markdown description, the
    labels, parameters, steps, fixtures and attachments allure-pytest writes, the environment): the
    classes a real report's build loads. An archive made from less left a real build loading and
    verifying a few hundred classes from the jars."""
    folder.mkdir()
    text, image = f"{uuid.uuid4()}-attachment.txt", f"{uuid.uuid4()}-attachment.png"
    (folder / text).write_text("evidence", encoding="utf-8")
    (folder / image).write_bytes(PNG)
    (folder / "environment.properties").write_text("target=replica\nbrowser=chromium\n", encoding="utf-8")
    labels = [{"name": name, "value": value} for name, value in (
        ("parentSuite", "tests"), ("suite", "test_checks"), ("epic", "an epic"), ("feature", "a feature"),
        ("severity", "critical"), ("tag", "smoke"), ("host", "a host"), ("thread", "1-MainThread"),
        ("framework", "pytest"), ("language", "cpython3"), ("package", "tests.test_checks"))]
    attachments = [{"name": "evidence", "source": text, "type": "text/plain"},
                   {"name": "a screenshot", "source": image, "type": "image/png"}]
    for status in ("passed", "failed"):
        identity = str(uuid.uuid4())
        step = {"name": "a step", "status": status, "start": 1, "stop": 2, "attachments": attachments[:1],
                "steps": [{"name": "an inner step", "status": "passed", "start": 1, "stop": 2}]}
        result = {"uuid": identity, "historyId": status, "testCaseId": status, "fullName": f"tests.test_{status}",
                  "name": f"a {status} check", "status": status, "stage": "finished", "start": 1, "stop": 2,
                  "description": DESCRIPTION, "titlePath": ["tests", "test_checks.py"],
                  "statusDetails": {"message": "a message", "trace": "a trace"}, "labels": labels,
                  "parameters": [{"name": "browser_name", "value": "chromium"}], "steps": [step],
                  "attachments": attachments}
        (folder / f"{identity}-result.json").write_text(json.dumps(result), encoding="utf-8")
        fixture = {"name": "a fixture", "status": "passed", "start": 1, "stop": 2}
        container = {"uuid": str(uuid.uuid4()), "children": [identity], "befores": [fixture], "afters": [fixture],
                     "start": 1, "stop": 2}
        (folder / f"{container['uuid']}-container.json").write_text(json.dumps(container), encoding="utf-8")
    return folder
