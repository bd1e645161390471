"""python -m replica: serve the replica until Ctrl-C / SIGTERM; the first stdout line is the entry URL."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from replica.dialects import DIALECTS, WORDING
from replica.scenarios import SCENARIOS
from replica.server import Replica
from replica.tls import DEFAULT_DAYS, ReplicaTls


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m replica", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="Focus port (default: a free port)")
    parser.add_argument(
        "--idp-port", type=int, default=0, help="identity-provider port (default: a free port)"
    )
    parser.add_argument("--scenario", default="healthy", help="fault to start with: " + ", ".join(SCENARIOS))
    parser.add_argument(
        "--schoology-url",
        default="https://bcps.schoology.com",
        help="where the parent portal's Schoology link points",
    )
    parser.add_argument("--dialect", default="standard", choices=DIALECTS,
                        help="how the pages are marked up: " + "; ".join(
                            f"{name}: {dialect.description}" for name, dialect in DIALECTS.items()))
    parser.add_argument("--wording", action="append", default=[], metavar="KEY=TEXT",
                        help="reword a text of the pages, as a district may: " + ", ".join(WORDING))
    parser.add_argument("--mutate", type=int, default=None, metavar="SEED",
                        help="rewrite the pages with the markup mutations this seed picks (replica/mutations.py)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests on stderr")
    parser.add_argument("--tls", action="store_true",
                        help="serve HTTPS, with a certificate signed by a throwaway CA made at start")
    parser.add_argument("--cert-days", type=int, default=DEFAULT_DAYS,
                        help="with --tls: the certificate expires in N days (negative: expired N days ago)")
    parser.add_argument("--cert-host", action="append", default=None,
                        help="with --tls: the certificate is for this host instead of the replica's (repeatable)")
    parser.add_argument("--cert-not-yet-valid", action="store_true",
                        help="with --tls: the certificate becomes valid tomorrow")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.scenario not in SCENARIOS:
        print(
            f"python -m replica: unknown scenario {args.scenario!r}; known: {', '.join(SCENARIOS)}",
            file=sys.stderr,
        )
        return 2
    wording = dict(item.partition("=")[::2] for item in args.wording)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    tls = ReplicaTls.create(args.cert_days, tuple(args.cert_host) if args.cert_host else None,
                            args.cert_not_yet_valid) if args.tls else None
    try:
        replica = Replica(
            scenario=args.scenario,
            focus_port=args.port,
            idp_port=args.idp_port,
            schoology_url=args.schoology_url,
            log_requests=not args.quiet,
            tls=tls,
            dialect=args.dialect,
            wording=wording,
            mutation=args.mutate,
        ).start()
    except ValueError as error:
        print(f"python -m replica: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"python -m replica: cannot listen: {error.strerror or error}", file=sys.stderr)
        return 1
    print(replica.entry_url, flush=True)
    print(f"identity provider: {replica.idp_origin}")
    print(f"control: {replica.control_url} (scenario: {args.scenario}, dialect: {args.dialect})")
    if tls:
        print(f"tls: CA certificate (a client's ca_bundle) {tls.ca_file}; the certificate is for "
              f"{', '.join(tls.hosts)}, valid until {tls.not_after:%Y-%m-%d %H:%M} UTC")
    for email in replica.directory.emails():
        print(f"account: {email}")
    if replica.mutation:
        print(f"mutation: {replica.mutation.describe()}")
    print("stop with Ctrl-C", flush=True)
    shown = 0
    try:
        while not stop.wait(0.5):
            if replica.mutation and len(replica.mutation.applied) > shown:  # what the pages served so far got
                shown = len(replica.mutation.applied)
                print(f"applied: {replica.mutation.applied_text()}", flush=True)
    except KeyboardInterrupt:
        pass
    replica.stop()
    if tls:
        tls.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
