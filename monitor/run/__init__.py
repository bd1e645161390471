"""The run and its record: running the checks, the verdict, and the one record each run leaves."""
