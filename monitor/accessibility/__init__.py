"""Accessibility of the pages a parent meets: axe-core's WCAG 2.0/2.1 A and AA rules (scan), each
violation in words (words), what the target accepts (policy, baseline), and how the report shows it
(report)."""
