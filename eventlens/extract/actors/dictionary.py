"""The actor dictionary: states, organisations, people and sector cues, read from data files.

The bundled dictionary lives in ``eventlens/data/actors/*.yaml`` (its format is documented in the README there).
Under it lies a built-in layer, the Phoenix dictionaries of PETRARCH2 (``data/actors/phoenix/``, MIT): some
thousands of leaders and officials with the dates they held office, organisations, armed groups, and agents (role
words such as "police" → COP). eventlens's own entries win: a Phoenix entry that shares a name with one of them
is left out (:func:`add_layer`).

Users add their own with ``--actors FILE`` (``Settings.actor_files``) in one of three formats:

* eventlens YAML (the bundled format: ``states``, ``organisations``, ``people``, ``sectors``, ``anaphors``);
* CSV with a header row: ``name,code,sector,kind,role,aliases`` (``aliases`` separated by ``|``; only ``name``
  is required);
* PETRARCH/TABARI ``.actors`` text: ``PRESIDENT_GEORGE_W._BUSH [USAGOV 20010120-20090120]``, ``+BUSH_`` synonym
  lines and indented date restrictions (``[USAGOV 20010120-20090120]``, ``[USAELI <20010120]``, ``[USA]``), or
  an agents file (``Phoenix.agents.txt``: ``POLICE_OFFICER [~COP]``). CAMEO-style codes are split by the table in
  ``data/actors/cameo_codes.yaml``: ``USAGOV`` → code ``USA``, sector ``GOV``; ``IGOWSTNAT`` → ``NATO``.

Malformed YAML or CSV raises :class:`~eventlens.errors.ConfigError` naming the file and line. A PETRARCH file is
read the way PETRARCH reads it: what cannot be read is skipped, with one warning per file (the count and the first
few ``file:line`` reasons, logged on this module's logger); a file most of whose lines cannot be read is an error.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from ...resources import SafeLoader, cached_json, data_path, fingerprint, load_yaml, no_gc, read_json, store_json

log = logging.getLogger(__name__)

DATA_DIR = data_path("actors")
BUNDLED_FILES = ("states.yaml", "organisations.yaml", "people.yaml", "sectors.yaml")
KINDS = ("person", "state", "organisation", "group")
#: How CAMEO codes become eventlens codes and sectors.
CAMEO_TABLE = DATA_DIR / "cameo_codes.yaml"
#: The Phoenix dictionaries (PETRARCH2's, MIT), shipped as a layer under eventlens's own, and what each holds
#: (None: guessed per entry).
PHOENIX_DIR = DATA_DIR / "phoenix"
PHOENIX_ACTORS: tuple[tuple[str, str | None], ...] = (
    ("Phoenix.Countries.actors.txt", None),
    ("Phoenix.International.actors.txt", None),
    ("Phoenix.MilNonState.actors.txt", "group"),
)
PHOENIX_AGENTS = "Phoenix.agents.txt"
#: Phoenix agents eventlens does not use (words for events and ideas rather than people).
PHOENIX_LEFT_OUT = "left_out.yaml"
#: Bump when the PETRARCH reader changes what it makes of a file: cached layers are then read again.
LAYER_FORMAT = 4
#: A PETRARCH file with more than this share of its entry lines unreadable is refused, not read in part.
MAX_UNREADABLE = 0.5
#: How many ``file:line`` reasons the warning about skipped lines quotes, and how many a report keeps.
REASONS_SHOWN = 3
REASONS_KEPT = 20


@dataclass(frozen=True, slots=True)
class Period:
    """A code that holds for a span of dates (``YYYYMMDD`` strings, inclusive; None = open)."""

    code: str | None
    sector: str | None
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str | None) -> bool:
        """Whether the period covers ``day`` (``YYYYMMDD``); an undated period holds on any day."""
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Entry:
    """One actor the dictionary knows: a state, an organisation or group, or a person.

    ``names`` are matched as written (case-sensitively) unless ``fold_case`` (PETRARCH dictionaries, written in
    capitals, are matched in any case but must start with a capital in the text).
    """

    name: str
    code: str | None
    sector: str | None = None
    kind: str = "organisation"
    role: str | None = None
    names: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    fold_case: bool = False
    anaphors: list[str] = field(default_factory=list)
    layer: bool = False  # from the built-in Phoenix layer: the text's own evidence about a person wins over it

    def coded_on(self, published: str | None) -> tuple[str | None, str | None]:
        """The (code, sector) in force on ``published`` (an ISO date).

        A dated period that covers the day wins (the first, in dictionary order); else the undated code; else,
        with no date to go by, the latest period (an undated article is taken to be recent); else, on a day no
        period covers, the country the periods share with no sector: a leader is GOV while in office, not before
        or after.
        """
        day = published.replace("-", "")[:8] if published else None
        if day is not None:
            for period in self.periods:
                if (period.start or period.end) and period.holds_on(day):
                    return period.code, period.sector
        if self.code is not None or self.sector is not None or not self.periods:
            return self.code, self.sector
        undated = [p for p in self.periods if p.start is None and p.end is None]
        if undated:
            return undated[0].code, undated[0].sector
        if day is None:
            latest = max(self.periods, key=lambda p: (p.end or "99999999", p.start or ""))
            return latest.code, latest.sector
        countries = {p.code for p in self.periods}
        return (countries.pop() if len(countries) == 1 else None), None

    @property
    def null(self) -> bool:
        """Whether the entry codes nothing at all (PETRARCH's ``[---]``: a name that is no actor)."""
        codes = [(self.code, self.sector), *((p.code, p.sector) for p in self.periods)]
        return all(code is None and sector is None for code, sector in codes)


@dataclass(slots=True)
class StateEntry(Entry):
    """A state: its names, demonyms and capitals (used as metonyms for its government)."""

    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    seats: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Anaphor:
    """A definite description that refers back ("the country" → the last state)."""

    kind: str  # state | any
    sector: str | None = None


@dataclass
class ActorDictionary:
    """Everything the actors stage matches against, merged from the bundled data and user files."""

    states: dict[str, StateEntry] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)  # organisations, groups and people
    titles: dict[str, str] = field(default_factory=dict)  # lower-case title phrase → sector
    nouns: dict[str, str] = field(default_factory=dict)  # lower-case group noun phrase → sector
    title_modifiers: set[str] = field(default_factory=set)
    anaphors: dict[str, Anaphor] = field(default_factory=dict)
    government_of_person: dict[str, str | None] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)  # lower-case role word → sector (PETRARCH agents)
    _people: dict[str, Entry] | None = field(default=None, repr=False, compare=False)

    def add(self, entry: Entry) -> None:
        if isinstance(entry, StateEntry) and entry.code:
            self.states[entry.code] = entry
        else:
            self.entries.append(entry)
            self._people = None

    def person_named(self, text: str) -> Entry | None:
        """The person entry one of whose names is ``text`` (as written; in any case for PETRARCH entries)."""
        if self._people is None:
            people: dict[str, Entry] = {}
            for entry in self.entries:
                if entry.kind == "person":
                    for name in (entry.name, *entry.names):
                        people.setdefault(f"\0{name.lower()}" if entry.fold_case else name, entry)
            self._people = people
        return self._people.get(text) or self._people.get(f"\0{text.lower()}")

    def state_name(self, code: str | None) -> str | None:
        state = self.states.get(code or "")
        return state.name if state else None


class FoldedNames:
    """The names of the entries matched in any case (PETRARCH's), as sequences of lower-case token hashes.

    A plain dict rather than a spaCy ``PhraseMatcher``: the Phoenix layer's ~29,000 names cost a matcher some
    40 MB of trie nodes, a dict a fraction of that, and a lookup per token is as quick. ``tokenize`` gives the
    ``LOWER`` hashes of a phrase's tokens the way the pipeline's tokenizer splits it.
    """

    def __init__(
        self, dictionary: ActorDictionary, tokenize: Callable[[str], Sequence[int]], hyphen: int | None = None
    ) -> None:
        self.hyphen = hyphen
        self.entries: dict[tuple[int, ...], list[int]] = {}
        for index, entry in enumerate(dictionary.entries):
            if not entry.fold_case:
                continue
            for name in {n.lower() for n in (entry.name, *entry.names) if n.strip()}:
                key = tuple(t for t in tokenize(name) if t != hyphen)
                if not key:
                    continue
                indexes = self.entries.setdefault(key, [])
                if index not in indexes:
                    indexes.append(index)
        self.lengths = self._lengths(self.entries)

    @staticmethod
    def _lengths(entries: dict[tuple[int, ...], list[int]]) -> dict[int, tuple[int, ...]]:
        lengths: dict[int, set[int]] = {}
        for key in entries:
            lengths.setdefault(key[0], set()).add(len(key))
        return {first: tuple(sorted(n)) for first, n in lengths.items()}

    @classmethod
    def cached(
        cls,
        dictionary: ActorDictionary,
        tokenize: Callable[[str], Sequence[int]],
        hyphen: int | None,
        tokenizer: str,
        *,
        cache_dir: str | None = None,
    ) -> FoldedNames:
        """The index built once and cached on disk (:func:`eventlens.resources.cached_json`) under a key made of
        what it is built from: each folded entry's index and names, the identity of ``tokenize`` (``tokenizer``:
        model, spaCy version, the code around it), the hyphen's hash and this module's source. A change to the
        dictionary, its files or the code that reads them changes the key: a stale index is never read."""
        names = [
            f"{index}\x1e{entry.name}\x1f{chr(31).join(entry.names)}"
            for index, entry in enumerate(dictionary.entries)
            if entry.fold_case
        ]
        key = fingerprint(tokenizer, str(hyphen), "\x1d".join(names), Path(__file__).read_bytes())

        def build() -> dict[str, Any]:
            built = cls(dictionary, tokenize, hyphen)
            return {"keys": list(built.entries), "indexes": list(built.entries.values())}

        with no_gc():
            raw = cached_json("actor-folded-names", key, build, cache_dir=cache_dir)
            folded = cls.__new__(cls)
            folded.hyphen = hyphen
            try:
                folded.entries = {tuple(k): list(v) for k, v in zip(raw["keys"], raw["indexes"], strict=True)}
                folded.lengths = cls._lengths(folded.entries)
            except (KeyError, TypeError, ValueError, IndexError):  # a damaged file: build it, never trust it
                return cls(dictionary, tokenize, hyphen)
        return folded

    def find(self, lowers: Sequence[int]) -> Iterator[tuple[int, int, int]]:
        """Every (start, end, entry index) whose name the token hashes ``lowers`` hold, overlaps included. Hyphens
        count as spaces: PETRARCH writes "TER_PETROSYAN" for the "Ter-Petrosyan" of the news, and the reverse."""
        at = [i for i, t in enumerate(lowers) if t != self.hyphen]
        words = [lowers[i] for i in at]
        for n, first in enumerate(words):
            for length in self.lengths.get(first, ()):
                if n + length > len(words):
                    break  # lengths are sorted
                for index in self.entries.get(tuple(words[n : n + length]), ()):
                    yield at[n], at[n + length - 1] + 1, index


# --------------------------------------------------------------------------------------------------------- YAML


class _LineLoader(SafeLoader):
    """A safe loader that records each mapping's line (``__line__``) so errors can name it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strs(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return [str(v) for v in value]


def _opt_str(item: dict[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise ConfigError(f"{where}: {key!r} must be a string")
    return str(value)


def _yaml_entry(item: Any, path: Path, section: str) -> Entry:
    line = item.get("__line__", "?") if isinstance(item, dict) else "?"
    where = f"{path}:{line}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: each entry under {section!r} must be a mapping with a 'name'")
    name = _opt_str(item, "name", where)
    if not name:
        raise ConfigError(f"{where}: entry under {section!r} has no 'name'")
    code = _opt_str(item, "code", where)
    sector = _opt_str(item, "sector", where)
    if sector is not None:
        sector = sector.upper()
    names = _strs(item.get("names"), where, "names")
    if section == "states":
        if not code or not re.fullmatch(r"[A-Z]{3}", code):
            raise ConfigError(f"{where}: state {name!r} needs a three-letter ISO 3166-1 alpha-3 'code'")
        return StateEntry(
            name=name,
            code=code,
            sector=sector,
            kind="state",
            names=names,
            demonyms=_strs(item.get("demonyms"), where, "demonyms"),
            capitals=_strs(item.get("capitals"), where, "capitals"),
            seats=_strs(item.get("seats"), where, "seats"),
        )
    kind = _opt_str(item, "kind", where) or ("person" if section == "people" else "organisation")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    periods = [_yaml_period(p, where) for p in item.get("periods") or []]
    return Entry(
        name=name,
        code=code,
        sector=sector,
        kind=kind,
        role=_opt_str(item, "role", where),
        names=names,
        periods=periods,
        anaphors=[a.lower() for a in _strs(item.get("anaphors"), where, "anaphors")],
    )


def _yaml_period(item: Any, where: str) -> Period:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: each of 'periods' must be a mapping with code, sector, from, until")
    dates = [_opt_str(item, k, where) for k in ("from", "until")]
    start, end = (d.replace("-", "") if d else None for d in dates)
    return Period(_opt_str(item, "code", where), _opt_str(item, "sector", where), start, end)


def _yaml_sectors(raw: Any, path: Path, into: ActorDictionary) -> None:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 'sectors' must map sector codes to titles and nouns")
    for sector, spec in raw.items():
        if sector == "__line__":
            continue
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: sector {sector!r} must have 'titles' and/or 'nouns' lists")
        for title in _strs(spec.get("titles"), where, "titles"):
            into.titles.setdefault(title.lower(), str(sector).upper())
        for noun in _strs(spec.get("nouns"), where, "nouns"):
            into.nouns.setdefault(noun.lower(), str(sector).upper())


YAML_SECTIONS = (
    "states",
    "organisations",
    "people",
    "sectors",
    "title_modifiers",
    "anaphors",
    "government_of_person",
)


def read_yaml(path: Path, into: ActorDictionary) -> None:
    """Read an eventlens actor YAML file into ``into``."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{line}: not valid YAML: {getattr(e, 'problem', None) or e}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read actor dictionary: {e}") from e
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}:1: an actor YAML file is a mapping with keys {', '.join(YAML_SECTIONS)}")
    unknown = [k for k in raw if k not in YAML_SECTIONS and k != "__line__"]
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (expected {', '.join(YAML_SECTIONS)})")
    for section in ("states", "organisations", "people"):
        items = raw.get(section) or []
        if not isinstance(items, list):
            raise ConfigError(f"{path}: {section!r} must be a list of entries")
        for item in items:
            into.add(_yaml_entry(item, path, section))
    if "sectors" in raw:
        _yaml_sectors(raw["sectors"], path, into)
    into.title_modifiers.update(m.lower() for m in _strs(raw.get("title_modifiers"), str(path), "title_modifiers"))
    for phrase, spec in (raw.get("anaphors") or {}).items():
        if phrase == "__line__":
            continue
        if not isinstance(spec, dict) or spec.get("kind") not in ("state", "any"):
            raise ConfigError(f"{path}: anaphor {phrase!r} needs kind: state or kind: any")
        into.anaphors[str(phrase).lower()] = Anaphor(str(spec["kind"]), spec.get("sector"))
    for word, code in (raw.get("government_of_person") or {}).items():
        if word != "__line__":
            into.government_of_person[str(word).lower()] = code


# ---------------------------------------------------------------------------------------------------------- CSV

CSV_COLUMNS = ("name", "code", "sector", "kind", "role", "aliases")


def read_csv(path: Path, into: ActorDictionary) -> None:
    """Read a CSV actor list (header ``name,code,sector,kind,role,aliases``) into ``into``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read actor dictionary: {e}") from e
    rows = csv.reader(text.splitlines())
    header = [h.strip().lower() for h in next(rows, [])]
    if "name" not in header:
        raise ConfigError(
            f"{path}:1: a CSV actor list needs a header row with a 'name' column ({','.join(CSV_COLUMNS)})"
        )
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise ConfigError(f"{path}:1: unknown column {unknown[0]!r} (expected {','.join(CSV_COLUMNS)})")
    for line_no, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ConfigError(f"{path}:{line_no}: {len(row)} fields where the header has {len(header)}")
        cells = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        if not cells["name"]:
            raise ConfigError(f"{path}:{line_no}: the 'name' field is empty")
        kind = cells.get("kind") or "person"
        if kind not in KINDS:
            raise ConfigError(f"{path}:{line_no}: kind {kind!r} is not one of {', '.join(KINDS)}")
        into.add(
            Entry(
                name=cells["name"],
                code=cells.get("code") or None,
                sector=(cells.get("sector") or "").upper() or None,
                kind=kind,
                role=cells.get("role") or None,
                names=[a.strip() for a in (cells.get("aliases") or "").split("|") if a.strip()],
            )
        )


# ----------------------------------------------------------------------------------------------------- PETRARCH


@dataclass(frozen=True)
class CameoCodes:
    """How CAMEO-style codes map to eventlens's (code, sector): the table in ``data/actors/cameo_codes.yaml``."""

    countries: dict[str, str]
    no_country: frozenset[str]
    kinds: dict[str, str | None]
    kind_roles: frozenset[str]
    home_kinds: frozenset[str]
    igos: dict[str, str]
    sectors: dict[str, str]
    refine: dict[str, frozenset[str]]
    identities: dict[str, str]
    agent_sectors: dict[str, str]


@lru_cache(maxsize=1)
def cameo_codes() -> CameoCodes:
    """The CAMEO code table (read once per process)."""
    raw = load_yaml(CAMEO_TABLE)

    def table(key: str) -> dict[str, Any]:
        return {str(k).upper(): v for k, v in (raw.get(key) or {}).items()}

    return CameoCodes(
        countries={k: str(v) for k, v in table("countries").items()},
        no_country=frozenset(str(c).upper() for c in raw.get("no_country") or []),
        kinds={k: (str(v) if v else None) for k, v in table("kinds").items()},
        kind_roles=frozenset(str(c).upper() for c in raw.get("kind_roles") or []),
        home_kinds=frozenset(str(c).upper() for c in raw.get("home_kinds") or []),
        igos={k: str(v) for k, v in table("igos").items()},
        sectors={k: str(v) for k, v in table("sectors").items()},
        refine={k: frozenset(str(c) for c in v) for k, v in table("refine").items()},
        identities={k: str(v) for k, v in table("identities").items()},
        agent_sectors={k: str(v) for k, v in table("agent_sectors").items()},
    )


def split_cameo(code: str, states: Iterable[str]) -> tuple[str | None, str | None]:
    """A CAMEO actor code as (code, sector): ``USAGOV`` → (USA, GOV), ``IGOWSTNAT`` → (NATO, IGO),
    ``USAGOVLEG`` → (USA, LEG), ``NGOUSAHLH`` → (None, NGO), ``~MIL`` → (None, MIL); the rules are in
    ``data/actors/cameo_codes.yaml``."""
    return _split_cameo(code, states if isinstance(states, frozenset) else frozenset(states))


@lru_cache(maxsize=4096)
def _split_cameo(code: str, states: frozenset[str]) -> tuple[str | None, str | None]:
    code = code.strip().strip("~").upper()
    if not code or set(code) == {"-"}:
        return None, None
    table = cameo_codes()
    if code.startswith("IGO"):
        igo = next((table.igos[code[:n]] for n in range(len(code), 2, -1) if code[:n] in table.igos), None)
        return igo or code, "IGO"
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = table.countries.get(parts[0], parts[0])
    if head in table.kinds:
        sector = table.kinds[head]
        role = next((p for p in parts[1:] if p in table.kind_roles), None)
        home = None
        if head in table.home_kinds:  # MNCUSA: a company of the United States
            homes = (table.countries.get(p, p) for p in parts[1:2])
            home = next((p for p in homes if p in states), None)
        return home, table.sectors.get(role, sector) if role else sector
    if head in table.no_country:
        return None, _cameo_sector(parts[1:], table)
    if head in table.sectors or head in table.identities:
        return None, _cameo_sector(parts, table)
    if head in states or re.fullmatch(r"[A-Z]{3}", head):  # a state, or a territory or past state (HKG, USR)
        return head, _cameo_sector(parts[1:], table)
    return code, None


def _cameo_sector(parts: list[str], table: CameoCodes) -> str | None:
    """The sector the role parts of a CAMEO code name (see :func:`split_cameo`)."""
    for n, part in enumerate(parts):
        if part in table.sectors:
            sector = table.sectors[part]
            finer = table.refine.get(sector, frozenset())
            return next((table.sectors[p] for p in parts[n + 1 :] if p in finer), sector)
    return next((table.identities[p] for p in parts if p in table.identities), None)


@dataclass
class ReadReport:
    """What reading one PETRARCH/TABARI file took and what it skipped."""

    path: str
    lines: int = 0  # entry lines: every line that is not blank or a comment
    skipped: int = 0  # of those, lines that could not be read (in whole or in part)
    codeless: int = 0  # actor lines read but left out: no code follows them, so they say nothing
    reasons: list[str] = field(default_factory=list)  # the first few, "file:line: why"

    def skip(self, where: str, why: str) -> None:
        self.skipped += 1
        if len(self.reasons) < REASONS_KEPT:
            self.reasons.append(f"{where}: {why}")

    def summary(self) -> str:
        shown = "; ".join(self.reasons[:REASONS_SHOWN])
        more = f"; and {self.skipped - REASONS_SHOWN} more" if self.skipped > REASONS_SHOWN else ""
        return f"{shown}{more}"

    def check(self) -> None:
        """Refuse a file most of whose entry lines cannot be read: it is not a PETRARCH dictionary."""
        if self.lines and self.skipped > self.lines * MAX_UNREADABLE:
            raise ConfigError(
                f"{self.path}: {self.skipped} of {self.lines} entry lines cannot be read, so this is not a "
                f"PETRARCH/TABARI dictionary: {self.summary()}"
            )

    def warn(self, level: int = logging.WARNING) -> None:
        """One log record saying how many lines were skipped and why (nothing when none were)."""
        if self.skipped:
            log.log(
                level,
                "%s: skipped %d of %d entry lines that cannot be read: %s",
                self.path,
                self.skipped,
                self.lines,
                self.summary(),
            )


class _Unreadable(Exception):
    """A part of a PETRARCH line that cannot be read (the message says why)."""


_CODE_BLOCK = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"~?(?:[A-Z0-9]+|-+)~?")
_WHEN = re.compile(r"([<>]?)(\d+)(?:-(\d+))?")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_DIGIT = re.compile(r"\d")
_COMMENT = re.compile(r"#|\s;|^;")
#: Words a PETRARCH phrase keeps in lower case when it is written out as a name ("Ministry of the Interior").
#: Acronyms that PETRARCH phrases hold as words ("US_INTELLIGENCE_COMMUNITY"), kept in capitals.
_ACRONYMS = frozenset("US USA UK UN EU AU UAE USSR CIA FBI NSA KGB NATO OSCE IAEA ICRC PLO ANC OPEC ASEAN".split())
_SMALL_WORDS = frozenset("of the and for in on at to a an de du des la le del da di van von der al el bin y".split())


def _petrarch_day(text: str) -> date:
    """A TABARI date: YYYYMMDD, or YYMMDD with 00-30 read as 20YY and 31-99 as 19YY (as PETRARCH does)."""
    full = text
    if len(text) == 6:
        full = ("20" if int(text[:2]) <= 30 else "19") + text
    if len(full) != 8:
        raise _Unreadable(f"date {text!r} is not YYYYMMDD or YYMMDD")
    try:
        return date(int(full[:4]), int(full[4:6]), int(full[6:]))
    except ValueError:
        raise _Unreadable(f"date {text!r} is not a day of the calendar") from None


def _ymd(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


@lru_cache(maxsize=16384)
def _petrarch_period(raw: str, states: frozenset[str]) -> Period:
    """One ``[...]`` code: ``[USAGOV]``, ``[USAGOV 090120-170120]``, ``[USAELI <090120]``, ``[USAGOV >090120]``,
    ``[---]`` (no code), ``[usagov]``, ``[USAGOV/USAELI]`` (alternatives: the first that can be read).

    TABARI's ranges include their first day and not their last (``[USAGOV 090120-170120]`` holds until
    2017-01-19; ``<170120`` before 2017-01-20; ``>090120`` from 2009-01-20); a range of one day
    (``040517-040517``) holds on that day; a bare date is a first day.
    """
    fields = raw.split(None, 1)
    if not fields:
        raise _Unreadable("empty code []")
    alternatives = [a for a in fields[0].upper().split("/") if _CODE.fullmatch(a)]
    if not alternatives:
        raise _Unreadable(f"cannot read code [{raw.strip()}] (want [CODE], [CODE date-date], [CODE <date])")
    code, sector = split_cameo(alternatives[0], states)
    when = "".join(fields[1].split()) if len(fields) > 1 else ""
    if not when:
        return Period(code, sector)
    match = _WHEN.fullmatch(when)
    if not match:
        raise _Unreadable(f"cannot read the dates of [{raw.strip()}] (want <date, >date or date-date)")
    sign, first, last = match.groups()
    if sign == "<":
        return Period(code, sector, None, _ymd(_petrarch_day(first) - timedelta(days=1)))
    if not last:
        return Period(code, sector, _ymd(_petrarch_day(first)), None)
    start, end = _petrarch_day(first), _petrarch_day(last)
    if end < start:
        raise _Unreadable(f"the dates of [{raw.strip()}] end before they begin")
    return Period(code, sector, _ymd(start), _ymd(max(start, end - timedelta(days=1))))


def _petrarch_phrase(raw: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH_`` → ``President George W. Bush`` (underscores and spaces are word breaks)."""
    return " ".join(_written(word, n > 0) for n, word in enumerate(raw.replace("_", " ").split()))


@lru_cache(maxsize=65536)
def _written(word: str, inside: bool) -> str:
    """One word of a PETRARCH phrase as a name writes it: capitalised, initials, acronyms and numbers kept, small
    words inside a name in lower case."""
    if _DIGIT.search(word) or _INITIALS.fullmatch(word) or word.startswith("(") or word.upper() in _ACRONYMS:
        return word.upper() if word.upper() in _ACRONYMS else word
    if word.isupper() and not re.search(r"[AEIOUY]", word):  # "BBC", "MP": no vowel, no word
        return word
    if inside and word.lower() in _SMALL_WORDS:
        return word.lower()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _strip_comments(text: str) -> Iterator[tuple[int, str]]:
    """Lines without their comments (``#`` anywhere, ``;`` at the start or after a space, ``<!-- -->`` blocks),
    with their 1-based numbers."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" in line or ";" in line:
            line = _COMMENT.split(line, maxsplit=1)[0]
        yield number, line.rstrip()


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="strict")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read actor dictionary: {e}") from e


def parse_petrarch(path: Path, states: Iterable[str], kind: str | None = None) -> tuple[list[Entry], ReadReport]:
    """The entries of a PETRARCH/TABARI actors dictionary, and what was skipped.

    Read the way PETRARCH reads it: an actor line (``NAME_ [CODE]``), its ``+SYNONYM`` lines, and its codes,
    on the actor line or on the indented lines after it (``[CODE date-date]``, ``[CODE <date]``,
    ``[CODE >date]``, ``[---]``). A line or code that cannot be read is skipped and reported (with what follows a
    skipped actor line); a file most of whose lines cannot be read raises :class:`ConfigError`. An actor line no
    code follows says nothing and is left out (counted in ``codeless``); ``[---]`` makes a null entry, a name that
    is no actor. ``kind`` forces what every entry is (else it is guessed from the codes and the words).
    """
    states = frozenset(states)
    report = ReadReport(str(path))
    entries: list[Entry] = []
    coded: set[int] = set()  # ids of the entries some code (if only [---]) follows
    current: Entry | None = None
    orphaned = False  # the last actor line was skipped: its synonyms and codes have no actor
    for number, line in _strip_comments(_read_text(path)):
        stripped = line.strip()
        if not stripped:
            continue
        report.lines += 1
        where = f"{path}:{number}"
        blocks = _CODE_BLOCK.findall(stripped)
        words = _CODE_BLOCK.sub(" ", stripped).strip()
        if "[" in words or "]" in words:
            report.skip(where, f"unbalanced brackets in {stripped!r}")
            if not stripped.startswith(("[", "+")):
                current, orphaned = None, True
            continue
        if stripped.startswith(("[", "+")):
            if current is None:
                what = "code restriction" if stripped.startswith("[") else f"synonym {stripped!r}"
                why = "follows a skipped actor line" if orphaned else "before any actor phrase"
                report.skip(where, f"{what} {why}")
                continue
            entry = current
            if stripped.startswith("+"):
                phrase = _petrarch_phrase(words[1:])
                if not phrase:
                    report.skip(where, "empty synonym line")
                    continue
                if phrase != entry.name and phrase not in entry.names:
                    entry.names.append(phrase)
        else:
            phrase = _petrarch_phrase(words)
            if not any(c.isalnum() for c in phrase):
                report.skip(where, f"cannot read actor line {stripped!r}")
                current, orphaned = None, True
                continue
            entry = current = Entry(name=phrase, code=None, kind="person", fold_case=True)
            orphaned = False
            entries.append(entry)
        problems = []
        for raw in blocks:
            try:
                entry.periods.append(_petrarch_period(raw, states))
                coded.add(id(entry))
            except _Unreadable as e:
                problems.append(str(e))
        if problems:
            report.skip(where, problems[0])
    report.check()
    report.codeless = sum(1 for entry in entries if id(entry) not in coded)
    entries = [entry for entry in entries if id(entry) in coded]
    for entry in entries:
        _settle(entry)
        entry.kind = kind or _guess_kind(entry, states)
    return entries, report


def _settle(entry: Entry) -> None:
    """The first undated code becomes the entry's default code (dated codes take precedence on their dates); it
    stays among the periods too, so that an undated ``[---]`` still says "no code" after the dated ones."""
    undated = next((p for p in entry.periods if p.start is None and p.end is None), None)
    if undated is not None:
        entry.code, entry.sector = undated.code, undated.sector


def read_petrarch(path: Path, into: ActorDictionary) -> ReadReport:
    """Read a PETRARCH/TABARI actors dictionary into ``into`` (matched case-insensitively), logging one warning
    for the lines it skipped."""
    entries, report = parse_petrarch(path, into.states)
    for entry in entries:
        into.add(entry)
    report.warn()
    return report


#: Nouns that make a PETRARCH phrase the name of an organisation or group, not of a person (English, and the
#: Arabic, Urdu and Malay words armed groups' names are made of: "Jabhat al-Nusra", "Lashkar-e-Taiba").
ORGANISATION_NOUNS = frozenset(
    """organization organisation organizations association union council committee commission agency bank fund
    corporation corp company co inc ltd group party front army forces force brigade brigades battalion movement
    league institute institution centre center foundation society federation network ministry department office
    court tribunal assembly parliament congress senate government authority board service services programme
    program initiative mission panel forum trust alliance coalition community police guard guards militia militias
    cartel gang university school college hospital church radio television tv news times post press
    administration cabinet observatory
    jabhat jaysh jaish harakat harakah hizb hezb liwa katibat kataib saraya ansar jamaat jamaah jemaah jamiat
    tanzim majlis ittihad tehrik tehreek lashkar sipah jund""".split()
)
#: Words that make a phrase an organisation's name when they stand in its main name (persons' synonyms often hold
#: them: "Secretary General of the United Nations Ban Ki-moon").
ORGANISATION_WORDS = ORGANISATION_NOUNS | frozenset(
    "of for and the nations countries states republic kingdom people international national".split()
)


def _guess_kind(entry: Entry, states: frozenset[str]) -> str:
    """What a PETRARCH entry names, which the format does not say, from its codes and words, in this order:

    * a state: bare state codes only;
    * an organisation (a group, if its sectors are REB or INS only): an organisation word in its main name
      ("Syrian Observatory for Human Rights", "Jabhat al-Nusra");
    * a person: an ELI code or a term that ends (``date-date``, ``<date``): people hold offices, groups seldom end;
    * an organisation or group: an organisation noun in any of its names ("Nusra Front");
    * a person: any dated code ("[ARGGOV >100601]");
    * a group: REB or INS codes only; an organisation: a multinational company (BUS, undated), a single
      word or a long phrase; else a person.
    """
    codes = [(entry.code, entry.sector)] + [(p.code, p.sector) for p in entry.periods]
    codes = [(c, s) for c, s in codes if c or s]
    if not codes:
        return "organisation"  # a null entry ([---]): it names something eventlens should not code
    if all(c in states and s is None for c, s in codes):
        return "state"
    sectors = {s for _, s in codes}
    organisation = "group" if sectors <= {"REB", "INS"} else "organisation"
    words = _words(entry.name)
    if ORGANISATION_WORDS.intersection(words):
        return organisation
    if "ELI" in sectors or any(p.end for p in entry.periods):
        return "person"
    if any(ORGANISATION_NOUNS.intersection(_words(name)) for name in entry.names):
        return organisation
    if any(p.start for p in entry.periods):
        return "person"
    if sectors <= {"REB", "INS"} or sectors == {"BUS"}:  # undated BUS codes are companies ([MNCUSA])
        return organisation
    return organisation if len(words) == 1 or len(words) > 5 else "person"


def _words(name: str) -> list[str]:
    return [w.strip("()'\".,").lower() for w in name.replace("-", " ").split()]


def parse_agents(path: Path) -> tuple[list[tuple[list[str], str]], ReadReport]:
    """The role words of a PETRARCH agents dictionary (``POLICE_OFFICER [~COP]``): for each line, its lower-case
    forms (``["police officer", "police officers"]``) and its sector.

    Read the way PETRARCH reads it: a regular plural is added (``{PLURAL}`` gives an irregular one, ``{}`` none),
    ``!PERSON! = MAN, WOMAN`` defines a substitution marker (``CONGRESS!PERSON! [~LEG]``), the first code of a
    line counts. Lines that cannot be read are skipped and reported, as for actors.
    """
    table = cameo_codes()
    report = ReadReport(str(path))
    markers: dict[str, list[str]] = {}
    agents: list[tuple[list[str], str]] = []
    for number, line in _strip_comments(_read_text(path)):
        stripped = line.strip()
        if not stripped:
            continue
        report.lines += 1
        where = f"{path}:{number}"
        if "=" in stripped and stripped.startswith("!"):
            marker = re.fullmatch(r"!([A-Za-z_]+)!\s*=\s*(.*)", stripped)
            if marker is None:
                report.skip(where, f"cannot read substitution marker {stripped!r}")
                continue
            markers[marker[1].upper()] = [w.strip().upper() for w in marker[2].split(",") if w.strip()]
            continue
        try:
            forms, code = _agent_forms(stripped, markers)
            sector = split_cameo(code, ())[1]
            if sector is None:
                raise _Unreadable(f"code [{code}] names no sector")
        except _Unreadable as e:
            report.skip(where, str(e))
            continue
        phrases = [" ".join(form.replace("_", " ").split()).lower() for form in forms]
        agents.append(([p for p in phrases if p], table.agent_sectors.get(sector, sector)))
    report.check()
    return agents, report


def add_agents(into: ActorDictionary, agents: list[tuple[list[str], str]]) -> int:
    """Add agents under what ``into`` holds: a line none of whose forms is already a title, noun, anaphor or name
    there (eventlens's "students" is CVL, so the Phoenix STUDENT [~EDU], plural and all, is left out). Returns how
    many phrases were added."""
    taken = _own_names(into) | _cue_phrases(into) | set(into.agents)
    added = 0
    for forms, sector in agents:
        if forms and not taken.intersection(forms):
            for form in forms:
                if form not in into.agents:
                    into.agents[form] = sector
                    added += 1
    return added


def _agent_forms(line: str, markers: dict[str, list[str]]) -> tuple[list[str], str]:
    """The phrases one agent line stands for (singular, plural, substitutions) and its code."""
    blocks = _CODE_BLOCK.findall(line)
    words = _CODE_BLOCK.sub(" ", line).strip()
    if "[" in words or "]" in words:
        raise _Unreadable(f"unbalanced brackets in {line!r}")
    if not blocks or not blocks[0].split():
        raise _Unreadable(f"agent {words!r} has no code")
    code = blocks[0].split()[0]
    plural: str | None = None
    if "{" in words or "}" in words:
        braces = re.fullmatch(r"([^{}]*)\{([^{}]*)\}\s*", words)
        if braces is None:
            raise _Unreadable(f"cannot read the plural in {words!r} (want PHRASE {{PLURAL}})")
        words, plural = braces[1].strip(), braces[2].strip()
    if not any(c.isalpha() for c in words):
        raise _Unreadable(f"cannot read agent line {line!r}")
    named = re.findall(r"!([A-Za-z_]+)!", words)
    if len(named) > 1:
        raise _Unreadable(f"more than one substitution marker in {words!r}")
    if named:
        if named[0].upper() not in markers:
            raise _Unreadable(f"substitution marker !{named[0]}! is not defined")
        return [words.replace(f"!{named[0]}!", sub) for sub in markers[named[0].upper()]], code
    if plural is None:
        plural = _plural(words)
    return [words, plural] if plural else [words], code


def _plural(phrase: str) -> str:
    """PETRARCH's regular plural of an agent phrase (of its last word)."""
    if phrase.endswith(("_", " ")):
        return ""
    upper = phrase.upper()
    if upper.endswith("Y") and upper[-2:-1] not in tuple("AEIOU"):
        return phrase[:-1] + "IES"
    if upper.endswith(("S", "SH", "CH", "X", "Z")):
        return phrase + "ES"
    return phrase + "S"


# ------------------------------------------------------------------------------------------------- the layer


@dataclass
class Layer:
    """Entries and agents read from PETRARCH files, to go under eventlens's own dictionary."""

    entries: list[Entry]
    agents: list[tuple[list[str], str]]
    reports: list[ReadReport]


@dataclass
class LayerCounts:
    """What adding a layer kept and what eventlens's own dictionary overrode."""

    entries: int = 0
    overridden: int = 0  # entries sharing a name with one of eventlens's own (that one wins)
    names_dropped: int = 0  # names eventlens reads otherwise: sector words, titles before a person's name
    agents: int = 0  # agent phrases added


def phoenix_layer(states: Iterable[str], *, cache_dir: str | None = None) -> Layer:
    """The Phoenix dictionaries shipped in ``data/actors/phoenix/``, read once and cached on disk
    (:func:`eventlens.resources.cached_json`) under a key made of the files, the code table, ``states`` and the
    reader's version; ``cache_dir`` is the setting (:func:`eventlens.resources.cache_folder`)."""
    states = sorted(set(states))
    key = phoenix_key(states)
    with no_gc():  # tens of thousands of small objects, no cycles: the collector would only slow this down
        layer = _layer_from_json(
            cached_json("phoenix", key, lambda: _layer_to_json(read_layer(states)), cache_dir=cache_dir)
        )
    for report in layer.reports:
        report.warn(logging.DEBUG)  # the shipped files' skips are known (data/actors/phoenix/README.md)
    return layer


def phoenix_key(states: Iterable[str]) -> str:
    """The Phoenix layer's cache key: its files, the code table, ``states`` and the reader's version."""
    paths = [PHOENIX_DIR / name for name, _ in PHOENIX_ACTORS]
    paths += [PHOENIX_DIR / PHOENIX_AGENTS, PHOENIX_DIR / PHOENIX_LEFT_OUT, CAMEO_TABLE]
    digest = hashlib.sha256(f"{LAYER_FORMAT}:{','.join(sorted(set(states)))}".encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def add_phoenix_layer(into: ActorDictionary, *, cache_dir: str | None = None) -> None:
    """``add_layer(into, phoenix_layer(into.states))``, what it adds cached on disk (``actor-layer-<key>.json``).

    The key is made of the Phoenix layer's key, everything of ``into`` that :func:`add_layer` reads (names, cues,
    agents) and this module's source, so a change to eventlens's own dictionary, to the layer or to the code
    that merges them is never answered from an older file. A cold start then reads the kept entries as they are,
    instead of reading the whole layer and merging it again.
    """
    own = {
        "names": sorted(_own_names(into)),
        "cues": sorted(_cue_phrases(into)),
        "titles": sorted(into.titles),
        "nouns": sorted(into.nouns),
        "governments": sorted(into.government_of_person),
        "agents": sorted(into.agents.items()),
    }
    key = fingerprint(phoenix_key(into.states), json.dumps(own), Path(__file__).read_bytes())
    with no_gc():
        raw = read_json("actor-layer", key, cache_dir=cache_dir)
        try:
            entries = _entries_from_json(raw["entries"])
            agents = [(str(form), str(sector)) for form, sector in raw["agents"]]
        except (KeyError, TypeError, ValueError):  # none stored yet, or a damaged file: merge it again
            first, known = len(into.entries), set(into.agents)
            add_layer(into, phoenix_layer(into.states, cache_dir=cache_dir))
            added = {
                "entries": _entries_to_json(into.entries[first:]),
                "agents": [[form, sector] for form, sector in into.agents.items() if form not in known],
            }
            store_json("actor-layer", key, added, cache_dir=cache_dir)
            return
    for entry in entries:
        entry.layer = True
        into.add(entry)
    into.agents.update(agents)


def read_layer(states: Iterable[str]) -> Layer:
    """Parse the shipped Phoenix files (no cache)."""
    entries: list[Entry] = []
    reports: list[ReadReport] = []
    for name, kind in PHOENIX_ACTORS:
        found, report = parse_petrarch(PHOENIX_DIR / name, states, kind)
        entries += found
        reports.append(report)
    agents, report = parse_agents(PHOENIX_DIR / PHOENIX_AGENTS)
    reports.append(report)
    left_out = load_yaml(PHOENIX_DIR / PHOENIX_LEFT_OUT)
    unwanted = {str(word).lower() for word in left_out.get("agents") or []}
    agents = [(forms, sector) for forms, sector in agents if not unwanted.intersection(forms[:1])]
    return Layer(entries, agents, reports)


def _layer_from_json(raw: dict[str, Any]) -> Layer:
    return Layer(
        entries=_entries_from_json(raw["entries"]),
        agents=[(list(forms), str(sector)) for forms, sector in raw["agents"]],
        reports=[ReadReport(**r) for r in raw["reports"]],
    )


def _layer_to_json(layer: Layer) -> dict[str, Any]:
    return {
        "entries": _entries_to_json(layer.entries),
        "agents": [[forms, sector] for forms, sector in layer.agents],
        "reports": [asdict(r) for r in layer.reports],
    }


def _entries_from_json(raw: list[Any]) -> list[Entry]:
    return [
        Entry(
            name=e[0], code=e[1], sector=e[2], kind=e[3], names=e[4], periods=[Period(*p) for p in e[5]], fold_case=True
        )
        for e in raw
    ]


def _entries_to_json(entries: list[Entry]) -> list[Any]:
    return [
        [e.name, e.code, e.sector, e.kind, e.names, [[p.code, p.sector, p.start, p.end] for p in e.periods]]
        for e in entries
    ]


def _phrase_key(name: str) -> str:
    """How names are compared across layers: lower case, single spaces, no leading "the"."""
    key = " ".join(name.lower().split())
    return key[4:] if key.startswith("the ") else key


def _own_names(into: ActorDictionary) -> set[str]:
    """Every name of the states and entries ``into`` holds, as :func:`_phrase_key` writes them."""
    own: set[str] = set()
    for state in into.states.values():
        own.update(_phrase_key(n) for n in (state.name, *state.names, *state.demonyms, *state.capitals, *state.seats))
    for entry in into.entries:
        own.update(_phrase_key(n) for n in (entry.name, *entry.names))
    return own


def _cue_phrases(into: ActorDictionary) -> set[str]:
    return set(into.titles) | set(into.nouns) | set(into.anaphors) | into.title_modifiers


#: Honorifics before a name, which eventlens reads as part of no name.
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})


def add_layer(into: ActorDictionary, layer: Layer) -> LayerCounts:
    """Add ``layer`` under what ``into`` holds (its entries become ``into``'s): eventlens's own entries win.

    * An entry that shares any name with a state or entry already there (a name, demonym, capital or seat) is
      left out: the one there is the same actor, better described ("Afghanistan" with its capitals and
      provinces, the "Barack Obama" of ``people.yaml``).
    * Names that are sector words there ("Senate", "police") are dropped from the entries that have them; so are
      the names of a person that eventlens reads in its own way: a title or honorific before the name ("President
      Boris Yeltsin", "Mr. Obama": the title and the name are read apart), a government word after it ("Bush
      administration"), and a single word ("Hassan" is many people; a surname after the full name is the same
      person anyway).
    * Agents never replace a title, noun, anaphor or name there (:func:`add_agents`).
    """
    own = _own_names(into)
    cues = _cue_phrases(into)
    before_name = {t for t in into.titles if " " not in t} | into.title_modifiers | HONORIFICS
    after_name = {n for n in into.nouns if " " not in n} | set(into.government_of_person)
    counts = LayerCounts()
    for entry in layer.entries:
        names = [entry.name, *entry.names]
        if any(_phrase_key(n) in own for n in names):
            counts.overridden += 1
            continue
        kept = [n for n in names if _phrase_key(n) not in cues]
        if entry.kind == "person":
            kept = [n for n in kept if _plain_person_name(n, before_name, after_name)]
        if len(kept) < len(names):
            counts.names_dropped += len(names) - len(kept)
            if not kept:
                continue
            entry.name, entry.names = kept[0], kept[1:]
        entry.layer = True
        into.add(entry)
        counts.entries += 1
    counts.agents = add_agents(into, layer.agents)
    return counts


def _plain_person_name(name: str, before_name: set[str], after_name: set[str]) -> bool:
    words = [w.lower() for w in name.split()]
    if len(words) < 2 or words[-1] in after_name:
        return False
    return not any(w in before_name for w in words[:-1])


# --------------------------------------------------------------------------------------------------- loading


def read_file(path: Path, into: ActorDictionary) -> None:
    """Read one user dictionary, choosing the reader by the file's suffix (a PETRARCH ``.txt`` whose name says
    ``agents``, like ``Phoenix.agents.txt``, or an ``.agents`` file, is an agents dictionary)."""
    if not path.is_file():
        raise ConfigError(f"{path}: actor dictionary not found")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        read_yaml(path, into)
    elif suffix == ".csv":
        read_csv(path, into)
    elif suffix == ".agents" or (suffix in (".txt", ".dict") and "agents" in path.stem.lower()):
        agents, report = parse_agents(path)
        add_agents(into, agents)
        report.warn()
    elif suffix in (".txt", ".actors", ".dict"):
        read_petrarch(path, into)
    else:
        raise ConfigError(f"{path}: unknown actor dictionary type {suffix!r} (use .yaml, .csv or PETRARCH .txt)")


@lru_cache(maxsize=8)
def load_dictionary(
    extra_files: tuple[str, ...] = (), layers: bool = True, *, cache_dir: str | None = None
) -> ActorDictionary:
    """The bundled dictionary plus ``extra_files`` (later files add to earlier ones) and, unless ``layers`` is
    false, the shipped Phoenix layer under them all (cached in ``cache_dir``, the setting); read once per
    process."""
    into = ActorDictionary()
    for name in BUNDLED_FILES:
        read_yaml(DATA_DIR / name, into)
    for name in extra_files:
        read_file(Path(name), into)
    if layers:
        add_phoenix_layer(into, cache_dir=cache_dir)
    return into
