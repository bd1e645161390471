"""A few pages served on loopback for the element tests: what a click leads to (a redirect, a single
sign-on launcher's auto-submitting form, an error page), and a page that moves on when used."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# path -> (status, extra headers, body)
Pages = dict[str, tuple[int, dict[str, str], str]]


@contextmanager
def little_site(pages: Pages) -> Iterator[str]:
    """Serve `pages` on 127.0.0.1 (any method; the query is ignored); yields the origin."""

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            status, headers, body = pages.get(self.path.split("?")[0], (404, {}, "<title>Not Found</title>"))
            data = body.encode()
            self.send_response(status)
            for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
