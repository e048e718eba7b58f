"""Records built by hand for store, query and export tests (no model needed): valid offsets, known events."""

from __future__ import annotations

import re
from dataclasses import replace

from eventlens.record import (
    Actor,
    ActorRef,
    Article,
    ArticleRecord,
    DateExpr,
    DateValue,
    Event,
    Magnitude,
    Mention,
    Place,
    Quantity,
    Quote,
    Span,
)

QUAD_OF = {
    "ASSAULT": "material_conflict",
    "ACCUSE": "verbal_conflict",
    "CONSULT": "verbal_cooperation",
    "AID": "material_cooperation",
    "SANCTION": "material_conflict",
    "THREATEN": "verbal_conflict",
}
NAMES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "NATO": "NATO", "FRA": "France"}

#: A real-looking wire article (written for these tests) and the events a coder would find in it.
WIRE_TEXT = (
    "KYIV — Russian forces shelled the eastern city of Kharkiv on Tuesday, killing at least 12 civilians, "
    "Ukrainian officials said. The attack came hours after Ukraine accused Russia of massing troops near the "
    'border, a charge Moscow denied. "We will not be intimidated," President Volodymyr Zelenskyy said in a '
    "video address late on Tuesday. Washington announced new sanctions against Russian banks and said it "
    "would send more humanitarian aid to Ukraine in the coming weeks. NATO foreign ministers are due to meet in "
    "Brussels on Friday to discuss the crisis, diplomats said, and France called for urgent talks with Moscow. "
    "Residents of Kharkiv described nights spent in basements and metro stations as explosions shook the city. "
    '"There is no water and no heating," said Olena, a teacher who asked that her surname not be used. Local '
    "officials said repair crews were working to restore power to more than 40,000 homes across the region. "
    "The Kremlin said its forces were striking only military targets and blamed Kyiv for the escalation."
)
WIRE_EVENTS = [
    ("ASSAULT", "RUS", "UKR", "shelled"),
    ("ACCUSE", "UKR", "RUS", "accused"),
    ("SANCTION", "USA", "RUS", "sanctions"),
    ("AID", "USA", "UKR", "aid"),
    ("CONSULT", "FRA", "RUS", "talks"),
]


def _ref(code: str, text: str, start: int) -> ActorRef:
    return ActorRef(NAMES.get(code, code), code, None, text, start, start + len(text), f"a-{code}")


def _sentence(text: str, pos: int) -> Span:
    start = max(text.rfind(". ", 0, pos) + 2, 0) if text.rfind(". ", 0, pos) >= 0 else 0
    end = text.find(". ", pos)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def make_record(
    text: str,
    *,
    published: str | None = "2022-03-01",
    title: str | None = "Wire story",
    url: str | None = None,
    source: str | None = "Test Wire",
    events: list[tuple[str, str, str, str]] | None = None,
) -> ArticleRecord:
    """A record of ``text`` with one event per (type, actor code, recipient code, trigger word) found in it."""
    article = Article(text=text, title=title, published=published, url=url, source=source)
    record_events: list[Event] = []
    for i, (kind, actor, recipient, trigger) in enumerate(events or []):
        match = re.search(re.escape(trigger), text)
        if match is None:
            continue
        pos = match.start()
        record_events.append(
            Event(
                id=f"e{i}",
                type=kind,
                mode=None,
                quad=QUAD_OF[kind],
                actor=_ref(actor, text[pos : pos + 1], pos),
                recipient=_ref(recipient, text[pos : pos + 1], pos),
                factuality="asserted",
                historical=False,
                date=DateValue("Tuesday", published, "day", "sentence") if published else None,
                location={"name": "Kharkiv", "geonameid": 706483, "country": "UKR", "lat": 49.98, "lon": 36.25},
                magnitude=Magnitude(dead=12) if kind == "ASSAULT" else Magnitude(),
                trigger=Span(pos, match.end(), trigger),
                sentence=_sentence(text, pos),
            )
        )
    actors = []
    for code, name in NAMES.items():
        mentions = [Mention(m.start(), m.end(), m.group()) for m in re.finditer(re.escape(name), text)]
        if mentions:
            actors.append(Actor(f"a-{code}", name, code, None, None, "state", mentions))
    quotes = [Quote(m.group(1), m.start(1), m.end(1), "direct", "said", None) for m in re.finditer(r'"([^"]+)"', text)]
    places = [
        Place(m.group(), m.start(), m.end(), m.group(), 706483, "UKR", 49.98, 36.25, "city", "07")
        for m in re.finditer("Kharkiv", text)
    ]
    dates = [DateExpr(m.group(), m.start(), m.end(), published, "day") for m in re.finditer("Tuesday", text)]
    quantities = [
        Quantity(m.group(), m.start(), m.end(), 12, "at_least", None, "dead") for m in re.finditer("at least 12", text)
    ]
    return ArticleRecord(article, actors, record_events, quotes, places, dates, quantities)


def wire_record(**changes: object) -> ArticleRecord:
    """The wire article with its five events."""
    return make_record(WIRE_TEXT, events=WIRE_EVENTS, **changes)  # type: ignore[arg-type]


def edited_copies() -> list[ArticleRecord]:
    """Two lightly edited reprints: a new headline and byline with a paragraph cut; a trimmed ending."""
    sentences = WIRE_TEXT.split(". ")
    cut = ". ".join(sentences[:5] + sentences[6:])  # one paragraph cut
    copy_a = "By Jane Roe, Daily Courier\n\n" + cut
    copy_b = WIRE_TEXT.replace("KYIV — ", "KYIV (Global Wire) — ").rsplit(". ", 1)[0] + ". Copyright Global Wire."
    return [
        make_record(copy_a, title="Russian shelling kills 12 in Kharkiv", url="https://courier.example/a",
                    source="Daily Courier", events=WIRE_EVENTS),
        make_record(copy_b, title="Kharkiv shelled", url="https://globalwire.example/b", source="Global Wire",
                    events=WIRE_EVENTS),
    ]  # fmt: skip


def with_text(record: ArticleRecord, text: str) -> ArticleRecord:
    """The same record with another text (a new version of the same URL)."""
    old = record.article
    article = Article(text=text, title=old.title, url=old.url, published=old.published, source=old.source)
    return replace(record, article=article)
