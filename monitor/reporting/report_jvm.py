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
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil

from monitor.core import lifeline
from monitor.core.paths import ALLURE, REPORT_JVM
from monitor.reporting.allure_report import ALLURE_TIMEOUT_S, ReportError, jvm_options, user_jvm_options
from monitor.reporting.sample_results import sample_results

CLASS_NAME = "ReportJvm"
SOURCE = Path(__file__).with_name(f"{CLASS_NAME}.java")
SOURCE_STAMP = "source.sha256"  # beside the class: which ReportJvm.java it was compiled from
READY = "report JVM ready"  # ReportJvm.READY
# The heap starts small (it grows as a build needs, up to jvm_options' bound) and gives back what the
# warm-up's collection freed: the JVM holds 92 MB through the checks instead of 124 MB (the run's whole
# process tree stays under 600 MB).
LEAN_HEAP = "-Xms8m -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5"
COMPILE_TIMEOUT_S = 120.0
CLOSE_TIMEOUT_S = 5.0
WARM_UP_FOLDER = "focus-report-warm-up-"


def java_command() -> str | None:
    """The java the Allure command line's start script runs: JAVA_HOME's, else the one on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / ("java.exe" if os.name == "nt" else "java")
        return str(java) if java.is_file() else None
    return shutil.which("java")


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


def _jars(classpath: str) -> str:
    """The classpath with its wildcards (allure.bat's `lib\\*`) as the jars they stand for: the java
    launcher expands them, the compiler run as a module does not."""
    entries = []
    for entry in classpath.split(os.pathsep):
        entries += sorted(map(str, Path(entry[:-1]).glob("*.jar"))) if entry.endswith("*") else [entry]
    return os.pathsep.join(entries)


def _stamp() -> str:
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def prepare(folder: Path = REPORT_JVM) -> Path:
    """Compile ReportJvm.java against the Allure command line and write the warm-up's results beside it;
    replaces the former folder whole, which goes first: a class that could not be made again is not used."""
    shutil.rmtree(folder, ignore_errors=True)
    classpath, java = allure_classpath(), java_command()
    if classpath is None or java is None:
        raise ReportError("the Allure command line or Java is missing: run `make bootstrap`")
    made = folder.with_name(f"{folder.name}.new")
    shutil.rmtree(made, ignore_errors=True)
    made.mkdir(parents=True)
    try:
        try:
            compiled = subprocess.run([java, "-m", "jdk.compiler/com.sun.tools.javac.Main", "--release", "17", "-cp",
                                       _jars(classpath), "-d", str(made), str(SOURCE)], capture_output=True,
                                      text=True, timeout=COMPILE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise ReportError(f"compiling {SOURCE.name} took over {COMPILE_TIMEOUT_S:g} s") from None
        if compiled.returncode != 0:
            raise ReportError(f"{SOURCE.name} not compiled: {(compiled.stdout + compiled.stderr).strip()[:300]}")
        sample_results(made / "results")
        (made / SOURCE_STAMP).write_text(_stamp(), encoding="ascii")
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
    made.replace(folder)
    return folder


def _prepared(folder: Path) -> bool:
    """Compiled, and from this ReportJvm.java (a checkout updated without a bootstrap has an older class)."""
    try:
        return (folder / f"{CLASS_NAME}.class").is_file() and (folder / SOURCE_STAMP).read_text("ascii") == _stamp()
    except OSError:
        return False


class ReportJvm:
    """A started report JVM; `build` hands it the run's build, `close` ends it if it got none."""

    def __init__(self, process: subprocess.Popen, token: str, scratch: Path | None = None) -> None:
        self.process, self.token, self.scratch = process, token, scratch
        self.ready = threading.Event()
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, name="report JVM output", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        with contextlib.suppress(ValueError, OSError):  # closed under it: the JVM is gone
            for line in self.process.stdout:
                if line.strip() == READY:
                    self.output.clear()  # the warm-up's lines: not the build's
                    self.ready.set()
                else:
                    self.output.append(line)

    @classmethod
    def start(cls, folder: Path = REPORT_JVM, scratch_root: Path | None = None) -> ReportJvm | None:
        """Started at the lowest priority; None where there is none to start (then the build starts its own).
        The warm-up's report goes to a folder of scratch_root (the system's temporary folder), deleted at the end."""
        classpath, java = allure_classpath(), java_command()
        if classpath is None or java is None or user_jvm_options() or not _prepared(folder):
            return None
        options = [*jvm_options().split(), *LEAN_HEAP.split()]
        token = uuid.uuid4().hex
        env = lifeline.run_environment(token, {**os.environ, "ALLURE_NO_ANALYTICS": "true"})
        scratch = Path(tempfile.mkdtemp(prefix=WARM_UP_FOLDER, dir=scratch_root))
        # Its own process group: a Ctrl-C in the terminal is the monitor's to handle (it then closes the JVM).
        group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt"
                 else {"start_new_session": True})
        try:
            process = subprocess.Popen(
                [java, *options, "-cp", f"{classpath}{os.pathsep}{folder}", CLASS_NAME, str(ALLURE.parent.parent),
                 str(folder / "results"), str(scratch), str(os.getpid())], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
                env=env, **group)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
            return None
        with contextlib.suppress(psutil.Error, OSError):  # only the CPU the checks leave idle (its build too)
            psutil.Process(process.pid).nice(psutil.IDLE_PRIORITY_CLASS if os.name == "nt" else 19)
        return cls(process, token, scratch)

    def build(self, args: list[str]) -> bool:
        """The Allure command line's build, in this JVM (after its warm-up, if that is still running). False
        when it did not take it (it is gone, or an argument does not fit in its one line): build it the usual
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
            self._end()
            raise ReportError(f"allure {args[0]} did not finish within {ALLURE_TIMEOUT_S:g} s") from None
        finally:
            self._reader.join(CLOSE_TIMEOUT_S)
        if self.process.returncode != 0:
            if not self.ready.is_set():  # it died before its warm-up was over: the build was never tried
                return False
            raise ReportError(f"allure {args[0]} failed: {''.join(self.output).strip()[-300:]}")
        return True

    def close(self) -> None:
        """Its standard input closed, it exits (at once, warm-up or not); killed if it does not. Its warm-up's
        folder goes."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout=CLOSE_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._end()
        self._reader.join(CLOSE_TIMEOUT_S)
        with contextlib.suppress(OSError):
            self.process.stdout.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def _end(self) -> None:
        lifeline.end_run(self.token)
        self.process.kill()
        self.process.wait()


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
