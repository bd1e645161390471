"""The scan that stops a report (or any HTML the project writes) that would load something from
elsewhere: it finds each way a page loads a script, style, font, image or frame from another host,
and leaves links and the file's own data alone; and a kept copy of a page loads nothing."""

from __future__ import annotations

import pytest

from monitor.reporting.allure_report import ReportError, refuse_third_party
from monitor.reporting.third_party import loading_nothing, third_party
from selftest.static_browser import static_page

# What Allure 2's index.html.ftl writes unless ALLURE_NO_ANALYTICS is "true".
ALLURE_ANALYTICS = ('<script async src="https://www.googletagmanager.com/gtag/js?id=G-FVWC4GKEYS"></script>'
                    "<script>window.dataLayer = window.dataLayer || [];</script>")


@pytest.mark.parametrize(("markup", "found"), [
    (ALLURE_ANALYTICS, "https://www.googletagmanager.com/gtag/js?id=G-FVWC4GKEYS"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
     "https://fonts.googleapis.com/css?family=Roboto"),
    ("<style>@font-face{font-family:x;src:url('https://fonts.gstatic.com/x.woff2')}</style>",
     "https://fonts.gstatic.com/x.woff2"),
    ("<style>@import url(http://cdn.example.org/a.css);</style>", "http://cdn.example.org/a.css"),
    ('<div style="background:url( //cdn.example.org/b.png )"></div>', "//cdn.example.org/b.png"),
    ("<img alt=x src=https://tracker.example.org/pixel.gif>", "https://tracker.example.org/pixel.gif"),
    ('<IFRAME title="t" SRC="https://ads.example.org/f"></IFRAME>', "https://ads.example.org/f"),
], ids=["allure-analytics", "style-sheet", "font", "css-import", "inline-style-image", "image", "frame"])
def test_the_scan_finds_what_a_page_would_load_from_elsewhere(markup: str, found: str) -> None:
    assert third_party(f"<html><body>{markup}</body></html>") == [found]


def test_the_scan_leaves_links_and_the_files_own_data_alone() -> None:
    own = ('<a href="https://bcps.schoology.com/login">Schoology</a><script src="app.js"></script>'
           "<img src=\"data:image/png;base64,iVBORw0KGgo=\"><style>.x{background:url(data/img.png)}</style>"
           "<script>d('data/suites.json','aHR0cHM6Ly9leGFtcGxlLm9yZw==')</script>")
    assert third_party(own) == []


def test_an_address_after_a_megabyte_of_embedded_script_is_found() -> None:
    """The scan's quick look (no double slash after "=", "(" or "import": nothing to find) lets
    through every address the patterns find, however much of the file is an embedded script."""
    script = '<script src="data:text/javascript;base64,' + "Ly8vK2E9" * 200_000 + '"></script>'
    assert third_party(f"<html><body>{script}</body></html>") == []
    for markup, found in [(ALLURE_ANALYTICS, "https://www.googletagmanager.com/gtag/js?id=G-FVWC4GKEYS"),
                          ("<style>@IMPORT\n'\tHTTP://cdn.example.org/a.css';</style>", "HTTP://cdn.example.org/a.css"),
                          ("<img src = ' //cdn.example.org/b.png'>", "//cdn.example.org/b.png")]:
        assert third_party(f"<html><body>{script}{markup}</body></html>") == [found]


def test_a_report_that_would_call_a_third_party_is_not_written(tmp_path) -> None:
    page = tmp_path / "index.html"
    page.write_text(f"<html><head>{ALLURE_ANALYTICS}</head></html>", encoding="utf-8")
    with pytest.raises(ReportError, match=r"the report would load https://www\.googletagmanager\.com/gtag/js"):
        refuse_third_party(page)


def test_a_kept_page_loads_nothing_when_opened(tmp_path) -> None:
    """A failure's page HTML, opened from the report: the site's scripts, styles and images (a B2C
    page's CDN, analytics) stay unloaded; its markup is all there."""


    kept = tmp_path / "page.html"
    kept.write_text(loading_nothing(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/site.css">'
        f'{ALLURE_ANALYTICS}</head><body><h1>Sign in</h1><img src="http://127.0.0.1:9/logo.png">'
        '<script>fetch("http://127.0.0.1:9/beacon")</script></body></html>'), encoding="utf-8")
    requests: list[str] = []
    blocked: list[str] = []  # refused by the policy inside the browser: never sent
    with static_page() as page:
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda request: blocked.append(request.url) if request.failure == "csp" else None)
        page.goto(kept.as_uri())
        assert page.locator("h1").inner_text() == "Sign in"
        page.wait_for_timeout(200)
    assert [url for url in requests if url not in blocked] == [kept.as_uri()], (requests, blocked)
    assert len(blocked) == 3  # the style sheet, the analytics script, the image (the inline fetch never ran)
