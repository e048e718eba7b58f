"""Event coreference: one event, however many times an article names it (#13, docs/annotation.md §1).

A news story reports an act once and then keeps coming back to it: "Militants attacked a police post on Monday …
The attack was the third this month … Monday's violence drew condemnation." A PLOVER coder records the attack once.
:func:`fold_repeats` folds a later mention into the earlier event it names again when the later one

* is a nominal that points back: a definite or demonstrative noun phrase ("the attack", "these protests") or one
  owned by a pronoun, a party or a date ("their demands", "Monday's violence"); not an indefinite, bare or counted
  one ("a protest", "protests", "two attacks"), one marked as another ("a new attack", "further raids", "the
  previous talks"), one a clause or apposition describes anew ("the demonstrations that followed his killing"), nor
  the object of a clause with its own subject or the subject of a judgement ("Lynch called the allegations
  corruption", "the charges are questionable");
* has the same type and factuality as the nearest earlier event of that type (a definite names the last one told);
* brings no party of its own: each of its parties is unnamed or the earlier event's;
* brings no date or place of its own: a date or place its sentence gives is the earlier event's.

A verb is never folded: a clause with its own subject reports an act of its own ("police arrested him on Friday").
The earlier event is kept; it takes the magnitudes only the later mention gives ("the attack killed five").

Within one sentence the events of one act are deduplicated by :func:`eventlens.extract.events.dedupe`, which keeps
the trigger highest in the clause (:func:`clause_depth`): the main verb over a participle or adverbial clause
("students protesting the fees blocked the road" keeps "blocked").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ...record import ActorRef, Event
from ..syntax import NOMINAL_SUBJECT_DEPS

#: Determiners that point back at something already named ("the attack", "this violence", "those protests").
DEFINITE_DETERMINERS = frozenset("the this that these those such".split())
#: Modifiers that make a mention another event than the one named before ("a new attack", "further raids",
#: "the previous talks", "the latest clashes" in a series).
OTHER_EVENT_MODIFIERS = frozenset(
    "new another other further fresh renewed more additional second third fourth latest next future possible "
    "potential previous earlier past prior last separate similar subsequent upcoming planned".split()
)
#: Relations that put a trigger in a clause under another: adverbial and adjectival clauses, participles.
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "pcomp"})
#: Modifiers that describe a mention anew, as one tells a new event ("the demonstrations that followed his killing in
#: 2014", "the investigation, code-named Glauco"): a clause or an apposition on the noun.
DESCRIBING_DEPS = frozenset({"relcl", "acl", "appos"})
#: Relations of a noun inside a larger noun phrase ("the allegations" parsed as a modifier of "corruption").
INSIDE_PHRASE_DEPS = frozenset({"nmod", "compound", "amod", "conj"})
#: Dependency labels of the words that count or quantify a noun ("two attacks", "many protests").
COUNTING_DEPS = frozenset({"nummod"})
#: Quantifying determiners that make a noun phrase indefinite ("a protest", "any talks", "some arrests").
INDEFINITE_DETERMINERS = frozenset("a an another any some no each every many several few".split())


def party_key(ref: ActorRef | None) -> str | None:
    """What a party is, for comparing two events: its code, else its name, else its words."""
    if ref is None:
        return None
    return ref.code or ref.name or ref.text


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The syntactic head of an event's trigger words ("military operations" → "operations")."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def clause_depth(token: Token) -> int:
    """How many subordinate clauses lie between a token and its sentence's root: 0 for the main verb or what hangs
    on it directly, 1 for a participle or adverbial clause ("protesting" in "students protesting the fees blocked
    the road"), more for a clause inside one."""
    depth = 0
    node = token
    while node.head.i != node.i:
        depth += node.dep_ in SUBORDINATE_DEPS
        node = node.head
    return depth


def _told_anew(noun: Token, verbal: bool) -> bool:
    """Whether a noun is the object of a verb with a subject of its own ("Lynch called the allegations corruption",
    "the rebels launched the offensive") or, when it names a statement, the subject of an adjective that judges it
    ("the charges are questionable" answers the charges; "the protests were calm" only describes the protests):
    the clause tells an act or a statement of its own, which a coder reads for itself."""
    phrase = noun
    while phrase.dep_ in INSIDE_PHRASE_DEPS and phrase.head.i != phrase.i:  # the phrase the noun sits in
        phrase = phrase.head
    if phrase.dep_ == "nsubj":
        return verbal and any(c.dep_ == "acomp" for c in phrase.head.children)
    if phrase.dep_ not in ("dobj", "oprd"):
        return False
    return any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in phrase.head.children)


def points_back(noun: Token, verbal: bool = False) -> bool:
    """Whether a nominal trigger names an event already told: definite, demonstrative or owned ("the attack",
    "these protests", "their demands", "Monday's violence"); not indefinite, bare, counted or marked as another
    event ("a protest", "protests", "two raids", "a new attack"), nor told anew by a clause of its own
    (``verbal``: the noun names a statement, whose judgement is a reply: "the charges are false"). Bare nouns stay
    events: on the dev articles the gold codes more bare later mentions ("clashes", "looting") than not."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = list(noun.children)
    if any(c.lower_ in OTHER_EVENT_MODIFIERS for c in kids if c.dep_ in ("amod", "det", "advmod", "compound")):
        return False
    if any(c.dep_ in COUNTING_DEPS for c in kids):
        return False
    determiners = [c.lower_ for c in kids if c.dep_ in ("det", "predet")]
    if any(d in INDEFINITE_DETERMINERS for d in determiners):
        return False
    if any(c.dep_ in DESCRIBING_DEPS for c in kids) or _told_anew(noun, verbal):
        return False
    return any(d in DEFINITE_DETERMINERS for d in determiners) or any(c.dep_ == "poss" for c in kids)


def _same_party(earlier: ActorRef | None, later: ActorRef | None) -> bool:
    """Whether the later mention's party is unnamed or the earlier event's: the same listed actor, or the same
    code or name with no other sector ("Belarusian police" … "police")."""
    if later is None:
        return True
    if earlier is None:
        return False
    if earlier.actor_id is not None and earlier.actor_id == later.actor_id:
        return True
    sectors_agree = earlier.sector is None or later.sector is None or earlier.sector == later.sector
    named_alike = party_key(earlier) == party_key(later) or (later.code is None and later.name == earlier.name)
    return sectors_agree and named_alike


def _parties_fit(earlier: Event, later: Event) -> bool:
    """Each party of the later mention is unnamed or the earlier event's (either way round for a joint act)."""
    pairs = [(earlier.actor, earlier.recipient)]
    if earlier.symmetric:
        pairs.append((earlier.recipient, earlier.actor))
    return any(_same_party(a, later.actor) and _same_party(r, later.recipient) for a, r in pairs)


def _date_fits(earlier: Event, later: Event) -> bool:
    """The later mention gives no date of its own, or the earlier event's ("Monday's violence" after "on
    Monday")."""
    if later.date is None or later.date.source != "sentence":
        return True
    if earlier.date is None:
        return False
    return (earlier.date.value, earlier.date.granularity) == (later.date.value, later.date.granularity)


def _place_fits(earlier: Event, later: Event) -> bool:
    """The later mention's sentence names no place for it, or the earlier event's place."""
    place = later.location
    if place is None or place.get("source"):  # the dateline's or the article's place is no place of its own
        return True
    return earlier.location is not None and earlier.location.get("name") == place.get("name")


def same_event(earlier: Event, later: Event) -> bool:
    """Whether a later mention that points back can name the earlier event: same type and factuality, and no
    party, date or place of its own."""
    return (
        earlier.type == later.type
        and earlier.factuality == later.factuality
        and earlier.sentence.end <= later.sentence.start
        and _parties_fit(earlier, later)
        and _date_fits(earlier, later)
        and _place_fits(earlier, later)
    )


def fill_magnitudes(keep: Event, repeat: Event) -> None:
    """Give ``keep`` the magnitudes only another mention of its event gives ("the attack killed five")."""
    for name, value in vars(repeat.magnitude).items():
        if getattr(keep.magnitude, name) is None and value is not None:
            setattr(keep.magnitude, name, value)


def _antecedent(events: list[Event], mention: Event) -> Event | None:
    """The event a nominal that points back names: the nearest earlier one of its type in an earlier sentence
    ("the march" after a first march and a second, failed one is the failed one, not the first)."""
    return next(
        (e for e in reversed(events) if e.type == mention.type and e.sentence.end <= mention.sentence.start), None
    )


def fold_repeats(events: list[Event], head: Callable[[Event], Token | None]) -> list[Event]:
    """The events of a document (in text order) with each later nominal mention of an event already coded folded
    into it (the nearest earlier event of its type, when the mention can name it). ``head`` gives an event's
    trigger token."""
    kept: list[Event] = []
    for event in events:
        token = head(event)
        if token is not None and points_back(token, verbal=event.quad.startswith("verbal")):
            earlier = _antecedent(kept, event)
            if earlier is not None and same_event(earlier, event):
                fill_magnitudes(earlier, event)
                continue
        kept.append(event)
    return kept


__all__ = ["clause_depth", "fill_magnitudes", "fold_repeats", "party_key", "points_back", "same_event", "trigger_token"]
