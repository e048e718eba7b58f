"""Cut an article's text into segments for the reader, from the character offsets of everything extracted.

Spans overlap (a trigger lies inside its sentence, an actor mention inside a quote), so the text is cut at every
span boundary; each segment lists the *kinds* that colour it and the *items* it belongs to. The reader highlights
an item by marking every segment that lists it, so overlapping spans need no nested markup.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class Segment:
    """``text[start:end]`` with the kinds that colour it and the items (side-panel entries) it belongs to."""

    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


@dataclass
class SpanMark:
    start: int
    end: int
    item: str
    kind: str | None  # None: belongs to the item but draws nothing (an event's sentence)


def item_id(prefix: str, key: object) -> str:
    """An id safe for HTML ids, URL fragments and CSS attribute selectors."""
    return f"{prefix}-{_UNSAFE.sub('_', str(key))[:80]}"


def event_item(event: dict[str, Any], index: int) -> str:
    return item_id("ev", event.get("id") or index)


def _span(item: str, kind: str | None, obj: dict[str, Any] | None) -> SpanMark | None:
    if not obj or obj.get("start") is None or obj.get("end") is None:
        return None
    return SpanMark(int(obj["start"]), int(obj["end"]), item, kind)


def marks(record: dict[str, Any]) -> list[SpanMark]:
    """Every span of a record (the record contract's dict) as a mark on the text."""
    out: list[SpanMark | None] = []
    for i, actor in enumerate(record.get("actors") or []):
        for mention in actor.get("mentions") or []:
            out.append(_span(item_id("a", i), "actor", mention))
    for i, event in enumerate(record.get("events") or []):
        item = event_item(event, i)
        out.append(_span(item, None, event.get("sentence")))
        out.append(_span(item, "trigger", event.get("trigger")))
        out.append(_span(item, "arg", event.get("actor")))
        out.append(_span(item, "arg", event.get("recipient")))
    for i, quote in enumerate(record.get("quotes") or []):
        out.append(_span(item_id("q", i), "quote", quote))
        out.append(_span(item_id("q", i), "arg", quote.get("speaker")))
    for prefix, kind, key in (("p", "place", "places"), ("d", "date", "dates"), ("n", "quantity", "quantities")):
        for i, obj in enumerate(record.get(key) or []):
            out.append(_span(item_id(prefix, i), kind, obj))
    return [m for m in out if m is not None]


def segments(text: str, spans: list[SpanMark]) -> list[Segment]:
    """Cut ``text`` at every span boundary; spans outside the text are clipped (never trusted blindly)."""
    n = len(text)
    valid = [m for m in spans if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    segs = [Segment(a, b, text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    earliest: dict[str, int] = {}
    for m in valid:
        first = bisect_left(cuts, m.start)
        last = bisect_left(cuts, m.end)
        earliest[m.item] = min(first, earliest.get(m.item, first))
        for k in range(first, last):
            seg = segs[k]
            if m.item not in seg.items:
                seg.items.append(m.item)
            if m.kind and m.kind not in seg.kinds:
                seg.kinds.append(m.kind)
    # The first segment of an item carries its anchor, so #item scrolls there even without script.
    for item, k in earliest.items():
        segs[k].anchors.append(item)
    return segs


def highlight(record: dict[str, Any], *, active: str | None = None) -> list[Segment]:
    """Segments of the record's article text; segments of item ``active`` get the ``hl`` kind."""
    segs = segments(record["article"]["text"], marks(record))
    if active:
        for seg in segs:
            if active in seg.items:
                seg.kinds.append("hl")
    return segs


__all__ = ["Segment", "SpanMark", "event_item", "highlight", "item_id", "marks", "segments"]
