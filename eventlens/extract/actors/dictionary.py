"""The actor dictionary: states, organisations, people and sector cues, read from data files.

The bundled dictionary lives in ``eventlens/data/actors/*.yaml`` (its format is documented in the README there).
Users add their own with ``--actors FILE`` (``Settings.actor_files``) in one of three formats:

* eventlens YAML (the bundled format: ``states``, ``organisations``, ``people``, ``sectors``, ``anaphors``);
* CSV with a header row: ``name,code,sector,kind,role,aliases`` (``aliases`` separated by ``|``; only ``name``
  is required);
* PETRARCH/TABARI ``.actors`` text: ``PRESIDENT_GEORGE_W._BUSH [USAGOV 20010120-20090120]``, ``+BUSH_`` synonym
  lines and indented date restrictions (``[USAGOV 20010120-20090120]``, ``[USAELI <20010120]``, ``[USA]``).
  CAMEO-style codes are split: ``USAGOV`` → code ``USA``, sector ``GOV``.

Malformed input raises :class:`~eventlens.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from ...resources import data_path

DATA_DIR = data_path("actors")
BUNDLED_FILES = ("states.yaml", "organisations.yaml", "people.yaml", "sectors.yaml")
KINDS = ("person", "state", "organisation", "group")
#: CAMEO IGO codes for the organisations news mentions most, mapped to the acronyms records carry.
CAMEO_IGO = {
    "IGOUNO": "UN",
    "IGOWSTNAT": "NATO",
    "IGOEUREEC": "EU",
    "IGOAFRAFU": "AU",
    "IGOARBARL": "ARL",
    "IGOMEAOPC": "OPEC",
    "IGOUNOWHO": "WHO",
    "IGOUNOIAEA": "IAEA",
    "IGOWSTOSC": "OSCE",
    "IGOASNASN": "ASEAN",
}
#: Sector codes a CAMEO code may carry after its country part.
KNOWN_SECTORS = frozenset(
    "GOV MIL COP JUD LEG REB INS OPP PTY CVL BUS JRN MED NGO IGO EDU HLH REL REF LAB CRM SPY ELI AGR UAF SEP "
    "MOD RAD ENV HRI IMG NGM".split()
)


@dataclass(frozen=True)
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


@dataclass
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

    def coded_on(self, published: str | None) -> tuple[str | None, str | None]:
        """The (code, sector) in force on ``published`` (ISO date), else the default code, else the last period."""
        day = published.replace("-", "")[:8] if published else None
        for period in self.periods:
            if (period.start or period.end) and period.holds_on(day):
                return period.code, period.sector
        if self.code is not None or self.sector is not None or not self.periods:
            return self.code, self.sector
        undated = [p for p in self.periods if p.start is None and p.end is None]
        chosen = undated[-1] if undated else self.periods[-1]
        return chosen.code, chosen.sector


@dataclass
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

    def add(self, entry: Entry) -> None:
        if isinstance(entry, StateEntry) and entry.code:
            self.states[entry.code] = entry
        else:
            self.entries.append(entry)

    def state_name(self, code: str | None) -> str | None:
        state = self.states.get(code or "")
        return state.name if state else None


# --------------------------------------------------------------------------------------------------------- YAML


class _LineLoader(yaml.SafeLoader):
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

_PETRARCH_CODE = re.compile(r"\[([^\]]*)\]")
_RESTRICTION = re.compile(r"^(?P<code>[A-Z0-9~]+)(?:\s+(?P<when>[<>]?\d{6,8}(?:-\d{6,8})?))?$")


def split_cameo(code: str, states: Iterable[str]) -> tuple[str | None, str | None]:
    """A CAMEO actor code as (code, sector): ``USAGOV`` → (USA, GOV), ``IGOWSTNAT`` → (NATO, IGO)."""
    code = code.strip("~").upper()
    if code in CAMEO_IGO:
        return CAMEO_IGO[code], "IGO"
    if code.startswith("IGO"):
        return code, "IGO"
    head, rest = code[:3], code[3:6]
    if head in set(states):
        return head, rest if rest in KNOWN_SECTORS else None
    if head in KNOWN_SECTORS:
        return None, head
    if len(code) >= 6 and rest in KNOWN_SECTORS:  # a country the dictionary lacks ("SYLGOV")
        return head, rest
    return code or None, None


def _petrarch_date(text: str, where: str) -> str:
    if len(text) == 6:  # YYMMDD: TABARI's two-digit years pivot at 30 (450703 is 1945, 070723 is 2007)
        text = ("19" if int(text[:2]) >= 30 else "20") + text
    if len(text) != 8:
        raise ConfigError(f"{where}: date {text!r} is not YYYYMMDD or YYMMDD")
    return text


def _petrarch_period(raw: str, where: str, states: Iterable[str]) -> Period:
    match = _RESTRICTION.match(raw.strip())
    if not match:
        raise ConfigError(
            f"{where}: cannot read code restriction [{raw}] (want [CODE], [CODE date-date], [CODE <date])"
        )
    code, sector = split_cameo(match["code"], states)
    when = match["when"]
    if not when:
        return Period(code, sector)
    if when[0] == "<":
        return Period(code, sector, None, _petrarch_date(when[1:], where))
    if when[0] == ">":
        return Period(code, sector, _petrarch_date(when[1:], where), None)
    start, _, end = when.partition("-")
    return Period(code, sector, _petrarch_date(start, where), _petrarch_date(end, where) if end else None)


def _petrarch_phrase(raw: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH_`` → ``President George W. Bush`` (underscores are word breaks)."""
    words = [w for w in raw.replace("_", " ").split() if w]
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() for w in words)


def _strip_comments(text: str) -> Iterator[tuple[int, str]]:
    """Lines with ``#``/``;`` comments and ``<!-- -->`` blocks removed, with their 1-based numbers."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, re.split(r"\s[#;]|^[#;]", line, maxsplit=1)[0].rstrip()


def read_petrarch(path: Path, into: ActorDictionary) -> None:
    """Read a PETRARCH/TABARI actors dictionary into ``into`` (matched case-insensitively)."""
    try:
        text = path.read_text(encoding="utf-8", errors="strict")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read actor dictionary: {e}") from e
    states = set(into.states)
    current: Entry | None = None
    for number, line in _strip_comments(text):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.count("[") != stripped.count("]"):
            raise ConfigError(f"{where}: unbalanced brackets in {stripped!r}")
        if line[0].isspace() or stripped.startswith("["):  # an indented date restriction for the current actor
            if current is None:
                raise ConfigError(f"{where}: code restriction before any actor phrase")
            for raw in _PETRARCH_CODE.findall(stripped):
                current.periods.append(_petrarch_period(raw, where, states))
            continue
        if stripped.startswith("+"):
            if current is None:
                raise ConfigError(f"{where}: synonym {stripped!r} before any actor phrase")
            phrase = _PETRARCH_CODE.sub("", stripped[1:]).strip()
            if not phrase:
                raise ConfigError(f"{where}: empty synonym line")
            current.names.append(_petrarch_phrase(phrase))
            for raw in _PETRARCH_CODE.findall(stripped):
                current.periods.append(_petrarch_period(raw, where, states))
            continue
        phrase = _PETRARCH_CODE.sub("", stripped).strip()
        if not phrase or not re.search(r"[A-Za-z]", phrase):
            raise ConfigError(f"{where}: cannot read actor line {stripped!r}")
        current = Entry(name=_petrarch_phrase(phrase), code=None, kind="person", fold_case=True)
        for raw in _PETRARCH_CODE.findall(stripped):
            period = _petrarch_period(raw, where, states)
            if period.start is None and period.end is None and current.code is None and current.sector is None:
                current.code, current.sector = period.code, period.sector
            else:
                current.periods.append(period)
        into.add(current)
    for entry in into.entries:
        if entry.fold_case:
            _guess_kind(entry, states)


def _guess_kind(entry: Entry, states: set[str]) -> None:
    """PETRARCH does not say what an actor is: a bare state code with no sector reads as a state's name."""
    codes = [(entry.code, entry.sector)] + [(p.code, p.sector) for p in entry.periods]
    if all(c in states and s is None for c, s in codes if c or s):
        entry.kind = "state"
    elif len(entry.name.split()) == 1 and all(s in ("IGO", "NGO", "MED", "INS", "REB") for _, s in codes if s):
        entry.kind = "organisation"


# --------------------------------------------------------------------------------------------------- loading


def read_file(path: Path, into: ActorDictionary) -> None:
    """Read one user dictionary, choosing the reader by the file's suffix."""
    if not path.is_file():
        raise ConfigError(f"{path}: actor dictionary not found")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        read_yaml(path, into)
    elif suffix == ".csv":
        read_csv(path, into)
    elif suffix in (".txt", ".actors", ".dict"):
        read_petrarch(path, into)
    else:
        raise ConfigError(f"{path}: unknown actor dictionary type {suffix!r} (use .yaml, .csv or PETRARCH .txt)")


@lru_cache(maxsize=8)
def load_dictionary(extra_files: tuple[str, ...] = ()) -> ActorDictionary:
    """The bundled dictionary plus ``extra_files`` (later files add to earlier ones), read once per process."""
    into = ActorDictionary()
    for name in BUNDLED_FILES:
        read_yaml(DATA_DIR / name, into)
    for name in extra_files:
        read_file(Path(name), into)
    return into
