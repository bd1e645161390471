#!/usr/bin/env bash
# Installs what the monitor needs, idempotently: a step runs only when its inputs changed,
# so a second run takes about a second. Needs Python 3.11+, Node.js with npm, and apt (as root
# or with sudo) for what neither PyPI nor npm provides: a browser when Playwright cannot download
# its own, and Java for the Allure 2 command line.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bootstrap: %s\n' "$*"; }
fingerprint() { cat "$@" | sha256sum | cut -c1-16; }
APT_UPDATED=""
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if ! command -v apt-get >/dev/null; then
    say "cannot install $* (no apt-get): install it by hand"; return 1
  fi
  [ -n "$APT_UPDATED" ] || { $sudo apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Python packages, pinned with their hashes in requirements-dev.lock (pip-compile, from pyproject.toml),
#    in .venv; then the project itself, editable, for its commands (focus-monitor, focus-release-check).
[ -x .venv/bin/python ] || { say "creating .venv"; python3 -m venv .venv; }
want=$(fingerprint requirements-dev.lock pyproject.toml)
if [ "$(cat .venv/.installed 2>/dev/null)" != "$want" ]; then
  say "installing Python packages (requirements-dev.lock)"
  .venv/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.lock
  .venv/bin/pip install -q --disable-pip-version-check --no-deps -e .
  echo "$want" > .venv/.installed
fi

# 2. The Allure command line, pinned in package-lock.json, in node_modules.
want=$(fingerprint package.json package-lock.json)
if [ "$(cat node_modules/.installed 2>/dev/null)" != "$want" ]; then
  say "installing the Allure command line (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.installed
fi
if ! command -v java >/dev/null; then
  say "installing Java for Allure 2"
  apt_install default-jre-headless
fi
# The classes a report build's JVM loads, archived once (class-data sharing): each build starts in less
# CPU; and the report JVM that the monitor warms up while the checks run, compiled. Made again when the
# Allure command line, Java or what they are made from change (a stale archive is only ignored).
want=$( (java -version 2>&1; cat package-lock.json monitor/reporting/class_archive.py monitor/reporting/report_jvm.py \
  monitor/reporting/ReportJvm.java monitor/reporting/sample_results.py) | sha256sum | cut -c1-16)
if [ "$(cat node_modules/.allure-classes.installed 2>/dev/null)" != "$want" ]; then
  say "archiving the report's JVM classes, compiling its warm-up"
  .venv/bin/python -m monitor.reporting.class_archive && echo "$want" > node_modules/.allure-classes.installed
fi

# 3. A browser: Playwright's own Chromium where it can be downloaded, else the system's.
if ! .venv/bin/python -m monitor.core.browsers browser >/dev/null; then
  say "installing a browser"
  if [ "$(id -u)" = 0 ]; then with_deps="--with-deps"; else with_deps=""; fi
  timeout 600 .venv/bin/playwright install $with_deps chromium >/dev/null 2>&1 \
    || { say "Playwright could not download its Chromium; using Debian's chromium package"; apt_install chromium fonts-liberation; }
  .venv/bin/python -m monitor.core.browsers browser
fi
# With the system's Chromium, headless runs take Debian's headless shell where apt can install it
# (as Playwright's own install does): a third of the CPU. Without it, Chromium runs headless itself.
if ! .venv/bin/python -m monitor.core.browsers headless >/dev/null; then
  say "installing Debian's chromium-headless-shell for headless runs"
  apt_install chromium-headless-shell || say "chromium-headless-shell not installed: headless runs use chromium"
fi

# 4. ffmpeg, which Playwright records videos with: its own download, else the one PyPI ships.
if ! .venv/bin/python -m monitor.core.browsers ffmpeg >/dev/null; then
  timeout 300 .venv/bin/playwright install ffmpeg >/dev/null 2>&1 || .venv/bin/python -m monitor.core.browsers link-ffmpeg
fi
