"""A built site served as a static host serves it, for the benchmark and the
tests (which add the site's policy header, or leave it out as GitHub Pages
does), and the Chromium they drive."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A built site's files as a host serves them, with a Content-Security-Policy
    header when given one (policy), as a host that reads the site's _headers does."""

    protocol_version = "HTTP/1.1"  # connections kept open, as any host does (a search fetches many small files)
    # headers and body are written apart: with Nagle's algorithm on a kept-open connection the
    # body waited for the browser's delayed ACK (about 40 ms a file), which no real host does
    disable_nagle_algorithm = True

    def __init__(self, *args, policy: str = "", **kwargs):
        self.policy = policy
        super().__init__(*args, **kwargs)

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, *args):
        pass


class StaticServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed while a file was on its way (BrokenPipeError): the browser's doing


@contextmanager
def served(folder: Path, policy: str = "", listener: socket.socket | None = None) -> Iterator[str]:
    """The site in folder on 127.0.0.1 (on listener, a bound socket, else a
    free port) while the block runs; yields its address."""
    handler = functools.partial(StaticHandler, directory=str(folder), policy=policy)
    if listener is None:
        httpd = StaticServer(("127.0.0.1", 0), handler)
    else:
        httpd = StaticServer(listener.getsockname(), handler, bind_and_activate=False)
        httpd.socket.close()
        httpd.socket = listener
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""
