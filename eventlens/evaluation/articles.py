"""Scoring records against hand-coded articles (the article gold format, docs/gold-format.md).

Events are matched one to one within an article: a predicted event and a gold event match when their triggers
overlap, or, failing that, when the gold trigger lies in the predicted event's sentence and both have the same type.
Stronger matches are taken first (overlap before sentence, then the nearest triggers).

Figures:

* **type**: a match with the same type is a true positive; precision over predicted events, recall over gold ones;
* **whole event**: type, actor code, recipient code and factuality all right (CONSULT, AGREE and COOPERATE accept
  the two parties either way round);
* **fields**: on matches with the right type, the share with the right actor code, recipient code, factuality,
  historical flag, mode, date value, place country and magnitude (every magnitude either side gives, none missing
  or different: no number on both sides agrees);
* **named_party_null**: of the gold parties the text names with a code, on matches with the right type, the share
  the prediction left without a code;
* every figure also without the gold events the annotators marked debatable (``*_firm``), and a per-type table.

Records are plain dicts in the record contract, so the output of any tool that writes it can be scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .gold import GoldArticle, GoldEvent, GoldParty
from .plover_sentences import normal_code

#: Types whose two parties are interchangeable when both are named ("X and Y met").
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
FIELDS = ("actor", "recipient", "factuality", "historical", "mode", "date", "place", "magnitude")


@dataclass
class Match:
    """A gold event and the predicted event matched to it (either may be missing)."""

    article_id: str
    gold: GoldEvent | None
    predicted: dict[str, Any] | None
    fields: dict[str, bool] = field(default_factory=dict)

    @property
    def type_ok(self) -> bool:
        return self.gold is not None and self.predicted is not None and self.predicted["type"] == self.gold.type

    @property
    def whole_ok(self) -> bool:
        return self.type_ok and all(self.fields[name] for name in ("actor", "recipient", "factuality"))


def _code(party: dict[str, Any] | None) -> str | None:
    return normal_code(party.get("code")) if party else None


def _gold_code(party: GoldParty | None) -> str | None:
    return normal_code(party.code) if party else None


def _parties_ok(gold: GoldEvent, predicted: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the actor and the recipient codes are right (either way round for symmetric types)."""
    pa, pr = _code(predicted.get("actor")), _code(predicted.get("recipient"))
    ga, gr = _gold_code(gold.actor), _gold_code(gold.recipient)
    straight = (pa == ga, pr == gr)
    if gold.type in SYMMETRIC_TYPES and ga and gr and (pa, pr) == (gr, ga):
        return True, True
    return straight


def _field_checks(gold: GoldEvent, predicted: dict[str, Any]) -> dict[str, bool]:
    actor_ok, recipient_ok = _parties_ok(gold, predicted)
    gold_date = (gold.date or {}).get("value")
    predicted_date = (predicted.get("date") or {}).get("value")
    gold_place = normal_code((gold.location or {}).get("country"))
    predicted_place = normal_code((predicted.get("location") or {}).get("country"))
    return {
        "actor": actor_ok,
        "recipient": recipient_ok,
        "factuality": predicted.get("factuality") == gold.factuality,
        "historical": bool(predicted.get("historical")) == gold.historical,
        "mode": predicted.get("mode") == gold.mode,
        "date": predicted_date == gold_date,
        "place": predicted_place == gold_place,
        "magnitude": _numbers(gold.magnitude) == _numbers(predicted.get("magnitude")),
    }


def _numbers(magnitude: dict[str, Any] | None) -> dict[str, float]:
    """The magnitudes given (dead, injured, …) as numbers, leaving out the ones left null."""
    out: dict[str, float] = {}
    for key, value in (magnitude or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = float(value)
    return out


def _strength(gold: GoldEvent, predicted: dict[str, Any]) -> tuple[int, int] | None:
    """How well a pair matches: (kind, -distance), or None when it does not match at all."""
    trigger = predicted.get("trigger") or {}
    start, end = trigger.get("start", -1), trigger.get("end", -1)
    distance = abs(start - gold.trigger_start)
    if start < gold.trigger_end and gold.trigger_start < end:
        return (2, -distance)
    sentence = predicted.get("sentence") or {}
    inside = sentence.get("start", -1) <= gold.trigger_start < sentence.get("end", -1)
    if inside and predicted.get("type") == gold.type:
        return (1, -distance)
    return None


def _with_sentence(event: dict[str, Any], text: str) -> dict[str, Any]:
    """The event with a sentence span: its own, or the one a plain splitter finds around its trigger (for records
    that carry none, such as another annotator's gold)."""
    if event.get("sentence") or not event.get("trigger"):
        return event
    start, end = sentence_bounds(text, event["trigger"]["start"], event["trigger"]["end"])
    return {**event, "sentence": {"start": start, "end": end}}


def match_article(gold: GoldArticle, events: list[dict[str, Any]]) -> list[Match]:
    """Every gold and predicted event of one article, matched one to one (unmatched ones stand alone)."""
    events = [_with_sentence(e, gold.text) for e in events]
    pairs = [
        (strength, g, p)
        for g, gold_event in enumerate(gold.events)
        for p, predicted in enumerate(events)
        if (strength := _strength(gold_event, predicted)) is not None
    ]
    pairs.sort(key=lambda pair: pair[0], reverse=True)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches: list[Match] = []
    for _, g, p in pairs:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        matches.append(Match(gold.id, gold.events[g], events[p], _field_checks(gold.events[g], events[p])))
    matches += [Match(gold.id, e, None) for g, e in enumerate(gold.events) if g not in used_gold]
    matches += [Match(gold.id, None, e) for p, e in enumerate(events) if p not in used_predicted]
    return matches


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _prf(tp: int, n_predicted: int, n_gold: int) -> dict[str, float]:
    p, r = _ratio(tp, n_predicted), _ratio(tp, n_gold)
    return {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _null_rate(matches: list[Match]) -> float:
    named = left_null = 0
    for m in matches:
        if not m.type_ok or m.gold is None or m.predicted is None:
            continue
        for name, party in (("actor", m.gold.actor), ("recipient", m.gold.recipient)):
            if party is not None and party.text and party.code:
                named += 1
                left_null += _code(m.predicted.get(name)) is None
    return _ratio(left_null, named)


def _per_type(matches: list[Match]) -> dict[str, dict[str, float]]:
    gold_n = Counter(m.gold.type for m in matches if m.gold)
    predicted_n = Counter(m.predicted["type"] for m in matches if m.predicted)
    tp = Counter(m.gold.type for m in matches if m.type_ok and m.gold)
    return {
        name: {**_prf(tp[name], predicted_n[name], gold_n[name]), "support": gold_n[name]}
        for name in sorted(set(gold_n) | set(predicted_n))
    }


def summarise(matches: list[Match]) -> dict[str, Any]:
    """The figures for a list of matches (see the module docstring)."""
    n_gold = sum(m.gold is not None for m in matches)
    n_predicted = sum(m.predicted is not None for m in matches)
    typed = [m for m in matches if m.type_ok]
    figures: dict[str, Any] = {"gold_events": n_gold, "predicted_events": n_predicted}
    figures["type"] = _prf(len(typed), n_predicted, n_gold)
    figures["whole_event"] = _prf(sum(m.whole_ok for m in matches), n_predicted, n_gold)
    figures["fields"] = {name: _ratio(sum(m.fields[name] for m in typed), len(typed)) for name in FIELDS}
    figures["named_party_null"] = _null_rate(matches)
    figures["per_type"] = _per_type(matches)
    return figures


def _firm(matches: list[Match]) -> list[Match]:
    """The matches without debatable gold events (and without the predictions matched to them)."""
    return [m for m in matches if m.gold is None or not m.gold.debatable]


def score_articles(gold: list[GoldArticle], records: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    """Score records (dicts in the record contract, in the gold's order; None for a failed article) against gold.

    Returns:
        The figures over all gold events, ``firm``: the same without debatable gold events, and ``matches``: the
        list of every match (for ``--show-errors``).
    """
    matches: list[Match] = []
    for article, record in zip(gold, records, strict=True):
        events = list((record or {}).get("events") or [])
        matches += match_article(article, events)
    figures = summarise(matches)
    figures["articles"] = len(gold)
    figures["firm"] = summarise(_firm(matches))
    figures["matches"] = matches
    return figures


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“A-Z0-9])")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` starts and ends, by a plain splitter."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    left = max(b for b in bounds if b <= start)
    right = min((b for b in bounds if b >= end and b > left), default=len(text))
    return left, right


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (for showing errors)."""
    left, right = sentence_bounds(text, start, end)
    return " ".join(text[left:right].split())


def describe(match: Match, text: str) -> dict[str, Any]:
    """One miss as a flat dict: what the gold says, what was predicted, and the sentence."""
    gold, predicted = match.gold, match.predicted

    def gold_party(party: GoldParty | None) -> str:
        return f"{party.text or ''}[{party.code}]" if party else "-"

    def predicted_party(party: dict[str, Any] | None) -> str:
        return f"{party.get('text') or ''}[{party.get('code')}]" if party else "-"

    anchor = (gold.trigger_start, gold.trigger_end) if gold else _span(predicted)
    return {
        "article": match.article_id,
        "kind": "missed" if predicted is None else "spurious" if gold is None else "wrong",
        "gold": None
        if gold is None
        else f"{gold.type} {gold_party(gold.actor)} -> {gold_party(gold.recipient)} "
        f"{gold.factuality} '{gold.trigger_text}'",
        "predicted": None
        if predicted is None
        else f"{predicted['type']} {predicted_party(predicted.get('actor'))} -> "
        f"{predicted_party(predicted.get('recipient'))} {predicted.get('factuality')} "
        f"'{(predicted.get('trigger') or {}).get('text')}'",
        "wrong_fields": [name for name, ok in match.fields.items() if not ok] if gold and predicted else [],
        "sentence": sentence_around(text, *anchor),
    }


def _span(predicted: dict[str, Any] | None) -> tuple[int, int]:
    trigger = (predicted or {}).get("trigger") or {}
    return int(trigger.get("start", 0)), int(trigger.get("end", 0))


def errors(figures: dict[str, Any], gold: list[GoldArticle]) -> list[dict[str, Any]]:
    """Every match that is not wholly right, described for a reader."""
    texts = {article.id: article.text for article in gold}
    return [describe(m, texts[m.article_id]) for m in figures["matches"] if not m.whole_ok]


__all__ = [
    "Match",
    "describe",
    "errors",
    "match_article",
    "score_articles",
    "sentence_around",
    "sentence_bounds",
    "summarise",
]
