"""RSS, Atom and OPML: what kind of document a source is, its entries, and the feeds an OPML list names.

Feeds come from strangers, so their XML is checked with defusedxml before feedparser sees it: a document that
declares entities (the "billion laughs" expansion bomb) or refers to external entities (``SYSTEM "file:///etc/..."``)
is refused with a one-line reason. OPML is read with defusedxml's ElementTree under the same rules.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import UnreadableInput

log = logging.getLogger(__name__)

#: Entries read from one feed; a feed with more is cut (news feeds carry tens).
MAX_ENTRIES = 1000
#: Outlines read from one OPML list.
MAX_OUTLINES = 5000

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
OPML_TYPES = ("text/x-opml", "application/x-opml", "text/opml", "application/opml+xml")
FEED_ROOTS = ("rss", "feed", "rdf:rdf", "rdf", "channel")
HTML_ROOTS = ("html", "head", "body", "div", "p", "article", "section", "main", "title", "meta", "a")

_FIRST_TAG = re.compile(rb"<(?![!?])([A-Za-z][\w:.-]*)")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class FeedEntry:
    """One item of a feed: where the article is and what the feed says about it."""

    id: str
    url: str | None
    title: str | None = None
    published: str | None = None
    content: str | None = None


@dataclass
class Feed:
    """A parsed feed: its title and entries, oldest first when the feed dates them."""

    url: str
    title: str | None
    entries: list[FeedEntry]


def sniff(data: bytes, media_type: str = "", name: str = "") -> str:
    """What ``data`` holds: ``feed``, ``opml``, ``html``, ``json``, ``jsonl`` or ``text``.

    The first element's name decides for XML (``<rss>``, ``<feed>``, ``<rdf:RDF>`` → feed; ``<opml>`` → opml), then
    the media type the server sent, then the file name's suffix.
    """
    head = data[:8192]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
    head = head.lstrip()
    if b"\x00" in head[:4]:  # UTF-16: sniff the ASCII letters
        head = head.replace(b"\x00", b"")
    lowered = head.lower()
    name = name.lower()
    match = _FIRST_TAG.search(head) if head.startswith(b"<") else None
    if match:
        tag = match.group(1).decode("ascii", "replace").lower()
        if tag == "opml":
            return "opml"
        if tag in FEED_ROOTS:
            return "feed"
        if tag in HTML_ROOTS or lowered.startswith(b"<!doctype html"):
            return "html"
    if media_type in OPML_TYPES or name.endswith(".opml"):
        return "opml"
    if media_type in FEED_TYPES:
        return "feed"
    if media_type in ("application/x-ndjson", "application/jsonl") or name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if media_type == "application/json" or (not media_type and head[:1] in (b"{", b"[")):
        return "json"
    if "html" in media_type or (match is not None and media_type != "text/plain"):
        return "html"
    return "text"


def check_xml(data: bytes, source: str) -> bool:
    """Refuse XML that declares or references entities; ``True`` if it parses as XML, ``False`` if malformed.

    Raises:
        UnreadableInput: the document declares entities, refers to external ones, or cannot be made safe.
    """
    first = _FIRST_TAG.search(data)
    prolog = data[: first.start()] if first else data[:65536]
    if _ENTITY_DECL.search(prolog):
        raise UnreadableInput(source, "refused: the XML declares entities (entity-expansion or external-entity attack)")
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:  # EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden
        raise UnreadableInput(source, f"refused: unsafe XML ({type(e).__name__})") from e
    except (ParseError, ValueError):
        return False
    except RecursionError as e:
        raise UnreadableInput(source, "refused: XML nested too deeply") from e
    return True


def parse_feed(data: bytes, url: str, media_type: str = "") -> Feed:
    """The entries of an RSS or Atom feed (safe XML only; a malformed feed is read leniently if it has entries).

    Raises:
        UnreadableInput: unsafe XML, or nothing that looks like a feed.
    """
    import feedparser

    well_formed = check_xml(data, url)
    headers = {"content-location": url} if _is_absolute_or_web(url) else {}
    if media_type:
        headers["content-type"] = media_type
    try:
        # Always bytes: given a str, feedparser would treat it as a URL or file name and open it.
        parsed = feedparser.parse(bytes(data), response_headers=headers, sanitize_html=False)
    except RecursionError as e:
        raise UnreadableInput(url, "refused: feed nested too deeply") from e
    raw_entries = list(parsed.get("entries", []))
    if not raw_entries and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise UnreadableInput(url, f"not a readable feed: {_one_line(reason)}")
    if not well_formed:
        log.info("%s: malformed XML, read leniently (%d entries)", url, len(raw_entries))
    if len(raw_entries) > MAX_ENTRIES:
        log.warning("%s: %d entries, reading the first %d", url, len(raw_entries), MAX_ENTRIES)
        raw_entries = raw_entries[:MAX_ENTRIES]
    entries = [_entry(e, url) for e in raw_entries]
    if all(e.published for e in entries):
        entries.sort(key=lambda e: e.published or "")  # oldest first: first appearances come first
    title = parsed.get("feed", {}).get("title")
    return Feed(url=url, title=str(title) if title else None, entries=entries)


def _entry(raw: Any, feed_url: str) -> FeedEntry:
    link = raw.get("link") or None
    url = urljoin(feed_url, str(link)) if link and _is_absolute_or_web(feed_url) else (str(link) if link else None)
    content = None
    if raw.get("content"):
        content = str(raw["content"][0].get("value") or "") or None
    content = content or (str(raw.get("summary") or "") or None)
    title = raw.get("title") or None
    ident = raw.get("id") or url or _digest(f"{title}\n{content}")
    return FeedEntry(
        id=str(ident),
        url=url,
        title=str(title) if title else None,
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        content=content,
    )


def _date(parsed: time.struct_time | None) -> str | None:
    """``YYYY-MM-DD`` from feedparser's parsed date (UTC), or ``None`` if it is missing or absurd."""
    if not parsed:
        return None
    try:
        calendar.timegm(parsed)
    except (OverflowError, ValueError, TypeError):
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def parse_opml(data: bytes, source: str) -> list[str]:
    """The URLs an OPML list names: feeds (``xmlUrl``) and included lists (``type="include"``/``"link"``).

    Relative URLs are resolved against ``source`` when it is a URL. Duplicates are dropped.

    Raises:
        UnreadableInput: unsafe or malformed XML, or not an OPML document.
    """
    if not check_xml(data, source):
        raise UnreadableInput(source, "malformed OPML (not well-formed XML)")
    root: Element = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    if root.tag.lower() != "opml":
        raise UnreadableInput(source, f"not an OPML document (root element <{root.tag}>)")
    urls: list[str] = []
    for count, outline in enumerate(root.iter("outline")):
        if count >= MAX_OUTLINES:
            log.warning("%s: more than %d outlines, reading the first %d", source, MAX_OUTLINES, MAX_OUTLINES)
            break
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        link = attrs.get("xmlurl") or (attrs.get("url") if attrs.get("type", "").lower() in ("include", "link") else "")
        link = (link or "").strip()
        if not link:
            continue
        if _is_absolute_or_web(source):
            link = urljoin(source, link)
        if link not in urls:
            urls.append(link)
    return urls


def _is_absolute_or_web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200] or "unknown error"
