"""The record contract (docs/record.md): one :class:`ArticleRecord` per article, made of small dataclasses.

Every extracted item carries character offsets into ``article.text`` (provenance). ``as_dict`` gives the JSON
shape tools and tests rely on; ``from_dict`` reads it back (unknown keys are ignored, so newer records load).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args

T = TypeVar("T")

#: The record's closed sets, as types (for annotations and the API's parameters) and as tuples (for iteration).
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
Quad = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
Factuality = Literal["asserted", "negated", "hypothetical", "future"]
QuoteKind = Literal["direct", "indirect"]
PLOVER_TYPES: tuple[PloverType, ...] = get_args(PloverType)
QUADS: tuple[Quad, ...] = get_args(Quad)
FACTUALITIES: tuple[Factuality, ...] = get_args(Factuality)
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)


def as_plover_type(value: str) -> PloverType:
    """``value`` as a PLOVER type; ``ValueError`` names the valid ones when it is none."""
    if value not in PLOVER_TYPES:
        raise ValueError(f"{value!r} is not a PLOVER 2.0 type ({', '.join(PLOVER_TYPES)})")
    return value


def as_quad(value: str) -> Quad:
    """``value`` as a quad class; ``ValueError`` when it is none."""
    if value not in QUADS:
        raise ValueError(f"{value!r} is not a quad class ({', '.join(QUADS)})")
    return value


def as_factuality(value: str) -> Factuality:
    """``value`` as a factuality; ``ValueError`` when it is none."""
    if value not in FACTUALITIES:
        raise ValueError(f"{value!r} is not a factuality ({', '.join(FACTUALITIES)})")
    return value


#: The one rule for ids (#16), used where articles come in (:func:`eventlens.ingest.text.check_article`) and by
#: the web's parameter checks: letters, digits and ``_ . : -``, starting with a letter or digit, at most 128
#: characters. Such an id is a URL path segment as it is (no escaping, no ``/``, never ``.`` or ``..``).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
#: A user-given article id is shorter, leaving room for the ids made from it (a story's is ``s`` + an article id).
MAX_ARTICLE_ID = 120
_ID = re.compile(ID_PATTERN)
_ID_CHAR = re.compile(r"[A-Za-z0-9_.:-]")


def article_id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an article id (``None`` when it can). The reason names no input text, only
    positions and code points, so it is safe to show anywhere."""
    if _ID.match(value) and len(value) <= MAX_ARTICLE_ID:
        return None
    rule = f"1-{MAX_ARTICLE_ID} letters, digits, '_', '.', ':' or '-', starting with a letter or digit"
    if not value:
        return f"the id is empty (ids are {rule})"
    if len(value) > MAX_ARTICLE_ID:
        return f"the id has {len(value):,} characters (ids are {rule})"
    at = next((i for i, ch in enumerate(value) if not _ID_CHAR.fullmatch(ch)), 0)
    return f"the id has U+{ord(value[at]):04X} at character {at + 1} (ids are {rule})"


def text_id(text: str) -> str:
    """A stable id for an article: the first 16 hex digits of the SHA-256 of its text."""
    # surrogatepass: a text with a lone surrogate still gets an id, so the checks can refuse that article by name
    # instead of a UnicodeEncodeError ending the batch (#16); for real text the bytes are plain UTF-8.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _build(cls: type[T], data: dict[str, Any] | None) -> T | None:
    """Build dataclass ``cls`` from ``data``, ignoring keys it does not know."""
    if data is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Article:
    """One news article as read from a source. ``text`` is what every offset indexes."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)

    def as_dict(self) -> dict[str, Any]:
        # The contract's key order: metadata first, the (long) text last.
        keys = ("id", "url", "source", "title", "published", "language", "text")
        return {k: getattr(self, k) for k in keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        article = _build(cls, data)
        assert article is not None
        return article


@dataclass
class Mention:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Actor:
    """A person, state, organisation or group, with every mention of it in the article."""

    id: str
    name: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str | None = None  # person | state | organisation | group
    mentions: list[Mention] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        fields_ = {k: v for k, v in data.items() if k != "mentions"}
        actor = _build(cls, fields_)
        assert actor is not None
        actor.mentions = [Mention(**m) for m in data.get("mentions") or []]
        return actor


@dataclass
class ActorRef:
    """An actor as one argument of an event or the speaker of a quote: which actor, and the words that name it."""

    name: str | None
    code: str | None
    sector: str | None
    text: str
    start: int
    end: int
    actor_id: str | None = None


@dataclass
class Place:
    """A place mention resolved to GeoNames (``geonameid`` is null when unresolved)."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country | city | region | other
    admin1: str | None = None  # GeoNames first-level division code (a US state's postal code), when known


@dataclass
class DateValue:
    """An event's date: ISO 8601 ``value`` at ``granularity`` (day, week, month, year, decade), with the words.

    When the text does not date the event: granularity ``on_or_before_publication`` (a past event; ``value`` is the
    publication day, ``text`` None) or ``unknown`` (a planned or possible event; ``value`` and ``text`` None).
    """

    text: str | None
    value: str | None
    granularity: str | None
    source: str | None = None  # sentence | dateline | published


@dataclass
class DateExpr:
    """A date expression in the text and its value normalised against the publication date."""

    text: str
    start: int
    end: int
    value: str | None
    granularity: str | None


@dataclass
class Quantity:
    """A number in the text with what it counts (``counted``) and its unit (USD for money)."""

    text: str
    start: int
    end: int
    value: float | int | None
    qualifier: str | None = None  # about | more_than | less_than | at_least | up_to | exactly
    unit: str | None = None
    counted: str | None = None
    original: dict[str, Any] | None = None  # e.g. {"value": 1.5e9, "currency": "EUR"} before conversion


@dataclass
class Magnitude:
    dead: float | int | None = None
    injured: float | int | None = None
    arrested: float | int | None = None
    troops: float | int | None = None
    money_usd: float | int | None = None


@dataclass
class Span:
    start: int
    end: int
    text: str | None = None


@dataclass
class Event:
    """Who did what to whom: a PLOVER 2.0 event found in one sentence."""

    id: str
    type: PloverType
    mode: str | None
    quad: Quad
    actor: ActorRef | None
    recipient: ActorRef | None
    factuality: Factuality
    historical: bool
    date: DateValue | None
    location: dict[str, Any] | None
    magnitude: Magnitude
    trigger: Span
    sentence: Span
    symmetric: bool = False
    confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        # The contract's sentence span is offsets only; a text of None would read as "no sentence" to tools.
        if data["sentence"].get("text") is None:
            del data["sentence"]["text"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            quad=data["quad"],
            actor=_build(ActorRef, data.get("actor")),
            recipient=_build(ActorRef, data.get("recipient")),
            factuality=data["factuality"],
            historical=bool(data.get("historical")),
            date=_build(DateValue, data.get("date")),
            location=data.get("location"),
            magnitude=_build(Magnitude, data.get("magnitude")) or Magnitude(),
            trigger=_build(Span, data["trigger"]) or Span(0, 0),
            sentence=_build(Span, data["sentence"]) or Span(0, 0),
            symmetric=bool(data.get("symmetric", False)),
            confidence=data.get("confidence"),
        )


@dataclass
class Quote:
    """Who said what: a direct or indirect quote and its speaker."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None
    speaker: ActorRef | None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        fields_ = {k: v for k, v in data.items() if k != "speaker"}
        quote = _build(cls, {**fields_, "speaker": None})
        assert quote is not None
        quote.speaker = _build(ActorRef, data.get("speaker"))
        return quote


@dataclass
class ArticleRecord:
    """Everything eventlens extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.as_dict(),
            "actors": [a.as_dict() for a in self.actors],
            "events": [e.as_dict() for e in self.events],
            "quotes": [q.as_dict() for q in self.quotes],
            "places": [dataclasses.asdict(p) for p in self.places],
            "dates": [dataclasses.asdict(d) for d in self.dates],
            "quantities": [dataclasses.asdict(q) for q in self.quantities],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        def many(key: str, kind: type[T]) -> list[T]:
            return [x for x in (_build(kind, d) for d in data.get(key) or []) if x is not None]

        return cls(
            article=Article.from_dict(data["article"]),
            actors=[Actor.from_dict(a) for a in data.get("actors") or []],
            events=[Event.from_dict(e) for e in data.get("events") or []],
            quotes=[Quote.from_dict(q) for q in data.get("quotes") or []],
            places=many("places", Place),
            dates=many("dates", DateExpr),
            quantities=many("quantities", Quantity),
        )
