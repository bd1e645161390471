"""`python -m monitor.reporting.class_archive`: the class-data-sharing archive of the Allure command
line's JVM, made once by scripts/bootstrap.sh from a build of a small report. Every later build maps the
archived classes instead of loading and verifying them from the jars: its JVM starts in less CPU
(docs/benchmark.md). Without the archive a build takes longer, nothing else; a Java update that makes
it stale only makes the JVM ignore it, until the next bootstrap makes it again. Then the report JVM that
the monitor starts ahead of its build is prepared (monitor/reporting/report_jvm.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from monitor.reporting import report_jvm
from monitor.reporting.allure_report import CLASS_ARCHIVE, ReportError, run_allure
from monitor.reporting.sample_results import sample_results


def make(archive: Path = CLASS_ARCHIVE) -> Path:
    """Build a small report with the classes it loads archived at the JVM's exit; the archive replaces
    the former one whole."""
    written = archive.with_name(f"{archive.name}.new")
    written.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="focus-class-archive-") as folder:
        scratch = Path(folder)
        run_allure(["generate", str(sample_results(scratch / "results")), "-o", str(scratch / "report"), "--clean",
                    "--single-file"], archive_to=written)
    if not written.is_file():
        raise ReportError("the JVM wrote no class archive (it needs its own default archive: `java -Xshare:dump`)")
    written.replace(archive)
    return archive


def main() -> int:
    """The class archive, then the report JVM's class and warm-up results (monitor/reporting/report_jvm.py)."""
    try:
        print(f"class archive for the report's JVM: {make()}")
    except ReportError as error:  # a build without the archive works: slower
        print(f"class archive not made: {error}", file=sys.stderr)
    return report_jvm.main()


if __name__ == "__main__":
    sys.exit(main())
