"""Real credentials in, nothing secret out.

A canary scan: the checks run against a replica whose accounts have passwords and two-factor (TOTP)
secrets made up for this run, with every artifact switched on (trace, video, screenshots, JUnit XML),
once healthy, under faults that strike after the password was typed, and with a two-factor code to type.
Then every file the runs produced, every member of every trace, and the runs' own output are searched
for the passwords (in every encoding), the secrets, every code of the runs' time and every cookie value
the replica handed out. Plus: a Secret never shows its value."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from werkzeug.wrappers import Response

from monitor.core.accounts import Account, Secret
from monitor.core.exit_codes import MonitorExit
from monitor.core.redact import BINARY_SUFFIXES, REDACTED, Redactor
from monitor.core.roles import DEFAULT_VARIABLES, PASSWORD_ROLES, ROLES
from monitor.core.secret_shapes import secret_problems
from monitor.core.targets import load_targets
from monitor.core.two_factor import codes_of_the_last
from monitor.core.verdicts import PRODUCT, SIGN_IN_REJECTED
from monitor.replica_start import stand_in_accounts
from replica import Replica
from replica.idp_app import CSRF_COOKIE
from selftest.leak_scan import MIN_TOKEN_LENGTH, Canary, Scan, canary_email, password_forms, token_forms
from selftest.monitor_runs import CHECKS, SELFTEST_TARGETS, MonitorRun, run_checks

EVIDENCE = ("--tracing=on", "--video=on", "--screenshot=on", "--full-page-screenshot")
SIGN_IN_CHECKS = {"parent_sign_in", "employee_parent", "schoology"}
REJECTED_CHECKS = {"parent_sign_in", "employee_parent"}
# name -> (scenario, pytest arguments): healthy, then faults that strike after the password was typed.
RUNS = {
    "healthy": ("healthy", ()),
    # (Each rejected sign-in waits out the timeout: two checks are enough, one per password.)
    "login-rejected": ("login-rejected", ("-k", "test_parent_signs_in_and_reaches_focus or "
                                               "test_employee_switches_to_the_parent_profile")),
    "parent-role-missing": ("parent-role-missing", ("-k", "test_employee_switches_to_the_parent_profile")),
    # The page asks for a two-factor code: the check types one, from the account's TOTP secret.
    "two-factor": ("two-factor", ("-k", "test_parent_signs_in_and_reaches_focus")),
    # The password field cannot be filled: Playwright's error message quotes what it was filling in
    # (the check's failure message carries it, in a parent's words first), and the long traceback
    # shows every frame's arguments and locals (Locator.fill's value among them). And the check prints
    # and logs the password (captured output goes to Allure and the terminal).
    "password-field-readonly": ("healthy", ("-k", "test_parent_signs_in_and_reaches_focus", "--tb=long",
                                            "--showlocals", "-p", "selftest.plugins.password_field_readonly",
                                            "-p", "selftest.plugins.check_prints_password")),
}

# name -> the exit code each run must end with, and the checks it must report.
COMPLETES_WITH = {
    "healthy": (MonitorExit.OK, frozenset(CHECKS)),
    "login-rejected": (MonitorExit.PRODUCT_FAILURE, frozenset(REJECTED_CHECKS)),
    "parent-role-missing": (MonitorExit.PRODUCT_FAILURE, frozenset({"employee_parent"})),
    "two-factor": (MonitorExit.OK, frozenset({"parent_sign_in"})),
    "password-field-readonly": (MonitorExit.PRODUCT_FAILURE, frozenset({"parent_sign_in"})),
}


@dataclasses.dataclass
class CanaryRuns:
    passwords: dict[str, Canary]
    runs: dict[str, MonitorRun]
    folders: dict[str, Path]  # allure-results, test-results, junit.xml
    temporary: dict[str, Path]  # the run's TMPDIR
    cookies: dict[str, set[str]]  # cookie name -> every value the replica set
    totp_secrets: dict[str, str]  # role -> its made-up authenticator secret
    started: float  # when the first run started (the two-factor codes since then)

    def scan(self, secrets: dict[str, dict[str, str]]) -> Scan:
        scan = Scan(secrets)
        for name, run in self.runs.items():
            scan.folder(self.folders[name]).folder(self.temporary[name])
            scan.text(f"{name}: the run's stdout/stderr", run.output)
        return scan


@pytest.fixture
def canary_runs(tmp_path: Path) -> Iterator[CanaryRuns]:
    # Every role that signs in with a password gets a made-up one (monitor/core/roles.py: a new role is covered).
    passwords = {role: Canary.new(role) for role in PASSWORD_ROLES}
    accounts = {DEFAULT_VARIABLES[ROLES[role].email_key]: canary_email(role) for role in PASSWORD_ROLES}
    accounts |= {DEFAULT_VARIABLES[ROLES[role].password_key]: canary.value for role, canary in passwords.items()}
    totp_secrets = {role: pyotp.random_base32() for role in PASSWORD_ROLES}
    accounts |= {DEFAULT_VARIABLES[ROLES[role].totp_key]: secret for role, secret in totp_secrets.items()}
    # The replica's registered address is the parent's (the sign-up check meets its duplicate error).
    accounts[DEFAULT_VARIABLES["registered_email"]] = accounts[DEFAULT_VARIABLES["parent_email"]]
    # The runs' temporary files (scanned too) in a short path: Chromium's socket path has a limit.
    temporary = Path(tempfile.mkdtemp(prefix="canary-"))
    no_sessions = tmp_path / "auth"  # no saved session may stand in for the passwords
    env = {**accounts, "FOCUS_AUTH_DIR": str(no_sessions),
           **{DEFAULT_VARIABLES[role.session_key]: "" for role in ROLES.values() if role.session_key}}
    cookies: dict[str, set[str]] = {}
    original_set_cookie = Response.set_cookie

    def spy(response, key, value="", *args, **kwargs):
        cookies.setdefault(key, set()).add(value)
        return original_set_cookie(response, key, value, *args, **kwargs)

    runs, folders, temporaries, started = {}, {}, {}, time.time()
    with pytest.MonkeyPatch.context() as patch, Replica(accounts=accounts) as replica:
        patch.setattr(Response, "set_cookie", spy)
        for name, (scenario, args) in RUNS.items():
            folder = folders[name] = tmp_path / name
            temporaries[name] = temporary / name
            temporaries[name].mkdir()
            replica.set_scenario(scenario)
            runs[name] = run_checks(replica.entry_url, folder / "allure-results", *EVIDENCE, *args,
                                    f"--junitxml={folder / 'junit.xml'}",
                                    env={**env, "TMPDIR": str(temporary / name)})
    yield CanaryRuns(passwords, runs, folders, temporaries, cookies, totp_secrets, started)
    shutil.rmtree(temporary, ignore_errors=True)


def test_canary_scan_finds_no_password_and_no_cookie_value(canary_runs: CanaryRuns) -> None:
    """Zero hits, or the failure names the file (and trace member), the secret and its form."""
    for name, (exit_code, checks) in COMPLETES_WITH.items():
        canary_runs.runs[name].assert_completed(exit_code, checks=checks)
    problems = _not_vacuous(canary_runs)
    passwords = canary_runs.scan({f"the {role} password": password_forms(canary)
                                  for role, canary in canary_runs.passwords.items()}
                                 | {f"the {role} TOTP secret": token_forms(secret)
                                    for role, secret in canary_runs.totp_secrets.items()})
    # Session and CSRF cookies are live credentials too (and a saved session is made of them).
    tokens = canary_runs.scan({f"cookie {name} #{index}": token_forms(value)
                               for name, values in canary_runs.cookies.items()
                               for index, value in enumerate(sorted(values)) if len(value) >= MIN_TOKEN_LENGTH})
    print(f"canary scan: {passwords.files} files, {passwords.zip_members} trace members, "
          f"{passwords.bytes / 1e6:.1f} MB; {len(passwords.hits)} password hits; "
          f"{len(tokens.secrets)} cookie values, {len(tokens.hits)} cookie hits; "
          f"runs: {', '.join(f'{name} {run.seconds:.1f} s' for name, run in canary_runs.runs.items())}")
    if passwords.files < 50 or passwords.zip_members < 50:
        problems.append(f"too little scanned to mean anything: {passwords.files} files, "
                        f"{passwords.zip_members} trace members")
    if not {"PHPSESSID", CSRF_COOKIE} <= set(canary_runs.cookies):
        problems.append(f"the replica set no session or CSRF cookie: {sorted(canary_runs.cookies)}")
    problems += [f"password leaked: {hit}" for hit in passwords.hits]
    problems += [f"cookie value leaked: {hit}" for hit in tokens.hits]
    problems += [f"two-factor code leaked: {hit}" for hit in _code_hits(canary_runs)]
    assert problems == [], "\n".join(problems)


def _not_vacuous(canary_runs: CanaryRuns) -> list[str]:
    """The passwords were typed, the faults struck after that, and traces recorded the typing."""
    runs, problems = canary_runs.runs, []

    def expect(condition: bool, problem: str) -> None:
        if not condition:
            problems.append(problem)

    healthy = runs["healthy"]
    expect(bool(healthy.checks) and healthy.failing() == set() and healthy.with_status("passed") >= SIGN_IN_CHECKS,
           f"healthy: not every check passed: {healthy.output[-2000:]}")
    rejected = runs["login-rejected"]
    expect(rejected.failing() == REJECTED_CHECKS
           and all(rejected.checks[name].verdict == SIGN_IN_REJECTED for name in REJECTED_CHECKS),
           f"login-rejected: the sign-ins were not all rejected: {rejected.output[-2000:]}")
    role_missing = runs["parent-role-missing"].checks.get("employee_parent")
    expect(role_missing is not None and role_missing.verdict == PRODUCT
           and '"Parent" profile in the drop-down is missing' in role_missing.message,
           f"parent-role-missing: the employee check did not fail on the drop-down: {role_missing}")
    readonly = runs["password-field-readonly"].checks.get("parent_sign_in")
    # Playwright quoted the value it was filling in; the report must show it redacted. A field that
    # cannot be filled is the product's failure: said in a parent's words, never retried.
    expect(readonly is not None and readonly.attempts == 1 and readonly.verdict == PRODUCT
           and "no Password field that can be filled in" in readonly.message
           and f'fill("{REDACTED}")' in readonly.message,
           f"password-field-readonly: no redacted fill in the product failure, or retried: {readonly}")
    captured = _attachments(runs["password-field-readonly"], ("stdout", "stderr", "log"))
    expect(len(captured) >= 3 and all(REDACTED in text for text in captured),
           f"password-field-readonly: the printed password was not captured, redacted, into Allure: {captured}")
    two_factor = runs["two-factor"]
    expect(two_factor.with_status("passed") == {"parent_sign_in"},
           f"two-factor: the parent did not sign in with a code: {two_factor.output[-2000:]}")
    for name, run in runs.items():
        traces = sorted((canary_runs.folders[name] / "test-results").rglob("*.zip"))
        attached = [path for path in run.results_dir.glob("*-attachment.zip") if zipfile.is_zipfile(path)]
        fills = [value for trace in traces for value in _trace_fills(trace)]
        expect(bool(traces) and bool(attached), f"{name}: no trace kept ({len(traces)}) or attached ({len(attached)})")
        expect(REDACTED in fills, f"{name}: no trace recorded the password being typed: {fills}")
        if name == "two-factor":  # the password, then the code
            expect(fills.count(REDACTED) >= 2, f"{name}: no trace recorded the code being typed, redacted: {fills}")
    return problems


def _code_hits(canary_runs: CanaryRuns) -> list[str]:
    """Every two-factor code of the runs' time, wherever it stands alone (not inside a longer number: a
    time, a size) in a text the runs left: files, trace members, the runs' output."""
    since = time.time() - canary_runs.started + 60
    codes = {code for secret in canary_runs.totp_secrets.values() for code in codes_of_the_last(Secret(secret), since)}
    pattern = re.compile(rf"(?<![\d.])({'|'.join(sorted(codes))})(?![\d.])".encode())
    hits = []

    def search(label: str, data: bytes) -> None:
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    if not member.is_dir():
                        search(f"{label}!{member.filename}", archive.read(member))
        elif not label.lower().endswith(BINARY_SUFFIXES):
            hits.extend(f"{label}: {match.group().decode()}" for match in pattern.finditer(data))

    for name, run in canary_runs.runs.items():
        for root in (canary_runs.folders[name], canary_runs.temporary[name]):
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    search(str(path), path.read_bytes())
        search(f"{name}: the run's output", run.output.encode())
    return hits


def _attachments(run: MonitorRun, names: tuple[str, ...]) -> list[str]:
    """The text of a run's Allure attachments with these names."""
    texts = []
    for path in run.results_dir.glob("*-result.json"):
        for attachment in json.loads(path.read_text(encoding="utf-8")).get("attachments", []):
            if attachment["name"] in names:
                texts.append((run.results_dir / attachment["source"]).read_text(encoding="utf-8"))
    return texts


def _trace_fills(trace: Path) -> list[str]:
    """The values of the fill actions a trace recorded."""
    values = []
    with zipfile.ZipFile(trace) as archive:
        for member in archive.namelist():
            if not member.endswith(".trace"):
                continue
            for line in archive.read(member).decode("utf-8", "replace").splitlines():
                event = json.loads(line) if line.startswith("{") else {}
                if event.get("method") == "fill":
                    values.append(event.get("params", {}).get("value"))
    return values


def test_a_secret_never_shows_its_value() -> None:
    value = Canary.new("secret").value
    secret = Secret(value)
    shown = [repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{secret!s}", format(secret),
             "%s %r" % (secret, secret), "{} {!r}".format(secret, secret),  # noqa: UP031, UP032 (old styles too)
             str([secret]), str({"password": secret}), str((secret,))]
    assert all(value not in text and "****" in text for text in shown), shown
    assert secret.reveal() == value
    assert not hasattr(secret, "__dict__")  # nothing to dump with vars()


def test_an_account_never_shows_its_password() -> None:
    value = Canary.new("account").value
    account = Account(role="parent", email="parent@example.org", password=Secret(value))
    shown = [repr(account), str(account), f"{account}", str(dataclasses.asdict(account)),
             str(dataclasses.replace(account, email="other@example.org"))]
    assert all(value not in text for text in shown), shown
    assert "parent@example.org" in repr(account) and "Secret('********')" in repr(account)


def test_the_redactor_removes_the_password_in_every_form_the_scan_knows() -> None:
    canary = Canary.new("unit")
    redactor = Redactor([canary.value])
    forms = {name: form for name, form in password_forms(canary).items() if not name.startswith("its random core")}
    left = {name: redactor.text(f"<{form}>") for name, form in forms.items()}
    assert {name: text for name, text in left.items() if text != f"<{REDACTED}>"} == {}
    data = {name: redactor.data(f"<{form}>".encode()) for name, form in forms.items()}
    assert {name: raw for name, raw in data.items() if canary.core.encode() in raw} == {}


def test_the_redactor_redacts_an_exception_and_its_cause_in_place() -> None:
    canary = Canary.new("unit")
    error = PlaywrightTimeoutError(f'Locator.fill: Timeout 6000ms exceeded.\n  - fill("{canary.value}")')
    error.__cause__ = ValueError(f"typed {canary.value!r}")
    Redactor([canary.value]).exception(error)
    texts = [str(error), error.message, str(error.__cause__)]
    assert all(canary.core not in text for text in texts) and f'fill("{REDACTED}")' in str(error), texts


# Shapes of secret the redactor could not find as the browser uses them: each is bad input, named by its
# variable, never shown. -> (how the canary is changed, the problem said)
SECRET_SHAPES = {
    "trailing-newline": (lambda value: value + "\n", "ends with whitespace (a newline)"),
    "trailing-crlf": (lambda value: value + "\r\n", "ends with whitespace (a newline)"),
    "leading-space": (lambda value: " " + value, "begins with whitespace (a space or tab)"),
    "trailing-tab": (lambda value: value + "\t", "ends with whitespace (a space or tab)"),
    "too-short": (lambda value: value[-6:], "is shorter than 8 characters"),
    "a-word-of-a-title": (lambda value: "Schoology", "occurs in the monitor's own titles or the pages' texts"),
    "a-word-of-the-pages": (lambda value: "sign up now", "occurs in the monitor's own titles or the pages' texts"),
}


@pytest.mark.parametrize("shape", SECRET_SHAPES)
def test_a_secret_the_redactor_could_not_find_is_bad_input_named_not_shown(shape: str) -> None:
    change, problem = SECRET_SHAPES[shape]
    target = load_targets(SELFTEST_TARGETS)["live"]
    value = change(Canary.new("parent").value)
    environ = {"FOCUS_PARENT_PASSWORD": value, "FOCUS_EMPLOYEE_PASSWORD": Canary.new("employee").value}
    problems = secret_problems(target, environ)
    assert len(problems) == 1 and problems[0].startswith(f"FOCUS_PARENT_PASSWORD {problem}"), problems
    assert value.strip() not in problems[0]
    # The same secret, as given in the entry URL (user:password): named as the URL's.
    url_target = dataclasses.replace(target, entry_url=f"https://qa:{value.strip()}@focus.example.org/focus")
    if shape in ("too-short", "a-word-of-a-title", "a-word-of-the-pages"):
        assert [line for line in secret_problems(url_target, {}) if line.startswith("the entry URL's password ")]


def test_the_replicas_and_the_canaries_secrets_are_fine() -> None:
    targets = load_targets(SELFTEST_TARGETS)
    assert secret_problems(targets["replica"], {}, stand_in_accounts(targets["replica"])) == []
    canaries = {DEFAULT_VARIABLES[ROLES[role].password_key]: Canary.new(role).value for role in PASSWORD_ROLES}
    assert secret_problems(targets["live"], canaries) == []
