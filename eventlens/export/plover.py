"""PLOVER JSONL: one event a line, with the field names of the PLOVER manual's "Data Fields" chapter.

Manual fields used: ``id``, ``has_event``, ``date``, ``actor`` and ``recipient`` (lists of entity objects with
``code``, ``sector``, ``entity_text``, ``identifier_text``), ``event`` (list of types), ``mode`` (list), ``context``
(list), ``quad_code`` (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict),
``event_loc`` (``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``, ``lon``, ``country_code``),
``event_text``, ``link`` (the story), ``text`` (the sentence), ``text_info`` (``start``/``end`` offsets of the
sentence, ``sequence`` of the event in its article), ``cite_info`` (``citation`` = article id, ``url``, ``title``,
``language``, ``publication``, ``coder``, ``codebook``), ``size`` (``dead``, ``injured``, ``arrested``).

The manual lets providers add named fields; eventlens adds what an audit needs and PLOVER has no name for:
``article_id``, ``event_id``, ``factuality``, ``historical``, ``trigger`` (text and offsets), entity ``start``/
``end``/``actor_id``, ``date_expr`` (the date as written and normalised), ``location`` (as extracted), ``troops``
and ``money_usd`` in ``size``, ``symmetric`` and ``confidence``. With them :func:`read_plover` gives back the very
events that were exported.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

import duckdb

from .._version import __version__
from ..jsonl import read_jsonl_lines
from ..query.filters import Filters
from ..record import QUADS, ActorRef, DateValue, Event, Magnitude, Span
from .rows import event_from_flat, event_rows

#: PLOVER's quad codes.
QUAD_CODE = {quad: i for i, quad in enumerate(QUADS, start=1)}
CODEBOOK = "PLOVER 2.0"


@cache
def coder() -> str:
    """``eventlens <version>`` for ``cite_info.coder``."""
    return f"eventlens {__version__}"


def _entity(ref: ActorRef | None) -> list[dict[str, Any]]:
    if ref is None:
        return []
    return [
        {
            "code": ref.code,
            "sector": ref.sector,
            "entity_text": ref.text,
            "identifier_text": ref.name,
            "start": ref.start,
            "end": ref.end,
            "actor_id": ref.actor_id,
        }
    ]


def _entity_back(items: list[dict[str, Any]]) -> ActorRef | None:
    if not items:
        return None
    e = items[0]
    return ActorRef(
        e["identifier_text"], e["code"], e["sector"], e["entity_text"], e["start"], e["end"], e.get("actor_id")
    )


def to_plover(row: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER object of one exported event row."""
    event = event_from_flat(row)
    loc = event.location
    article_id = row["article_id"]
    return {
        "id": f"{article_id}-{event.id}",
        "has_event": True,
        "date": row["day"].isoformat() if row["day"] else None,
        "actor": _entity(event.actor),
        "recipient": _entity(event.recipient),
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": [],
        "quad_code": QUAD_CODE.get(event.quad),
        "event_loc": None
        if loc is None
        else {
            "extracted_place": loc.get("text"),
            "resolved_place": loc.get("name"),
            "geonameid": loc.get("geonameid"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "country_code": loc.get("country"),
        },
        "event_text": [event.trigger.text] if event.trigger.text else [],
        "link": row.get("article_story_id"),
        "text": row["sentence"],
        "text_info": {"sequence": row["seq"], "start": event.sentence.start, "end": event.sentence.end},
        "cite_info": {
            "citation": article_id,
            "url": row.get("article_url"),
            "title": row.get("article_title"),
            "language": row.get("article_language"),
            "publication": row.get("article_source"),
            "coder": coder(),
            "codebook": CODEBOOK,
        },
        "size": {k: getattr(event.magnitude, k) for k in ("dead", "injured", "arrested", "troops", "money_usd")},
        # eventlens fields (the manual invites named additions): what an audit and a faithful read-back need.
        "article_id": article_id,
        "event_id": event.id,
        "quad": event.quad,
        "factuality": event.factuality,
        "historical": event.historical,
        "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        "sentence_text": event.sentence.text,
        "date_expr": None if event.date is None else dataclasses.asdict(event.date),
        "location": loc,
        "symmetric": event.symmetric,
        "confidence": event.confidence,
    }


def from_plover(data: dict[str, Any]) -> tuple[str, Event]:
    """``(article id, event)`` from a PLOVER object written by :func:`to_plover`."""
    size = data.get("size") or {}
    trigger = data["trigger"]
    info = data["text_info"]
    return data["article_id"], Event(
        id=data["event_id"],
        type=data["event"][0],
        mode=data["mode"][0] if data.get("mode") else None,
        quad=data["quad"],
        actor=_entity_back(data.get("actor") or []),
        recipient=_entity_back(data.get("recipient") or []),
        factuality=data["factuality"],
        historical=bool(data["historical"]),
        date=DateValue(**data["date_expr"]) if data.get("date_expr") else None,
        location=data.get("location"),
        magnitude=Magnitude(**{k: size.get(k) for k in ("dead", "injured", "arrested", "troops", "money_usd")}),
        trigger=Span(trigger["start"], trigger["end"], trigger["text"]),
        sentence=Span(info["start"], info["end"], data.get("sentence_text")),
        symmetric=bool(data.get("symmetric")),
        confidence=data.get("confidence"),
    )


def write_plover(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` as PLOVER JSONL; returns how many."""
    n = 0
    for row in event_rows(con, filters):
        out.write(json.dumps(to_plover(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def read_plover(path: str | Path) -> Iterator[tuple[str, Event]]:
    """``(article id, event)`` for each line of a PLOVER JSONL file written by eventlens."""
    for _, line in read_jsonl_lines(path):
        yield from_plover(json.loads(line))


__all__ = ["CODEBOOK", "QUAD_CODE", "from_plover", "read_plover", "to_plover", "write_plover"]
