"""GDELT 2.0: the event table and the mentions table, laid out as GDELT's codebooks give them (#15).

**Events** (``events.tsv``): the 61 columns of the GDELT Event Codebook V2.0, tab-separated, no header line, one
event a line, no tab or line break inside a field (:func:`~eventlens.cells.tsv_cell`). What each column holds:

- ``GLOBALEVENTID``: an integer, the same for the same event in every export (:func:`global_event_id`: a 53-bit hash
  of the article id and the event id, so it survives JSON and spreadsheets); ``SQLDATE``, ``MonthYear``, ``Year``,
  ``FractionDate`` (year + (day of year - 1) / 365): the event's day;
- ``Actor1Code`` (CAMEO style: the code followed by the sector, ``RUSMIL``), ``Actor1Name``, ``Actor1CountryCode``
  (the code when it is a country's), ``Actor1Type1Code`` (the sector); the same for Actor2 (the recipient). Known
  group, ethnic, religion and second and third type codes stay empty: eventlens does not code them;
- ``IsRootEvent``: 1 when the event's sentence is in the article's first paragraph (no line break before it);
- ``EventCode``/``EventBaseCode``/``EventRootCode``: CAMEO, read backwards from the CAMEO2PLOVER crosswalk
  (:mod:`eventlens.export.cameo`); ``QuadClass`` 1–4; ``GoldsteinScale``: that CAMEO code's standard weight
  (``eventlens/data/gdelt/goldstein.tsv``, GDELT's own table);
- ``NumMentions``, ``NumArticles``: the article and its syndicated copies; ``NumSources``: their distinct sources;
  ``AvgTone`` empty (eventlens measures no tone);
- ``ActionGeo_*``: the event's place. ``Type`` 1 country, 2 US state, 3 US city, 4 world city, 5 world state (a
  region), 0 none; ``CountryCode`` FIPS 10-4 (``eventlens/data/geo/countries.tsv``); ``ADM1Code`` the FIPS country code
  followed by the GeoNames admin1 code (FIPS 10-4 for most countries, the postal code for US states: ``USTX``), the
  country code alone for a country; ``ADM2Code`` empty; ``FeatureID`` the country or ADM1 code for countries and
  regions as in GDELT, else the GeoNames id (GDELT uses GNS/GNIS ids: join on coordinates or names, not on it).
  ``Actor1Geo_*`` and ``Actor2Geo_*`` (where each actor is from) are not known: ``Type`` 0, the rest empty;
- ``DATEADDED``: when eventlens stored the article (YYYYMMDDHHMMSS); ``SOURCEURL``: its URL (its id if it has none).

**Mentions** (``events.mentions.tsv``, written next to the events file): the 16 columns of GDELT's Mentions table, one
line per article that reports the event: the article it was read in, then each syndicated copy. ``SentenceID`` is
empty (eventlens keeps the sentence's character offsets, not its number: they are in ``Extras``);
``Actor1CharOffset``, ``Actor2CharOffset`` and ``ActionCharOffset`` are eventlens's character offsets (-1 when the
party is missing, and in a copy, where the event was not read again); ``InRawText`` is 1 in the article the event was
read in, 0 in a copy; ``Confidence`` (10–100) is the extractor's confidence when it gave one, else a documented rule
(:func:`confidence`), not a calibrated probability; ``MentionDocTone`` and ``MentionDocTranslationInfo`` are empty;
``Extras`` holds eventlens's ids and the sentence offsets as one XML element, which the codebook reserves it for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

import duckdb

from ..cells import tsv_cell
from ..query.filters import Filters
from ..resources import data_path
from .cameo import cameo_code, cameo_root
from .geo import country
from .rows import event_rows, export_sql

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: The event table's columns, as the GDELT Event Codebook V2.0 names and orders them.
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(
        f"{side}{name}"
        for side in ("Actor1", "Actor2")
        for name in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
            "Type1Code", "Type2Code", "Type3Code",
        )
    )
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    + ("NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"{side}Geo_{g}" for side in ("Actor1", "Actor2", "Action") for g in _GEO)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
#: The mentions table's columns, as the GDELT Event Codebook V2.0 names and orders them.
MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

#: PLOVER quad class → GDELT QuadClass.
QUAD_CLASS = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}
#: GDELT MentionType: a web page (the identifier is its URL), or a citation only.
WEB, CITATION_ONLY = 1, 2

#: What the GDELT rows need beyond the flat table: whether the sentence is in the lead paragraph, and how many
#: distinct sources the article and its copies have.
_EXTRA = (
    ("_lead", "position(chr(10) IN ltrim(substr(a.text, 1, e.sentence_start), chr(10) || chr(13) || ' ')) = 0"),
    (
        "_sources",
        "(SELECT count(DISTINCT coalesce(c.source, c.url, c.id)) FROM articles c WHERE c.id = a.id "
        "OR c.id IN (SELECT d.article_id FROM duplicates d WHERE d.original_id = a.id))",
    ),
)


def global_event_id(article_id: str, event_id: str) -> int:
    """The GDELT ``GLOBALEVENTID`` of an event: a positive 53-bit integer hashed from its article and event ids."""
    digest = hashlib.blake2b(f"{article_id}/{event_id}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") & (2**53 - 1)) or 1


def _table(name: str) -> list[list[str]]:
    lines = data_path("gdelt", name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")][1:]


@cache
def goldstein() -> dict[str, float]:
    """CAMEO code → its Goldstein scale weight (GDELT's table)."""
    return {code: float(weight) for code, weight in _table("goldstein.tsv")}


def goldstein_scale(code: str | None) -> float | None:
    """The weight of a CAMEO code (that of its base or root code when it has none of its own)."""
    if not code:
        return None
    table = goldstein()
    return next((table[c] for c in (code, code[:3], code[:2]) if c in table), None)


def _fraction(day: dt.date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def _stamp(value: dt.datetime | dt.date | None) -> str | None:
    return value.strftime("%Y%m%d%H%M%S") if value is not None else None


def action_geo(row: dict[str, Any]) -> dict[str, Any]:
    """The ``ActionGeo_*`` fields of a flat row (``Type`` 0 and nothing else when the event has no place)."""
    iso3, feature, admin1 = row["location_country"], row["location_feature"], row["location_admin1"]
    lat, lon = row["location_lat"], row["location_lon"]
    place_country = country(iso3)
    fips, country_name = (place_country.fips, place_country.name) if place_country else (None, None)
    if fips is None and lat is None:
        return {"Type": 0}
    us = fips == "US"
    adm1 = f"{fips}{admin1}" if fips and admin1 else None
    if feature == "country":
        kind, adm1, feature_id = 1, fips, fips
    elif feature == "region":
        kind, feature_id = (2 if us else 5), adm1 or row["location_geonameid"]
    else:  # a city, or another point (a facility, an area)
        kind, feature_id = (3 if us else 4), row["location_geonameid"]
    name = row["location_name"]
    full = (country_name or name) if kind == 1 else ", ".join(p for p in (name, country_name) if p)
    return {
        "Type": kind,
        "FullName": full,
        "CountryCode": fips,
        "ADM1Code": adm1,
        "Lat": lat,
        "Long": lon,
        "FeatureID": feature_id,
    }


def _actor_code(row: dict[str, Any], prefix: str) -> str | None:
    code, sector = row[f"{prefix}_code"], row[f"{prefix}_sector"]
    return (code or "") + (sector or "") or None


def to_gdelt(row: dict[str, Any]) -> dict[str, Any]:
    """The GDELT event columns of one flat row (with the ``_lead`` and ``_sources`` extras)."""
    day: dt.date | None = row["day"]
    code = cameo_code(row["type"], row["mode"])
    reach = 1 + int(row.get("article_copies") or 0)
    out: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(row["article_id"], row["event_id"]),
        "SQLDATE": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": _fraction(day) if day else None,
        "IsRootEvent": 1 if row.get("_lead") else 0,
        "EventCode": code,
        "EventBaseCode": code[:3] if code else None,
        "EventRootCode": cameo_root(code),
        "QuadClass": QUAD_CLASS.get(row["quad"]),
        "GoldsteinScale": goldstein_scale(code),
        "NumMentions": reach,
        "NumSources": row.get("_sources") or 1,
        "NumArticles": reach,
        "Actor1Geo_Type": 0,
        "Actor2Geo_Type": 0,
        "DATEADDED": _stamp(row["article_ingested"]),
        "SOURCEURL": row["article_url"] or row["article_id"],
    }
    for side, prefix in (("Actor1", "actor"), ("Actor2", "recipient")):
        if row[f"{prefix}_text"] is None:
            continue
        party_code = row[f"{prefix}_code"]
        out[f"{side}Code"] = _actor_code(row, prefix)
        out[f"{side}Name"] = row[f"{prefix}_name"] or row[f"{prefix}_text"]
        out[f"{side}CountryCode"] = party_code if country(party_code) else None
        out[f"{side}Type1Code"] = row[f"{prefix}_sector"]
    out.update({f"ActionGeo_{k}": v for k, v in action_geo(row).items()})
    return out


#: Confidence before the adjustments of :func:`confidence`, by factuality.
_BASE_CONFIDENCE = {"asserted": 100, "future": 60, "hypothetical": 50, "negated": 20}


def confidence(row: dict[str, Any]) -> int:
    """GDELT's ``Confidence`` (10–100, in tens): the extractor's own confidence when it gave one; else 100 for an
    event told as fact (60 announced, 50 hypothetical, 20 denied), less 20 when its actor has no code."""
    if row["confidence"] is not None:
        value = float(row["confidence"]) * 100
    else:
        value = _BASE_CONFIDENCE.get(row["factuality"], 50) - (20 if row["actor_code"] is None else 0)
    return int(min(100, max(10, round(value / 10) * 10)))


def _offset(value: int | None) -> int:
    return -1 if value is None else int(value)


def _mention_sql(filters: Filters) -> tuple[str, list[Any]]:
    sql, params = export_sql(filters, (*_EXTRA, ("_article_seq", "a.seq")))
    mentions = (
        "SELECT a.id AS original_id, a.id AS m_id, a.url AS m_url, a.source AS m_source, a.ingested AS m_ingested, "
        "a.n_chars AS m_len, true AS m_original, a.seq AS m_seq FROM articles a "
        "UNION ALL SELECT d.original_id, c.id, c.url, c.source, c.ingested, c.n_chars, false, c.seq "
        "FROM duplicates d JOIN articles c ON c.id = d.article_id"
    )
    return (
        f"SELECT ev.*, m.* FROM ({sql}) ev JOIN ({mentions}) m ON m.original_id = ev.article_id "
        "ORDER BY ev._article_seq, ev.seq, m.m_original DESC, m.m_seq",
        params,
    )


def _host(url: str | None) -> str | None:
    if not url or "//" not in url:
        return None
    return url.split("//", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0].removeprefix("www.") or None


def to_mention(row: dict[str, Any]) -> dict[str, Any]:
    """The GDELT mention columns of one (event, article reporting it) row of :func:`_mention_sql`."""
    original = bool(row["m_original"])
    extras = {
        "article_id": row["m_id"],
        "event": f"{row['article_id']}/{row['event_id']}",
        "sentence_start": row["sentence_start"] if original else None,
        "sentence_end": row["sentence_end"] if original else None,
        "plover_type": row["type"],
        "plover_mode": row["mode"],
        "factuality": row["factuality"],
    }
    attributes = " ".join(f"{k}={quoteattr(str(v))}" for k, v in extras.items() if v is not None)
    return {
        "GLOBALEVENTID": global_event_id(row["article_id"], row["event_id"]),
        "EventTimeDate": _stamp(row["article_ingested"]),
        "MentionTimeDate": _stamp(row["m_ingested"]),
        "MentionType": WEB if row["m_url"] else CITATION_ONLY,
        "MentionSourceName": row["m_source"] or _host(row["m_url"]),
        "MentionIdentifier": row["m_url"] or row["m_id"],
        "Actor1CharOffset": _offset(row["actor_start"]) if original else -1,
        "Actor2CharOffset": _offset(row["recipient_start"]) if original else -1,
        "ActionCharOffset": _offset(row["trigger_start"]) if original else -1,
        "InRawText": 1 if original else 0,
        "Confidence": confidence(row),
        "MentionDocLen": row["m_len"],
        "Extras": f"<EVENTLENS {attributes}/>",
    }


def _line(cells: dict[str, Any], columns: tuple[str, ...]) -> str:
    return "\t".join(tsv_cell(cells.get(c)) for c in columns) + "\n"


def write_gdelt(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` as GDELT 2.0 event lines (no header); returns how many."""
    n = 0
    for row in event_rows(con, filters, _EXTRA):
        out.write(_line(to_gdelt(row), GDELT_COLUMNS))
        n += 1
    return n


def mention_rows(con: duckdb.DuckDBPyConnection, filters: Filters) -> Iterator[dict[str, Any]]:
    """Each (event, article reporting it) pair as GDELT mention columns, the event's own article first."""
    sql, params = _mention_sql(filters)
    cursor = con.cursor()
    try:
        cursor.execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        while batch := cursor.fetchmany(2000):
            for values in batch:
                yield to_mention(dict(zip(names, values, strict=True)))
    finally:
        cursor.close()


def write_gdelt_mentions(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the mentions of the events matching ``filters`` as GDELT 2.0 mention lines; returns how many lines."""
    n = 0
    for mention in mention_rows(con, filters):
        out.write(_line(mention, MENTION_COLUMNS))
        n += 1
    return n


def mentions_path(events_path: str | Path) -> Path:
    """Where the mentions file of an events file goes: ``events.tsv`` → ``events.mentions.tsv``."""
    path = Path(events_path)
    return path.with_name(f"{path.stem}.mentions{path.suffix or '.tsv'}")


__all__ = [
    "GDELT_COLUMNS",
    "MENTION_COLUMNS",
    "QUAD_CLASS",
    "action_geo",
    "confidence",
    "global_event_id",
    "goldstein",
    "goldstein_scale",
    "mention_rows",
    "mentions_path",
    "to_gdelt",
    "to_mention",
    "write_gdelt",
    "write_gdelt_mentions",
]
