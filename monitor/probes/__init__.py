"""What the checks look at the site with, below pytest: the preflight, the certificates, page timings
(with monitor/accessibility, monitor/maintenance's windows and monitor/replica_start, the same layer)."""
