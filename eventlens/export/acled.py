"""ACLED CSV: eventlens events in the columns of ACLED's data export, so they sit next to ACLED's own (#15).

The columns are ACLED's, in ACLED's order (:data:`ACLED_COLUMNS`). Each PLOVER event becomes an ACLED event through
the table ``eventlens/data/acled/plover_to_acled.yaml`` (event_type, sub_event_type, disorder_type, the parties'
inter codes); an event the table does not map, or one not told as fact, is left out. Columns:

- ``event_id_cnty``: the place's ISO alpha-3 code (``XXX`` when unknown), ``EL`` and the event's GDELT-style
  integer id (:func:`~eventlens.export.gdelt.global_event_id`), so it cannot collide with an ACLED id;
- ``event_date`` (YYYY-MM-DD), ``year``; ``time_precision``: 1 when the text gives the day, 2 when the day is the
  article's (or the text gives a week), 3 for a month, year or decade;
- ``disorder_type``, ``event_type``, ``sub_event_type``: from the table;
- ``actor1``/``actor2``: ACLED-style names for state forces ("Military Forces of Russia"), protesters and rioters
  ("Protesters (Ukraine)") and civilians, else the party's name; ``assoc_actor_1``/``assoc_actor_2``: the party's
  own name when ``actor`` generalised it; ``inter1``/``inter2``: ACLED's numeric actor types (1 State forces …
  8 External/Other forces), empty when the sector does not say; ``interaction``: the two codes, lower first (one
  code times ten for a one-sided event); ``civilian_targeting``: "Civilian targeting" when the target is civilian;
- ``iso`` (numeric), ``country``, ``admin1`` (the name of the place's first-level division when known), ``location``,
  ``latitude``, ``longitude``, ``geo_precision`` (1 a city, 2 another point, 3 a region or a country); ``region``,
  ``admin2`` and ``admin3`` stay empty (eventlens does not resolve them);
- ``source``: the publisher; ``notes``: the sentence, with eventlens's article and event ids and offsets;
  ``fatalities``: the death toll given with the event, 0 when none is (ACLED's rule for none reported);
  ``timestamp``: when eventlens stored the article (Unix time); ``source_scale`` and ``tags`` stay empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import IO, Any

import duckdb

from ..cells import csv_cell, csv_writer
from ..query.filters import Filters
from ..resources import data_path, load_yaml
from .gdelt import global_event_id
from .geo import ACLED_GEO_PRECISION, admin1_name, country, country_name
from .rows import event_rows

#: ACLED's export columns, in its order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: The PLOVER → ACLED table.
TABLE_FILE = data_path("acled", "plover_to_acled.yaml")
#: ACLED's inter codes for protesters, rioters and civilians.
RIOTERS, PROTESTERS, CIVILIANS, STATE_FORCES = 5, 6, 7, 1


@dataclass(frozen=True)
class _Table:
    events: tuple[dict[str, Any], ...]
    disorder: dict[str, str]
    sub_events: dict[str, str]
    inter: dict[str, int]
    external: frozenset[str]
    armed: frozenset[str]
    civilian: frozenset[str]
    state_forces: dict[str | None, str]


@cache
def table() -> _Table:
    """The PLOVER → ACLED table, read once."""
    data = load_yaml(TABLE_FILE)
    return _Table(
        events=tuple(data["events"]),
        disorder=dict(data["disorder"]),
        sub_events=dict(data["sub_events"]),
        inter={str(k): int(v) for k, v in data["inter"].items()},
        external=frozenset(data["external"]),
        armed=frozenset(data["armed"]),
        civilian=frozenset(data["civilian"]),
        state_forces=dict(data["state_forces"]),
    )


def _side(row: dict[str, Any], prefix: str) -> str | None:
    """``armed``, ``civilian`` or ``None`` (unknown) for a party."""
    if row[f"{prefix}_text"] is None:
        return None
    sector, code = row[f"{prefix}_sector"], row[f"{prefix}_code"]
    t = table()
    if sector in t.armed or (sector is None and country(code) is not None) or code in t.external:
        return "armed"
    if sector in t.civilian:
        return "civilian"
    return None


def acled_type(row: dict[str, Any]) -> tuple[str, str] | None:
    """ACLED's (event_type, sub_event_type) for a flat row, or ``None`` when the event has no ACLED equivalent."""
    if row["factuality"] != "asserted":
        return None
    target = _side(row, "recipient")
    for rule in table().events:
        if rule["type"] != row["type"]:
            continue
        if "mode" in rule and rule["mode"] != row["mode"]:
            continue
        if "recipient" in rule and rule["recipient"] != target:
            continue
        return rule["event_type"], rule["sub_event_type"]
    return None


def disorder_type(event_type: str, sub_event_type: str) -> str:
    t = table()
    return t.sub_events.get(sub_event_type) or t.disorder[event_type]


def inter_code(row: dict[str, Any], prefix: str, event_type: str) -> int | None:
    """ACLED's inter code of a party (``None`` when its sector does not say)."""
    if row[f"{prefix}_text"] is None:
        return None
    if prefix == "actor" and event_type == "Protests":
        return PROTESTERS
    if prefix == "actor" and event_type == "Riots":
        return RIOTERS
    sector, code = row[f"{prefix}_sector"], row[f"{prefix}_code"]
    t = table()
    if code in t.external:
        return t.inter.get("IGO")
    if sector in t.inter:
        return t.inter[sector]
    return STATE_FORCES if sector is None and country(code) is not None else None


def actor_name(row: dict[str, Any], prefix: str, inter: int | None) -> str | None:
    """ACLED's name for a party: state forces, protesters, rioters and civilians by country, else its own name."""
    own: str | None = row[f"{prefix}_name"] or row[f"{prefix}_text"]
    code, sector = row[f"{prefix}_code"], row[f"{prefix}_sector"]
    state = country_name(code)
    where = state or country_name(row["location_country"])
    if inter == STATE_FORCES and state and sector in table().state_forces:
        return table().state_forces[sector].format(country=state)
    group = {PROTESTERS: "Protesters", RIOTERS: "Rioters", CIVILIANS: "Civilians"}.get(inter or 0)
    if group and (inter != CIVILIANS or sector == "CVL"):
        return f"{group} ({where})" if where else group
    return own


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _time_precision(row: dict[str, Any]) -> int:
    granularity = row["date_granularity"] if row["date_text"] is not None else None
    if granularity == "day" and row["date_source"] != "published":
        return 1
    if granularity in ("month", "year", "decade"):
        return 3
    return 2


def to_acled(row: dict[str, Any]) -> dict[str, Any] | None:
    """The ACLED columns of one flat row, or ``None`` when the event has no ACLED equivalent."""
    found = acled_type(row)
    if found is None:
        return None
    event_type, sub_event_type = found
    day: dt.date | None = row["day"]
    iso3, feature = row["location_country"], row["location_feature"]
    place_country = country(iso3)
    inter1 = inter_code(row, "actor", event_type)
    inter2 = inter_code(row, "recipient", event_type)
    actor1, actor2 = actor_name(row, "actor", inter1), actor_name(row, "recipient", inter2)
    own1 = row["actor_name"] or row["actor_text"]
    own2 = row["recipient_name"] or row["recipient_text"]
    ingested: dt.datetime | None = row["article_ingested"]
    start, end = row["sentence_start"], row["sentence_end"]
    notes = f"{row['sentence']} [eventlens article {row['article_id']}, event {row['event_id']}, chars {start}-{end}]"
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}EL{global_event_id(row['article_id'], row['event_id'])}",
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": _time_precision(row),
        "disorder_type": disorder_type(event_type, sub_event_type),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": own1 if own1 != actor1 else None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": own2 if own2 != actor2 else None,
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if _side(row, "recipient") == "civilian" else None,
        "iso": place_country.isonum if place_country else None,
        "country": place_country.name if place_country else None,
        "admin1": admin1_name(iso3, row["location_admin1"]) or (row["location_name"] if feature == "region" else None),
        "location": row["location_name"],
        "latitude": row["location_lat"],
        "longitude": row["location_lon"],
        "geo_precision": ACLED_GEO_PRECISION.get(feature or "") if row["location_name"] else None,
        "source": row["article_source"] or row["article_url"],
        "notes": notes,
        "fatalities": int(row["dead"]) if row["dead"] is not None else 0,
        "timestamp": int(ingested.timestamp()) if ingested else None,
    }


def write_acled(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` that ACLED records as ACLED CSV with a header; returns how many."""
    writer = csv_writer(out)
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for row in event_rows(con, filters):
        acled = to_acled(row)
        if acled is None:
            continue
        writer.writerow([csv_cell(acled.get(c)) for c in ACLED_COLUMNS])
        n += 1
    return n


__all__ = [
    "ACLED_COLUMNS",
    "acled_type",
    "actor_name",
    "disorder_type",
    "inter_code",
    "table",
    "to_acled",
    "write_acled",
]
