# The two commands: `make monitor` (check the parent login flow, build the report) and
# `make test` (the project's own tests). Both bootstrap what they need first.
PYTHON := .venv/bin/python
# Extra pytest options, e.g. make monitor ARGS="--target live --require-accounts"
ARGS ?=

.PHONY: monitor test report bootstrap lint

bootstrap:
	@scripts/bootstrap.sh

monitor: bootstrap
	@$(PYTHON) -m monitor $(ARGS)

report: bootstrap
	@$(PYTHON) -m monitor.report

lint: bootstrap
	@.venv/bin/ruff check .

test: lint
	@$(PYTHON) -m pytest -c selftest/pytest.ini selftest $(ARGS)
