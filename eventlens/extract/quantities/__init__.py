"""Numbers with their qualifier, unit and the noun they count.

``eventlens_quantities`` reads every number the way news writes it ("more than 100,000 troops", "$200m",
"1.5 billion euros", "two dozen", "hundreds of protesters", "nearly eight years", "25%") into a
:class:`~eventlens.record.Quantity`: its value (vague counts at ACLED's lowest reading, money in US dollars at a
fixed documented rate with the original amount kept), the qualifier before it, its unit and what it counts
("people killed", "protesters arrested"). The vocabulary is data (``data/quantities/quantities.yaml``).

Events read magnitudes through :func:`quantities_between` and :func:`magnitude_key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...record import Quantity
from .. import extensions  # noqa: F401  (registers the Doc extensions)
from .numbers import NumberData, as_number, magnitude_for, number_data, parse_digits, to_usd, word_value

#: Entity types whose numbers are names or dates, not amounts ("G20", "Resolution 2231", "May 5").
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LAW", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "ORDINAL"})
#: Adjectives that are themselves what a number counts ("12 dead", "30 injured").
COUNTED_ADJECTIVES = frozenset({"dead", "injured", "wounded", "missing", "hurt", "displaced", "homeless"})
#: Multiplier abbreviations that only count when glued to the number ("$200m", not "200 m").
GLUED_ONLY = frozenset({"m", "b", "k", "bn", "mn", "tn", "trn", "mln"})
#: How far (in tokens) the counted noun may sit after the number ("100,000 Russian combat troops").
NOUN_WINDOW = 4
#: How far the noun may sit when the parse ties the number to it as its count.
PARSED_NOUN_WINDOW = 8


@dataclass
class _Core:
    """The number itself: where it starts and ends (tokens) and its value before units."""

    start: int
    end: int
    value: float
    currency: str | None
    vague: bool


def magnitude_key(q: Quantity) -> str | None:
    """The event magnitude a quantity measures: ``dead``, ``injured``, ``arrested``, ``troops``, ``money_usd`` or None.

    Example: "more than 14,000 people killed" → ``dead``; "$200m" → ``money_usd``; "nearly eight years" → None.
    """
    if q.unit in ("percent", "year", "month", "week", "day", "hour", "minute"):
        return None
    return magnitude_for(q.counted, q.unit)


def is_vague(q: Quantity) -> bool:
    """The quantity is a vague count ("several", "dozens of", "tens of thousands"): its value is only ACLED's lowest
    reading, no number an event can be said to have."""
    data = number_data()
    words = tuple(q.text.lower().split())
    _, start = _qualifier_words(words, data)
    words = words[start:]
    return any(words[: len(phrase)] == phrase for phrase, _ in data.vague_phrases)


def _qualifier_words(words: tuple[str, ...], data: NumberData) -> tuple[str | None, int]:
    """The qualifier phrase a quantity's words open with ("more than", "at least") and how many words it has."""
    for size in range(data.max_qualifier_words, 0, -1):
        if " ".join(words[:size]) in data.qualifiers:
            return data.qualifiers[" ".join(words[:size])], size
    return None, 0


def quantities_between(doc: Doc, start_char: int, end_char: int) -> list[Quantity]:
    """The quantities of ``doc`` lying wholly between two character offsets (e.g. one sentence)."""
    return [q for q in (doc._.quantities or []) if q.start >= start_char and q.end <= end_char]


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in ``doc``, in text order, none overlapping."""
    data = number_data()
    found: list[Quantity] = []
    i = 0
    starters = data.starters
    while i < len(doc):
        tok = doc[i]
        if not (tok.lower_ in starters or tok.text[:1].isdigit()):
            i += 1
            continue
        result = _read_at(doc, i, data)
        if result is None:
            i += 1
            continue
        quantity, next_i = result
        found.append(quantity)
        i = max(next_i, i + 1)
    return found


def _read_at(doc: Doc, i: int, data: NumberData) -> tuple[Quantity, int] | None:
    core = _read_core(doc, i, data)
    if core is None or _is_not_an_amount(doc, core, data):
        return None
    k = core.end
    currency, unit, unit_end = core.currency, None, k
    if currency is None:
        currency, unit_end = _currency_after(doc, k, data)
    if currency is None:
        unit, unit_end = _unit_after(doc, k, data)
    noun = None if (currency or unit) else _counted_noun(doc, core, data)
    counted = None
    if unit is not None and unit != "percent":
        counted = doc[k:unit_end].text.lower()
    elif noun is not None:
        verb = _event_verb(noun, data) or (_event_verb(doc[core.end - 1], data) if noun.i >= core.end else None)
        event_noun = None if verb else _event_noun(noun, data) or _event_noun(doc[core.end - 1], data)
        counted = noun.text.lower() + (f" {verb}" if verb else "")
        if event_noun:
            counted = f"{event_noun} of {counted}"
        unit = noun.text.lower()
        unit_end = max(unit_end, noun.i + 1)
    else:
        counted = _event_verb(doc[core.end - 1], data)
        if core.vague and counted is None:
            return None  # "dozens" with nothing counted is not a number we can use
    value: float | int = as_number(core.value)
    original = None
    if currency is not None:
        value, original = to_usd(core.value, currency, _year(doc))
        unit = "USD" if currency == "USD" or original and original.get("rate") is not None else currency
    qualifier, start = _qualifier_before(doc, core.start, data)
    span = doc[start:unit_end]
    quantity = Quantity(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=value,
        qualifier=qualifier,
        unit=unit,
        counted=counted,
        original=original,
    )
    return quantity, unit_end


def _year(doc: Doc) -> int | None:
    """The article's year (``doc._.published`` is an ISO date or None): money is converted at its rates."""
    published = doc._.published
    return int(published[:4]) if published and str(published)[:4].isdigit() else None


def _read_core(doc: Doc, i: int, data: NumberData) -> _Core | None:
    """Read the number starting at token ``i`` (a currency symbol may come first)."""
    j, currency = i, None
    tok = doc[i]
    if tok.text in data.currency_symbols:
        currency, j = data.currency_symbols[tok.text], i + 1
    elif tok.text == "US" and i + 1 < len(doc) and doc[i + 1].text == "$":
        currency, j = "USD", i + 2
    if j >= len(doc):
        return None
    vague = _read_vague(doc, j, data)
    value_mult = vague or _read_plain(doc, j, data)
    if value_mult is None:
        return None
    value, end = value_mult
    # Multipliers after the number: "1.5 billion", "two dozen", "200m" (abbreviations only when glued).
    while end < len(doc):
        word = doc[end].lower_
        mult = data.multipliers.get(word)
        if mult is None or (word in GLUED_ONLY and doc[end - 1].whitespace_):
            break
        value *= mult
        end += 1
    return _Core(i, end, value, currency, vague=vague is not None)


def _read_vague(doc: Doc, j: int, data: NumberData) -> tuple[float, int] | None:
    """A vague count ("dozens", "tens of thousands") followed by "of" or a noun."""
    for words, value in data.vague_phrases:
        end = j + len(words)
        if end > len(doc) or tuple(t.lower_ for t in doc[j:end]) != words:
            continue
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            return None
        # "dozens of protesters", "several soldiers", "several thousand", "dozens were killed"
        if nxt.lower_ == "of" or nxt.pos_ in ("NOUN", "ADJ", "PROPN", "NUM", "AUX") or nxt.lower_ in data.event_verbs:
            return float(value), end
        return None
    return None


def _read_plain(doc: Doc, j: int, data: NumberData) -> tuple[float, int] | None:
    """Digits ("14,000", "1.5bn") or number words ("twenty-five", "a dozen")."""
    tok = doc[j]
    digits = parse_digits(tok.text)
    if digits is not None:
        return digits[0] * digits[1], j + 1
    if tok.lower_ in ("a", "an") and j + 1 < len(doc) and doc[j + 1].lower_ in ("dozen", "hundred", "thousand"):
        return 1.0, j + 1
    words: list[str] = []
    end = j
    while end < len(doc) and doc[end].lower_ in data.number_words:
        words.append(doc[end].lower_)
        end += 1
        # "twenty-five": a hyphen glued on both sides joins two number words
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
            if doc[end + 1].lower_ in data.number_words:
                end += 1
    value = word_value(words)
    if value is None:
        return None
    if words == ["one"] and not (tok.dep_ == "nummod" and tok.head.pos_ == "NOUN"):
        return None  # "one of the reasons", "no one": a pronoun, not a count
    return float(value), end


def _is_not_an_amount(doc: Doc, core: _Core, data: NumberData) -> bool:
    """Numbers that name or date things rather than count them."""
    first = doc[core.start] if core.currency is None else doc[core.end - 1]
    nxt = doc[core.end] if core.end < len(doc) else None
    if first.ent_type_ in NAME_ENTITIES:
        return True
    unit_next = nxt is not None and data.units.get(nxt.lower_) not in (None, "percent")
    if first.ent_type_ in ("DATE", "TIME") and not unit_next and core.currency is None:
        return True  # "2014", "January 19", "10 a.m." (but "nearly eight years" is a duration we keep)
    prev = doc[core.start - 1] if core.start > 0 else None
    if prev is not None and prev.text in ("-", "/") and not prev.whitespace_ and core.start >= 2:
        return doc[core.start - 2].is_alpha  # "COVID-19", "F-16", "Su-27"
    if nxt is not None and nxt.text == "-" and not nxt.whitespace_ and core.end + 1 < len(doc):
        return doc[core.end + 1].lower_ not in data.number_words  # "65-year-old", "2-1 vote"
    return False


def _currency_after(doc: Doc, k: int, data: NumberData) -> tuple[str | None, int]:
    if k < len(doc) and doc[k].text == "US" and k + 1 < len(doc) and doc[k + 1].lower_ in ("dollars", "dollar"):
        return "USD", k + 2
    if k < len(doc) and doc[k].lower_ in data.currency_words:
        return data.currency_words[doc[k].lower_], k + 1
    return None, k


def _unit_after(doc: Doc, k: int, data: NumberData) -> tuple[str | None, int]:
    if k + 1 < len(doc):
        two = f"{doc[k].lower_} {doc[k + 1].lower_}"
        if two in data.units:
            return data.units[two], k + 2
    if k < len(doc):
        word = doc[k].text if doc[k].text == "%" else doc[k].lower_
        if word in data.units:
            return data.units[word], k + 1
    return None, k


def _counted_noun(doc: Doc, core: _Core, data: NumberData) -> Token | None:
    """The noun the number counts: its head when the parse says so, else the next noun close after it."""
    last = doc[core.end - 1]
    if last.dep_ in ("nummod", "quantmod") and last.head.pos_ in ("NOUN", "PROPN"):
        head = last.head
        # the parse says what it counts: "seven high-ranking current and former FIFA officials"
        if core.end <= head.i <= core.end + PARSED_NOUN_WINDOW:
            return head
    k = core.end
    if k < len(doc) and doc[k].lower_ == "of" and (core.vague or data.multipliers.get(last.lower_)):
        k += 1  # "hundreds of protesters", "millions of people"
    noun = None
    for tok in doc[k : min(k + NOUN_WINDOW, len(doc))]:
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("DATE", "TIME"):
            noun = tok
            continue
        if tok.lower_ in COUNTED_ADJECTIVES and noun is None:
            return tok
        if tok.pos_ in ("ADJ", "DET") and tok.lower_ not in ("of",) and noun is None:
            continue
        break
    return noun


def _event_verb(tok: Token, data: NumberData) -> str | None:
    """The word that says what happened to the counted: "killed" in "14,000 people have been killed",
    "dead" in "left 55 civilians and two officers dead"."""
    for child in tok.children:
        if child.dep_ in ("acl", "amod") and child.lower_ in data.event_verbs:
            return child.lower_
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "55 civilians and two police officers dead": the first conjunct carries the verb
    head = first.head
    if first.dep_ in ("nsubj", "nsubjpass", "dobj") and head.lower_ in data.event_verbs:
        return head.lower_
    if first.dep_ == "nsubj" and head.lower_ in COUNTED_ADJECTIVES:
        return head.lower_  # "left eight people dead": the people are the subject of "dead"
    if first.dep_ in ("dobj", "nsubjpass"):
        for child in head.children:  # "left 55 civilians dead", "three activists were shot dead"
            if child.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and child.lower_ in COUNTED_ADJECTIVES:
                return child.lower_
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in data.event_verbs:
        return nxt.lower_
    return None


def _event_noun(tok: Token, data: NumberData) -> str | None:
    """The event noun a count hangs on: "deaths" in "the deaths of 49 people", "bodies" in "the bodies of 40"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
        noun = tok.head.head
        if magnitude_for(noun.lower_, None) is not None:
            return noun.lower_
    return None


def _qualifier_before(doc: Doc, start: int, data: NumberData) -> tuple[str | None, int]:
    """The qualifier phrase right before the number ("more than", "at least") and where the quantity starts."""
    for size in range(data.max_qualifier_words, 0, -1):
        if start - size < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[start - size : start])
        if phrase in data.qualifiers:
            return data.qualifiers[phrase], start - size
    return None, start


class QuantitiesComponent:
    """Pipeline component ``eventlens_quantities``: assigns ``doc._.quantities``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        number_data()  # load the vocabulary once, at pipeline build time

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc


@Language.factory(
    "eventlens_quantities",
    requires=[],
    assigns=["doc._.quantities"],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name)


__all__: list[Any] = [
    "QuantitiesComponent",
    "find_quantities",
    "is_vague",
    "magnitude_for",
    "magnitude_key",
    "make_quantities",
    "quantities_between",
]
