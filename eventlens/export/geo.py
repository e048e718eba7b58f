"""What the exports say about an event's place, in each standard's terms (#15).

The store keeps a place's precision as its GeoNames-style ``feature`` (``country``: a country's representative point;
``region``: a first-level division or another area; ``city``: the city's own point; ``other``) and its GeoNames
``admin1`` code. GDELT, PLOVER and ACLED each have their own scale for the same thing; this module maps to them, and
names countries (``eventlens/data/gdelt/fips.tsv``: ISO alpha-3 → FIPS 10-4 and name, from GeoNames).
"""

from __future__ import annotations

from functools import cache

from ..resources import data_path

#: The precisions a place can have, as the flat table's ``location_feature`` holds them.
FEATURES = ("country", "region", "city", "other")
#: PLOVER's ``resolution`` (5 sub-city, 4 city, 3 district, 2 province, 1 country).
PLOVER_RESOLUTION = {"country": 1, "region": 2, "city": 4}
#: ACLED's ``geo_precision`` (1: the town itself; 2: a part of a region, near a town; 3: a province or larger area,
#: or a country).
ACLED_GEO_PRECISION = {"city": 1, "other": 2, "region": 3, "country": 3}


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 → (FIPS 10-4 code, country name)."""
    lines = data_path("gdelt", "fips.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")][1:]
    return {iso3: (fips, name) for iso3, fips, name in rows}


def country_name(iso3: str | None) -> str | None:
    """The English name of a country (``None`` for a code that is not a country's)."""
    return countries().get(iso3 or "", (None, None))[1]


def fips_code(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of a country (``None`` for a code that is not a country's)."""
    return countries().get(iso3 or "", (None, None))[0]


__all__ = ["ACLED_GEO_PRECISION", "FEATURES", "PLOVER_RESOLUTION", "countries", "country_name", "fips_code"]
