"""The run as data: its record (run.json), the results summary it is built from, the history and its
lock. Reporting, alerts and the release check read these; they import only the core."""
