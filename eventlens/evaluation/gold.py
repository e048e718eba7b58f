"""eventlens's article gold format: hand-coded events of whole articles (docs/gold-format.md).

A gold file is JSON Lines, one article a line, or a ``.json`` file of one article, or a folder of such files::

    {"article": {"id": "...", "published": "2016-05-20", "title": "...", "text": "..."},
     "annotator": "A",
     "events": [{"type": "ASSAULT", "mode": "aerial", "trigger": {"text": "airstrikes", "start": 10, "end": 20},
                 "actor": {"text": "Saudi-led coalition", "start": 0, "end": 19, "code": "SAU", "sector": "MIL"},
                 "recipient": null, "factuality": "asserted", "historical": false,
                 "date": {"text": "Tuesday", "value": "2016-05-17", "granularity": "day"},
                 "location": {"text": "Sanaa", "name": "Sanaa", "country": "YEM", "geonameid": 71137},
                 "magnitude": {"dead": 12}, "debatable": false, "note": "..."}]}

Every span must index the article's text exactly. ``validate`` lists every problem with its place, so an annotator
(or a researcher bringing a sample of their own) can fix them all in one pass; ``load`` refuses a file that has any.
Run ``python -m eventlens.evaluation.gold FILE...`` to check files by hand.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonl import jsonl_lines

TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE "
    "COERCE ASSAULT".split()
)
FACTUALITY = frozenset({"asserted", "negated", "hypothetical", "future"})
SECTORS = frozenset("GOV MIL COP JUD LEG REB INS OPP PTY CVL BUS JRN NGO EDU HLH REL REF LAB CRM SPY".split())
GRANULARITY = frozenset({"day", "week", "month", "year", "on_or_before_publication", "unknown"})
MAGNITUDES = frozenset({"dead", "injured", "arrested", "troops", "money_usd"})


@dataclass
class GoldParty:
    """An actor or recipient as the annotator coded it."""

    text: str | None
    start: int | None
    end: int | None
    code: str | None
    sector: str | None


@dataclass
class GoldEvent:
    """One hand-coded event."""

    type: str
    mode: str | None
    trigger_start: int
    trigger_end: int
    trigger_text: str
    actor: GoldParty | None
    recipient: GoldParty | None
    factuality: str
    historical: bool
    date: dict[str, Any] | None
    location: dict[str, Any] | None
    magnitude: dict[str, Any]
    debatable: bool = False
    note: str = ""


@dataclass
class GoldArticle:
    """One annotated article: its text and metadata, and every event coded in it."""

    id: str
    text: str
    published: str | None
    title: str | None
    annotator: str | None
    events: list[GoldEvent] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


def _span_problems(where: str, span: Any, text: str, *, required: bool) -> list[str]:
    if span is None:
        return [f"{where}: missing"] if required else []
    if not isinstance(span, dict):
        return [f"{where}: must be an object or null"]
    start, end, words = span.get("start"), span.get("end"), span.get("text")
    if start is None and end is None and not required:
        return []
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: start/end must be integers with 0 <= start < end <= {len(text)}"]
    if text[start:end] != words:
        return [f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {words!r}"]
    return []


def _party_problems(where: str, party: Any, text: str) -> list[str]:
    if party is None:
        return []
    problems = _span_problems(where, party, text, required=False)
    if isinstance(party, dict):
        code, sector = party.get("code"), party.get("sector")
        if code is not None and not (isinstance(code, str) and code.isupper() and 2 <= len(code) <= 10):
            problems.append(f"{where}.code: {code!r} is not an upper-case code (ISO alpha-3 or acronym) or null")
        if sector is not None and sector not in SECTORS:
            problems.append(f"{where}.sector: {sector!r} is not one of {' '.join(sorted(SECTORS))} or null")
    return problems


def _event_problems(where: str, event: Any, text: str) -> list[str]:
    if not isinstance(event, dict):
        return [f"{where}: must be an object"]
    problems: list[str] = []
    if event.get("type") not in TYPES:
        problems.append(f"{where}.type: {event.get('type')!r} is not a PLOVER 2.0 type")
    if event.get("factuality") not in FACTUALITY:
        problems.append(f"{where}.factuality: {event.get('factuality')!r} is not one of {sorted(FACTUALITY)}")
    if not isinstance(event.get("historical", False), bool):
        problems.append(f"{where}.historical: must be true or false")
    problems += _span_problems(f"{where}.trigger", event.get("trigger"), text, required=True)
    problems += _party_problems(f"{where}.actor", event.get("actor"), text)
    problems += _party_problems(f"{where}.recipient", event.get("recipient"), text)
    date = event.get("date")
    if date is not None and (not isinstance(date, dict) or date.get("granularity") not in GRANULARITY):
        problems.append(f"{where}.date: needs a granularity among {sorted(GRANULARITY)}")
    magnitude = event.get("magnitude") or {}
    if not isinstance(magnitude, dict) or set(magnitude) - MAGNITUDES:
        problems.append(f"{where}.magnitude: keys must be among {sorted(MAGNITUDES)}")
    elif any(v is not None and not isinstance(v, int | float) for v in magnitude.values()):
        problems.append(f"{where}.magnitude: values must be numbers or null")
    return problems


def validate(obj: Any, where: str = "article") -> list[str]:
    """Every problem in one annotated article, each with the place it is at; empty when the article is valid."""
    if not isinstance(obj, dict) or not isinstance(obj.get("article"), dict):
        return [f"{where}: must be an object with an 'article' object"]
    article = obj["article"]
    text = article.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}.article.text: missing"]
    if not isinstance(article.get("id"), str):
        return [f"{where}.article.id: missing"]
    events = obj.get("events")
    if not isinstance(events, list):
        return [f"{where}.events: must be a list"]
    problems: list[str] = []
    for i, event in enumerate(events):
        problems += _event_problems(f"{where}.events[{i}]", event, text)
    return problems


def _party(data: dict[str, Any] | None) -> GoldParty | None:
    if not data:
        return None
    return GoldParty(data.get("text"), data.get("start"), data.get("end"), data.get("code"), data.get("sector"))


def parse(obj: dict[str, Any]) -> GoldArticle:
    """A validated article object as a ``GoldArticle``."""
    article = obj["article"]
    events = [
        GoldEvent(
            type=e["type"],
            mode=e.get("mode"),
            trigger_start=e["trigger"]["start"],
            trigger_end=e["trigger"]["end"],
            trigger_text=e["trigger"]["text"],
            actor=_party(e.get("actor")),
            recipient=_party(e.get("recipient")),
            factuality=e["factuality"],
            historical=bool(e.get("historical", False)),
            date=e.get("date"),
            location=e.get("location"),
            magnitude={k: v for k, v in (e.get("magnitude") or {}).items() if v is not None},
            debatable=bool(e.get("debatable", False)),
            note=str(e.get("note") or ""),
        )
        for e in obj["events"]
    ]
    return GoldArticle(
        id=article["id"],
        text=article["text"],
        published=article.get("published"),
        title=article.get("title"),
        annotator=obj.get("annotator"),
        events=events,
        raw=obj,
    )


def _objects(path: Path) -> Iterator[tuple[str, Any]]:
    """(place, decoded object) for each article in a JSONL file or a folder of JSON files."""
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield str(file), json.loads(file.read_text(encoding="utf-8"))
        return
    if path.suffix == ".json":
        # One article in a JSON file of its own (as annotators write them), however it is indented.
        yield str(path), json.loads(path.read_text(encoding="utf-8"))
        return
    for number, line in jsonl_lines(path.read_text(encoding="utf-8")):
        yield f"{path}:{number}", json.loads(line)


def load(path: str | Path) -> list[GoldArticle]:
    """Every annotated article in a gold file or folder.

    Raises:
        InputError: the path cannot be read, holds no article, or any article has problems (all are listed).
    """
    path = Path(path)
    try:
        objects = list(_objects(path))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(str(path), f"cannot read the gold file: {e}") from e
    problems = [problem for where, obj in objects for problem in validate(obj, where)]
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InputError(str(path), f"{len(problems)} problem(s) in the gold:\n  {shown}{more}")
    if not objects:
        raise InputError(str(path), "no annotated article in the gold file")
    return [parse(obj) for _, obj in objects]


def main(argv: list[str]) -> int:
    """Check gold files by hand: print every problem, exit 1 if there is any."""
    status = 0
    for name in argv:
        for where, obj in _objects(Path(name)):
            problems = validate(obj, where)
            for problem in problems:
                print(problem)
            status |= bool(problems)
            if not problems:
                print(f"{where}: ok, {len(obj['events'])} events")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
