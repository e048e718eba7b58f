"""Feeds and OPML: what a document is, its entries, and hostile XML refused before feedparser sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.errors import UnreadableInput
from eventlens.ingest.feeds import parse_feed, parse_opml, sniff

WEB = Path(__file__).parent / "fixtures" / "web"
BASE = "https://news.example.org"


def fixture(name: str) -> bytes:
    return (WEB / name).read_bytes().replace(b"@BASE@", BASE.encode())


@pytest.mark.parametrize(
    ("data", "media_type", "name", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "", "", "feed"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "", "", "feed"),
        (b"<?xml version='1.0'?><!-- comment --><rdf:RDF xmlns:rdf='x'/>", "", "", "feed"),
        (b'<?xml version="1.0"?><opml version="2.0"/>', "", "", "opml"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "", "", "html"),
        (b"  <html><p>text</p></html>", "", "", "html"),
        (b"<p>fragment</p>", "text/html", "", "html"),
        (b"Plain words, no tags.", "text/plain", "", "text"),
        (b'{"text": "x"}', "application/json", "", "json"),
        (b'{"text": "x"}\n{"text": "y"}', "", "dump.jsonl", "jsonl"),
        (b"<rss>", "text/html", "", "feed"),  # the document's root wins over a wrong media type
        (b"anything", "application/rss+xml", "", "feed"),
        ("<?xml version='1.0'?><rss/>".encode("utf-16"), "", "", "feed"),
    ],
)
def test_sniff_says_what_a_document_is(data: bytes, media_type: str, name: str, kind: str) -> None:
    assert sniff(data, media_type, name) == kind


def test_rss_entries_with_dates_oldest_first() -> None:
    feed = parse_feed(fixture("feed.rss"), f"{BASE}/feed.rss")
    assert feed.title == "VOA Test Wire"
    assert [e.id.rsplit("/", 1)[-1] for e in feed.entries] == ["voa-test-2", "voa-test-1", "voa-test-3"]
    assert [e.published for e in feed.entries] == ["2015-07-31", "2016-05-16", "2016-09-08"]
    assert feed.entries[1].url == f"{BASE}/article1.html"


def test_atom_entries() -> None:
    feed = parse_feed(fixture("atom.xml"), f"{BASE}/atom.xml")
    assert [(e.id, e.url) for e in feed.entries] == [
        ("urn:eventlens:test:atom:2", f"{BASE}/article2.html"),
        ("urn:eventlens:test:atom:gone", f"{BASE}/gone.html"),
    ]


def test_entry_without_link_keeps_its_content() -> None:
    (entry,) = parse_feed(fixture("nolink.rss"), "nolink.rss").entries
    assert entry.url is None and entry.content is not None and "Blinken" in entry.content
    assert entry.published == "2022-01-21"


@pytest.mark.parametrize("name", ["bomb.rss", "xxe.rss"])
def test_entity_attacks_are_refused(name: str) -> None:
    with pytest.raises(UnreadableInput, match="refused: the XML declares entities"):
        parse_feed(fixture(name), name)


def test_entity_declared_after_a_long_comment_is_still_refused() -> None:
    data = b'<?xml version="1.0"?><!--' + b"x" * 100_000 + b'--><!DOCTYPE r [<!ENTITY a "b">]><rss>&a;</rss>'
    with pytest.raises(UnreadableInput, match="refused"):
        parse_feed(data, "sneaky.rss")


def test_external_dtd_reference_alone_is_not_fetched_and_the_feed_reads() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://127.0.0.1:9/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title>'
        b"<item><title>A</title><link>https://news.example.org/a</link></item></channel></rss>"
    )
    assert [e.url for e in parse_feed(data, "old.rss").entries] == ["https://news.example.org/a"]


def test_malformed_feed_without_entries_is_reported() -> None:
    with pytest.raises(UnreadableInput, match="not a readable feed: .*mismatched tag"):
        parse_feed(fixture("malformed.rss"), "malformed.rss")


def test_slightly_broken_feed_with_entries_is_read_leniently() -> None:
    data = b"<rss><channel><item><title>A & B</title><link>https://news.example.org/a</link></item></channel></rss>"
    assert [e.title for e in parse_feed(data, "lenient.rss").entries] == ["A & B"]


@pytest.mark.parametrize(
    ("date", "expected"),
    [("Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31"), ("not a date", None), ("", None)],
)
def test_entry_dates_far_future_or_nonsense(date: str, expected: str | None) -> None:
    data = f"<rss><channel><item><title>T</title><link>{BASE}/x</link><pubDate>{date}</pubDate></item></channel></rss>"
    (entry,) = parse_feed(data.encode(), "dates.rss").entries
    assert entry.published == expected


def test_opml_lists_feeds_and_included_lists() -> None:
    assert parse_opml(fixture("feeds.opml"), f"{BASE}/feeds.opml") == [f"{BASE}/feed.rss", f"{BASE}/atom.xml"]
    assert parse_opml(fixture("self.opml"), f"{BASE}/self.opml") == [f"{BASE}/self.opml", f"{BASE}/feed.rss"]


def test_opml_relative_urls_resolve_against_the_list() -> None:
    data = b'<opml version="2.0"><body><outline xmlUrl="/rss.xml"/><outline xmlUrl="/rss.xml"/></body></opml>'
    assert parse_opml(data, f"{BASE}/lists/my.opml") == [f"{BASE}/rss.xml"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body/></opml>', "declares entities"),
        (b"<opml><body><outline", "malformed OPML"),
        (b"<rss><channel/></rss>", "not an OPML document"),
    ],
)
def test_bad_opml_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput, match=reason):
        parse_opml(data, "list.opml")
