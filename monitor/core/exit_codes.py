"""The monitor's exit codes (documented in docs/running.md): CI tells a product failure from the rest."""

from enum import IntEnum


class MonitorExit(IntEnum):
    OK = 0  # every check passed (some may be flagged degraded or flaky)
    PRODUCT_FAILURE = 1  # a check failed: something a parent meets is broken
    INTERRUPTED = 2  # stopped by the user
    INTERNAL_ERROR = 3  # pytest itself failed (a plugin or configuration error): no verdict
    BAD_INPUT = 4  # unknown target, malformed URL or targets file, missing credential
    NO_CHECKS = 5  # the selection matched no check
    SITE_UNREACHABLE = 10  # the site or its identity provider could not be reached: infrastructure
    BROWSER_FAILED = 11  # the browser could not start
    SETUP_PROBLEM = 12  # the monitor's own setup failed, e.g. a saved session expired
    MONITOR_DEFECT = 13  # a check broke on an error in the monitor's own code (not the product)
    DID_NOT_FINISH = 14  # the checks did not finish within their bound: stopped, what finished recorded
