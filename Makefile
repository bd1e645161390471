# The two commands: `make monitor` (check the parent login flow, build the report) and
# `make test` (the project's own tests). Both bootstrap what they need first.
PYTHON := .venv/bin/python
# The Allure command line reports each use to Google unless this is "true" (every target below runs it).
export ALLURE_NO_ANALYTICS := true
# Extra pytest options, e.g. make monitor ARGS="--target live --require-accounts"
ARGS ?=

# make auth ACCOUNT=employee TARGET=live: sign in once by hand (MFA), the checks reuse the session.
# make nightly TARGET=live: the scheduled run.
ACCOUNT ?= employee
TARGET ?= live

.PHONY: monitor nightly release-check test report bootstrap lint auth soak a11y-baseline bench maintenance calibrate \
	screenshots mutate

bootstrap:
	@scripts/bootstrap.sh

monitor: bootstrap
	@$(PYTHON) -m monitor $(ARGS)

# For a scheduler that is not GitHub (cron, Jenkins, GitLab, Azure Pipelines): what the workflow's
# steps do, here: history in reports/history, the report, the run record. make exits 2 on any failure;
# the monitor's own exit code is the last line's, and in reports/run.json ("exit_code").
nightly: bootstrap
	@$(PYTHON) -m monitor --target $(TARGET) --require-accounts $(ARGS)

# make release-check CANDIDATE=staging [BASELINE=live]: does the candidate break what works on the baseline?
BASELINE ?= live
release-check: bootstrap
	@$(PYTHON) -m monitor.release --candidate "$(CANDIDATE)" --baseline "$(BASELINE)" $(ARGS)

# make maintenance ARGS="list" | ARGS="add --target live --start ... --end ... --reason ..." | ARGS="end --target live"
maintenance: bootstrap
	@$(PYTHON) -m monitor.maintenance $(ARGS)

# make calibrate TARGET=staging: before the first night on a site, what the checks find on each page
# it visits (reports/calibration.md); exit 1 when an element was not found exactly once.
calibrate: bootstrap
	@$(PYTHON) -m monitor.commands.calibrate --target $(TARGET) $(ARGS)

report: bootstrap
	@$(PYTHON) -m monitor.reporting

lint: bootstrap
	@.venv/bin/ruff check .
	@.venv/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	@.venv/bin/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
	@.venv/bin/actionlint .github/workflows/*.yml
	@.venv/bin/zizmor --offline --quiet .github/workflows/ .github/dependabot.yml

test: lint
	@$(PYTHON) -m pytest -c selftest/pytest.ini selftest $(ARGS)

auth: bootstrap
	@$(PYTHON) -m monitor.commands.auth --account $(ACCOUNT) --target $(TARGET) $(ARGS)

# make a11y-baseline TARGET=live: record the pages' current accessibility violations as the target's
# accepted baseline (a11y-baselines/live.json); the accessibility checks then fail only on new ones.
a11y-baseline: bootstrap
	@$(PYTHON) -m pytest -m a11y --target $(TARGET) --a11y-record-baseline $(ARGS)

# Markup mutation testing (docs/acting-like-a-parent.md): the checks on replicas whose pages SEEDS seeds rewrote; prints the
# table, writes reports/mutation.md, exits 1 on a false alarm, a missed fault, a wrong category or a calibration
# that disagrees with the checks. About a minute a seed on 2 cores; JOBS=3 runs three seeds at once.
SEEDS ?= 20
JOBS ?= 1
mutate: bootstrap
	@$(PYTHON) -m selftest.mutation --seeds $(SEEDS) --jobs $(JOBS) $(ARGS)

# 50 consecutive runs under the replica's `jitter` scenario: no check may fail or need a retry.
soak: bootstrap
	@FOCUS_JITTER_RUNS=50 $(PYTHON) -m pytest -c selftest/pytest.ini selftest/test_no_false_alarms.py -k jitter -n 0 $(ARGS)

# What the monitor costs against a bare Playwright script (bench/): prints the table, writes
# reports/bench.json; about 15 minutes on 2 cores (ARGS="--sections core --repeat 3": 4.5 minutes).
# Not part of `make test` (the figures are noisy): the smoke test
# selftest/test_bench_smoke.py runs it once, quickly. make bench ARGS="--repeat 7"
bench: bootstrap
	@$(PYTHON) -m bench $(ARGS)

# Every picture in docs/img, from the current code against replicas (docs/screenshots.py): the replica's
# pages, the report's overview, a failed check, the trend, the report by target, an accessibility failure.
screenshots: bootstrap
	@$(PYTHON) -m docs.screenshots
