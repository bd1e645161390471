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


def _results(folder: Path) -> Path:
    """A passed and a failed check, one with an attachment: the classes a real report's build loads."""
    folder.mkdir()
    attachment = f"{uuid.uuid4()}-attachment.txt"
    (folder / attachment).write_text("evidence", encoding="utf-8")
    for status in ("passed", "failed"):
        identity = str(uuid.uuid4())
        result = {"uuid": identity, "historyId": status, "testCaseId": status, "fullName": f"tests.test_{status}",
                  "name": f"a {status} check", "status": status, "stage": "finished", "start": 1, "stop": 2,
                  "statusDetails": {"message": "a message", "trace": "a trace"},
                  "labels": [{"name": "suite", "value": "checks"}, {"name": "epic", "value": "an epic"}],
                  "steps": [{"name": "a step", "status": status, "start": 1, "stop": 2}],
                  "attachments": [{"name": "evidence", "source": attachment, "type": "text/plain"}]}
        (folder / f"{identity}-result.json").write_text(json.dumps(result), encoding="utf-8")
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
