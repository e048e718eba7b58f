"""Hypothesis strategies for whole article records with valid offsets (store and export round trips, issue #8)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from eventlens.record import (
    FACTUALITIES,
    PLOVER_TYPES,
    QUADS,
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

# Text as it reaches the store: decoded Unicode (no lone surrogates, which no decoder produces).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)
NAME = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
OPT_NAME = st.none() | NAME
CODE = st.none() | st.sampled_from(["USA", "RUS", "UKR", "NATO", "EU", "FRA"])
# Exact doubles survive DuckDB and JSON; integers up to 2**53 too.
NUMBER = st.none() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def span_in(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return start, end


@st.composite
def actor_ref(draw: st.DrawFn, text: str) -> ActorRef:
    start, end = draw(span_in(text))
    return ActorRef(draw(OPT_NAME), draw(CODE), draw(st.none() | st.just("GOV")), text[start:end], start, end,
                    draw(st.none() | st.just("a1")))  # fmt: skip


@st.composite
def event(draw: st.DrawFn, text: str, i: int) -> Event:
    t0, t1 = draw(span_in(text))
    s0, s1 = draw(span_in(text))
    date = draw(st.none() | st.builds(DateValue, st.none() | NAME,
                                      st.none() | st.sampled_from(["2022-01-19", "2022-W02", "2021"]),
                                      st.sampled_from(["day", "week", "year", "on_or_before_publication",
                                                       "unknown"]),
                                      st.none() | st.sampled_from(["sentence", "published"])))  # fmt: skip
    location: dict[str, Any] | None = draw(st.none() | st.fixed_dictionaries({}, optional={
        "name": NAME, "geonameid": st.integers(1, 10**8), "country": CODE, "lat": st.floats(-90, 90),
        "lon": st.floats(-180, 180), "text": NAME, "feature": st.none() | st.just("city"),
        "admin1": st.none() | st.just("07")}))  # fmt: skip
    return Event(
        id=f"e{i}",
        type=draw(st.sampled_from(PLOVER_TYPES)),
        mode=draw(st.none() | st.sampled_from(["visit", "disapprove", "troops"])),
        quad=draw(st.sampled_from(QUADS)),
        actor=draw(st.none() | actor_ref(text)),
        recipient=draw(st.none() | actor_ref(text)),
        factuality=draw(st.sampled_from(FACTUALITIES)),
        historical=draw(st.booleans()),
        date=date,
        location=location,
        magnitude=Magnitude(*(draw(NUMBER) for _ in range(5))),
        trigger=Span(t0, t1, draw(st.none() | st.just(text[t0:t1]))),
        sentence=Span(s0, s1, draw(st.none() | st.just(text[s0:s1]))),
        symmetric=draw(st.booleans()),
        confidence=draw(st.none() | st.floats(0, 1)),
    )


@st.composite
def records(draw: st.DrawFn) -> ArticleRecord:
    """A record whose every offset lies inside its text and whose every span text is the text there."""
    text = draw(TEXT)
    article = Article(text=text, title=draw(OPT_NAME), published=draw(st.none() | st.sampled_from(
        ["2022-01-19", "2022-01-19T08:30:00Z", "2016"])), source=draw(OPT_NAME), url=draw(st.none() | st.just(
        "https://example.org/a")), language=draw(st.none() | st.just("en")))  # fmt: skip

    def mention() -> Mention:
        start, end = draw(span_in(text))
        return Mention(start, end, text[start:end])

    actors = [
        Actor(f"a{i}", draw(NAME), draw(CODE), draw(st.none() | st.just("MIL")), draw(OPT_NAME),
              draw(st.none() | st.just("person")), [mention() for _ in range(draw(st.integers(0, 3)))])
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    events = [draw(event(text, i)) for i in range(draw(st.integers(0, 4)))]
    quotes = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(span_in(text))
        quotes.append(Quote(text[start:end], start, end, draw(st.sampled_from(["direct", "indirect"])),
                            draw(st.none() | st.just("said")), draw(st.none() | actor_ref(text))))  # fmt: skip
    places = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(span_in(text))
        places.append(Place(text[start:end], start, end, draw(NAME), draw(st.none() | st.integers(1, 10**8)),
                            draw(CODE), draw(st.none() | st.floats(-90, 90)), draw(st.none() | st.floats(-180, 180)),
                            draw(st.none() | st.just("city")), draw(st.none() | st.just("07"))))  # fmt: skip
    dates = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(span_in(text))
        dates.append(DateExpr(text[start:end], start, end, draw(st.none() | st.just("2022-01-21")),
                              draw(st.none() | st.just("day"))))  # fmt: skip
    quantities = []
    for _ in range(draw(st.integers(0, 2))):
        start, end = draw(span_in(text))
        original = draw(st.none() | st.just({"value": 1.5e9, "currency": "EUR"}))
        qualifier, unit = draw(st.none() | st.just("about")), draw(st.none() | st.just("USD"))
        counted = draw(st.none() | st.just("dead"))
        quantities.append(Quantity(text[start:end], start, end, draw(NUMBER), qualifier, unit, counted, original))
    return ArticleRecord(article, actors, events, quotes, places, dates, quantities)
