"""PLOVER JSONL: one event a line, with the field names of the PLOVER manual's "Data Fields" chapter (#15).

Fields of the manual's "PLOVER JSON" table: ``id``, ``has_event``, ``date`` (YYYY-MM-DD), ``actor`` and
``recipient`` (lists of entity objects), ``event`` (list of types), ``event_loc`` (a location object),
``event_text`` (the trigger), ``quad_code`` (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict), ``mode`` and ``context`` (lists), ``link`` (the story), ``text`` (the sentence), ``text_info``,
``cite_info``, ``coder``, ``coded_date`` and ``coded_time`` (when eventlens stored the article). ``time``,
``enddate``, ``endtime``, ``event_scale`` and ``comment`` are left out: eventlens does not produce them.

- **Entity objects** (the manual's "Information object for entities"): ``code``, ``sector``, ``entity_text`` (the
  words), ``identifier_text`` (the resolved name). ``identifier_id`` (a Wikidata id), religion, ethnicity, office,
  gender and age are not coded.
- **Location object** (the manual's, after Mordecai3): ``extracted_place`` (the words), ``resolved_place``,
  ``geonameid``, ``lat``, ``lon``, ``city`` (for a city), ``province`` (the first-level division's name, from its
  GeoNames admin1 code, or the region itself),
  ``country`` (name), ``country_code`` (ISO alpha-3), ``feature_class`` (GeoNames: ``A`` a country or region,
  ``L`` an area such as a continent, ``P`` a city) and ``resolution`` (1 country, 2 province, 4 city; none for
  another place). ``district`` and ``feature_code`` are not known.
- **context**: the PLOVER contexts the record itself shows (``eventlens/data/plover/contexts.yaml``): the auxiliary
  modes (``historical``, ``future``, ``hypothetical``, ``negation``) from the event's factuality, the contexts the
  manual ties to a mode (``cyber``, ``misinformation``), a party's sector that is a context (``MIL`` → ``military``,
  ``JUD`` → ``legal``, ``LEG`` → ``legislative``, ``SPY`` → ``intelligence``) and cue words in the event's sentence.
  An empty list means none of these was seen, not that the event has no context.
- ``text_info``: ``start``/``end`` of the sentence in the article text (``sequence``, the sentence's number, is
  not kept by eventlens). ``cite_info``: ``citation`` (the article id), ``url``, ``title``, ``language``,
  ``publication``, ``coder``, ``codebook``. ``size``: ``dead``, ``injured``, ``arrested`` (and, as the manual
  invites, ``troops`` and ``money_usd``).

The manual lets providers add named fields; eventlens adds what an audit needs and PLOVER has no name for:
``article_id``, ``event_id``, ``quad``, ``factuality``, ``historical``, ``trigger`` (text and offsets), entity
``start``/``end``/``actor_id``, ``event_loc.admin1`` (the GeoNames admin1 code), ``date_expr`` (the date as written
and normalised), ``location`` (as extracted), ``symmetric`` and ``confidence``. With them :func:`read_plover` gives
back the very events that were exported (each with its sentence's text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

import duckdb

from .._version import __version__
from ..jsonl import read_jsonl_lines
from ..query.filters import Filters
from ..record import QUADS, ActorRef, DateValue, Event, Magnitude, Span
from ..resources import data_path, load_yaml
from .geo import PLOVER_RESOLUTION, admin1_name, country_name
from .rows import event_from_flat, event_rows

#: PLOVER's quad codes.
QUAD_CODE = {quad: i for i, quad in enumerate(QUADS, start=1)}
CODEBOOK = "PLOVER 2.0"
#: The contexts eventlens can tell from a record, and how (see the file's header).
CONTEXTS_FILE = data_path("plover", "contexts.yaml")
_SIZES = ("dead", "injured", "arrested", "troops", "money_usd")


@cache
def coder() -> str:
    """``eventlens <version>`` for ``coder`` and ``cite_info.coder``."""
    return f"eventlens {__version__}"


@dataclasses.dataclass(frozen=True)
class _ContextCues:
    auxiliary: dict[str, str]
    modes: dict[str, str]
    sectors: dict[str, str]
    words: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def _cues() -> _ContextCues:
    data = load_yaml(CONTEXTS_FILE)
    words = tuple(
        (context, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in cues) + r")\b", re.IGNORECASE))
        for context, cues in data["words"].items()
    )
    return _ContextCues(dict(data["auxiliary"]), dict(data["modes"]), dict(data["sectors"]), words)


def contexts(event: Event, sentence: str | None) -> list[str]:
    """The PLOVER contexts the record shows for ``event`` (told in ``sentence``), in a stable order, each once."""
    cues = _cues()
    found: list[str] = []
    if event.historical:
        found.append(cues.auxiliary["historical"])
    if event.factuality in cues.auxiliary:
        found.append(cues.auxiliary[event.factuality])
    if event.mode in cues.modes:
        found.append(cues.modes[event.mode])
    for ref in (event.actor, event.recipient):
        # A state's military (a country code with it), not an armed group's: the manual's ``military`` context.
        if ref is not None and ref.sector in cues.sectors and (ref.sector != "MIL" or ref.code):
            found.append(cues.sectors[ref.sector])
    for context, pattern in cues.words:
        if sentence and pattern.search(sentence):
            found.append(context)
    return list(dict.fromkeys(found))


def _number(value: Any) -> Any:
    """Whole numbers as integers (the store keeps magnitudes as doubles)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


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


def event_loc(row: dict[str, Any], location: dict[str, Any] | None) -> dict[str, Any] | None:
    """The manual's location object for a flat row (``None`` when the event has no place)."""
    if location is None:
        return None
    feature = row["location_feature"]
    iso3 = row["location_country"]
    name = row["location_name"]
    feature_class = {"country": "A", "city": "P"}.get(feature or "")
    if feature == "region":
        feature_class = "A" if iso3 else "L"
    return {
        "extracted_place": location.get("text"),
        "resolved_place": name,
        "geonameid": row["location_geonameid"],
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "city": name if feature == "city" else None,
        "province": admin1_name(iso3, row["location_admin1"]) or (name if feature == "region" and iso3 else None),
        "country": country_name(iso3),
        "country_code": iso3,
        "feature_class": feature_class,
        "resolution": PLOVER_RESOLUTION.get(feature or ""),
        "admin1": row["location_admin1"],
    }


def to_plover(row: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER object of one exported (flat) event row."""
    event = event_from_flat(row)
    article_id = row["article_id"]
    ingested: dt.datetime | None = row.get("article_ingested")
    return {
        "id": f"{article_id}-{event.id}",
        "has_event": True,
        "date": row["day"].isoformat() if row["day"] else None,
        "actor": _entity(event.actor),
        "recipient": _entity(event.recipient),
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": contexts(event, row["sentence"]),
        "quad_code": QUAD_CODE.get(event.quad),
        "event_loc": event_loc(row, event.location),
        "event_text": [event.trigger.text] if event.trigger.text else [],
        "link": row.get("article_story_id"),
        "text": row["sentence"],
        "text_info": {"start": event.sentence.start, "end": event.sentence.end},
        "cite_info": {
            "citation": article_id,
            "url": row.get("article_url"),
            "title": row.get("article_title"),
            "language": row.get("article_language"),
            "publication": row.get("article_source"),
            "coder": coder(),
            "codebook": CODEBOOK,
        },
        "coder": coder(),
        "coded_date": ingested.date().isoformat() if ingested else None,
        "coded_time": ingested.time().isoformat(timespec="seconds") if ingested else None,
        "size": {k: _number(getattr(event.magnitude, k)) for k in _SIZES},
        # eventlens fields (the manual invites named additions): what an audit and a faithful read-back need.
        "article_id": article_id,
        "event_id": event.id,
        "quad": event.quad,
        "factuality": event.factuality,
        "historical": event.historical,
        "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end},
        "date_expr": None if event.date is None else dataclasses.asdict(event.date),
        "location": event.location,
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
        magnitude=Magnitude(**{k: size.get(k) for k in _SIZES}),
        trigger=Span(trigger["start"], trigger["end"], trigger["text"]),
        sentence=Span(info["start"], info["end"], data.get("text")),
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


__all__ = ["CODEBOOK", "QUAD_CODE", "contexts", "event_loc", "from_plover", "read_plover", "to_plover", "write_plover"]
