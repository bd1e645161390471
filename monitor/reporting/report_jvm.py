"""The report's JVM, started while the checks run (ReportJvm.java beside this file): it builds a small
report at the lowest priority, on the CPU the checks leave idle, then waits for the run's build, which
then takes about 0.45 s instead of 1.4 s (a JVM's first build loads its classes and runs its code
uncompiled). The warm-up's CPU slows the checks a little on two cores: the whole run gained 0.2-1.2 s
(6 alternated pairs; docs/benchmark.md). Its class is compiled once by scripts/bootstrap.sh with the
runtime's own compiler module; without it (a Java runtime without jdk.compiler), or when the environment
chooses the JVM's options, the report is built as before, by the Allure command line's start script. The
JVM exits as soon as its standard input closes: a monitor that builds no report, or is killed, leaves no
JVM behind."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil

from monitor.core import lifeline
from monitor.core.paths import ALLURE, REPORT_JVM
from monitor.reporting.allure_report import ALLURE_TIMEOUT_S, CLASS_ARCHIVE, JVM_OPTIONS, ReportError, user_jvm_options
from monitor.reporting.sample_results import sample_results

CLASS_NAME = "ReportJvm"
SOURCE = Path(__file__).with_name(f"{CLASS_NAME}.java")
READY = "report JVM ready"  # ReportJvm.READY
# The heap starts small (it grows as a build needs, up to JVM_OPTIONS' bound) and gives back what the
# warm-up's collection freed: the JVM holds 92 MB through the checks instead of 124 MB (the run's whole
# process tree stays under 600 MB).
LEAN_HEAP = "-Xms8m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5"
COMPILE_TIMEOUT_S = 120.0
CLOSE_TIMEOUT_S = 5.0


def allure_classpath(script: Path = ALLURE) -> str | None:
    """The classpath that the Allure command line's own start script gives its JVM: the class archive was
    made with it, and the JVM maps the archive only for a classpath that starts with the same one."""
    try:
        text = script.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r"^(?:set )?CLASSPATH=(.+)$", text, re.M)
    home = str(script.parent.parent)
    return found.group(1).strip().replace("$APP_HOME", home).replace("%APP_HOME%", home) if found else None


def prepare(folder: Path = REPORT_JVM) -> Path:
    """Compile ReportJvm.java against the Allure command line and write the warm-up's results beside it;
    replaces the former folder whole."""
    classpath, java = allure_classpath(), shutil.which("java")
    if classpath is None or java is None:
        raise ReportError("the Allure command line or Java is missing: run `make bootstrap`")
    made = folder.with_name(f"{folder.name}.new")
    shutil.rmtree(made, ignore_errors=True)
    made.mkdir(parents=True)
    try:
        compiled = subprocess.run([java, "-m", "jdk.compiler/com.sun.tools.javac.Main", "--release", "17", "-cp",
                                   classpath, "-d", str(made), str(SOURCE)], capture_output=True, text=True,
                                  timeout=COMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise ReportError(f"compiling {SOURCE.name} took over {COMPILE_TIMEOUT_S:g} s") from None
    if compiled.returncode != 0:
        raise ReportError(f"{SOURCE.name} not compiled (a Java runtime without its compiler module?): "
                          f"{(compiled.stdout + compiled.stderr).strip()[:300]}")
    sample_results(made / "results")
    shutil.rmtree(folder, ignore_errors=True)
    made.replace(folder)
    return folder


class ReportJvm:
    """A started report JVM; `build` hands it the run's build, `close` ends it if it got none."""

    def __init__(self, process: subprocess.Popen, token: str) -> None:
        self.process, self.token = process, token
        self.ready = threading.Event()
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, name="report JVM output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.strip() == READY:
                self.ready.set()
            else:
                self.output.append(line)

    @classmethod
    def start(cls, folder: Path = REPORT_JVM) -> ReportJvm | None:
        """Started at the lowest priority; None where there is none to start (then the build starts its own)."""
        classpath, java = allure_classpath(), shutil.which("java")
        if classpath is None or java is None or user_jvm_options() or not (folder / f"{CLASS_NAME}.class").is_file():
            return None
        options = [*JVM_OPTIONS.split(), *LEAN_HEAP.split()]
        if CLASS_ARCHIVE.is_file():
            options.append(f"-XX:SharedArchiveFile={CLASS_ARCHIVE}")
        token = uuid.uuid4().hex
        env = lifeline.run_environment(token, {**os.environ, "ALLURE_NO_ANALYTICS": "true"})
        try:
            process = subprocess.Popen(
                [java, *options, "-cp", f"{classpath}{os.pathsep}{folder}", CLASS_NAME, str(ALLURE.parent.parent),
                 str(folder / "results")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True, encoding="utf-8", errors="replace", env=env)
        except OSError:
            return None
        with contextlib.suppress(psutil.Error, OSError):  # only the CPU the checks leave idle
            psutil.Process(process.pid).nice(psutil.BELOW_NORMAL_PRIORITY_CLASS if os.name == "nt" else 19)
        return cls(process, token)

    def build(self, args: list[str]) -> bool:
        """The Allure command line's build, in this JVM (after its warm-up, if that is still running). False
        when it cannot take it (it is gone, or an argument does not fit in its one line): build it the usual
        way then. A failed build raises ReportError, as the usual way's does."""
        if self.process.poll() is not None or any(re.search(r"[\t\r\n]", arg) for arg in args):
            return False
        try:
            self.process.stdin.write("\t".join(args) + "\n")
            self.process.stdin.close()
        except OSError:  # it exited meanwhile
            return False
        try:
            self.process.wait(timeout=ALLURE_TIMEOUT_S)
        except subprocess.TimeoutExpired:  # a JVM that hangs: the run still ends, with its record and alert
            lifeline.end_run(self.token)
            self.process.kill()
            self.process.wait()
            raise ReportError(f"allure {args[0]} did not finish within {ALLURE_TIMEOUT_S:g} s") from None
        self._reader.join(CLOSE_TIMEOUT_S)
        if self.process.returncode != 0:
            raise ReportError(f"allure {args[0]} failed: {''.join(self.output).strip()[:300]}")
        return True

    def close(self) -> None:
        """Its standard input closed, it exits (at once, warm-up or not); killed if it does not."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout=CLOSE_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                lifeline.end_run(self.token)
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            self.process.stdout.close()


@contextlib.contextmanager
def started() -> Iterator[ReportJvm | None]:
    """A report JVM for the run's build, ended with the run whatever became of the build."""
    jvm = ReportJvm.start()
    try:
        yield jvm
    finally:
        if jvm is not None:
            jvm.close()


def main() -> int:
    try:
        print(f"report JVM prepared: {prepare()}")
    except (ReportError, OSError) as error:  # the report is built without it: slower
        print(f"report JVM not prepared: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
