"""Page text is data: generated hostile strings (markup, links, mentions, control and escape
characters, line breaks, 100 kB runs) put where the site's words go (a failure's message, a degraded
page, a skip's reason, a page's address, what a page offered instead) leave every writer's format as
it is with benign words: the same HTML and Markdown structure, no link, image or tag of their own, lines
that stay lines, sizes that stay bounded."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown as python_markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor import notify
from monitor.commands import calibrate
from monitor.core import page_text
from monitor.core.verdicts import PRODUCT, allure_categories
from monitor.data import history
from monitor.data.record import PageRecord, RunRecord
from monitor.data.summary import CheckResult
from monitor.notify import heartbeat
from monitor.notify.config import NotifyConfig
from monitor.notify.decision import Decision
from monitor.notify.message import compose
from monitor.reporting import console, job_summary, status_page
from selftest.notify_helpers import run_record

PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[a link](https://evil.example/x)",
            "![pic](https://evil.example/p.png)", "<https://evil.example>", "https://evil.example/x",
            "www.evil.example", "me@evil.example", "@everyone", "<at>everyone</at>", "`", "``", "```", "|", "\\",
            "*", "_", "**", "#", "- ", "> ", "1. ", "\n", "\r\n", "\r", "\t", "\x1b[31m", "\x1b]8;;https://evil\x07",
            "\x00", "\u202e", "\u2028", "\ud800", "::error::x", "&amp;", "&lt;", '"', "'", "<!--", "]]>", " ", "\n\n")
_pieces = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)), max_size=10).map("".join)
# Now and then 100 kB of it: an element's id as long as a page can make it.
HOSTILE = st.one_of(_pieces, _pieces.filter(bool).map(lambda text: text * (100_000 // len(text) + 1)))
SETTINGS = settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: str) -> bool:
    return all(unicodedata.category(char) not in UNPRINTABLE for char in text.replace("\n", ""))


def benign(text: str) -> str:
    """What stands for a payload in the comparison run: plain words where the payload shows anything, a
    blank where it is only blank (shown as nothing, but not empty)."""
    return "plain words" if page_text.line(text) else " " if text else ""


def hostile_record(payload: str) -> RunRecord:
    """A failed, degraded, flaky run whose site-given words are all the payload."""
    record = run_record({1: PRODUCT.key}, degraded=0, flaky=2, messages={1: payload})
    record.report = "reports/focus-login-monitor.html"
    record.entry_url = payload
    record.checks[0] = replace(record.checks[0], degraded=payload,
                               pages=[PageRecord(page=payload, seconds=1.0, finished=True)])
    record.checks[3] = replace(record.checks[3], status="skipped", message=payload)
    return record


class Tags(HTMLParser):
    """The structure of an HTML text: its tags and attributes, in order (the text left out)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _ in attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag,))

    def handle_data(self, data):
        self.text.append(data)


def markdown_structure(text: str) -> list[tuple]:
    """The Markdown as HTML (Python-Markdown, as Apprise renders an alert for e-mail; tables as GitHub)."""
    return Tags(python_markdown.markdown(text, extensions=["tables"])).tags


def assert_same_structure(hostile: list[tuple], plain: list[tuple]) -> None:
    assert hostile == plain, "page text changed the output's structure"
    assert not {"img", "script", "at"} & {tag[0] for tag in hostile}


@SETTINGS
@given(HOSTILE)
def test_the_console_table_and_the_heartbeat_body_stay_printable_lines(payload: str) -> None:
    record, plain = hostile_record(payload), hostile_record(benign(payload))
    lines = console.table(record, "reports/index.html")
    assert len(lines) == len(console.table(plain, "reports/index.html"))
    assert all(printable(line) and "\n" not in line and len(line) < 400 for line in lines)
    bodies: list[str] = []
    config = NotifyConfig(heartbeat_url="https://hc.example/ping/abc")
    original, heartbeat.ping = heartbeat.ping, lambda url, suffix, body="", warn=None: bodies.append(body)
    try:
        notify.heartbeat_finish(config, record.exit_code, record, environ={})
        notify.heartbeat_finish(config, plain.exit_code, plain, environ={})
    finally:
        heartbeat.ping = original
    assert bodies[0].count("\n") == bodies[1].count("\n") and printable(bodies[0])


@SETTINGS
@given(HOSTILE)
def test_the_alert_title_and_body_keep_their_markdown_structure(payload: str) -> None:
    record, plain = hostile_record(payload), hostile_record(benign(payload))
    decision = Decision(True, "failed", "first run")
    message, expected = compose(record, decision), compose(plain, decision)
    assert printable(message.title) and "\n" not in message.title
    assert_same_structure(markdown_structure(message.body), markdown_structure(expected.body))
    assert len(message.body) < 3000


@SETTINGS
@given(HOSTILE)
def test_the_job_summary_keeps_its_table_and_lists(payload: str) -> None:
    record, plain = hostile_record(payload), hostile_record(benign(payload))
    summary = job_summary.render(record, [])
    assert_same_structure(markdown_structure(summary), markdown_structure(job_summary.render(plain, [])))
    assert summary.count("\n") == job_summary.render(plain, []).count("\n") and len(summary) < 6000


@SETTINGS
@given(st.lists(HOSTILE, min_size=1, max_size=3))
def test_calibration_md_keeps_its_table(offered: list[str]) -> None:
    target = SimpleNamespace(name="replica", shown_url="http://127.0.0.1/focus")
    rows = [calibrate.Row("sign-in", "google_button", "no", candidates=offered)]
    plain = [calibrate.Row("sign-in", "google_button", "no", candidates=[benign(text) for text in offered])]
    table = calibrate.table(target, rows)
    assert_same_structure(markdown_structure(table), markdown_structure(calibrate.table(target, plain)))
    assert table.count("\n") == calibrate.table(target, plain).count("\n") and len(table) < 2000


@SETTINGS
@given(HOSTILE)
def test_the_status_page_keeps_its_html_structure(tmp_path_factory, payload: str) -> None:
    folder = tmp_path_factory.mktemp("status")
    now = datetime(2026, 3, 3, tzinfo=UTC)
    pages = [status_page.write([run], folder / f"{name}.html", now=now, maintenance_now=now).read_text("utf-8")
             for name, run in (("hostile", hostile_record(payload)), ("plain", hostile_record(benign(payload))))]
    hostile, plain = Tags(pages[0]), Tags(pages[1])
    assert hostile.tags == plain.tags
    assert len(pages[0]) < len(pages[1]) + 2000


@SETTINGS
@given(HOSTILE)
def test_run_json_and_the_history_stay_one_bounded_printable_record_a_line(tmp_path_factory, payload: str) -> None:
    result = CheckResult(title="The Google button leads to its provider", check_id="tests/x.py::test_x",
                         status="failed", message=f"[Missing or wrong element] {payload}", degraded=payload,
                         verdict=PRODUCT, pages=[{"page": payload, "seconds": 1.0, "finished": True}])
    check = result.record()
    assert len(check.message) <= page_text.RECORDED_MAX and printable(check.message)
    assert len(check.degraded) <= page_text.RECORDED_MAX and printable(check.degraded)
    assert "\n" not in check.pages[0].page and len(check.pages[0].page) <= page_text.RECORDED_MAX
    record = replace(run_record(), checks=[check])
    folder = tmp_path_factory.mktemp("history")
    history.append(folder, record)
    lines = history.history_file(folder).read_bytes().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 20_000
    assert history.read_history(folder)[0].checks[0].message == check.message
    assert json.loads(record.to_json())["checks"][0]["message"] == check.message


@SETTINGS
@given(HOSTILE)
def test_allure_and_junit_get_a_bounded_printable_message_and_its_own_category(payload: str) -> None:
    from fixtures.reporting import _record_verdict

    report = SimpleNamespace(longrepr=SimpleNamespace(reprcrash=SimpleNamespace(message="")), user_properties=[])
    error = AssertionError(f"{payload} [Former login page served]")
    _record_verdict(report, error)
    message = error.args[0]
    assert message == report.longrepr.reprcrash.message and printable(message)
    assert len(message) <= page_text.RECORDED_MAX + len(PRODUCT.tag) + 1
    # Allure files a result under the first category whose pattern matches the whole "Type: message":
    # the page's words cannot move it to another one.
    shown = f"AssertionError: {message}"
    first = next(category["name"] for category in allure_categories()
                 if re.fullmatch(category["messageRegex"], shown))
    assert first == PRODUCT.category


def test_page_text_cuts_long_text_with_a_visible_ellipsis_and_keeps_short_text_as_it_is() -> None:
    assert page_text.line("Sign in with Google") == "Sign in with Google"
    assert page_text.line("x" * 500) == "x" * 159 + "…"
    assert page_text.line("first\r\nsecond\x1b[31m") == "first second�[31m"
    assert page_text.line("\n\nfirst\nsecond", first=True) == "first"
    assert page_text.html('<img src=x onerror="a()">') == "&lt;img src=x onerror=&quot;a()&quot;&gt;"
    assert page_text.markdown("a `b` c") == "`` a `b` c ``"
    assert page_text.markdown_cell("a|b") == "` a\\|b `"
    assert page_text.recorded("a\r\nb\x00") == "a\nb�"


def test_the_writers_take_page_text_through_one_module() -> None:
    """Each writer of the site's words imports the module (a new writer that forgets it is named here)."""
    root = Path(__file__).resolve().parent.parent
    writers = ["monitor/reporting/console.py", "monitor/reporting/job_summary.py", "monitor/notify/message.py",
               "monitor/commands/calibrate.py", "monitor/reporting/status_page.py", "monitor/data/summary.py",
               "fixtures/reporting.py", "monitor/release/table.py"]
    assert [path for path in writers if "page_text" not in (root / path).read_text("utf-8")] == []
