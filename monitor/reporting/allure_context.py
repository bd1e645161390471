"""The run's context for Allure: environment, executor (CI) and failure categories."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from monitor import __version__
from monitor.core.paths import ROOT
from monitor.core.redact import without_userinfo
from monitor.core.targets import Target
from monitor.core.verdicts import allure_categories


def suite_commit() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=5, check=True)
        return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def environment(target: Target, options, browser: str, entry_url: str, maintenance: str = "") -> dict[str, str]:
    return {
        # The overview's first line during a maintenance window: "in maintenance: REASON until TIME".
        **({"Maintenance": maintenance} if maintenance else {}),
        "Target": target.name,
        "Entry URL": without_userinfo(entry_url or target.entry_url) or "(not reached)",
        "Browser": browser or "not started",
        "Browser channel": options.getoption("--browser-channel") or "default",
        "Headless": str(not options.getoption("--headed")).lower(),
        "Suite version": f"{__version__} ({suite_commit()})",
        "Python": platform.python_version(),
        "Playwright": version("playwright"),
    }


def executor(environ=os.environ) -> dict | None:
    """Which CI ran the monitor, with its build number and URL (none for a local run)."""
    if environ.get("GITHUB_ACTIONS"):
        url = f"{environ.get('GITHUB_SERVER_URL')}/{environ.get('GITHUB_REPOSITORY')}/actions/runs/" \
              f"{environ.get('GITHUB_RUN_ID')}"
        return {"name": "GitHub Actions", "type": "github", "buildOrder": environ.get("GITHUB_RUN_NUMBER"),
                "buildName": f"#{environ.get('GITHUB_RUN_NUMBER')}", "buildUrl": url}
    if environ.get("GITLAB_CI"):
        return {"name": "GitLab CI", "type": "gitlab", "buildOrder": environ.get("CI_PIPELINE_IID"),
                "buildName": f"#{environ.get('CI_PIPELINE_IID')}", "buildUrl": environ.get("CI_PIPELINE_URL")}
    if environ.get("JENKINS_URL"):
        return {"name": "Jenkins", "type": "jenkins", "buildOrder": environ.get("BUILD_NUMBER"),
                "buildName": environ.get("BUILD_TAG") or f"#{environ.get('BUILD_NUMBER')}",
                "buildUrl": environ.get("BUILD_URL")}
    if environ.get("CI"):
        return {"name": environ.get("CI_NAME", "CI"), "type": "ci", "buildName": environ.get("BUILD_NUMBER", "")}
    return None


def write_report_context(alluredir: Path, target: Target, options, browser: str, entry_url: str,
                         maintenance: str = "") -> None:
    alluredir.mkdir(parents=True, exist_ok=True)
    context = environment(target, options, browser, entry_url, maintenance)
    lines = [f"{key.replace(' ', chr(92) + ' ')}={value}" for key, value in context.items()]
    (alluredir / "environment.properties").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (alluredir / "categories.json").write_text(json.dumps(allure_categories(), indent=2), encoding="utf-8")
    ci = executor()
    if ci:
        (alluredir / "executor.json").write_text(json.dumps(ci, indent=2), encoding="utf-8")
