"""Web pages: main text and metadata through trafilatura."""

from __future__ import annotations

import re
from typing import Any

from ..errors import UnreadableInput
from ..record import Article

#: libxml2 stops building the tree below this depth (without its "huge" option), so deeper text is never seen.
LXML_MAX_DEPTH = 256
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"wbr"}


def nesting_depth(html: str | bytes) -> int:
    """Deepest element nesting in ``html``, counted from its tags in one linear pass (no tree is built)."""
    data = html.encode("utf-8", "replace") if isinstance(html, str) else html
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(data):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _depth_note(html: str | bytes) -> str:
    depth = nesting_depth(html)
    if depth <= LXML_MAX_DEPTH:
        return ""
    return f" (tags nested {depth:,} deep, past the parser's limit of {LXML_MAX_DEPTH})"


def article_from_html(html: str | bytes, source: str, defaults: dict[str, Any] | None = None) -> Article:
    """The article in a web page: its main text (boilerplate removed), title, date, site and URL.

    ``html`` may be bytes (fetched pages): trafilatura then finds the encoding from ``<meta charset>`` or by
    detection. A page nested absurdly deep (100,000 ``<div>``) is cut by lxml's depth limit and reported as having
    no article text; Python's recursion limit is never reached, and if it were, the page is refused, not crashed on.

    Raises:
        UnreadableInput: trafilatura finds no main text in the page, or the page cannot be parsed.
    """
    import trafilatura

    defaults = defaults or {}
    try:
        doc = trafilatura.bare_extraction(
            html, url=defaults.get("url"), with_metadata=True, include_comments=False, favor_precision=True
        )
    except RecursionError as e:
        raise UnreadableInput(source, "HTML nested too deeply to parse") from e
    except (ValueError, TypeError, LookupError) as e:  # lxml/encoding trouble in a hostile page
        raise UnreadableInput(source, f"cannot parse this HTML page: {type(e).__name__}: {e}") from e
    if doc is None:
        raise UnreadableInput(source, "no article text found in this HTML page" + _depth_note(html))
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        raise UnreadableInput(source, "no article text found in this HTML page")
    return Article(
        text=text,
        id=defaults.get("id") or "",
        title=data.get("title") or defaults.get("title"),
        published=defaults.get("published") or data.get("date"),
        source=data.get("sitename") or data.get("hostname") or defaults.get("source"),
        url=data.get("url") or defaults.get("url"),
    )
