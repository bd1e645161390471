"""The Focus parent login monitor: targets, accounts, preflight and reporting helpers for the checks."""

__version__ = "0.1.0"
