"""A URL visited twice in one check has two documents: each visit in the record carries its own
document's figures (matched by the browser's clocks), not the last one's; a redirect's hop to the
same URL has none."""

from __future__ import annotations

from types import SimpleNamespace

from monitor.probes.page_watch import PageTiming, PageWatch

MAIN_FRAME = {"frame": SimpleNamespace(parent_frame=None)}
PORTAL = "https://focus.example.org/focus/Modules.php?modname=misc/Portal.php"


def figures(started: float, ttfb_ms: float, url: str = PORTAL) -> dict:
    return {"url": f"{url}#top", "started": started, "ttfb_ms": ttfb_ms, "dom_content_loaded_ms": ttfb_ms + 10,
            "load_ms": ttfb_ms + 20, "lcp_ms": None, "cls": 0}


def test_each_visit_of_a_url_gets_its_own_documents_figures() -> None:
    watch = PageWatch()
    watch.timings += [PageTiming(PORTAL, 0.4, True, started_ms=1_000_003.0),
                      PageTiming(PORTAL, 0.0, True, started_ms=1_009_000.5, redirected=True),  # a POST's 302
                      PageTiming(PORTAL, 0.1, True, started_ms=1_009_001.0)]
    watch._on_figures(MAIN_FRAME, figures(1_000_000.0, 300.0))
    watch._on_figures(MAIN_FRAME, figures(1_009_000.0, 40.0))
    watch._on_figures(MAIN_FRAME, {**figures(1_009_000.0, 40.0), "cls": 0.2})  # the same document, left
    first, hop, second = watch.all_timings()
    assert (first.ttfb_ms, hop.ttfb_ms, second.ttfb_ms) == (300.0, None, 40.0)
    assert (first.cls, second.cls) == (0, 0.2)
    assert "started_ms" not in first.as_record()


def test_a_visit_without_a_response_yet_takes_the_urls_latest_document_and_other_urls_none() -> None:
    watch = PageWatch()
    watch.timings += [PageTiming(PORTAL, 2.0, False), PageTiming("https://focus.example.org/focus/", 0.2, True)]
    watch._on_figures(MAIN_FRAME, figures(5.0, 30.0))
    watch._on_figures(MAIN_FRAME, figures(9.0, 50.0))
    loading, elsewhere = watch.all_timings()
    assert loading.ttfb_ms == 50.0 and elsewhere.ttfb_ms is None
