"""`python -m monitor [pytest options]`, the `focus-monitor` command: see monitor/commands/cli.py."""

from monitor.commands.cli import console_main

if __name__ == "__main__":
    console_main()
