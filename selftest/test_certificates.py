"""The certificate reader against the replica's own HTTPS (a throwaway CA): each kind of bad
certificate in a parent's terms, read even when it fails verification; a host that does not answer
within the deadline; hosts not checked said so; the target keys that go with it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.core.targets import TargetError, load_targets
from monitor.core.verdicts import CERTIFICATE
from monitor.data.certificate import EXPIRING, INVALID, NOT_CHECKED, OK, UNREAD, Certificate
from monitor.probes.certificates import Endpoint, for_target, read_all
from monitor.probes.preflight import PreflightResult
from monitor.reporting.console import context_lines
from monitor.reporting.job_summary import headline
from replica import Replica
from replica.tls import ReplicaTls
from selftest.monitor_runs import ROOT, SELFTEST_TARGETS, closed_port
from selftest.notify_helpers import black_hole, run_record

SIGN_IN = "parents see a browser warning instead of the sign-in page"


@pytest.fixture
def serve() -> Iterator:
    """Start a replica over HTTPS with a certificate made as asked; its two origins' endpoints."""
    started: list[tuple[Replica, ReplicaTls]] = []

    def start(*args, **kwargs) -> tuple[list[Endpoint], ReplicaTls]:
        tls = ReplicaTls.create(*args, **kwargs)
        replica = Replica(tls=tls).start()
        started.append((replica, tls))
        origins = (replica.focus_origin, replica.idp_origin)
        return [Endpoint(origin.split("//")[1].split(":")[0], int(origin.rsplit(":", 1)[1]), "the sign-in page")
                for origin in origins], tls

    yield start
    for replica, tls in started:
        replica.stop()
        tls.cleanup()


def test_a_certificate_with_days_left_is_read_through_the_ca_bundle(serve) -> None:
    endpoints, tls = serve(90)
    found = read_all(endpoints, 21, str(tls.ca_file), 3)
    assert [(cert.host, cert.status, cert.days_left, cert.problem) for cert in found] == [
        ("127.0.0.1", OK, 90, ""), ("localhost", OK, 90, "")]
    assert found[0].issuer == "Focus replica throwaway CA"
    assert found[0].not_after.startswith(f"{tls.not_after:%Y-%m-%d}")


def test_a_certificate_that_expires_soon_is_expiring_with_its_date(serve) -> None:
    endpoints, tls = serve(5)
    cert = read_all(endpoints[:1], 21, str(tls.ca_file), 3)[0]
    assert (cert.status, cert.days_left) == (EXPIRING, 5)
    assert cert.expiry_note == f"the certificate of 127.0.0.1 expires in 5 days ({tls.not_after:%Y-%m-%d})"
    assert read_all(endpoints[:1], 5, str(tls.ca_file), 3)[0].status == OK  # cert_warn_days = 5: not yet


@pytest.mark.parametrize(("make", "words"), [
    ({"days": -3}, "the certificate of 127.0.0.1 expired 3 days ago ({date})"),
    ({"days": 30, "hosts": ("wrong-host.example",)}, "the certificate of 127.0.0.1 is for wrong-host.example, "
                                                     "not 127.0.0.1"),
    ({"days": 30, "not_yet_valid": True}, "the certificate of 127.0.0.1 is not valid before"),
], ids=["expired", "wrong-host", "not-yet-valid"])
def test_a_bad_certificate_is_read_anyway_and_said_in_a_parents_terms(serve, make, words) -> None:
    endpoints, tls = serve(**make)
    cert = read_all(endpoints[:1], 21, str(tls.ca_file), 3)[0]
    assert cert.status == INVALID and cert.not_after, cert
    expected = words.format(date=f"{tls.not_after:%Y-%m-%d}")
    assert cert.problem.startswith(expected) and cert.problem.endswith(f": {SIGN_IN}"), cert.problem


def test_a_certificate_from_an_unknown_authority_is_not_trusted(serve) -> None:
    endpoints, _ = serve(90)
    cert = read_all(endpoints[:1], 21, None, 3)[0]  # no ca_bundle: the system's authorities only
    assert cert.status == INVALID and cert.days_left == 90
    assert cert.problem.startswith("the certificate of 127.0.0.1 is not trusted (self-signed certificate in "
                                   "certificate chain; issued by Focus replica throwaway CA)"), cert.problem


def test_a_host_that_does_not_answer_is_unread_within_the_deadline() -> None:
    with black_hole() as port:
        started = time.monotonic()
        hanging, refused = read_all([Endpoint("127.0.0.1", port, "the sign-in page"),
                                     Endpoint("127.0.0.1", closed_port(), "Schoology")], 21, None, 1.0)
        seconds = time.monotonic() - started
    assert (hanging.status, hanging.problem) == (UNREAD, "no TLS handshake within 1 s")
    assert (refused.status, refused.problem) == (UNREAD, "connection refused")
    assert seconds < 2.5, f"the deadline of 1 s took {seconds:.1f} s"


def test_a_skipped_host_is_listed_as_not_checked_never_as_passed(serve) -> None:
    endpoints, tls = serve(90)
    target = dataclasses.replace(load_targets(SELFTEST_TARGETS)["replica"], ca_bundle=str(tls.ca_file))
    chain = [f"https://127.0.0.1:{endpoints[0].port}/focus", f"https://localhost:{endpoints[1].port}/authorize",
             "http://127.0.0.1:9/plain-http-has-no-certificate"]
    found = for_target(target, chain)
    assert [(cert.host, cert.status) for cert in found] == [("127.0.0.1", OK), ("localhost", OK),
                                                           ("bcps.schoology.com", NOT_CHECKED)]
    record = dataclasses.replace(run_record(), certificates=found)
    [line] = [line for line in context_lines(record) if line.startswith("certificates:")]
    assert "bcps.schoology.com not checked (in the target's cert_skip_hosts)" in line, line


def test_the_job_summary_of_a_run_degraded_by_a_certificate_does_not_blame_a_slow_page() -> None:
    record = run_record(degraded=0)
    assert headline(record) == "🟡 Parents can sign in, but a page is slow"
    record.checks[0].degraded = "the certificate of 127.0.0.1 expires in 5 days (2026-12-07)"
    assert headline(record) == "🟡 Parents can sign in, but a TLS certificate expires soon or could not be read"


def test_only_a_bad_certificate_on_the_way_to_sign_in_stops_the_other_checks() -> None:
    chain = ["https://focus.example.org/focus", "https://idp.example.org/authorize"]
    bad_schoology = dataclasses.replace(PreflightResult(True, "ok", 0.1, chain), certificates=[
        Certificate("bcps.schoology.com", status=INVALID, problem="the certificate of bcps.schoology.com expired "
                    "1 day ago (2026-12-01): parents see a browser warning instead of Schoology")])
    assert bad_schoology.failure() == (CERTIFICATE, bad_schoology.certificates[0].problem)
    assert bad_schoology.blocker() is None  # parents still sign in to Focus: the other checks run


@pytest.mark.parametrize(("line", "error"), [
    ('timezone = "Mars/Olympus_Mons"', "unknown timezone 'Mars/Olympus_Mons'"),
    ('maintenance_mode = "pause"', "maintenance_mode must be one of run, skip, not 'pause'"),
    ("cert_warn_days = -1", "cert_warn_days must be 0 or more, not -1"),
    ('cert_warn_days = "21"', "'cert_warn_days' must be a whole number"),
    ('ca_bundle = "no/such/ca.pem"', "ca_bundle 'no/such/ca.pem' is not a file"),
], ids=["timezone", "maintenance-mode", "negative-days", "days-not-a-number", "missing-ca-bundle"])
def test_the_new_target_keys_are_checked(tmp_path, line, error) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(SELFTEST_TARGETS.read_text().replace("[targets.live]\n", f"[targets.live]\n{line}\n"))
    with pytest.raises(TargetError, match=error.replace("(", r"\(").replace(")", r"\)")):
        load_targets(path)


def test_python_m_replica_tls_prints_its_https_entry_url_and_certificate(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "replica", "--quiet", "--tls", "--cert-days", "5"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    try:
        entry_url = process.stdout.readline().strip()
        lines = [process.stdout.readline().strip() for _ in range(3)]
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert entry_url.startswith("https://127.0.0.1:") and entry_url.endswith("/focus"), entry_url
    [tls_line] = [line for line in lines if line.startswith("tls: ")]
    assert "the certificate is for 127.0.0.1, localhost, google.localhost, microsoft.localhost" in tls_line, tls_line
