"""Fetching URLs politely and safely: httpx with timeouts, a total deadline, a streamed size limit, bounded and
re-checked redirects, an honest User-Agent, conditional requests, robots.txt, and the SSRF guard (:mod:`.netguard`).

:class:`FetchState` remembers, between runs, each URL's ``ETag``/``Last-Modified`` and the feed entries already
taken, so ``eventlens ingest --watch`` fetches only what is new.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..config import Settings
from ..errors import FetchFailed, TooLargeInput
from .netguard import GuardedBackend, NetGuard

log = logging.getLogger(__name__)

#: robots.txt files larger than this are cut (Google reads 500 KiB).
ROBOTS_MAX_BYTES = 512_000
#: Longest crawl delay honoured from robots.txt, in seconds (a larger one would stall a whole batch).
MAX_CRAWL_DELAY = 10.0
#: Feed entry ids remembered per feed; the oldest are forgotten first.
SEEN_PER_FEED = 10_000


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventlens")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


#: Says who is asking and why, so a site operator can decide (and robots.txt can name us).
USER_AGENT = f"eventlens/{_version()} (news event extraction for research; honours robots.txt)"
ROBOTS_AGENT = "eventlens"
ALLOW_ALL: list[str] = []
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetch, from ``Settings`` (``max_bytes`` and the ``fetch_*`` fields)."""

    #: Seconds to open a connection.
    connect_timeout: float = 10.0
    #: Seconds to wait for the next bytes of a response.
    read_timeout: float = 20.0
    #: Seconds one fetch may take from start to end, redirects and body included (a trickling server is cut off).
    deadline: float = 60.0
    #: Redirects followed, each re-checked by the SSRF guard and robots.txt.
    max_redirects: int = 5
    #: A body larger than this (after decompression) is refused; reading stops there.
    max_bytes: int = 10_000_000
    #: Obey robots.txt (on by default; turning it off is the user's decision and responsibility).
    robots: bool = True
    #: Host names allowed even when they resolve to private addresses.
    allow_hosts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(
            connect_timeout=settings.fetch_connect_timeout,
            read_timeout=settings.fetch_read_timeout,
            deadline=settings.fetch_deadline,
            max_redirects=settings.fetch_max_redirects,
            max_bytes=settings.max_bytes,
            robots=settings.fetch_robots,
            allow_hosts=settings.fetch_allow_hosts,
        )


@dataclass
class Fetched:
    """A fetched response: the body (decompressed, within limits) and what the server said about it."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server answered 304: nothing new since the validators we sent."""
        return self.status == 304

    @property
    def media_type(self) -> str:
        """``text/html`` from ``text/html; charset=utf-8``."""
        return self.content_type.split(";", 1)[0].strip().lower()


class FetchState:
    """What the fetcher remembers between runs: validators per URL and feed entries already taken.

    This class keeps it in memory and, with a path, in a JSON file (written atomically by :meth:`save`). Another
    store (a DuckDB table) can subclass it and override :meth:`validators`, :meth:`remember`, :meth:`is_seen`,
    :meth:`mark_seen` and :meth:`save`.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._validators: dict[str, dict[str, str]] = {}
        self._seen: dict[str, dict[str, None]] = {}  # a dict keeps insertion order: oldest ids first

    @classmethod
    def load(cls, path: Path | str) -> FetchState:
        """The state saved at ``path``; a fresh one if the file does not exist or cannot be read."""
        state = cls(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return state
        except (OSError, ValueError) as e:
            log.warning("fetch state %s unreadable (%s); starting afresh", path, e)
            return state
        if isinstance(data, dict):
            state._validators = {str(k): dict(v) for k, v in dict(data.get("validators", {})).items()}
            state._seen = {str(k): dict.fromkeys(v) for k, v in dict(data.get("seen", {})).items()}
        return state

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """``(etag, last_modified)`` last seen for ``url``."""
        v = self._validators.get(url, {})
        return v.get("etag"), v.get("last_modified")

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep ``url``'s validators for the next conditional request."""
        if etag or last_modified:
            self._validators[url] = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
        else:
            self._validators.pop(url, None)

    def is_seen(self, feed_url: str, entry_id: str) -> bool:
        """Whether the entry ``entry_id`` of ``feed_url`` was taken in an earlier run."""
        return entry_id in self._seen.get(feed_url, {})

    def mark_seen(self, feed_url: str, entry_id: str) -> None:
        """Remember that ``entry_id`` of ``feed_url`` was taken (the oldest ids are forgotten past a cap)."""
        seen = self._seen.setdefault(feed_url, {})
        seen[entry_id] = None
        while len(seen) > SEEN_PER_FEED:
            del seen[next(iter(seen))]

    def save(self) -> None:
        """Write the state to its file atomically (a crash leaves the old file or the new one, never half)."""
        if self.path is None:
            return
        data = {"validators": self._validators, "seen": {k: list(v) for k, v in self._seen.items()}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".fetchstate-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class _Decoder:
    """Content-Encoding decoding with a bound on the output, so a compression bomb stops at ``max_bytes``."""

    def __init__(self, encoding: str, source: str) -> None:
        encoding = encoding.strip().lower()
        self.source = source
        self.encoding = encoding
        if encoding in ("", "identity"):
            self.z: Any = None
        elif encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.z = zlib.decompressobj()
        else:
            raise FetchFailed(source, f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode ``data``, returning at most ``room + 1`` bytes (one more than fits tells the caller to stop)."""
        if self.z is None:
            return data
        try:
            out: bytes = self.z.decompress(data, room + 1)
            while self.z.unconsumed_tail and len(out) <= room:
                out += self.z.decompress(self.z.unconsumed_tail, room + 1 - len(out))
        except zlib.error as e:
            raise FetchFailed(self.source, f"corrupt {self.encoding} body: {e}") from e
        return out

    def finish(self) -> None:
        if self.z is not None and not self.z.eof:
            raise FetchFailed(self.source, f"truncated {self.encoding} body (the stream ends early)")


class Fetcher:
    """Fetches URLs within limits, through the SSRF guard, honouring robots.txt.

    Use as a context manager, or call :meth:`close`::

        with Fetcher(settings) as fetcher:
            page = fetcher.fetch("https://example.org/news/1")
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        allow_private: bool = False,
        state: FetchState | None = None,
        options: FetchOptions | None = None,
    ) -> None:
        self.options = options or FetchOptions.from_settings(settings or Settings())
        self.guard = NetGuard.make(allow_private, self.options.allow_hosts)
        self.state = state
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_trouble: dict[str, str] = {}
        self._last_hit: dict[str, float] = {}
        transport = httpx.HTTPTransport(trust_env=False, retries=0)
        # Every connection goes through the guard's backend: the address is checked where the socket connects.
        transport._pool._network_backend = GuardedBackend(self.guard)
        o = self.options
        self.client = httpx.Client(
            transport=transport,
            # Proxies from the environment would hide the real destination from the guard: not used.
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout, pool=o.connect_timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, *, conditional: bool = True, remember: bool = True, accept: str = "*/*") -> Fetched:
        """Fetch ``url`` (following at most ``max_redirects`` redirects, each one checked).

        With ``conditional`` and a :class:`FetchState`, the stored validators are sent and a ``304`` answer comes
        back as ``Fetched(status=304)`` (see :attr:`Fetched.not_modified`) with an empty body. With ``remember``
        the new validators are stored at once; a caller that wants to store them only once it has used the body
        passes ``remember=False`` and calls :meth:`FetchState.remember` itself.

        Raises:
            FetchFailed: refused (scheme, address, robots.txt), network failure, timeout, HTTP error status.
            TooLargeInput: the body is larger than ``max_bytes``.
        """
        deadline = time.monotonic() + self.options.deadline
        headers = {"Accept": accept}
        if conditional and self.state is not None:
            etag, modified = self.state.validators(url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        current = url
        for _hop in range(self.options.max_redirects + 1):
            self.guard.check_url(current)
            if self.options.robots:
                self._check_robots(current, url, deadline)
            if time.monotonic() > deadline:  # slow redirects or robots.txt count against the same deadline
                raise FetchFailed(url, f"took longer than {self.options.deadline:g} s (fetch deadline); stopped")
            result = self._get(current, url, headers, deadline, self.options.max_bytes)
            if isinstance(result, str):  # a redirect: its target
                current = result
                continue
            if remember and conditional and self.state is not None and result.status == 200:
                self.state.remember(url, result.etag, result.last_modified)
            return result
        raise FetchFailed(url, f"too many redirects (more than {self.options.max_redirects}); last to {current}")

    def _get(self, url: str, origin: str, headers: dict[str, str], deadline: float, limit: int) -> Fetched | str:
        """One request: a :class:`Fetched`, or the absolute URL a redirect points to."""
        self._wait_crawl_delay(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed(origin, f"HTTP {status} redirect without a Location header")
                    return str(urljoin(url, location.strip()))
                if status == 304:
                    return Fetched(origin, url, status)
                if status >= 400 or status < 200:
                    raise FetchFailed(origin, f"HTTP {status} {response.reason_phrase}".strip() + _via(origin, url))
                body = self._read_body(response, origin, deadline, limit)
                return Fetched(
                    url=origin,
                    final_url=url,
                    status=status,
                    content=body,
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as e:
            what = "connecting" if isinstance(e, httpx.ConnectTimeout) else "waiting for data"
            raise FetchFailed(origin, f"timed out {what}{_via(origin, url)}") from e
        except httpx.HTTPError as e:
            raise FetchFailed(origin, f"network error: {type(e).__name__}: {e}{_via(origin, url)}") from e

    def _read_body(self, response: httpx.Response, source: str, deadline: float, limit: int) -> bytes:
        """The body, streamed: refused past ``limit`` bytes (decompressed) or past the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLargeInput(source, f"{int(declared):,} bytes announced, over the limit of {limit:,} (max_bytes)")
        decoder = _Decoder(response.headers.get("content-encoding", ""), source)
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():  # as received: a chunk size would wait for that many bytes
            data = decoder.feed(raw, limit - size)
            size += len(data)
            if size > limit:
                raise TooLargeInput(source, f"body over the limit of {limit:,} bytes (max_bytes); reading stopped")
            chunks.append(data)
            if time.monotonic() > deadline:
                raise FetchFailed(source, f"took longer than {self.options.deadline:g} s (fetch deadline); stopped")
        decoder.finish()
        return b"".join(chunks)

    def _check_robots(self, url: str, origin: str, deadline: float) -> None:
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return
        key = f"{parts.scheme}://{parts.netloc}".lower()
        robots = self._robots.get(key)
        if robots is None:
            robots = self._load_robots(key, deadline)
            self._robots[key] = robots
        if not robots.can_fetch(ROBOTS_AGENT, url):
            if key in self._robots_trouble:
                raise FetchFailed(origin, f"robots.txt of {key} unavailable ({self._robots_trouble[key]}); not fetched")
            raise FetchFailed(origin, f"robots.txt of {key} disallows fetching {parts.path or '/'}")

    def _load_robots(self, site: str, deadline: float) -> RobotFileParser:
        """robots.txt of ``site``; like urllib.robotparser: 401/403 forbid all, other 4xx allow all."""
        robots = RobotFileParser(site + "/robots.txt")
        current = site + "/robots.txt"
        try:
            for _hop in range(self.options.max_redirects + 1):
                self.guard.check_url(current)
                result = self._get(current, current, {"Accept": "text/plain"}, deadline, ROBOTS_MAX_BYTES)
                if isinstance(result, str):
                    current = result
                    continue
                robots.parse(result.content.decode("utf-8", errors="replace").splitlines())
                return robots
            robots.parse(ALLOW_ALL)  # a redirect loop for robots.txt: treated like a missing file
        except TooLargeInput:
            robots.parse(ALLOW_ALL)
        except FetchFailed as e:
            status = e.reason.split()[1] if e.reason.startswith("HTTP ") else ""
            if status in ("401", "403"):
                robots.parse(DISALLOW_ALL)
            elif status.startswith("4"):
                robots.parse(ALLOW_ALL)
            else:  # server error or unreachable: assume nothing is allowed, as crawlers do for 5xx
                log.info("robots.txt of %s unavailable (%s): not fetching from it", site, e.reason)
                self._robots_trouble[site] = e.reason
                robots.parse(DISALLOW_ALL)
        return robots

    def _wait_crawl_delay(self, url: str) -> None:
        """Honour a ``Crawl-delay`` from robots.txt (capped) between requests to one site."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        robots = self._robots.get(key)
        delay = robots.crawl_delay(ROBOTS_AGENT) if robots is not None else None
        if delay:
            wait = self._last_hit.get(key, 0.0) + min(float(delay), MAX_CRAWL_DELAY) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_hit[key] = time.monotonic()


def _via(origin: str, url: str) -> str:
    return "" if url == origin else f" (at {url})"
