"""Compare two run records, check by check: what a release breaks, fixes, or slows down."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.data.record import CheckRecord, RunRecord, Status

REGRESSION, STILL_FAILING, FIXED, OK, NOT_COMPARED = "regression", "still failing", "fixed", "ok", "not compared"
SLOWER = "slower"
# A candidate's page is "slower" when it takes more than FACTOR times the baseline's and at least
# MIN_SECONDS more (a 0.1 s page taking 0.2 s is noise, not a release problem).
FACTOR = 1.5
MIN_SECONDS = 1.0


@dataclass(frozen=True)
class CheckComparison:
    check_id: str  # the check's key (CheckRecord.key)
    title: str  # with the device, unless the desktop
    baseline: str  # the check's status there, or "absent"
    candidate: str
    comparison: str  # regression, still failing, fixed, ok, not compared; ", slower"
    note: str = ""  # why not compared; the candidate's failure; the slower page


@dataclass(frozen=True)
class Comparison:
    baseline: RunRecord
    candidate: RunRecord
    rows: list[CheckComparison]

    def regressions(self) -> list[CheckComparison]:
        return [row for row in self.rows if row.comparison == REGRESSION]

    def slower(self) -> list[CheckComparison]:
        return [row for row in self.rows if SLOWER in row.comparison]


def _compared(baseline: CheckRecord | None, candidate: CheckRecord | None) -> tuple[str, str]:
    if baseline is None or candidate is None:
        return NOT_COMPARED, f"not run on the {'baseline' if baseline is None else 'candidate'}"
    for side, check in (("baseline", baseline), ("candidate", candidate)):
        if check.status == Status.SKIPPED:
            return NOT_COMPARED, f"skipped on the {side}: {check.message}"
    first_line = (candidate.message or baseline.message).splitlines()[0] if (candidate.message or baseline.message) \
        else ""
    if candidate.failed:
        return (STILL_FAILING if baseline.failed else REGRESSION), first_line
    return (FIXED, first_line) if baseline.failed else (OK, "")


def _slowest_pages(check: CheckRecord) -> dict[str, float]:
    pages: dict[str, float] = {}
    for page in check.pages:
        pages[page.page] = max(pages.get(page.page, 0.0), page.seconds)
    return pages


def slower_page(baseline: CheckRecord, candidate: CheckRecord, factor: float = FACTOR,
                min_seconds: float = MIN_SECONDS) -> str:
    """The candidate's page that is slower than the baseline's by the factor and the minimum, if any
    ("" if none); pages are matched by path, since the two sites' hosts differ."""
    before = {_path(page): seconds for page, seconds in _slowest_pages(baseline).items()}
    worst = ""
    for page, seconds in _slowest_pages(candidate).items():
        was = before.get(_path(page))
        if was is not None and seconds > was * factor and seconds - was >= min_seconds:
            worst = f"{_path(page)}: {seconds:.1f} s, was {was:.1f} s"
    return worst


def _path(page: str) -> str:
    return "/" + page.partition("/")[2]


def compare(baseline: RunRecord, candidate: RunRecord, factor: float = FACTOR,
            min_seconds: float = MIN_SECONDS) -> Comparison:
    # A check is matched by its key: its id, and its device unless that is the desktop.
    keys = list(dict.fromkeys([check.key for check in baseline.checks] + [check.key for check in candidate.checks]))
    rows = []
    for key in keys:
        before, after = baseline.check(key), candidate.check(key)
        comparison, note = _compared(before, after)
        if before is not None and after is not None and comparison in (OK, FIXED, STILL_FAILING, REGRESSION):
            slow = slower_page(before, after, factor, min_seconds)
            if slow:
                comparison, note = f"{comparison}, {SLOWER}", "; ".join(filter(None, [note, slow]))
        title = (after or before).label
        rows.append(CheckComparison(key, title, before.status if before else "absent",
                                    after.status if after else "absent", comparison, note))
    return Comparison(baseline, candidate, rows)
