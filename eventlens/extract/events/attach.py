"""When, where and how much: the date, place and magnitude attached to an event.

* Date: the date expression of the event's sentence that lies nearest the trigger in the parse and belongs to the
  trigger's clause (a date inside another relative or subordinate clause is that clause's); else the dateline's
  date; else the publication date. ``DateValue.source`` says which (sentence | dateline | published).
* Place: the place of the sentence that a locative preposition ("in", "at", "near", "along", …) ties to the trigger's
  clause, or the destination of a visit or deployment ("a trip to Berlin"); places that are the event's actor or
  recipient are not its location. Else the dateline's place.
* Magnitude: the quantities in the trigger's clause that measure what the event type can have (dead, injured and
  arrested for violence and repression, troops for deployments, money for aid and sanctions).
* Historical: the sentence date ends well before publication ("Russia in 2014 seized …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...record import DateExpr, DateValue, Magnitude, Place, Quantity
from ..extensions import doc_text
from ..quotes import cue_data
from ..syntax import NOMINAL_SUBJECT_DEPS

#: A date this long before publication makes an event historical.
HISTORICAL_DAYS = 180
LOCATIVE_PREPS = frozenset(
    "in at near on along outside inside across around throughout within from off beyond behind".split()
)
#: Nouns that a place's "of" phrase names ("the northern city of Kirkuk", "the province of Helmand").
PLACE_NOUNS = frozenset(
    "city town village capital province region district state area port county suburb outskirts island "
    "municipality neighbourhood neighborhood enclave territory republic".split()
)
#: Events whose "to"/"into" phrase names where they happen: visits, deployments, withdrawals.
DESTINATION_TYPES = frozenset({"CONSULT", "MOBILIZE", "RETREAT", "ASSAULT"})
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl", "xcomp", "conj", "parataxis", "csubj"})
#: Which magnitudes each event type can carry.
MAGNITUDE_TYPES = {
    "dead": frozenset({"ASSAULT", "COERCE", "PROTEST"}),
    "injured": frozenset({"ASSAULT", "COERCE", "PROTEST"}),
    "arrested": frozenset({"COERCE", "PROTEST"}),
    "troops": frozenset({"MOBILIZE", "ASSAULT", "RETREAT", "AID"}),
    "money_usd": frozenset({"AID", "SANCTION", "COOPERATE", "AGREE"}),
}
FEATURE_RANK = {"city": 0, "other": 1, "region": 2, "country": 3}
DATELINE = re.compile(r"^\s*(?P<head>[A-Z][A-Za-z0-9 .'’,-]{1,60}?)\s*(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s")


@dataclass
class _Located:
    """A date or place of the sentence and the token that heads it in the parse."""

    item: Any
    root: Token


class Attacher:
    """Attaches dates, places and magnitudes to the events of one document."""

    def __init__(self, doc: Doc, magnitude_key: Any, event_nouns: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.event_nouns = event_nouns  # a date hanging on another event noun is that event's date
        self.published: str | None = doc._.published
        self.magnitude_key = magnitude_key
        self.dates = [_Located(d, r) for d, r in _rooted(doc, doc._.dates or [])]
        self.places = [_Located(p, r) for p, r in _rooted(doc, doc._.places or [])]
        self.quantities = [_Located(q, r) for q, r in _rooted(doc, doc._.quantities or [])]
        self.dateline_end = 0
        self.dateline_date, self.dateline_place = self._dateline()

    # ------------------------------------------------------------------ dates
    def date_for(self, trigger: Token) -> DateValue:
        """The date governing ``trigger`` (see the module docstring)."""
        best = self._nearest(trigger, self.dates, lambda root: not self._owned_by_other_event(root, trigger))
        if best is not None:
            d: DateExpr = best.item
            return DateValue(text=d.text, value=d.value, granularity=d.granularity, source="sentence")
        if self.dateline_date is not None:
            d = self.dateline_date
            return DateValue(text=d.text, value=d.value, granularity=d.granularity, source="dateline")
        return DateValue(
            text=self.published or "",
            value=self.published,
            granularity="day" if self.published else None,
            source="published",
        )

    def _owned_by_other_event(self, root: Token, trigger: Token) -> bool:
        """The date hangs on another event noun before it reaches the trigger's clause ("sent troops for war games
        next month": next month is the games', not the sending's)."""
        ancestors = {t.i for t in trigger.ancestors} | {trigger.i}
        tok = root
        for _ in range(8):
            if tok.i in ancestors or tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.i not in ancestors and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in self.event_nouns:
                return True
        return False

    # ------------------------------------------------------------------ places
    def place_for(self, trigger: Token, event_type: str, taken: list[tuple[int, int]]) -> dict[str, Any] | None:
        """The location of the event as the record's ``location`` object, or None."""

        def locative(root: Token) -> bool:
            return _tied_by_locative(root, trigger, event_type)

        candidates = [
            p for p in self.places if not any(p.item.start < e and s < p.item.end for s, e in taken) and p.item.name
        ]
        # "threatened to resume attacks in Israel": the place of what is threatened, agreed or refused
        best = self._nearest(trigger, candidates, locative, through=frozenset({"xcomp"}), reported=True)
        if best is not None:
            return location_of(self._named_after(best))
        if self.dateline_place is not None:
            return {**location_of(self.dateline_place), "source": "dateline"}
        return None

    def _named_after(self, best: _Located) -> Place:
        """The city named right after the phrase a place qualifies: "to Ukraine's capital, Kyiv" → Kyiv (the parse
        often misses that apposition)."""
        phrase = best.root
        while phrase.dep_ in ("poss", "compound") and phrase.head.i != phrase.i:
            phrase = phrase.head
        after = phrase.right_edge.i + 1
        if after + 1 < len(self.doc) and self.doc[after].text == ",":
            start = self.doc[after + 1].idx
            for loc in self.places:
                if loc.item.start == start and loc.item.feature == "city":
                    city: Place = loc.item
                    return city
        place: Place = best.item
        return place

    # ------------------------------------------------------------------ magnitudes
    def magnitude_for(self, trigger: Token, event_type: str) -> Magnitude:
        """Magnitudes from the quantities in the trigger's clause."""
        clause = clause_of(trigger)
        mag = Magnitude()
        for q in self.quantities:
            if not (clause.left_edge.i <= q.root.i <= clause.right_edge.i):
                continue
            key = self.magnitude_key(q.item) if self.magnitude_key is not None else None
            if key is None or event_type not in MAGNITUDE_TYPES.get(key, frozenset()):
                continue
            quantity: Quantity = q.item
            if getattr(mag, key) is None and quantity.value is not None:
                setattr(mag, key, quantity.value)
        return mag

    # ------------------------------------------------------------------ shared
    def _nearest(
        self,
        trigger: Token,
        items: list[_Located],
        ok: Any,
        through: frozenset[str] = frozenset(),
        reported: bool = False,
    ) -> _Located | None:
        sent = trigger.sent
        ancestors = _ancestor_depths(trigger, reported)
        best: tuple[int, int, int] | None = None
        chosen: _Located | None = None
        for loc in items:
            if not (sent.start <= loc.root.i < sent.end) or loc.item.end <= self.dateline_end:
                continue  # another sentence's, or the dateline's (used only as the fallback it is)
            dist = _distance_into(loc.root, ancestors, through)
            if dist is None or not ok(loc.root):
                continue
            # nearest in the parse, then the finer place ("Ukraine's capital, Kyiv": Kyiv), then nearest in the text
            rank = FEATURE_RANK.get(getattr(loc.item, "feature", None) or "", 1)
            key = (dist, rank, abs(loc.root.i - trigger.i))
            if best is None or key < best:
                best, chosen = key, loc
        return chosen

    def _dateline(self) -> tuple[DateExpr | None, Place | None]:
        text = doc_text(self.doc)[:200]
        m = DATELINE.match(text)
        if m is None:
            return None, None
        end = self.dateline_end = m.end()
        dates = [d for d in self.doc._.dates or [] if d.end <= end]
        places = [p for p in self.doc._.places or [] if p.end <= end]
        return (dates[0] if dates else None), (places[0] if places else None)


def _rooted(doc: Doc, items: list[Any]) -> list[tuple[Any, Token]]:
    out = []
    for item in items:
        span: Span | None = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((item, span.root))
    return out


def _ancestor_depths(tok: Token, reported: bool = False) -> dict[int, int]:
    """The trigger's ancestors with their distance, up to the clause it belongs to: a conjoined clause with a
    subject of its own ("Blinken did not elaborate, but Russia has sent …") does not share the first one's dates;
    with ``reported``, a reported clause does not share the places of the verb that reports it."""
    depths = {tok.i: 0}
    depth = 0
    while tok.head.i != tok.i:
        if tok.dep_ == "conj" and any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in tok.children):
            break
        if reported and tok.dep_ == "ccomp" and cue_data().lemma(tok.head) is not None:
            break  # "rebels kidnapped …, sources in Pakistan said": where it was said is not where it happened
        tok = tok.head
        depth += 1
        depths[tok.i] = depth
    return depths


def _distance_into(tok: Token, ancestors: dict[int, int], through: frozenset[str] = frozenset()) -> int | None:
    """Tree distance from ``tok`` to the trigger, or None when ``tok`` sits in a clause of its own on the way
    (clauses joined by a relation in ``through`` count as the trigger's own)."""
    steps = 0
    while tok.i not in ancestors:
        if tok.dep_ in CLAUSE_DEPS and tok.dep_ not in through:
            return None  # the date or place belongs to another clause ("talks, which follow talks last week")
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1
    return steps + ancestors[tok.i]


def _tied_by_locative(root: Token, trigger: Token, event_type: str) -> bool:
    """The place is the object of a locative preposition (or a visit's destination), itself or through the noun
    it names or qualifies ("in Kyiv", "on Ukraine's border", "to Ukraine's capital, Kyiv")."""
    tok = root
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in PLACE_NOUNS:
            tok = tok.head.head  # "in the northern city of Kirkuk": the city's preposition decides
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
            prep = tok.head.lower_
            if tok.head.head.lower_ in ("according", "due", "thanks", "owing"):
                return False  # "according to Pentagon sources" names a source, not a destination
            return prep in LOCATIVE_PREPS or (prep in ("to", "into") and event_type in DESTINATION_TYPES)
        if tok.dep_ == "dobj" and tok.head.i == trigger.i:
            return event_type == "CONSULT"  # "Blinken visits Kyiv"
        if tok.dep_ == "npadvmod" and tok.head.i == trigger.i:
            return True
        if tok.dep_ not in ("appos", "compound", "poss", "conj", "amod", "nmod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def clause_of(tok: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself for a verb)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def location_of(place: Place) -> dict[str, Any]:
    """The record's ``location`` object for a place."""
    return {
        "name": place.name,
        "geonameid": place.geonameid,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
    }


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day of an ISO 8601 value at any granularity ("2014", "2022-01", "2022-W02", "199")."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            d = date.fromisoformat(value)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:7])
            first = date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            first = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return first, first + timedelta(days=6)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if re.fullmatch(r"\d{3}", value):
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


def is_historical(value: DateValue, published: str | None) -> bool:
    """The event's own (sentence) date ends well before publication."""
    if value.source != "sentence" or not published:
        return False
    span = period(value.value)
    pub = period(published[:10])
    if span is None or pub is None:
        return False
    return (pub[0] - span[1]).days > HISTORICAL_DAYS  # a difference of days never leaves the calendar (#16)


def is_after(value: DateValue, published: str | None) -> bool:
    """The event's own (sentence) date begins after the publication day: it has not happened yet."""
    if value.source != "sentence" or not published:
        return False
    span = period(value.value)
    pub = period(published[:10])
    return span is not None and pub is not None and span[0] > pub[1]


__all__ = ["Attacher", "clause_of", "is_after", "is_historical", "location_of", "period"]
