"""The test web server behind the ``http_server`` fixture (tests/conftest.py): a folder served on 127.0.0.1, with
``@BASE@`` in feeds and pages replaced by the server's base URL, validators and 304 answers, and routes that answer
single paths (stalls, redirects, errors). Nothing here touches the internet."""

from __future__ import annotations

from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: A route answers one path of the test web server: ``route(handler)`` writes the whole response itself.
Route = Callable[[SimpleHTTPRequestHandler], None]
#: Served files with these suffixes have ``@BASE@`` replaced by the server's base URL (feeds link to pages).
TEMPLATED = (".rss", ".atom", ".xml", ".opml", ".html")


class TemplatedHandler(SimpleHTTPRequestHandler):
    """Serves a folder (feeds and pages templated with the base URL, with validators and 304s) and ``routes``."""

    routes: dict[str, Route] = {}
    base = ""

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is not None:
            route(self)
            return
        path = Path(self.translate_path(self.path))
        if path.is_file() and path.suffix in TEMPLATED:
            stat = path.stat()
            modified = self.date_time_string(int(stat.st_mtime))
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
                self.send_response(304)
                self.end_headers()
                return
            body = path.read_bytes().replace(b"@BASE@", self.base.encode())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", modified)
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the http.server signature)
        pass


class Server(ThreadingHTTPServer):
    """A threaded server that neither waits for its handlers on close nor logs clients that hang up."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up on a stalling route is expected here


__all__ = ["TEMPLATED", "Route", "Server", "TemplatedHandler"]
