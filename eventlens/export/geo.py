"""What the exports say about an event's place, in each standard's terms (#15).

The store keeps a place's precision as its GeoNames-style ``feature`` (``country``: a country's representative point;
``region``: a first-level division or another area; ``city``: the city's own point; ``other``) and its GeoNames
``admin1`` code. GDELT, PLOVER and ACLED each have their own scale for the same thing; this module maps to them, and
names countries and first-level divisions (``eventlens/data/geo/``, from GeoNames).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..resources import data_path

#: The precisions a place can have, as the flat table's ``location_feature`` holds them.
FEATURES = ("country", "region", "city", "other")
#: PLOVER's ``resolution`` (5 sub-city, 4 city, 3 district, 2 province, 1 country).
PLOVER_RESOLUTION = {"country": 1, "region": 2, "city": 4}
#: ACLED's ``geo_precision`` (1: the town itself; 2: a part of a region, near a town; 3: a province or larger area,
#: or a country).
ACLED_GEO_PRECISION = {"city": 1, "other": 2, "region": 3, "country": 3}


@dataclass(frozen=True)
class Country:
    """A country's codes and name (``eventlens/data/geo/countries.tsv``)."""

    iso3: str
    iso2: str
    fips: str | None
    isonum: int | None
    name: str


def _rows(name: str) -> list[list[str]]:
    lines = data_path("geo", name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")][1:]


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-3 → the country's codes and name."""
    return {
        iso3: Country(iso3, iso2, fips or None, int(num) if num else None, name)
        for iso3, iso2, fips, num, name in _rows("countries.tsv")
    }


@cache
def _admin1() -> dict[str, str]:
    return {code: name for code, name in _rows("admin1.tsv")}


def country(iso3: str | None) -> Country | None:
    """The country of an ISO alpha-3 code (``None`` for a code that is not a country's: ``NATO``, ``EU``)."""
    return countries().get(iso3 or "")


def country_name(iso3: str | None) -> str | None:
    """The English name of a country."""
    found = country(iso3)
    return found.name if found else None


def fips_code(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of a country."""
    found = country(iso3)
    return found.fips if found else None


def admin1_name(iso3: str | None, admin1: str | None) -> str | None:
    """The name of a country's first-level division from its GeoNames admin1 code (``None`` when unknown)."""
    found = country(iso3)
    if found is None or not admin1:
        return None
    return _admin1().get(f"{found.iso2}.{admin1}")


__all__ = [
    "ACLED_GEO_PRECISION",
    "FEATURES",
    "PLOVER_RESOLUTION",
    "Country",
    "admin1_name",
    "countries",
    "country",
    "country_name",
    "fips_code",
]
