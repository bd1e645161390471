"""Build the Allure report from reports/allure-results: one mailable HTML file, and a folder holding
that file as its index.html with every file Allure embedded in it (data/, history/, widgets/): one
Allure run where two (a folder, then a single file) took two JVMs.

History carries over: the previous report's history is fed into the next one's results, and kept in
reports/history (CI keeps that folder between runs, e.g. as a cache) so trends span runs.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.core import lifeline
from monitor.core.paths import ALLURE, HISTORY, NODE_MODULES, REPORT, RESULTS, SINGLE_FILE
from monitor.reporting.third_party import third_party_in

if TYPE_CHECKING:
    from monitor.reporting.report_jvm import ReportJvm

REPORT_NAME = "Focus parent login monitor"
# The Allure label that marks the check carrying a target's run-level attachments (value: the target).
RUN_CONTEXT_LABEL = "run_context"
# A generate is a short JVM run: C1 alone (no C2 compilations it never lives to use) and the serial
# collector spend much less CPU on it (bench/: `make bench`), and a bounded heap keeps the run's whole
# process tree under 600 MB (543 MB measured). Only when the user's environment chooses no JVM
# options (two collectors chosen would stop the JVM).
JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m"
# The classes a build loads, archived once by scripts/bootstrap.sh (monitor/reporting/class_archive.py):
# the JVM maps them instead of reading and verifying them from the jars. A stale one is ignored by the JVM.
CLASS_ARCHIVE = NODE_MODULES / ".allure-classes.jsa"
# A report's build takes seconds (a year of nightly history: under a minute); past this, the JVM hangs.
ALLURE_TIMEOUT_S = 300.0
# How Allure 2's single file carries each file of a report: d('data/suites.json','<base64>').
EMBEDDED_FILE = re.compile(r"d\('([\w./-]+)','([A-Za-z0-9+/=]*)'\)")


class ReportError(Exception):
    """Shown as one line."""


def jvm_options() -> str:
    """The monitor's JVM options for a build: with the class archive, when the bootstrap made one."""
    return f"{JVM_OPTIONS} -XX:SharedArchiveFile={CLASS_ARCHIVE}" if CLASS_ARCHIVE.is_file() else JVM_OPTIONS


def user_jvm_options() -> bool:
    """The environment chooses the Allure command line's JVM options (its start script reads these)."""
    return bool(os.environ.get("JAVA_OPTS") or os.environ.get("ALLURE_OPTS"))


def run_allure(args: list[str], archive_to: Path | None = None, jvm: ReportJvm | None = None) -> None:
    """Run the Allure command line (it starts a JVM: the slow part of a build), with JVM options of
    its own unless the environment chooses them; archive_to: where its classes are archived at exit.
    jvm: a report JVM started ahead (monitor/reporting/report_jvm.py), which builds it if it can."""
    if jvm is not None and jvm.build(args):
        return
    if not ALLURE.exists():
        raise ReportError("the Allure command line is missing: run `make bootstrap` (npm ci installs it)")
    if not shutil.which("java"):
        raise ReportError("Allure 2 needs Java 17 or newer: `apt-get install default-jre-headless`")
    # Allure 2 reports each run to Google, and writes Google Tag Manager into the report, unless this
    # is "true" (it reads no other spelling).
    env = {**os.environ, "ALLURE_NO_ANALYTICS": "true"}
    if not user_jvm_options():
        env["ALLURE_OPTS"] = (f"{JVM_OPTIONS} -XX:ArchiveClassesAtExit={archive_to}" if archive_to is not None
                              else jvm_options())
    # Its processes carry a token (monitor/core/lifeline.py): on Windows, allure.bat's cmd.exe starts the
    # JVM as its child, which would keep the output open (and the run waiting) after cmd.exe alone was killed.
    token = uuid.uuid4().hex
    process = subprocess.Popen([str(ALLURE), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=lifeline.run_environment(token, env))
    try:
        output, _ = process.communicate(timeout=ALLURE_TIMEOUT_S)
    except subprocess.TimeoutExpired:  # a JVM that hangs: the run still ends, with its record and alert
        lifeline.end_run(token)
        process.kill()
        process.communicate()
        raise ReportError(f"allure {args[0]} did not finish within {ALLURE_TIMEOUT_S:g} s") from None
    if process.returncode != 0:
        raise ReportError(f"allure {args[0]} failed: {output.strip()[:300]}")


def attach_to_run(results: Path, target: str, name: str, image: Path) -> bool:
    """Attach a run-level image (the trend) to the target's run-context check (the preflight: see
    fixtures/reporting.py), whose latest result carries it in the report. False: no such result."""
    holders = []
    for path in results.glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        if {"name": RUN_CONTEXT_LABEL, "value": target} in result.get("labels", []):
            holders.append((result.get("stop", 0), path, result))
    if not holders:
        return False
    _, path, result = max(holders, key=lambda holder: holder[0])
    source = f"{uuid.uuid4()}-attachment{image.suffix}"
    shutil.copyfile(image, results / source)
    kind = "image/svg+xml" if image.suffix == ".svg" else "image/png"
    result.setdefault("attachments", []).append({"name": name, "source": source, "type": kind})
    path.write_text(json.dumps(result), encoding="utf-8")
    return True


def build(results: Path | list[Path] = RESULTS, report: Path = REPORT, single_file: Path = SINGLE_FILE,
          history: Path = HISTORY, jvm: ReportJvm | None = None) -> float:
    """Generate both reports from one results folder or several (one per target); returns the seconds
    it took."""
    folders = [results] if isinstance(results, Path) else list(results)
    empty = [folder for folder in folders if not folder.is_dir() or not any(folder.glob("*-result.json"))]
    if empty:
        raise ReportError(f"no check results in {empty[0]}: run the checks first (`make monitor`)")
    started = time.monotonic()
    if history.is_dir():
        shutil.copytree(history, folders[0] / "history", dirs_exist_ok=True)
    sources = [str(folder) for folder in folders]
    scratch = single_file.parent / ".single-file"
    try:
        run_allure(["generate", *sources, "-o", str(scratch), "--clean", "--single-file", "--name", REPORT_NAME],
                   jvm=jvm)
        refuse_third_party(scratch / "index.html")
        unpack(scratch / "index.html", report)
        shutil.move(scratch / "index.html", single_file)
        shutil.copytree(report / "history", history, dirs_exist_ok=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return time.monotonic() - started


def refuse_third_party(page: Path) -> None:
    """A report that would load anything from elsewhere (an analytics script) is not written: whoever
    opens it would tell that host that a parent's portal is being looked at."""
    found = third_party_in(page)
    if found:
        raise ReportError(f"the report would load {found[0]} (from elsewhere): not written; has the Allure command "
                          "line (package.json) changed?")


def unpack(page: Path, report: Path) -> None:
    """The report folder from the single file: the page itself, and the files embedded in it (what
    CI keeps, the next run's history, the self-tests' reading of test cases)."""
    text = page.read_text(encoding="utf-8")
    files = EMBEDDED_FILE.findall(text)
    if not any(name.startswith("history/") for name, _ in files):
        raise ReportError(f"{page} holds no history files: has the Allure command line (package.json) changed?")
    shutil.rmtree(report, ignore_errors=True)
    for name, data in files:
        path = report / name
        if not path.resolve().is_relative_to(report.resolve()):  # a name Allure never writes
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
    shutil.copyfile(page, report / "index.html")


def main(results: list[Path] | None = None, jvm: ReportJvm | None = None) -> int:
    try:
        seconds = build(results or RESULTS, jvm=jvm)
    except ReportError as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # read-only, full disk
        print(f"report: could not be written: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"report: {REPORT / 'index.html'} and {SINGLE_FILE} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
