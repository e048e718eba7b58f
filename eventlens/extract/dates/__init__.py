"""Date expressions normalised against the publication date (``doc._.dates``).

Mentions are the model's DATE entities plus this stage's own patterns for what the model misses ("Jan. 5",
"yesterday", "two years ago", "the 1990s"); a DATE entity that is not a date (a duration such as "eight years")
is dropped, and a clock time ("10 a.m.") is never taken, though the day next to it ("10 a.m. Friday") is.

Values come from :func:`.normalise.normalise`; the direction of a bare weekday or month comes from the tense of
the verb the date modifies (:func:`clause_tense`): past ("met on Friday"), present ("talks begin Friday") or future
("will meet on Friday", "would meet", "plans to meet"); a date that belongs to an event noun ("talks Friday") has no
direction (the nearer day); one inside another noun phrase takes the verb above it, or reads as past without one.
See :mod:`.normalise` for the rules, and for why relative dates stay null without a publication date.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...record import DateExpr
from .. import extensions  # noqa: F401  (registers the Doc extensions)
from .normalise import MONTHS, NUMBER_WORDS, WEEKDAYS, normalise

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "can", "could", "may", "might", "should", "must"})
MONTH_WORDS = sorted({m for m in MONTHS if len(m) > 3} | {f"{m}." for m in MONTHS if len(m) <= 4} | set(MONTHS))
FRAMES = ["early", "mid", "late", "in", "since", "until", "by", "last", "next", "this", "from", "before", "after"]
UNIT_WORDS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"]
#: Nouns naming events: a date right after one dates the event, not the clause ("in advance of talks Friday").
EVENT_NOUNS = frozenset(
    "talk talks meeting meetings summit vote election elections visit trip deadline hearing ceremony session "
    "referendum rally conference negotiations game games match inauguration funeral trial debate primary runoff "
    "convention".split()
)
COUNT_WORDS = sorted(NUMBER_WORDS) + ["few", "several"]


def _patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Token patterns for date expressions the model may miss. Months need a capital ("May" the month, not "may")."""
    month = {"LOWER": {"IN": MONTH_WORDS}, "IS_TITLE": True}
    day = {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": r"^\d{4}$"}}
    comma = {"TEXT": ",", "OP": "?"}
    weekday = {"LOWER": {"IN": list(WEEKDAYS)}}
    modifier = {"LOWER": {"IN": ["last", "next", "this", "past", "coming"]}, "OP": "?"}
    return {
        "MONTH_DAY": [[month, day, comma, year], [day, month, year], [month, day], [day, month]],
        "MONTH_YEAR": [[month, year]],
        "MONTH_FRAMED": [[{"LOWER": {"IN": ["early", "mid", "late"]}}, {"TEXT": "-", "OP": "?"}, month]],
        "WEEKDAY": [[modifier, weekday]],
        "ISO": [[year, {"TEXT": "-"}, {"TEXT": {"REGEX": r"^\d{2}$"}}, {"TEXT": "-"}, {"TEXT": {"REGEX": r"^\d{2}$"}}]],
        "NUMERIC": [[{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/\d{4}$"}}]],
        "RELATIVE_DAY": [[{"LOWER": {"IN": ["yesterday", "today", "tomorrow", "tonight"]}}]],
        "RELATIVE_UNIT": [
            [{"LOWER": {"IN": ["last", "next", "this", "past", "coming", "previous"]}}, {"LOWER": {"IN": UNIT_WORDS}}],
            [
                {"LOWER": {"IN": ["earlier", "later"]}},
                {"LOWER": "this"},
                {"LOWER": {"IN": ["week", "month", "year"]}},
            ],
        ],
        "AGO": [
            [{"LOWER": {"IN": COUNT_WORDS}, "OP": "+"}, {"LOWER": {"IN": UNIT_WORDS}}, {"LOWER": "ago"}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": UNIT_WORDS}}, {"LOWER": "ago"}],
        ],
        "DECADE": [[{"LOWER": "the"}, {"TEXT": {"REGEX": r"^(\d{3}0s|'\d0s)$"}}]],
    }


class DatesComponent:
    """Pipeline component ``eventlens_dates``: assigns ``doc._.dates`` (one :class:`DateExpr` per expression)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in _patterns().items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        found = [doc[s:e] for _, s, e in self.matcher(doc)]
        spans: list[Span] = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            if normalise(ent.text, published, tense=clause_tense(ent))[1] is not None:
                spans.append(ent)
            else:  # not a date as a whole ("Friday and Saturday", "eight years"): keep the dates inside it
                spans.extend(s for s in found if s.start >= ent.start and s.end <= ent.end)
        taken = {i for s in spans for i in range(s.start, s.end)}
        spans.extend(s for s in found if not taken.intersection(range(s.start, s.end)))
        dates = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            value, granularity = normalise(span.text, published, tense=clause_tense(span))
            if granularity is not None:
                dates.append(DateExpr(span.text, span.start_char, span.end_char, value, granularity))
        doc._.dates = dates
        return doc


def clause_tense(span: Span) -> str | None:
    """ "past", "present" or "future": the tense of the verb the date expression modifies.

    None (no direction: the nearer day) when the date belongs to an event noun ("talks Friday", "the vote on Sunday",
    "Monday's meeting", "talks with allies on Thursday"): a scheduled event may lie either side of publication,
    whatever the clause's verb. A date inside another noun phrase ("Saturday's arrival") takes the tense of the verb
    above it, and reads as past when there is none: news reports what happened.
    """
    doc = span.doc
    before = span.start - 1 if span.start == 0 or doc[span.start - 1].lower_ != "on" else span.start - 2
    if before >= 0 and doc[before].pos_ == "NOUN" and _event_noun(doc[before]):
        return None
    after = doc[span.end : span.end + 3]
    if len(after) >= 2 and after[0].tag_ == "POS":  # "Monday's meeting" is scheduled; "Tuesday's attack" happened
        return None if any(_event_noun(t) for t in after[1:] if t.pos_ == "NOUN") else "past"
    if span.start > 0 and doc[span.start - 1].tag_ == "VBD":  # "said Sunday (that ...)": the verb next to it
        return "past"
    # climb to the governing verb; an event noun on the way ("talks with allies on Thursday") takes the date
    token = span.root
    passed_noun = False
    while token.head.i != token.i:
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            return verb_tense(head)
        if head.pos_ == "NOUN" and _event_noun(head):
            return None
        passed_noun = passed_noun or head.pos_ in ("NOUN", "PROPN")
        token = head
    return "past" if passed_noun else None


def _event_noun(token: Token) -> bool:
    # the pipeline may run without a lemmatizer: plurals are folded by hand
    word = token.lower_
    return word in EVENT_NOUNS or word.removesuffix("s") in EVENT_NOUNS or word.removesuffix("es") in EVENT_NOUNS


#: Verbs whose infinitive, in the past, was done: "had to resign", "managed to escape", "was forced to flee".
DONE_INFINITIVE_HEADS = frozenset({"had", "managed", "forced", "compelled", "obliged"})


def verb_tense(verb: Token) -> str | None:
    """The tense of ``verb`` from its tag and auxiliaries; infinitives ("plans to meet") point to the future."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if "to" in words and verb.dep_ == "xcomp" and verb.head.lower_ in DONE_INFINITIVE_HEADS:
        if verb.head.i != verb.i and verb_tense(verb.head) == "past":
            return "past"  # "had to resign in August", "was forced to flee in May": the act was done
    if words & FUTURE_AUX or "to" in words:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going":  # "is going to meet"
        return "future"
    tags = {a.tag_ for a in aux}
    if "VBD" in tags or words & {"has", "have", "had", "'ve", "'d"}:  # "was approved", "has met", "had agreed"
        return "past"
    if tags & {"VBZ", "VBP"}:  # "are set for Friday", "is meeting on Friday"
        return "present"
    if verb.tag_ in ("VBD", "VBN"):  # "met on Friday"; a participle alone: "the aid approved in late December"
        return "past"
    if verb.tag_ == "VBG" and not aux and verb.dep_ in ("acl", "advcl"):
        # "farmers protesting the tax blocked roads on Tuesday": a bare participle has its clause's tense
        above = verb.head
        while above.pos_ not in ("VERB", "AUX") and above.head.i != above.i:
            above = above.head
        if above.i != verb.i and above.pos_ in ("VERB", "AUX"):
            return verb_tense(above)
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def dates_between(doc: Doc, start_char: int, end_char: int) -> list[DateExpr]:
    """The date expressions of ``doc`` within ``[start_char, end_char)`` (e.g. one sentence), in text order."""
    return [d for d in (doc._.dates or ()) if d.start >= start_char and d.end <= end_char]


@Language.factory(
    "eventlens_dates",
    requires=[],
    assigns=["doc._.dates"],
)
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


__all__: list[Any] = ["DatesComponent", "clause_tense", "dates_between", "make_dates", "verb_tense"]
