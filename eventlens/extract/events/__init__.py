"""PLOVER 2.0 events: who did what to whom, with factuality, date, place and magnitude.

The component ``eventlens_events`` finds triggers (verbs, event nouns and evaluative predicates in the lexicon,
``data/lexicon/events.yaml``), reads each one's actor and recipient from the parse (:mod:`.arguments`), its
factuality (:mod:`.factuality`) and its date, place and magnitude (:mod:`.attach`), then keeps one
event per (type, actor, recipient) in each sentence. Lexicon tables are built once per component.

Example:
    >>> record = Extractor().extract(Article(text="Russia attacked Ukraine on Friday.", published="2022-02-25"))
    >>> [(e.type, e.actor.code, e.recipient.code, e.factuality) for e in record.events]
    [('ASSAULT', 'RUS', 'UKR', 'asserted')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...record import ActorRef, Event, Span, as_factuality, as_plover_type, as_quad
from ..actors import actor_ref_for_token
from ..extensions import doc_text  # (importing it registers the Doc extensions)
from ..quantities import magnitude_key
from ..syntax import NOMINAL_SUBJECT_DEPS
from .arguments import Args, ArgumentFinder, clause_subject, counted
from .attach import DESTINATION_TYPES, Attacher, is_after, is_historical, location_of, settle_date
from .factuality import ASSERTED, FUTURE, factuality
from .lexicon import Entry, Lexicon, load_lexicon, noun_forms

#: Verbs used as modifiers ("Russia-backed rebels", "armed uprising") describe, they do not report, an event.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
#: What a promised event of these types is coded as (PLOVER manual, AGREE and CONCEDE).
PROMISE_TYPES = {"SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE"}
#: What an announced act of force or pressure is coded as: a threat ("will impose martial law"), with its mode.
THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "PROTEST": "restrict",
    "SANCTION": "relations",
}
#: Nouns that an event word before them only classifies: "assault rifles", "aid workers", "protest movement".
NOT_EVENT_HEADS = frozenset(
    "rifle rifles weapon weapons helicopter helicopters vehicle vehicles group groups organization organizations "
    "organisation organisations agency agencies worker workers activist activists movement movements leader "
    "leaders camp camps site sites".split()
)
#: Types whose recipient, when none is named, is the country where they happen: acts done to a place's people
#: (attacks, crackdowns, protests, concessions, curfews, suspended aid, deployments), as CAMEO-style coders read it.
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE", "ASSAULT", "THREATEN", "SANCTION", "MOBILIZE"})
#: Speech verbs whose subject is the one who judges in an evaluative predicate ("X said the demands are non-starters").
SPEECH_DEPS = frozenset({"ccomp"})


@dataclass
class _Found:
    """A trigger with its lexicon entry, before it becomes an event."""

    token: Token
    entry: Entry
    kind: str  # verb | noun | predicate
    start: int  # character span of the trigger words
    end: int


class EventsComponent:
    """Pipeline component ``eventlens_events``: assigns ``doc._.events``."""

    def __init__(self, nlp: Language, name: str, lexicon_files: list[str] | None = None) -> None:
        self.name = name
        self.lexicon = _lexicon(tuple(lexicon_files or ()))
        self.for_token: Callable[[Doc, Token], ActorRef | None] = actor_ref_for_token
        self.magnitude_key = magnitude_key

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = EventCoder(doc, self.lexicon, self.for_token, self.magnitude_key).code()
        return doc


class EventCoder:
    """Codes the events of one document."""

    def __init__(
        self,
        doc: Doc,
        lexicon: Lexicon,
        for_token: Callable[[Doc, Token], ActorRef | None] | None,
        magnitude_key: Any,
    ) -> None:
        self.doc = doc
        self.lex = lexicon
        self.args = ArgumentFinder(doc, for_token, frozenset(lexicon.nouns))
        self.attach = Attacher(doc, magnitude_key, frozenset(lexicon.nouns))

    def code(self) -> list[Event]:
        """All events of the document in text order, one per (type, actor, recipient) per sentence."""
        events: list[Event] = []
        for sent in self.doc.sents:
            found = [e for f in self._triggers(sent) for e in self.args.spread(self._event(f))]
            events.extend(dedupe(found))
        self._share_meeting_places(events)
        for n, event in enumerate(events, start=1):
            event.id = str(n)
        return events

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: Any) -> list[_Found]:
        found: list[_Found] = []
        for tok in sent:
            word = _word(tok)
            if tok.pos_ == "VERB" and word in self.lex.verbs and tok.dep_ not in MODIFIER_DEPS:
                entry = self._verb_entry(tok, self.lex.verbs[word])
                if entry is not None:
                    found.append(_Found(tok, entry, "verb", tok.idx, tok.idx + len(tok)))
            elif tok.pos_ in ("NOUN", "PROPN") and word in self.lex.nouns and self._is_event_noun(tok):
                entry, start = self._noun_entry(tok, self.lex.nouns[word])
                if entry is not None:
                    start = min(start, tok.i - 2 if "-" in word else tok.i)
                    found.append(_Found(tok, entry, "noun", self.doc[start].idx, tok.idx + len(tok)))
            elif tok.dep_ in ("attr", "acomp") and word in self.lex.predicates:
                start = self.doc[tok.i - 2].idx if "-" in word else tok.idx
                found.append(_Found(tok, self.lex.predicates[word], "predicate", start, tok.idx + len(tok)))
        return found

    def _verb_entry(self, verb: Token, entries: list[Entry]) -> Entry | None:
        """The most specific entry whose particles and object the verb has."""
        words = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        objects = {counted(c).lower_ for c in verb.children if c.dep_ in ("dobj", "nsubjpass")}
        fitting = [
            e
            for e in entries
            if all(w in words for w in e.words)
            and (not e.objects or any(o in objects for obj in e.objects for o in noun_forms(obj)))
        ]
        return max(fitting, key=lambda e: e.specificity, default=None)

    def _noun_entry(self, noun: Token, entries: list[Entry]) -> tuple[Entry | None, int]:
        """The most specific entry whose modifiers stand before the noun ("joint military exercises" fits
        "joint exercises"), and where the trigger starts."""
        lefts = {t.lower_: t.i for t in noun.lefts}
        for e in sorted(entries, key=lambda e: -e.specificity):
            if all(w in lefts for w in e.words):
                return e, min([lefts[w] for w in e.words], default=noun.i)
        return None, noun.i

    def _is_event_noun(self, tok: Token) -> bool:
        if tok.pos_ == "PROPN" and tok.ent_type_:
            return False  # part of a name ("the Support Group")
        if tok.dep_ == "compound" and tok.head.lower_ in self.lex.nouns:
            return False  # the head noun is the event ("war games", "peace talks")
        if tok.dep_ in ("compound", "amod") and tok.head.lower_ in NOT_EVENT_HEADS:
            return False  # it only says what kind of thing or group the head is ("assault rifles", "aid groups")
        return True

    # ------------------------------------------------------------------ one event
    def _event(self, f: _Found) -> Event | None:
        tok = f.token
        if f.kind == "verb":
            args = self.args.for_verb(tok, f.entry.type, f.entry.symmetric, object_is_trigger=bool(f.entry.objects))
        elif f.kind == "noun":
            args = self.args.for_noun(tok, f.entry.type, f.entry.symmetric)
        else:
            args = self._predicate_args(tok)
        fact = factuality(tok, self.lex.cues)
        when = self.attach.date_for(tok)
        if fact == ASSERTED and tok.tag_ not in ("VBD", "VBN") and is_after(when, self.doc._.published):
            fact = FUTURE  # "talks Friday" written on Wednesday
        entry = _promised(f.entry, fact, self.lex)
        if entry.type != f.entry.type:
            fact = ASSERTED  # "will impose martial law": the threat (or promise) is made, whatever follows
        when = settle_date(when, fact)
        # an actor is never where its event happens; a recipient is, for visits and deployments ("trip to Berlin")
        parties = [args.actor] if entry.type in DESTINATION_TYPES else [args.actor, args.recipient]
        taken = [(r.start, r.end) for r in parties if r is not None]
        location = self.attach.place_for(tok, entry.type, taken)
        # a threat to impose a curfew in Algiers is not made in Algiers, but it is aimed at Algeria
        setting = location or self.attach.place_for(tok, entry.type, taken, about=True)
        args.actor = self.args.localised(args.actor, tok, setting) or self.args.implied_actor(tok, entry, location)
        args.recipient = self.args.localised(args.recipient, tok, setting)
        if args.recipient is None and entry.type in DOMESTIC_TYPES:
            args.recipient = self._where(tok, setting)
        elif args.recipient is None and entry.mode == "visit":  # "arrived in Amman on a visit": Jordan is visited
            where = self._where(tok, location)
            args.recipient = where if where is not None and where.code != _party(args.actor) else None
        sent = tok.sent
        return Event(
            id="",
            type=as_plover_type(entry.type),
            mode=entry.mode,
            quad=as_quad(entry.quad),
            actor=args.actor,
            recipient=args.recipient,
            factuality=as_factuality(fact),
            historical=is_historical(when, self.doc._.published),
            date=when,
            location=location,
            magnitude=self.attach.magnitude_for(tok, entry.type),
            trigger=Span(f.start, f.end, doc_text(self.doc)[f.start : f.end]),
            sentence=Span(sent.start_char, sent.end_char),
            symmetric=args.symmetric or (entry.symmetric and entry.mode != "visit" and _two_parties(args)),
        )

    def _where(self, tok: Token, location: dict[str, Any] | None) -> ActorRef | None:
        """A protest, crackdown or concession with no named recipient is aimed at the country it happens in
        ("students demonstrated in Jakarta" → IDN), as CAMEO-style coders read it; only a place in the sentence
        counts, never the dateline's."""
        if location is None or location.get("source") or not location.get("country"):
            return None
        sent = tok.sent
        for place in self.doc._.places or ():
            if sent.start_char <= place.start < sent.end_char and place.name == location["name"]:
                return ActorRef(
                    name=place.name, code=place.country, sector=None, text=place.text, start=place.start, end=place.end
                )
        return None

    def _predicate_args(self, tok: Token) -> Args:
        """ "The US said the Russian demands are non-starters": the sayer judges what the subject names."""
        copula = tok.head
        subject = next((c for c in copula.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
        judge: Token | None = None
        if copula.dep_ in SPEECH_DEPS and copula.head.i != copula.i:
            judge = clause_subject(copula.head)
        args = Args(actor=self.args.resolve(judge), recipient=self.args.resolve(subject))
        if args.actor is not None and args.recipient is not None and args.actor.code == args.recipient.code:
            args.recipient = None
        return args

    # ------------------------------------------------------------------ document level
    def _share_meeting_places(self, events: list[Event]) -> None:
        """A meeting with no place in its sentence takes the place the article puts both parties in together."""
        for event in events:
            if event.type != "CONSULT" or event.location is not None or event.actor is None or event.recipient is None:
                continue
            place = self._place_of_pair(event.actor, event.recipient)
            if place is not None:
                event.location = {**place, "source": "document"}

    def _place_of_pair(self, a: ActorRef, b: ActorRef) -> dict[str, Any] | None:
        spans_a = _mention_spans(self.doc, a)
        spans_b = _mention_spans(self.doc, b)
        if not spans_a or not spans_b:
            return None
        for sent in self.doc.sents:
            s, e = sent.start_char, sent.end_char
            if any(s <= x < e for x, _ in spans_a) and any(s <= x < e for x, _ in spans_b):
                for loc in self.attach.places:
                    if s <= loc.item.start < e and loc.root.dep_ == "pobj" and loc.root.head.lower_ in ("in", "at"):
                        if loc.item.country and loc.item.name:
                            return location_of(loc.item)
        return None


def _promised(entry: Entry, fact: str, lex: Lexicon) -> Entry:
    """PLOVER codes promised cooperation as AGREE ("Finland will give Tanzania a grant"), an announced retreat
    as CONCEDE ("Israel will evacuate the settlements") and announced force or pressure as THREATEN ("will impose
    martial law"). Meetings keep their type: their factuality says "future"."""
    if fact != FUTURE:
        return entry
    if entry.type in THREAT_MODES:
        mode = "arrest" if entry.mode == "arrest" else THREAT_MODES[entry.type]
        return Entry(entry.key, entry.lemma, "THREATEN", mode, lex.quads.get("THREATEN", ""), entry.words)
    if entry.type not in PROMISE_TYPES:
        return entry
    kind = PROMISE_TYPES[entry.type]
    return Entry(entry.key, entry.lemma, kind, None, lex.quads.get(kind, ""), entry.words, entry.objects)


def _word(tok: Token) -> str:
    """The word a token ends, joined over a hyphen the tokenizer split off ("non - starters" → "non-starters")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        if not doc[tok.i - 2].whitespace_:
            return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def _two_parties(args: Args) -> bool:
    return args.actor is not None and args.recipient is not None


def _mention_spans(doc: Doc, ref: ActorRef) -> list[tuple[int, int]]:
    """Where the actor a reference names is mentioned (all its mentions, when the actors layer knows it)."""
    for actor in doc._.actors or ():
        if (ref.actor_id and actor.id == ref.actor_id) or any(m.start == ref.start for m in actor.mentions):
            return [(m.start, m.end) for m in actor.mentions]
    return [(ref.start, ref.end)]


# ---------------------------------------------------------------------- dedup
def _party(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.code or ref.name or ref.text


def _key(e: Event) -> tuple[str, str, str | None, str | None]:
    a, r = _party(e.actor), _party(e.recipient)
    if e.symmetric and a is not None and r is not None and r < a:
        a, r = r, a
    return e.type, e.factuality, a, r  # "despite attacks …, the threat of attacks": two events, not one


def _weight(e: Event) -> tuple[int, int, int]:
    """Which of two duplicates to keep: more arguments, then more attached facts, then the earlier trigger."""
    args = (e.actor is not None) + (e.recipient is not None)
    facts = (e.location is not None) + sum(v is not None for v in vars(e.magnitude).values())
    return args, facts, -e.trigger.start


def _subsumes(big: Event, small: Event) -> bool:
    """``small`` says nothing ``big`` does not: same type and factuality, and each party missing or equal."""
    if big.type != small.type or big.factuality != small.factuality or big is small:
        return False
    pairs = [(_party(big.actor), _party(big.recipient))]
    if big.symmetric:
        pairs.append((pairs[0][1], pairs[0][0]))
    a, r = _party(small.actor), _party(small.recipient)
    if small.actor is None and small.recipient is not None and small.recipient.code is None:
        r = None  # "14,000 people have been killed in fighting between …": the dead of that fighting
    return any((a is None or a == pa) and (r is None or r == pr) for pa, pr in pairs)


def _merge_into(keep: Event, drop: Event) -> None:
    """Fill what ``keep`` lacks from ``drop`` (a place, a date from the sentence, magnitudes)."""
    if keep.location is None:
        keep.location = drop.location
    if (keep.date is None or keep.date.source != "sentence") and drop.date is not None:
        if drop.date.source == "sentence":
            keep.date = drop.date
            keep.historical = keep.historical or drop.historical
    for field_name, value in vars(drop.magnitude).items():
        if getattr(keep.magnitude, field_name) is None and value is not None:
            setattr(keep.magnitude, field_name, value)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, factuality, actor, recipient) in a sentence; an event without parties folds into one
    with them."""
    by_key: dict[tuple[str, str, str | None, str | None], Event] = {}
    for e in events:
        k = _key(e)
        if k in by_key:
            keep, drop = (by_key[k], e) if _weight(by_key[k]) >= _weight(e) else (e, by_key[k])
            _merge_into(keep, drop)
            by_key[k] = keep
        else:
            by_key[k] = e
    kept = list(by_key.values())
    out: list[Event] = []
    for e in kept:
        bigger = [b for b in kept if b is not e and _subsumes(b, e) and _weight(b) > _weight(e)]
        if bigger:
            _merge_into(max(bigger, key=_weight), e)
        else:
            out.append(e)
    out.sort(key=lambda e: e.trigger.start)
    return out


# ---------------------------------------------------------------------- wiring
@lru_cache(maxsize=8)
def _lexicon(files: tuple[str, ...]) -> Lexicon:
    """One lexicon per set of user files per process: every pipeline in a process shares its tables."""
    return load_lexicon(files)


@Language.factory(
    "eventlens_events",
    requires=["doc._.actors", "doc._.places", "doc._.dates", "doc._.quantities"],
    assigns=["doc._.events"],
    default_config={"lexicon_files": []},
)
def make_events(nlp: Language, name: str, lexicon_files: list[str]) -> EventsComponent:
    return EventsComponent(nlp, name, lexicon_files)


__all__: list[Any] = ["EventCoder", "EventsComponent", "dedupe", "make_events"]
