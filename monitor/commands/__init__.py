"""The commands on top: `python -m monitor` (cli), several targets, the checks' processes and signals,
`make auth`, `make calibrate`. Nothing below imports them (the other packages' __main__ are commands too)."""
