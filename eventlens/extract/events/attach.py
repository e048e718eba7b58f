"""When, where and how much: the date, place and magnitude attached to an event.

* Date: the date expression of the event's sentence that lies nearest the trigger in the parse and belongs to the
  trigger's clause (a date inside another relative or subordinate clause is that clause's), or the date that closes
  a photo caption. ``DateValue.source`` says where it came from (sentence | dateline | published). Only a date the
  text ties to the event dates it: a past event the text does not date is recorded as on or before publication
  (granularity ``on_or_before_publication``, value the dateline's day or else the publication day), and a planned
  or possible one the text does not date has no date (granularity ``unknown``, value None: :func:`settle_date`).
  A stretch of time that reaches up to publication ("in recent days", "over the past two weeks", "the last
  decade") dates an event no closer than that; a deadline ("by June 2") does not date it at all.
* Place: the place of the sentence that a locative preposition ("in", "at", "near", "along", …) ties to the trigger's
  clause, or the destination of a visit or deployment ("a trip to Berlin"); places that are the event's actor or
  recipient are not its location. A statement, demand or accusation is placed only by a locative on its own words
  ("told reporters in Kabul"), never by a place inside what it is about ("accused Moscow of stirring unrest in
  Ukraine"). The dateline's place stands in only for acts on the ground (attacks, arrests, protests) that the
  sentence does not put in another country: the city an article is filed from is where a reporter is, and only
  what happens on the ground around them is plausibly there.
* Magnitude: the quantities in the trigger's clause that measure what the event type can have (dead, injured and
  arrested for violence and repression, troops for deployments, money for aid and sanctions), added up over what
  the text adds up ("a poet and three activists were arrested": 4; "Karim and nine other activists": 10). Vague
  counts ("several", "dozens", "hundreds") are no number; a breakdown in apposition ("12 people -- 11 soldiers and
  a civilian") is not counted twice.
* Historical: the sentence date ends more than a year before publication ("Russia in 2014 seized …"); an event
  that runs "since" a date runs up to publication and is not historical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...record import DateExpr, DateValue, Magnitude, Place, Quantity
from ..dates.normalise import reaches_publication
from ..extensions import doc_text
from ..quantities import is_vague, magnitude_for
from ..quotes import cue_data
from ..syntax import NOMINAL_SUBJECT_DEPS

#: A date this long before publication makes an event historical (docs/annotation.md: "more than a year").
HISTORICAL_DAYS = 365
#: Granularities of an event's date that the text did not give: before publication, or not known at all.
ON_OR_BEFORE, UNKNOWN = "on_or_before_publication", "unknown"
#: Prepositions that bring in a party to the event, not what it is about ("talks between X and Y", "met with Z").
PARTY_PREPS = frozenset({"with", "between", "among", "by"})
#: Verbal events: where they happen is only what a locative on their own words says.
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
#: Acts on the ground, which the dateline's place may stand in for.
GROUND_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
#: Prepositions whose object event is another event than the clause's (its cause, background or occasion).
BACKGROUND_PREPS = frozenset({"amid", "amidst", "over", "despite", "since", "against"})
#: Prepositions whose object event contains the trigger's event ("wounded in a 1965 march"): it shares its date.
WITHIN_PREPS = frozenset({"in", "during", "at", "amid", "amidst"})
#: Magnitudes that count people, which the text may add up ("a poet and three activists").
PEOPLE_KEYS = frozenset({"dead", "injured", "arrested"})
#: Nouns that count a group, not one person ("the police were detained" is no count of one).
COLLECTIVE_NOUNS = frozenset(
    "police crowd group family team army force forces government staff community people public population unit convoy "
    "village city town gang militia cell network party delegation committee council board leadership".split()
)
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
        best = self._nearest(
            trigger, self.dates, lambda root: not self._owned_by_other_event(root, trigger) and not _deadline(root)
        )
        if best is not None:
            d: DateExpr = best.item
            if reaches_publication(d.text) and self.published:
                # "protests in recent days": on or before publication, no closer
                return DateValue(text=d.text, value=self.published[:10], granularity=ON_OR_BEFORE, source="sentence")
            text = f"since {d.text}" if self._after_since(d) else d.text
            return DateValue(text=text, value=d.value, granularity=d.granularity, source="sentence")
        caption = self._caption_date(trigger)
        if caption is not None:
            return DateValue(text=caption.text, value=caption.value, granularity=caption.granularity, source="sentence")
        if self.dateline_date is not None and self.dateline_date.granularity == "day":
            # the day the story was filed: the event happened on or before it, as with the publication day
            d = self.dateline_date
            return DateValue(text=d.text, value=d.value, granularity=ON_OR_BEFORE, source="dateline")
        return DateValue(
            text=None,
            value=self.published[:10] if self.published else None,
            granularity=ON_OR_BEFORE if self.published else UNKNOWN,
            source="published",
        )

    def _caption_date(self, trigger: Token) -> DateExpr | None:
        """A photo caption's date: a full calendar date set off by a comma at the end of the sentence ("A man holds
        a sign at a rally in Winston-Salem, North Carolina, July 13, 2015.") dates what the caption shows."""
        sent = trigger.sent
        text = doc_text(self.doc)
        for loc in self.dates:
            d: DateExpr = loc.item
            if not (sent.start_char <= d.start and d.end <= sent.end_char) or d.granularity != "day":
                continue
            if not re.search(r"\d{4}", d.text) or not text[: d.start].rstrip().endswith(","):
                continue
            if text[d.end : sent.end_char].strip(" .\n\"”’'") == "":
                return d
        return None

    def _after_since(self, d: DateExpr) -> bool:
        """The date opens a stretch that runs up to now ("investigating since 2014")."""
        before = doc_text(self.doc)[max(0, d.start - 12) : d.start].lower().split()
        return bool(before) and before[-1] in ("since", "from") and not d.text.lower().startswith(("since", "from"))

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
                # "was wounded in a 1965 march": the wounding happened within the march, on its date
                return not _within(tok, trigger, ancestors)
        return False

    # ------------------------------------------------------------------ places
    def place_for(
        self, trigger: Token, event_type: str, taken: list[tuple[int, int]], *, about: bool = False
    ) -> dict[str, Any] | None:
        """The location of the event as the record's ``location`` object, or None. With ``about``, a statement's
        place may also be the place of what it is about ("threatened to impose a curfew in Algiers"): not where the
        statement was made, but a clue to whom it concerns."""

        def locative(root: Token) -> bool:
            if event_type in VERBAL_TYPES and not about and not _on_own_words(root, trigger, event_type):
                return False  # "accused Moscow of stirring unrest in Ukraine": the unrest's place, not the accusing's
            return _tied_by_locative(root, trigger, event_type)

        candidates = [
            p for p in self.places if not any(p.item.start < e and s < p.item.end for s, e in taken) and p.item.name
        ]
        best = self._nearest(trigger, candidates, locative, through=frozenset({"xcomp"}), reported=True)
        if best is not None:
            return location_of(self._named_after(best))
        if self.dateline_place is not None and self._dateline_fits(trigger, event_type):
            return {**location_of(self.dateline_place), "source": "dateline"}
        return None

    def _dateline_fits(self, trigger: Token, event_type: str) -> bool:
        """The dateline's place stands in for an act on the ground that the sentence does not put in another
        country ("ISLAMABAD — … protests in Indian Kashmir" are not in Islamabad)."""
        if event_type not in GROUND_TYPES or self.dateline_place is None:
            return False
        home = self.dateline_place.country
        sent = trigger.sent
        return not any(
            sent.start <= p.root.i < sent.end and p.item.end > self.dateline_end and p.item.country not in (None, home)
            for p in self.places
        )

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
        """Magnitudes from the quantities in the trigger's clause, added up over what the text adds up, or from
        the people the trigger names as killed, hurt or arrested ("a poet and three activists were arrested")."""
        clause = clause_of(trigger)
        mag = Magnitude()
        for q in self.quantities:
            if not (clause.left_edge.i <= q.root.i <= clause.right_edge.i):
                continue
            quantity: Quantity = q.item
            if quantity.value is None or is_vague(quantity) or q.root.dep_ == "appos":
                continue  # "dozens" is no number; "12 people -- 11 soldiers and a civilian" is a breakdown
            key = self.magnitude_key(quantity) if self.magnitude_key is not None else None
            if key is None or event_type not in MAGNITUDE_TYPES.get(key, frozenset()):
                continue
            if getattr(mag, key) is None:
                people = self._added_up(q.root) if key in PEOPLE_KEYS else None
                setattr(mag, key, people or quantity.value)
        for verb, key in self._counting_words(trigger):
            if event_type not in MAGNITUDE_TYPES.get(key, frozenset()):
                continue
            people = self._counted_people(verb)
            if people is not None and (getattr(mag, key) is None or people > getattr(mag, key)):
                setattr(mag, key, people)
        return mag

    def counted_on(self, noun: Token, event_type: str) -> bool:
        """Whether the text gives a number of this event's own on an event noun: in the noun's phrase ("a $40
        million aid package", "the rampage that killed 39 people") or as the amount it measures ("$2 billion in
        loan guarantees")."""
        while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
            noun = noun.head  # "a shooting rampage that killed 39", "$2 billion in loan guarantees": the phrase's head
        span = range(noun.left_edge.i, noun.right_edge.i + 1)
        measured = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of") else None
        for q in self.quantities:
            quantity: Quantity = q.item
            if quantity.value is None or is_vague(quantity) or self.magnitude_key is None:
                continue
            key = self.magnitude_key(quantity)
            if key is None or event_type not in MAGNITUDE_TYPES.get(key, frozenset()):
                continue
            if q.root.i in span or (measured is not None and q.root.i == measured.i):
                return True
        return False

    def _counting_words(self, trigger: Token) -> list[tuple[Token, str]]:
        """The trigger and the verbs joined to it that say what happened to people ("shot and wounded", "shot
        dead", "the killing of"), with the magnitude each counts."""
        words = [trigger] + [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        out = []
        for word in words:
            said = [word.lower_] + [c.lower_ for c in word.children if c.dep_ in ("oprd", "acomp", "advmod")]
            key = magnitude_for(" ".join(said), None)
            if key in PEOPLE_KEYS:
                out.append((word, key))
        return out

    def _counted_people(self, word: Token) -> int | float | None:
        """How many people ``word`` (a verb or event noun) is done to, when the text says it exactly: its passive
        subject or object ("he was killed", "arrested Karim and nine other activists", "the arrest of X")."""
        if word.pos_ == "VERB":
            deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in word.children) else ("dobj",)
        else:
            deps = ("poss",)
        patient = next((c for c in word.children if c.dep_ in deps), None)
        if patient is None and word.pos_ != "VERB":
            of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            patient = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return self._added_up(patient) if patient is not None else None

    def _added_up(self, noun: Token | None) -> int | float | None:
        """The number of people a noun phrase and the phrases conjoined with it name, or None when any of them
        is not an exact count ("protesters", "dozens of people", "they")."""
        if noun is None:
            return None
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        parts = [first] + [t for t in first.subtree if t.dep_ == "conj" and _conjunct_of(t, first)]
        total: int | float = 0
        for part in parts:
            count = self._count_of(part)
            if count is None:
                return None
            total += count
        return total

    def _count_of(self, noun: Token) -> int | float | None:
        for q in self.quantities:
            if q.root.i == noun.i:
                quantity: Quantity = q.item
                return None if is_vague(quantity) else quantity.value
        if any(c.dep_ == "nummod" for c in noun.children):
            return None  # a number the quantities stage did not read
        word = noun.lower_
        if word in COLLECTIVE_NOUNS or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return None  # "a crowd of protesters", "the police"
        if noun.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return 1  # "an Iraqi", "a poet"
        if noun.pos_ == "PRON":
            return 1 if word in ("he", "him", "she", "her", "himself", "herself") else None
        if noun.pos_ == "PROPN":  # a person, or a name the model did not type ("arrested Karim and nine others")
            return 1 if noun.ent_type_ in ("PERSON", "") and noun.tag_ == "NNP" else None
        if noun.tag_ == "NN" and noun.ent_type_ not in ("ORG", "NORP", "GPE"):
            return 1  # "a demonstrator", "the 22-year-old commander"
        return None

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
        if not reported and tok.dep_ == "relcl" and _own_clause(tok):
            break  # "the movement, which the government accuses of …" is not dated by what was done to it
        if not reported and tok.dep_ == "acl" and tok.tag_ == "VBN":
            break  # "during the hearing on July 4, victims tortured by the criminal explained …"
        if reported and tok.dep_ in ("advcl", "relcl") and _own_clause(tok):
            break  # "police fired tear gas in Cairo hours after authorities announced the detention"
        if reported and tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS:
            break  # "summoned in New Delhi amid allegations of attacks": the allegations are not in New Delhi
        tok = tok.head
        depth += 1
        depths[tok.i] = depth
    return depths


def _within(noun: Token, trigger: Token, ancestors: set[int]) -> bool:
    """The event noun is the occasion the trigger's event happened within: "was wounded in a 1965 march", "loans
    made during the occupation in the 1980s"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in WITHIN_PREPS:
        return False
    holder = noun.head.head
    return holder.i in ancestors or (holder.dep_ == "acl" and holder.head.i == trigger.i)


def _deadline(root: Token) -> bool:
    """The date is a deadline or an end ("demanding payment by June 2", "a curfew until Friday"): not when the event
    happened."""
    return root.dep_ == "pobj" and root.head.lower_ in ("by", "until", "till")


def _own_clause(verb: Token) -> bool:
    """A clause with a subject of its own that does not say it happens at its head ("…, where he began his visit"
    happens at the place it hangs on, "in 2014, when he was arrested" at its time)."""
    joined = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    if any(c.lower_ in ("where", "when") and c.dep_ == "advmod" for v in joined for c in v.children):
        return False
    return any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in verb.children)


def _distance_into(tok: Token, ancestors: dict[int, int], through: frozenset[str] = frozenset()) -> int | None:
    """Tree distance from ``tok`` to the trigger, or None when ``tok`` sits in a clause of its own on the way
    (clauses joined by a relation in ``through`` count as the trigger's own, and so does a participle on the
    trigger)."""
    steps = 0
    while tok.i not in ancestors:
        participle = tok.dep_ == "acl" and tok.tag_ == "VBN" and ancestors.get(tok.head.i) == 0
        if tok.dep_ in CLAUSE_DEPS and tok.dep_ not in through and not participle:
            # the date or place belongs to another clause ("talks, which follow talks last week"); but a participle
            # on the event noun tells of the event itself ("loans made in the 1980s", "aid approved in December")
            return None
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
            if prep == "from" and tok.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return False  # "officials from Italy", "three women from Egypt": where they come from
            return prep in LOCATIVE_PREPS or (prep in ("to", "into") and event_type in DESTINATION_TYPES)
        if tok.dep_ == "dobj" and tok.head.i == trigger.i:
            return event_type == "CONSULT"  # "Blinken visits Kyiv"
        if tok.dep_ == "npadvmod" and tok.head.i == trigger.i:
            return True
        if tok.dep_ not in ("appos", "compound", "poss", "conj", "amod", "nmod") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _on_own_words(root: Token, trigger: Token, event_type: str) -> bool:
    """The place is not inside what a statement is about: it hangs on the statement's words ("told reporters in
    Kabul", "talks in Geneva"), on who makes it ("separatist leaders in Donetsk appealed"), on a clause above it, or
    is what a visit visits ("Blinken visits Kyiv"); not on its object or complement ("accused Moscow of stirring
    unrest in Ukraine", "denied targeting civilians in Aleppo", "blamed the group for an attack in Kabul")."""
    tok = root
    for _ in range(12):
        if tok.head.i == tok.i:
            return True  # not below the trigger: a place of the clause the statement belongs to
        if tok.head.i == trigger.i:
            if tok.dep_ == "prep":  # where, where to, or with whom ("talks with Lavrov in Geneva")
                destination = tok.lower_ in ("to", "into") and event_type in DESTINATION_TYPES
                return tok.lower_ in LOCATIVE_PREPS or tok.lower_ in PARTY_PREPS or destination
            if tok.dep_ == "dobj":
                return event_type == "CONSULT"
            return tok.dep_ in ("nsubj", "nsubjpass", "npadvmod", "advmod", "compound", "nmod", "poss", "agent")
        tok = tok.head
    return True


def _conjunct_of(tok: Token, first: Token) -> bool:
    """``tok`` is conjoined to ``first`` through a chain of conjuncts ("A, B and C")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == first.i:
            return True
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
        "text": place.text,  # the words the article names it with
        "name": place.name,
        "geonameid": place.geonameid,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "feature": place.feature,  # the precision of the point: country, region, city or other
        "admin1": place.admin1,
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


def settle_date(value: DateValue, factuality: str) -> DateValue:
    """The date of an event once its factuality is known: a planned, expected or possible event the text does not
    date has no date at all (granularity ``unknown``), not "on or before publication"."""
    undated = value.granularity == ON_OR_BEFORE and value.source in ("published", "dateline")
    if undated and factuality in ("future", "hypothetical"):
        return DateValue(text=None, value=None, granularity=UNKNOWN, source=None)
    return value


def is_historical(value: DateValue, published: str | None) -> bool:
    """The event's own (sentence) date ends well before publication; a stretch that runs "since" a date does not."""
    if value.source != "sentence" or not published or value.granularity in (ON_OR_BEFORE, UNKNOWN):
        return False
    if (value.text or "").lower().startswith(("since ", "from ")):
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


__all__ = [
    "ON_OR_BEFORE",
    "UNKNOWN",
    "Attacher",
    "clause_of",
    "is_after",
    "is_historical",
    "location_of",
    "period",
    "settle_date",
]
