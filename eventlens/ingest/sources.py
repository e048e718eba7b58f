"""Every kind of source in one reader: files, folders, standard input, web pages, RSS/Atom feeds and OPML lists.

:func:`read_sources` takes what a user typed (``feeds.opml https://example.org/rss.xml pages/ dump.jsonl -``) and
yields :class:`~eventlens.record.Article` objects, or an :class:`~eventlens.errors.InputError` for each input it
could not use, so one bad input never stops a batch. What a URL holds is sniffed from its first bytes and media
type: a feed's entries are fetched and extracted with trafilatura (the entry's date is used when it has one; its title
and link fill what the page lacks); an OPML list's feeds are read in turn (a list that names itself, directly or
through another, is reported once as a cycle).

Every URL that comes from outside (the command line, a feed entry, an OPML list, a redirect) goes through the SSRF
guard: private, loopback and link-local addresses are refused unless ``allow_private``.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from ..config import Settings
from ..errors import FetchFailed, InputError, UnreadableInput
from ..record import Article
from .feeds import Feed, FeedEntry, parse_feed, parse_opml, sniff
from .fetch import Fetched, Fetcher, FetchState
from .files import XML_SUFFIXES, Result, base_suffix, checked, read_bytes, read_path, read_stdin, read_text_input
from .text import decode_bytes

log = logging.getLogger(__name__)

#: Local files read as feeds or OPML lists (by their content; these suffixes only route them here).
FEED_SUFFIXES = XML_SUFFIXES
#: OPML lists included in OPML lists, at most this deep.
MAX_OPML_DEPTH = 5
_TEXT_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "html": ".html", "text": ".txt"}


def read_sources(
    items: Iterable[str],
    settings: Settings,
    *,
    allow_private: bool = False,
    state: FetchState | None = None,
) -> Iterator[Article | InputError]:
    """Articles from paths, folders, ``-`` (stdin) and http(s) URLs of pages, feeds and OPML lists, in order.

    Args:
        items: what the user named.
        settings: limits (``max_bytes``, ``max_chars``), language checks, fetch options (``fetch_*``).
        allow_private: let URLs reach loopback, private and link-local addresses (local servers, intranets).
        state: validators and seen feed entries from earlier runs; only what is new is read, and the state is
            updated and saved when the whole batch has been read (an interrupted run saves nothing, so the next
            run reads again what this one may not have stored).
    """
    reader = SourceReader(settings, allow_private=allow_private, state=state)
    try:
        for item in items:
            yield from reader.read(item)
        if state is not None:
            state.save()
    finally:
        reader.close()


class SourceReader:
    """Reads sources one by one, sharing a fetcher (robots.txt cache, connections) and what was already read."""

    def __init__(self, settings: Settings, *, allow_private: bool = False, state: FetchState | None = None) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self.state = state
        self._fetcher: Fetcher | None = None
        self.visited: set[str] = set()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:  # made on first use: reading local files opens no HTTP client
            self._fetcher = Fetcher(self.settings, allow_private=self.allow_private, state=self.state)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read(self, item: str) -> Iterator[Result]:
        """Everything one command-line item holds."""
        if item == "-":
            yield from read_stdin(self.settings)
        elif "://" in item[:12]:
            yield from self.read_url(item, ancestors=())
        else:
            path = Path(item)
            if path.is_file() and base_suffix(path) in FEED_SUFFIXES:
                yield from self.read_feed_file(path)
            else:
                yield from read_path(path, self.settings)

    # -- URLs -------------------------------------------------------------------------------------------------
    def read_url(
        self,
        url: str,
        *,
        ancestors: tuple[str, ...],
        defaults: dict[str, Any] | None = None,
        conditional: bool = True,
    ) -> Iterator[Result]:
        """A page, feed or OPML list at ``url``; ``ancestors`` are the OPML lists that led here.

        With ``conditional`` (sources the user names, feeds, OPML lists), the state's validators are sent and
        kept; a feed entry's page is fetched plainly (the seen-entry ids already say it is new).
        """
        key = urldefrag(url)[0]
        if key in ancestors:
            yield UnreadableInput(url, f"OPML cycle: {ancestors[-1]} lists {url}, which leads back to it; skipped")
            return
        if key in self.visited:
            log.debug("%s already read in this run", url)
            return
        self.visited.add(key)
        try:
            fetched = self.fetcher.fetch(url, conditional=conditional, remember=False)
        except InputError as e:
            yield e
            return
        if fetched.not_modified:
            log.info("%s not modified since the last run", url)
            return
        kind = sniff(fetched.content, fetched.media_type, url)
        if kind == "feed":
            yield from self.read_feed(fetched, ancestors)
        elif kind == "opml":
            # An OPML list's validators are never kept: an unchanged list must still have its feeds polled.
            yield from self.read_opml(fetched.content, url, (*ancestors, key))
        else:
            # A page or text is the article at this URL; a JSON dump names its articles' URLs itself.
            page_defaults = {"url": fetched.final_url} if kind in ("html", "text") else {}
            yield from self.read_document(fetched.content, kind, url, {**page_defaults, **(defaults or {})})
            if conditional:
                self._remember(fetched)

    def _remember(self, fetched: Fetched) -> None:
        if self.state is not None:
            self.state.remember(fetched.url, fetched.etag, fetched.last_modified)

    def read_document(self, data: bytes, kind: str, source: str, defaults: dict[str, Any]) -> Iterator[Result]:
        """An article (or a JSON/JSONL dump of them) from fetched bytes."""
        if kind == "html":
            from .html import article_from_html

            # Bytes: trafilatura finds the page's encoding (HTTP header, <meta charset>, detection).
            yield from checked(self.settings, source, article_from_html, data, source, defaults)
            return
        try:
            text = decode_bytes(data, source)
        except InputError as e:
            yield e
            return
        yield from read_text_input(text, source, _TEXT_SUFFIX.get(kind, ".txt"), self.settings, defaults)

    # -- feeds ------------------------------------------------------------------------------------------------
    def read_feed(self, fetched: Fetched, ancestors: tuple[str, ...]) -> Iterator[Result]:
        """The new entries of a fetched feed; the feed's validators are kept only if no entry failed to fetch."""
        try:
            feed = parse_feed(fetched.content, fetched.url, fetched.media_type)
        except InputError as e:
            yield e
            return
        transient = yield from self.read_entries(feed)
        if not transient:
            self._remember(fetched)

    def read_entries(self, feed: Feed) -> Generator[Result, None, bool]:
        """Each entry not seen before: its page fetched and extracted. Returns whether an entry may succeed later."""
        transient = False
        source_name = feed.title
        for entry in feed.entries:
            if self.state is not None and self.state.is_seen(feed.url, entry.id):
                continue
            failed_for_now = False
            for result in self.read_entry(entry, feed.url, source_name):
                if isinstance(result, FetchFailed):
                    failed_for_now = True  # a network failure may pass: read it again next time
                yield result
            transient = transient or failed_for_now
            if self.state is not None and not failed_for_now:
                self.state.mark_seen(feed.url, entry.id)
        return transient

    def read_entry(self, entry: FeedEntry, feed_url: str, source_name: str | None) -> Iterator[Result]:
        """The article of one feed entry: its page, with the entry's title, date and link filling gaps."""
        if not entry.url:
            if entry.content and entry.content.strip():
                defaults = {"title": entry.title, "source": source_name}
                yield from self._fill(
                    self.read_document(entry.content.encode("utf-8"), "html", feed_url, defaults), entry
                )
            else:
                yield UnreadableInput(f"{feed_url} entry {entry.id}", "feed entry has neither a link nor content")
            return
        # The entry's date is the publisher's structured metadata; a page without a date tag only gets a guess
        # from trafilatura, so the entry's date wins. The page's own title wins (feed titles are often cut).
        defaults = {"title": entry.title, "source": source_name, "published": entry.published}
        yield from self._fill(self.read_url(entry.url, ancestors=(), defaults=defaults, conditional=False), entry)

    @staticmethod
    def _fill(results: Iterator[Result], entry: FeedEntry) -> Iterator[Result]:
        for result in results:
            if isinstance(result, Article):
                result.published = result.published or entry.published
                result.title = result.title or entry.title
                result.url = result.url or entry.url
            yield result

    # -- OPML and local feed files -----------------------------------------------------------------------------
    def read_opml(self, data: bytes, source: str, ancestors: tuple[str, ...]) -> Iterator[Result]:
        """Every feed (or list) an OPML list names, each read in turn."""
        if len(ancestors) > MAX_OPML_DEPTH:
            yield UnreadableInput(source, f"OPML lists nested more than {MAX_OPML_DEPTH} deep; skipped")
            return
        try:
            urls = parse_opml(data, source)
        except InputError as e:
            yield e
            return
        if not urls:
            yield UnreadableInput(source, "OPML list names no feeds")
        for url in urls:
            if "://" not in url:
                yield UnreadableInput(f"{source}: {url}", "not an absolute http(s) URL in the OPML list")
                continue
            yield from self.read_url(url, ancestors=ancestors)

    def read_feed_file(self, path: Path) -> Iterator[Result]:
        """A feed or OPML list saved as a file (its entries' URLs are fetched like any URL from outside)."""
        source = str(path)
        try:
            data = read_bytes(path, self.settings)
        except InputError as e:
            yield e
            return
        kind = sniff(data, "", path.name)
        if kind == "opml":
            yield from self.read_opml(data, source, (str(path.resolve()),))
        elif kind == "feed":
            try:
                feed = parse_feed(data, source)
            except InputError as e:
                yield e
                return
            yield from self.read_entries(feed)  # a saved file has no validators to keep
        else:
            yield from self.read_document(data, kind, source, {"source": path.name})
