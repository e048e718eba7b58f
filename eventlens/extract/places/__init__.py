"""Places resolved to GeoNames ids, countries and coordinates (``doc._.places``).

Where mentions come from:

* the model's GPE, LOC and FAC entities ("the" and a trailing possessive trimmed); an entity no name fits is read
  for known names inside it ("Raleigh, N.C."), or kept unresolved (``geonameid`` null) unless the article uses the
  same word as a person's name (spaCy's small model tags some surnames GPE);
* gazetteer hits the model missed or mislabelled (it tags Kyiv as PERSON sometimes): only *strong* names
  (countries, curated regions, US states, capitals, cities of a million people) count without an entity, and only
  as proper nouns that are not a person's name elsewhere in the article. Demonyms are never places.

How a name with several candidates is resolved: each candidate's prior (see :mod:`.gazetteer`) plus the
article's context, read from the places that are clear without it:

* a country gains 0.75 for each other place named in it (up to three), and 0.5 when a neighbour is named;
* a city or region gains 0.5 when its country is named and 0.75 for each other place named in its country, its
  capital aside (up to three): capitals stand for governments ("Washington said") and say little about which
  Geneva is meant;
* "City, Region" and "City, Country" pairs ("Atlanta, Georgia", "Paris, Texas", "Kyiv, Ukraine") settle each other;
* states the actors stage resolved ("Iraqi forces" → IRQ) count as named countries;
* a small town (under ~300,000 people, neither a capital nor known abroad) or a name known only as a GeoNames
  alternate is chosen only with such support: a girl called Nada is not Nada, China. Without support the mention is
  kept unresolved.

So Geneva in an article on US–Russian diplomacy is Geneva, Switzerland (its population outweighs a named United
States), and Georgia is the country unless other US states or cities are named around it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...record import Place
from ...resources import cached_json, fingerprint
from ..extensions import doc_text  # (importing it registers the Doc extensions)
from ..syntax import NOMINAL_SUBJECT_DEPS
from .gazetteer import Candidate, Gazetteer, name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels a strong gazetteer name may override when the entity is exactly that name.
REPAIRABLE_LABELS = frozenset({"PERSON", "ORG"})
#: Words before a name that make it a person's ("President Jordan").
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. president minister sen. senator gov. governor rep. gen. general judge "
    "prime king queen prince princess pope".split()
)
#: Words after a region's name that say what kind of region it is ("West Darfur State", "Helmand Province").
ADMIN_WORDS = frozenset("state province region district governorate prefecture county oblast".split())
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern northeast northwest southeast southwest".split()
)
COUNTRY_LOCAL_WEIGHT = 0.75
LOCAL_CAP = 3
NEIGHBOUR_WEIGHT = 0.5
COUNTRY_NAMED_WEIGHT = 0.5
PAIR_BONUS = 5.0
#: Candidates below this prior (cities under ~300,000 people) need support from the article to be chosen.
WEAK_PRIOR = 5.5
#: A choice made on priors alone counts as context only when it wins by this margin.
CLEAR_MARGIN = 1.0


@dataclass
class _Mention:
    span: Span
    candidates: list[Candidate]
    feature_hint: str | None = None  # "other" for facilities the gazetteer does not know
    partners: list[_Mention] = field(default_factory=list)
    choice: Candidate | None = None
    margin: float = 0.0

    @property
    def key(self) -> str:
        return name_key(self.span.text)


@dataclass
class _Context:
    """What the clear mentions of an article say about where it is set."""

    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # iso3 → keys naming it
    local: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # iso3 → keys of places in it
    local_noncapital: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, mentions: list[_Mention]) -> _Context:
        ctx = cls()
        for m in mentions:
            c = m.choice
            if c is None or c.country is None or (len(m.candidates) > 1 and m.margin < CLEAR_MARGIN):
                continue
            if _weak(c):  # small towns are what context decides, not evidence for it
                continue
            if c.feature == "country":
                ctx.countries[c.country].add(m.key)
            else:
                ctx.local[c.country].add(m.key)
                if not c.capital:
                    ctx.local_noncapital[c.country].add(m.key)
        return ctx

    def add_actors(self, actors: Iterable[Any], countries: frozenset[str]) -> None:
        """States the actors stage resolved ("Iraqi forces" → IRQ) count as countries the article names."""
        for actor in actors:
            code = getattr(actor, "code", None)
            if code in countries:
                self.countries[code].add(f"actor {getattr(actor, 'id', code)}")


def _others(keys: set[str], key: str) -> int:
    return len(keys - {key})


class PlacesComponent:
    """Pipeline component ``eventlens_places``: assigns ``doc._.places`` (one :class:`Place` per mention)."""

    def __init__(
        self, nlp: Language, name: str, extra_files: list[str] | None = None, cache_dir: str | None = None
    ) -> None:
        self.name = name
        self.gazetteer = _gazetteer(tuple(extra_files or ()), cache_dir)
        self.names = _name_index(nlp, self.gazetteer, cache_dir)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._mentions(doc)
        _pair_up(doc, mentions)
        for m in mentions:  # pass 1: priors and pairs only
            self._choose(m, None)
        ctx = _Context.of(mentions)
        ctx.add_actors(doc._.actors or (), self.gazetteer.countries)
        for m in mentions:  # pass 2: with the article's context
            self._choose(m, ctx)
        doc._.places = [_to_place(m) for m in mentions]
        return doc

    # -- finding mentions ----------------------------------------------------------------------------------------

    def _mentions(self, doc: Doc) -> list[_Mention]:
        person_words = _person_words(doc)
        hits = [doc[s:e] for s, e in self.names.find(doc) if doc[s].text[:1].isupper()]
        spans: list[Span] = []
        extra: dict[tuple[int, int], str] = {}
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            span = _trim(ent)
            if span is None:
                continue
            cands = self._lookup(span)
            if cands:
                # a surname the model took for a place ("Obama" GPE) is not a place, unless a strong one
                if any(c.strong for c in cands) or not _is_person_name(span, person_words, doc):
                    spans.append(span)
                continue
            inside = [h for h in hits if h.start >= span.start and h.end <= span.end]
            if inside and _covers(inside, span):  # "Raleigh, N.C.", not "Kim Jong Un" for a town named Kim
                spans.extend(inside)
            elif _keep_unresolved(span, person_words, doc, ent.label_):
                spans.append(span)
                if ent.label_ == "FAC":
                    extra[(span.start, span.end)] = "other"
        taken = {i for s in spans for i in range(s.start, s.end)}
        for hit in hits:
            if not taken.intersection(range(hit.start, hit.end)) and self._accept_hit(hit, person_words):
                spans.append(hit)
        mentions = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            cands = self._lookup(span)
            mentions.append(_Mention(span, cands, extra.get((span.start, span.end))))
        return mentions

    def _lookup(self, span: Span) -> list[Candidate]:
        for name in (span, _strip_qualifiers(span, loose=False), _strip_qualifiers(span, loose=True)):
            if len(name):
                cands = self.gazetteer.candidates(name.text)
                if cands:
                    return cands
        return []

    def _accept_hit(self, hit: Span, person_words: set[str]) -> bool:
        """Whether a gazetteer hit outside any place entity is a place mention."""
        doc = hit.doc
        if _is_abbreviation(hit):  # "N.C.", "Pa.": only after "City," where they mean a state
            return hit.start >= 2 and doc[hit.start - 1].text == "," and doc[hit.start - 2].pos_ == "PROPN"
        if not self.gazetteer.is_strong(hit.text) or hit.text in person_words:
            return False
        if hit.start > 0 and doc[hit.start - 1].lower_ in TITLES:
            return False
        ents = {t.ent_type_ for t in hit if t.ent_type_}
        if not ents:
            return any(t.pos_ == "PROPN" or t.is_upper for t in hit)
        overlapping = [e for e in doc.ents if e.start < hit.end and e.end > hit.start]
        return all(e.label_ in REPAIRABLE_LABELS and _is_whole_segment(hit, e) for e in overlapping)

    # -- resolving ----------------------------------------------------------------------------------------------

    def _choose(self, m: _Mention, ctx: _Context | None) -> None:
        cands = m.candidates
        if ctx is not None:  # a small town in a country the article never mentions is no answer ("Obama", Japan)
            cands = [c for c in cands if not _weak(c) or self._supported(c, m, ctx)]
        if not cands:
            m.choice = None
            return
        scored = sorted(((self._score(c, m, ctx), i, c) for i, c in enumerate(cands)), key=lambda x: (-x[0], x[1]))
        m.choice = scored[0][2]
        m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else float("inf")

    @staticmethod
    def _supported(c: Candidate, m: _Mention, ctx: _Context) -> bool:
        """Whether the article names the candidate's country or another place in it, or pairs it ("Ferguson,
        Missouri")."""
        if any(_pairs_with(c, p) for p in m.partners):
            return True
        if c.country is None:
            return False
        return bool(ctx.countries[c.country] - {m.key} or ctx.local[c.country] - {m.key})

    def _score(self, c: Candidate, m: _Mention, ctx: _Context | None) -> float:
        score = c.prior + sum(PAIR_BONUS for p in m.partners if _pairs_with(c, p))
        if ctx is None or c.country is None:
            return score
        if c.feature == "country":
            score += COUNTRY_LOCAL_WEIGHT * min(_others(ctx.local[c.country], m.key), LOCAL_CAP)
            named = {k for k, v in (*ctx.countries.items(), *ctx.local.items()) if v - {m.key}}
            if named & self.gazetteer.neighbours.get(c.country, frozenset()):
                score += NEIGHBOUR_WEIGHT
        else:
            if _others(ctx.countries[c.country], m.key):
                score += COUNTRY_NAMED_WEIGHT
            score += COUNTRY_LOCAL_WEIGHT * min(_others(ctx.local_noncapital[c.country], m.key), LOCAL_CAP)
        return score


def _weak(c: Candidate) -> bool:
    """A candidate that needs the article's support: a town under ~300,000 people that is neither a capital nor
    known abroad (Geneva is; Nada, China is not), or a name found only among GeoNames' alternate names ("Tiran" is
    an alternate of Tirana, and an island in the Red Sea)."""
    return c.via_alternate or (c.prior < WEAK_PRIOR and not c.capital and not c.notable)


def _pairs_with(c: Candidate, partner: _Mention) -> bool:
    """Whether candidate ``c`` fits a "City, Region" partner: a region or country that contains it, or vice versa."""
    for other in partner.candidates:
        if other.feature == "city" and c.feature == "city":
            continue
        if c.country is None or c.country != other.country:
            continue
        inner, outer = (c, other) if c.feature == "city" or other.feature == "country" else (other, c)
        if outer.feature == "country" or inner.admin1 is None or outer.admin1 is None or inner.admin1 == outer.admin1:
            return True
    return False


def _pair_up(doc: Doc, mentions: list[_Mention]) -> None:
    """Link "A, B" mentions (a comma and nothing else between them)."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if doc_text(doc)[a.span.end_char : b.span.start_char].strip() == ",":
            a.partners.append(b)
            b.partners.append(a)


def _to_place(m: _Mention) -> Place:
    span, c = m.span, m.choice
    if c is None:
        return Place(text=span.text, start=span.start_char, end=span.end_char, name=span.text, feature=m.feature_hint)
    return Place(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=c.name,
        geonameid=c.geonameid,
        country=c.country,
        lat=c.lat,
        lon=c.lon,
        feature=c.feature,
        admin1=c.admin1,
    )


def _trim(span: Span) -> Span | None:
    """The entity without a leading "the" and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return doc[start:end] if end > start else None


def _is_whole_segment(hit: Span, ent: Span) -> bool:
    """Whether ``hit`` is all of ``ent`` once the entity is cut at punctuation and its possessive dropped:
    "Kyiv’s" and "Kyiv | News" (a headline) are the name Kyiv, "Kyiv Post" is not."""
    doc = hit.doc
    start, end = hit.start, hit.end
    before_ok = start == ent.start or _is_mark(doc[start - 1])
    after_ok = end == ent.end or _is_mark(doc[end]) or doc[end].tag_ == "POS"
    return before_ok and after_ok


def _is_mark(token: Token) -> bool:
    """Punctuation or a symbol such as a headline's "|"."""
    return not (token.is_alpha or token.like_num)


def _strip_qualifiers(span: Span, loose: bool) -> Span:
    """The name without the words that only qualify it: a lower-case direction ("eastern Ukraine" → "Ukraine");
    with ``loose``, any direction and a trailing region word too ("South Lebanon" → "Lebanon", "West Darfur State"
    → "Darfur"), a last resort tried only when the gazetteer holds neither the name nor the strict form, so names
    it does hold ("South Sudan", "West Bank") keep their own entry."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ in DIRECTIONS and (loose or span.doc[start].is_lower):
        start += 1
    while loose and end - 1 > start and span.doc[end - 1].lower_ in ADMIN_WORDS:
        end -= 1
    return span.doc[start:end]


def _is_abbreviation(span: Span) -> bool:
    return span.text.endswith(".") and len(span.text) <= 6


def _person_words(doc: Doc) -> set[str]:
    """Words the article uses in people's names: every token of a PERSON entity of two words or more, and of
    actors the actors stage found to be people."""
    words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for actor in doc._.actors or ():
        if getattr(actor, "kind", None) == "person":
            for mention in getattr(actor, "mentions", ()):
                words.update(mention.text.split())
    return words


def _is_person_name(span: Span, person_words: set[str], doc: Doc) -> bool:
    """Whether the article uses these words as a person's name (a PERSON entity, or part of a longer one)."""
    if any(t.text in person_words for t in span):
        return True
    return any(e.label_ == "PERSON" and e.text == span.text for e in doc.ents)


def _keep_unresolved(span: Span, person_words: set[str], doc: Doc, label: str) -> bool:
    """Keep an entity no gazetteer name fits, unless it is a person's name, a bare direction ("the West"), a
    demonym the model took for a place ("Ukrainian"), or has no capital letter."""
    if not any(c.isupper() for c in span.text) or _is_person_name(span, person_words, doc):
        return False
    if span.root.dep_ in NOMINAL_SUBJECT_DEPS and label != "FAC":
        return False  # an unknown name that acts ("Blinken met Lavrov") is a person or a group, not a place
    words = [t for t in span if t.is_alpha]
    if all(t.lower_ in DIRECTIONS for t in words) or all(t.tag_ in ("JJ", "NNPS") for t in words):
        return False
    return not any(e.label_ == "NORP" and e.text == span.text for e in doc.ents)


def _covers(hits: list[Span], span: Span) -> bool:
    """Whether gazetteer hits account for every word of an entity but connectors ("Raleigh, N.C.")."""
    inside = {i for h in hits for i in range(h.start, h.end)}
    return all(t.i in inside for t in span if t.is_alpha and t.lower_ not in ("and", "of", "the"))


def places_between(doc: Doc, start_char: int, end_char: int) -> list[Place]:
    """The places of ``doc`` that lie within ``[start_char, end_char)`` (e.g. one sentence), in text order."""
    return [p for p in (doc._.places or ()) if p.start >= start_char and p.end <= end_char]


@lru_cache(maxsize=4)
def _gazetteer(extra_files: tuple[str, ...], cache_dir: str | None) -> Gazetteer:
    """One gazetteer per set of user files per process: every pipeline in a process shares it."""
    return Gazetteer.cached(extra_files, cache_dir=cache_dir)


def _name_index(nlp: Language, gazetteer: Gazetteer, cache_dir: str | None) -> NameIndex:
    """The :class:`NameIndex` of every gazetteer name as the pipeline's tokenizer splits it.

    Tokenizing some 34,000 names takes seconds, so the index is cached under the gazetteer's key (its data and
    versions, which the names follow from) and the tokenizer's identity (model and spaCy version).
    """
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{spacy.about.__version__}"

    def build() -> dict[str, Any]:
        tokenizer: Any = nlp.tokenizer
        return NameIndex.of([t.text for t in doc] for doc in tokenizer.pipe(gazetteer.keys())).as_json()

    if not gazetteer.key:
        return NameIndex(**build())
    return NameIndex(**cached_json("place-names", fingerprint(gazetteer.key, model), build, cache_dir=cache_dir))


class NameIndex:
    """Names as sequences of lower-case tokens, found in a ``Doc`` as spaCy's ``PhraseMatcher(attr="LOWER")``
    finds them (every match, overlaps included).

    A set of strings rather than a ``PhraseMatcher``: the matcher needs a ``Doc`` per name, and making 34,000 of
    them (each new word a lexeme in the vocabulary) cost a cold start over a second; the set is read from the cache
    in milliseconds, and a lookup per token is as quick. A name is its tokens' lower-case forms (``LOWER`` is
    ``str.lower()``) joined by single spaces: no token but a whitespace token holds a space, and no name holds one,
    so two sequences join alike only when their tokens are the same.
    """

    def __init__(self, names: list[str], lengths: dict[str, list[int]]) -> None:
        self.names = set(names)
        #: For each first token, the lengths (in tokens) of the names it begins, shortest first.
        self.lengths = lengths

    @classmethod
    def of(cls, names: Iterable[Sequence[str]]) -> NameIndex:
        """The index of names given as their tokens' texts."""
        joined: dict[str, None] = {}
        lengths: dict[str, set[int]] = defaultdict(set)
        for words in names:
            if words:
                lowers = [w.lower() for w in words]
                joined[" ".join(lowers)] = None
                lengths[lowers[0]].add(len(lowers))
        return cls(list(joined), {first: sorted(n) for first, n in lengths.items()})

    def as_json(self) -> dict[str, Any]:
        """What :meth:`__init__` takes, as JSON data (the cached form)."""
        return {"names": sorted(self.names), "lengths": self.lengths}

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Every ``(start, end)`` token range of ``doc`` that spells a name, in order of start, then end."""
        lowers = [t.lower_ for t in doc]
        found = []
        for start, first in enumerate(lowers):
            for length in self.lengths.get(first, ()):
                end = start + length
                if end > len(lowers):
                    break
                if length == 1 or " ".join(lowers[start:end]) in self.names:
                    found.append((start, end))
        return found


@Language.factory(
    "eventlens_places",
    requires=["doc._.actors"],
    assigns=["doc._.places"],
    default_config={"extra_files": [], "cache_dir": None},
)
def make_places(nlp: Language, name: str, extra_files: list[str], cache_dir: str | None) -> PlacesComponent:
    return PlacesComponent(nlp, name, extra_files, cache_dir)


__all__: list[Any] = ["NameIndex", "PlacesComponent", "make_places", "places_between"]
