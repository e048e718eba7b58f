"""Run the app with uvicorn: in the foreground (``eventlens serve``) or in a thread (tests, benchmarks, demo)."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from ..errors import ConfigError
from .app import LOOPBACK_HOSTS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``: addresses no other machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str) -> tuple[str, ...]:
    """Host headers to answer when bound to ``host``: loopback names only, unless the user bound beyond loopback."""
    return LOOPBACK_HOSTS if is_loopback(host) else ("*",)


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def make_server(app: FastAPI, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> uvicorn.Server:
    """A uvicorn server for ``app``, with bounded request lines and headers (h11 defaults: 16 KiB)."""
    if not 0 < port < 65536:
        raise ConfigError(f"port {port} is not between 1 and 65535")
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        # A slow client cannot hold a connection open forever.
        timeout_keep_alive=5,
        limit_concurrency=512,
    )
    return uvicorn.Server(config)


@dataclass
class RunningServer:
    """A server running in a background thread; ``url`` is its base address."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_in_thread(app: FastAPI, *, host: str = DEFAULT_HOST, port: int | None = None) -> RunningServer:
    """Start ``app`` on ``host`` (a free port unless given) in a daemon thread; return once it accepts requests."""
    port = port or free_port(host)
    server = make_server(app, host=host, port=port)
    # uvicorn installs signal handlers only in the main thread, so the caller's Ctrl-C handling stays as it was.
    thread = threading.Thread(target=server.run, name=f"eventlens-web-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ConfigError(f"the server did not start on {host}:{port}")
        time.sleep(0.02)
    return RunningServer(server=server, thread=thread, url=f"http://{host}:{port}")


@contextmanager
def serving(app: FastAPI, *, host: str = DEFAULT_HOST, port: int | None = None) -> Iterator[RunningServer]:
    """``with serving(app) as running: …`` starts the server in a thread and stops it afterwards."""
    running = start_in_thread(app, host=host, port=port)
    try:
        yield running
    finally:
        running.stop()


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "RunningServer",
    "allowed_hosts_for",
    "free_port",
    "is_loopback",
    "make_server",
    "serving",
    "start_in_thread",
]
