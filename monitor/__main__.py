"""`python -m monitor [pytest options]`: see monitor/run/cli.py."""

import sys

from monitor.deadline import exit_when_done
from monitor.run.cli import main

if __name__ == "__main__":
    exit_when_done(main(sys.argv[1:]))
