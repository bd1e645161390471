"""The monitor's pytest setup: each fixture module below is one concern."""

pytest_plugins = [
    "fixtures.lifeline",
    "fixtures.options",
    "fixtures.site",
    "fixtures.maintenance",
    "fixtures.browser",
    "fixtures.devices",
    "fixtures.accounts",
    "fixtures.evidence",
    "fixtures.accessibility",
    "fixtures.secrets",
    "fixtures.watchdog",
    "fixtures.reporting",
    "fixtures.pipeline",
]
