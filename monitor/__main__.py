"""`python -m monitor [pytest options]`: see monitor/run/cli.py."""

import sys

from monitor.run.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
