"""Reporting: the Allure report and its context, the trend image, and the CI job summary."""
