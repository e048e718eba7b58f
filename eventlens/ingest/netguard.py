"""A server-side request forgery guard for every URL eventlens fetches.

URLs arrive from outside (the command line, feed entries, OPML lists, redirects, API requests), so a hostile feed
could point eventlens at ``http://169.254.169.254/`` (cloud metadata), ``http://127.0.0.1:8080/admin`` or a printer
on the office network. The guard:

* refuses every scheme but ``http`` and ``https`` (no ``file:``, ``ftp:``, ``gopher:``);
* resolves the host name and refuses it when *any* address it resolves to is loopback, private, link-local,
  shared (CGNAT), multicast, reserved or unspecified, unless the user allows private addresses
  (``--allow-private``) or names the host in an allow-list;
* checks again at connect time (:class:`GuardedBackend`), on the very address the socket connects to, so a name that
  resolves to a public address for the check and to ``127.0.0.1`` a moment later (DNS rebinding) is still refused.

Redirects are followed by :mod:`.fetch` one at a time, and each new URL goes through :func:`check_url` again.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpcore
from httpcore._backends.sync import SyncBackend

from ..errors import FetchFailed

ALLOWED_SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address (``"loopback"``, ``"private"``, ...), or ``None`` if it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return address_problem(embedded)
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, hit in checks:
        if hit:
            return name
    if not ip.is_global:  # shared address space (100.64.0.0/10), documentation ranges and the like
        return "non-public"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself).

    Raises:
        FetchFailed: the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as e:
        raise FetchFailed(host, f"cannot resolve host {host!r}: {e}") from e
    addresses: list[IPAddress] = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id ("fe80::1%eth0")
        ip = ipaddress.ip_address(raw)
        if ip not in addresses:
            addresses.append(ip)
    return addresses


@dataclass(frozen=True)
class NetGuard:
    """The policy: which URLs may be fetched.

    Args:
        allow_private: allow loopback, private and link-local addresses too (local servers, intranets).
        allow_hosts: host names (as written in URLs) allowed whatever they resolve to.
    """

    allow_private: bool = False
    allow_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def make(cls, allow_private: bool = False, allow_hosts: Iterable[str] = ()) -> NetGuard:
        return cls(allow_private, frozenset(h.lower().strip("[]") for h in allow_hosts))

    def host_allowed(self, host: str) -> bool:
        return self.allow_private or host.lower().strip("[]") in self.allow_hosts

    def check_url(self, url: str) -> None:
        """Refuse ``url`` unless it is http(s) and its host resolves only to addresses the policy allows.

        Raises:
            FetchFailed: with a one-line reason naming the URL.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as e:
            raise FetchFailed(url, f"not a valid URL: {e}") from e
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            shown = f"{scheme}:" if scheme else "no scheme"
            raise FetchFailed(url, f"refused: only http and https URLs are fetched ({shown})")
        host = parts.hostname
        if not host:
            raise FetchFailed(url, "refused: the URL has no host")
        if self.host_allowed(host):
            return
        for ip in resolve(host, port or (443 if scheme == "https" else 80)):
            self._check_address(url, host, ip)

    def check_connect(self, host: str, ip: IPAddress) -> None:
        """The connect-time check on the address a socket is about to connect to."""
        if not self.host_allowed(host):
            self._check_address(host, host, ip)

    def _check_address(self, url: str, host: str, ip: IPAddress) -> None:
        problem = address_problem(ip)
        if problem is not None:
            shown = host if host == str(ip) else f"{host} ({ip})"
            raise FetchFailed(
                url, f"refused: {shown} is a {problem} address; pass --allow-private to fetch from local networks"
            )


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, connecting only to addresses the guard allows (defeats DNS rebinding).

    It resolves the host itself, checks every address, and connects to the checked address, so no second lookup can
    swap in another one. TLS still verifies the certificate against the host name (httpcore passes it as SNI).
    """

    def __init__(self, guard: NetGuard) -> None:
        self.guard = guard
        self.inner = SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port)
        except FetchFailed as e:
            raise httpcore.ConnectError(e.reason) from e
        last: Exception | None = None
        for ip in addresses:
            self.guard.check_connect(host, ip)  # FetchFailed propagates: a refusal, not a network error
            try:
                return self.inner.connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as e:  # try the next address, like socket.create_connection does
                last = e
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by eventlens")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)
