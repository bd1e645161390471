"""`python -m monitor [pytest options]`, the `focus-monitor` command: see monitor/run/cli.py."""

from monitor.run.cli import console_main

if __name__ == "__main__":
    console_main()
