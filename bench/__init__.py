"""`make bench` (`python -m bench`): what the monitor costs, against a bare Playwright script.

bare_flow: the floor (the checks' navigations and assertions, no pytest, no Allure); runs: one
timed run of a command with its process tree's peak memory; plan: what is measured, in which order;
targets: replica-like targets for the growth runs; table: the printed table; __main__: the command.
"""
