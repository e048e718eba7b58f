"""GDELT-style TSV: the GDELT 2.0 event table's columns (tab-separated, with a header line), plus eventlens columns.

GDELT columns filled: ``GLOBALEVENTID`` (article id and event id), ``SQLDATE``, ``MonthYear``, ``Year``,
``FractionDate``, ``Actor1Code``/``Name``/``CountryCode``/``Type1Code`` (the PLOVER sector), the same for Actor2,
``IsRootEvent``, ``EventCode``/``EventBaseCode``/``EventRootCode`` (CAMEO, read backwards from the bundled
CAMEO2PLOVER crosswalk: see :mod:`eventlens.export.cameo`), ``QuadClass`` (1–4), ``NumMentions``/``NumSources``/
``NumArticles`` (the article and its syndicated copies: reach, not extra events), ``ActionGeo_*`` (the event's
location), ``DATEADDED``, ``SOURCEURL``. ``Actor1Geo_*``/``Actor2Geo_*``, ``GoldsteinScale`` and ``AvgTone`` are
left empty: eventlens does not produce them, and an empty cell is more honest than an invented one.

eventlens columns after them keep each row auditable: ``PloverType``, ``PloverMode``, ``Factuality``,
``Historical``, ``CooperationConflict`` (the quad weight), ``ArticleID``, ``EventID``, ``SentenceStart``,
``SentenceEnd``, ``TriggerStart``, ``TriggerEnd``, ``Sentence``.

GDELT files have no quoting: a break inside a value becomes a space and text that could start a spreadsheet formula
is neutralised (:func:`~eventlens.export.cells.tsv_cell`), so the file has one line per event.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

import duckdb

from ..query.filters import Filters
from ..query.sql import QUAD_WEIGHTS
from .cameo import cameo_code, cameo_root
from .cells import tsv_cell
from .plover import QUAD_CODE
from .rows import event_rows

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
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
EXTRA_COLUMNS = (
    "PloverType", "PloverMode", "Factuality", "Historical", "CooperationConflict", "ArticleID", "EventID",
    "SentenceStart", "SentenceEnd", "TriggerStart", "TriggerEnd", "Sentence",
)  # fmt: skip
COLUMNS = GDELT_COLUMNS + EXTRA_COLUMNS


def _fraction(day: dt.date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def to_gdelt(row: dict[str, Any]) -> dict[str, Any]:
    """The GDELT-style columns of one exported event row."""
    day: dt.date | None = row["day"]
    code = cameo_code(row["type"], row["mode"])
    reach = 1 + int(row.get("article_copies") or 0)
    out: dict[str, Any] = {
        "GLOBALEVENTID": f"{row['article_id']}-{row['event_id']}",
        "SQLDATE": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": _fraction(day) if day else None,
        "IsRootEvent": 1,
        "EventCode": code,
        "EventBaseCode": code[:3] if code else None,
        "EventRootCode": cameo_root(code),
        "QuadClass": QUAD_CODE.get(row["quad"]),
        "NumMentions": reach,
        "NumSources": reach,
        "NumArticles": reach,
        "DATEADDED": day.strftime("%Y%m%d") if day else None,
        "SOURCEURL": row.get("article_url"),
        "PloverType": row["type"],
        "PloverMode": row["mode"],
        "Factuality": row["factuality"],
        "Historical": row["historical"],
        "CooperationConflict": QUAD_WEIGHTS.get(row["quad"]),
        "ArticleID": row["article_id"],
        "EventID": row["event_id"],
        "SentenceStart": row["sentence_start"],
        "SentenceEnd": row["sentence_end"],
        "TriggerStart": row["trigger_start"],
        "TriggerEnd": row["trigger_end"],
        "Sentence": row["sentence"],
    }
    for side, prefix in (("Actor1", "actor"), ("Actor2", "recipient")):
        if row[f"{prefix}_text"] is not None:
            out[f"{side}Code"] = row[f"{prefix}_code"]
            out[f"{side}Name"] = row[f"{prefix}_name"] or row[f"{prefix}_text"]
            out[f"{side}CountryCode"] = row[f"{prefix}_code"] if len(row[f"{prefix}_code"] or "") == 3 else None
            out[f"{side}Type1Code"] = row[f"{prefix}_sector"]
    if row["location_name"] is not None or row["location_geonameid"] is not None:
        out["ActionGeo_Type"] = 1 if row["location_country"] and not row["location_geonameid"] else 4
        out["ActionGeo_FullName"] = row["location_name"]
        out["ActionGeo_CountryCode"] = row["location_country"]
        out["ActionGeo_Lat"] = row["location_lat"]
        out["ActionGeo_Long"] = row["location_lon"]
        out["ActionGeo_FeatureID"] = row["location_geonameid"]
    return out


def write_gdelt(con: duckdb.DuckDBPyConnection, filters: Filters, out: IO[str]) -> int:
    """Write the events matching ``filters`` as GDELT-style TSV with a header line; returns how many."""
    out.write("\t".join(COLUMNS) + "\n")
    n = 0
    for row in event_rows(con, filters):
        cells = to_gdelt(row)
        out.write("\t".join(tsv_cell(cells.get(c)) for c in COLUMNS) + "\n")
        n += 1
    return n


__all__ = ["COLUMNS", "EXTRA_COLUMNS", "GDELT_COLUMNS", "to_gdelt", "write_gdelt"]
