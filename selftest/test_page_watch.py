"""A URL visited twice in one check has two documents: each visit in the record carries its own
document's figures (matched by the browser's clocks), not the last one's; a redirect's hop to the
same URL has none. The figures come as console lines, which a page can print too: read as data."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from monitor.probes.page_watch import FIGURES_LINE, MAX_DOCUMENTS, PageTiming, PageWatch, figures_in

PORTAL = "https://focus.example.org/focus/Modules.php?modname=misc/Portal.php"


def figures(started: float, ttfb_ms: float, url: str = PORTAL) -> dict:
    return {"url": f"{url}#top", "started": started, "ttfb_ms": ttfb_ms, "dom_content_loaded_ms": ttfb_ms + 10,
            "load_ms": ttfb_ms + 20, "lcp_ms": None, "cls": 0}


def line(figures: dict) -> str:
    return json.dumps(figures)


def test_each_visit_of_a_url_gets_its_own_documents_figures() -> None:
    watch = PageWatch()
    watch.timings += [PageTiming(PORTAL, 0.4, True, started_ms=1_000_003.0),
                      PageTiming(PORTAL, 0.0, True, started_ms=1_009_000.5, redirected=True),  # a POST's 302
                      PageTiming(PORTAL, 0.1, True, started_ms=1_009_001.0)]
    watch._on_figures(figures_in(line(figures(1_000_000.0, 300.0))))
    watch._on_figures(figures_in(line(figures(1_009_000.0, 40.0))))
    watch._on_figures(figures_in(line({**figures(1_009_000.0, 40.0), "cls": 0.2})))  # the same document, left
    first, hop, second = watch.all_timings()
    assert (first.ttfb_ms, hop.ttfb_ms, second.ttfb_ms) == (300.0, None, 40.0)
    assert (first.cls, second.cls) == (0, 0.2)
    assert "started_ms" not in first.as_record()


def test_a_visit_without_a_response_yet_takes_the_urls_latest_document_and_other_urls_none() -> None:
    watch = PageWatch()
    watch.timings += [PageTiming(PORTAL, 2.0, False), PageTiming("https://focus.example.org/focus/", 0.2, True)]
    watch._on_figures(figures_in(line(figures(5.0, 30.0))))
    watch._on_figures(figures_in(line(figures(9.0, 50.0))))
    loading, elsewhere = watch.all_timings()
    assert loading.ttfb_ms == 50.0 and elsewhere.ttfb_ms is None


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.integers(min_value=10**308)
                           | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                        max_size=6), max_leaves=12)


FIGURE_NAMES = ("ttfb_ms", "dom_content_loaded_ms", "load_ms", "lcp_ms", "cls")


@given(st.text(max_size=300) | JSON_VALUES.map(json.dumps) | st.just("[" * 1500)  # deeper than the parser goes
       | st.fixed_dictionaries({"url": st.text(max_size=30), "started": JSON_VALUES},
                               optional=dict.fromkeys(FIGURE_NAMES, JSON_VALUES)).map(json.dumps))
def test_whatever_a_page_prints_as_figures_is_read_as_data(text) -> None:
    """Never an error in the page's event handler (it would fail the check's next step): figures whose every
    value is a finite number or none, or nothing."""
    figures = figures_in(text)
    if figures is not None:
        assert isinstance(figures["url"], str) and isinstance(figures["started"], float)
        assert all(value is None or (isinstance(value, float) and math.isfinite(value))
                   for key, value in figures.items() if key != "url")


def test_only_the_watchs_own_script_is_heard_and_a_page_cannot_flood_it() -> None:
    """Any frame or page script can print to the console: without the watch's own word, its line is not
    figures; and no more documents are kept than a flow could have."""
    watch = PageWatch()
    said = lambda text: SimpleNamespace(type="debug", text=text)  # noqa: E731 - a console message's shape
    watch._on_console(said(f"{FIGURES_LINE} 0123456789abcdef " + line(figures(1.0, 900.0))))
    watch._on_console(said(watch._prefix + line({**figures(2.0, 30.0), "started": 10**400})))
    assert watch._figures == {}
    watch._on_console(said(watch._prefix + line(figures(3.0, 30.0))))
    assert list(watch._figures) == [3.0]
    for started in range(2 * MAX_DOCUMENTS):
        watch._on_console(said(watch._prefix + line(figures(10.0 + started, 30.0))))
    assert len(watch._figures) == MAX_DOCUMENTS
