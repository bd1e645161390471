"""`python -m monitor.reporting` (make report): rebuild the Allure report from reports/allure-results."""

import sys

from monitor.reporting.allure_report import main

if __name__ == "__main__":
    sys.exit(main())
