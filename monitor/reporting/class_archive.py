"""`python -m monitor.reporting.class_archive`: the class-data-sharing archive of the Allure command
line's JVM, made once by scripts/bootstrap.sh from a build of a small report. Every later build maps the
archived classes instead of loading and verifying them from the jars: its JVM starts in less CPU
(docs/benchmark.md). Without the archive a build takes longer, nothing else; a Java update that makes
it stale only makes the JVM ignore it, until the next bootstrap makes it again."""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from pathlib import Path

from monitor.reporting.allure_report import CLASS_ARCHIVE, ReportError, run_allure

# A check's description, in Markdown like the checks' docstrings: Allure renders it with a Markdown
# library whose few hundred classes a build without one never loads.
DESCRIPTION = "A parent *signs in* and reaches `Focus`:\n\n- the form\n- the portal\n\n| a | b |\n| - | - |\n| 1 | 2 |"
# The smallest PNG: an image attachment, like a check's screenshot.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000185d3ee620000000049454e44ae426082")


def _results(folder: Path) -> Path:
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


def make(archive: Path = CLASS_ARCHIVE) -> Path:
    """Build a small report with the classes it loads archived at the JVM's exit; the archive replaces
    the former one whole."""
    written = archive.with_name(f"{archive.name}.new")
    written.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="focus-class-archive-") as folder:
        scratch = Path(folder)
        run_allure(["generate", str(_results(scratch / "results")), "-o", str(scratch / "report"), "--clean",
                    "--single-file"], archive_to=written)
    if not written.is_file():
        raise ReportError("the JVM wrote no class archive (it needs its own default archive: `java -Xshare:dump`)")
    written.replace(archive)
    return archive


def main() -> int:
    try:
        print(f"class archive for the report's JVM: {make()}")
    except ReportError as error:  # a build without the archive works: slower
        print(f"class archive not made: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
