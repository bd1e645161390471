"""The trend image (an SVG the monitor writes): what it shows, and that the site's words in it (check
titles, page addresses, milestones, the target) are only ever text: no element, attribute or address
of theirs, one bounded line each, and nothing in the file that loads or runs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from monitor.core import page_text
from monitor.core.outcomes import PRODUCT_NAME
from monitor.core.verdicts import PRODUCT
from monitor.data.record import CheckRecord, PageRecord, RunRecord
from monitor.reporting import trend
from monitor.reporting.third_party import third_party
from selftest.notify_helpers import run_record
from selftest.test_page_text import PAYLOADS, SETTINGS, printable

SVG = "{http://www.w3.org/2000/svg}"
ELEMENTS = {f"{SVG}{name}" for name in ("svg", "g", "rect", "line", "polyline", "circle", "text", "title")}
# Every attribute value the image may hold: figures, colours and a few fixed words; no letter of a site's.
VALUE = re.compile(r"[-\d., ]+|#[0-9a-f]{3}|#[0-9a-f]{6}|none|round|start|middle|end|rotate\(-?\d+ [\d.]+ [\d.]+\)")
TRENDS_OWN = (*PAYLOADS, "url(//evil.example/f.woff2)", "@import '//evil.example/s.css'", "url( 'https://e.example')",
              '<image href="https://evil.example/p.png"/>', '<a xlink:href="//evil.example">', " onload=alert(1) ",
              "<use href='#x'/>", "&#x3C;script&#x3E;", "<?xml-stylesheet href='//e.example/s.css'?>", "<![CDATA[",
              "\ufffe", "\uffff", "登录页面", "👪", "e\u0301", "W" * 60, "/", "//")
_pieces = st.lists(st.one_of(st.sampled_from(TRENDS_OWN), st.text(max_size=6)), max_size=8).map("".join)
WORDS = st.one_of(_pieces, _pieces.filter(bool).map(lambda text: text * (100_000 // len(text) + 1)))


def history(labels: list[str], pages: list[str], milestones: list[str], target: str, runs: int) -> list[RunRecord]:
    """Runs of one check a label, each loading every page and reaching every milestone."""
    checks = [CheckRecord(id=f"tests/test_x.py::test_x[{index}]", title=label, status="passed", seconds=1.0,
                          pages=[PageRecord(page=page, seconds=0.5 + index, finished=True, ttfb_ms=20.0)
                                 for page in pages],
                          milestones={name: 900.0 for name in milestones})
              for index, label in enumerate(labels)]
    return [replace(run_record(number=number, target=target), checks=checks) for number in range(runs)]


def texts(root: ET.Element, tag: str) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}{tag}")]


@SETTINGS
@given(labels=st.lists(WORDS, min_size=1, max_size=4), pages=st.lists(WORDS, min_size=1, max_size=3),
       milestones=st.lists(WORDS, max_size=3), target=WORDS, runs=st.integers(1, 3))
def test_the_sites_words_are_only_ever_bounded_text_in_the_image(labels, pages, milestones, target, runs) -> None:
    svg = trend.draw(history(labels, pages, milestones, target, runs))
    root = ET.fromstring(svg)
    assert third_party(svg) == []
    assert root.tag == f"{SVG}svg"
    for element in root.iter():
        assert element.tag in ELEMENTS, element.tag
        assert not (element.tail or "").strip()  # no stray text between elements
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on") and "href" not in name.lower(), name
            assert value == trend.FONT or VALUE.fullmatch(value), (name, value)
        text = element.text or ""
        assert "\n" not in text and printable(text) and len(text) <= page_text.LINE_MAX, text[:200]
    # Each word is there, as designed: a line, cut to its room (the tooltips hold it whole, the labels
    # may cut it further to fit their column).
    tooltips, shown = texts(root, "title"), texts(root, "text")
    expected_title = page_text.line(f"{PRODUCT_NAME}: the last {runs} run(s) on {page_text.line(target, 80)}")
    assert tooltips[0] == expected_title
    assert shown[0] == expected_title or shown[0].endswith(page_text.ELLIPSIS) and \
        expected_title.startswith(shown[0][:-1])
    for label in labels:
        words = page_text.line(label, 48)
        if not words:
            continue
        assert any(tip.endswith(f" · {words}") for tip in tooltips), words
        assert any(text == words or text.endswith(page_text.ELLIPSIS) and words.startswith(text[:-1])
                   for text in shown), words
    for page in pages:
        assert any(f" · load: {page_text.line(trend._page_name(page), 34)}: " in tip for tip in tooltips), page[:80]
    for name in milestones:
        assert any(f" · {page_text.line(name, 34)}: " in tip for tip in tooltips), name[:80]


def test_the_image_shows_a_failed_cell_the_thresholds_and_a_gap_where_a_page_was_not_loaded(tmp_path) -> None:
    runs = [run_record({1: PRODUCT.key} if number == 2 else None, number=number) for number in range(4)]
    for number, run in enumerate(runs):
        seconds = None if number == 1 else 0.5 + number
        run.checks[0].pages = [] if seconds is None else [PageRecord("focus.example.org/focus/Modules.php", seconds,
                                                                     True, ttfb_ms=20.0)]
    path = trend.render(runs, tmp_path / "trend.svg")
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    cells = [cell for cell in root.iter(f"{SVG}rect") if cell.find(f"{SVG}title") is not None]
    failed = [cell.find(f"{SVG}title").text for cell in cells if cell.get("fill") == "#d1342f"]
    assert failed == ["03-02 08:00 · failed · The Google button leads to its provider"]
    lines = {line.find(f"{SVG}title").text: line for line in root.iter(f"{SVG}line")
             if line.find(f"{SVG}title") is not None}
    degraded, fails = lines["degraded above 2.5 s"], lines["fails above 6 s"]
    assert (degraded.get("stroke"), fails.get("stroke")) == ("#f0a202", "#d1342f")
    assert float(degraded.get("y1")) > float(fails.get("y1"))  # lower on the picture: fewer seconds
    # The page's line: the first run alone, then the last two (one marker each, a line where two meet).
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert len([tip for tip in texts(root, "title") if "load: focus.example.org/…/Modules.php" in tip]) == 3
    assert trend.render([], tmp_path / "none.svg") is None and not (tmp_path / "none.svg").exists()
