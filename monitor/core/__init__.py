"""The core everything may import: targets and their wording, accounts and roles, the outcome table
(verdicts, exit codes), redaction, paths, browsers, deadlines. It imports nothing above it."""
