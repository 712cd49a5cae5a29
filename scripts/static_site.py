"""A built site served as a static host serves it, for the benchmark and the
tests (which add the site's policy header, or leave it out as GitHub Pages
does), and the Chromium they drive."""

from __future__ import annotations

import http.server
import os
import socket
import urllib.request

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A built site's files as a host serves them (the tests' server adds the site's policy header)."""

    protocol_version = "HTTP/1.1"  # connections kept open, as any host does (a search fetches many small files)
    # headers and body are written apart: with Nagle's algorithm on a kept-open connection the
    # body waited for the browser's delayed ACK (about 40 ms a file), which no real host does
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


class StaticServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed while a file was on its way (BrokenPipeError): the browser's doing


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
