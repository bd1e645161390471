"""The release check: a candidate (a staging site, a new release) against the live baseline."""
