"""Queries shared by the CLI and the API: filters select what they say, pages cover everything once, and no filter
value is ever SQL (#5, #8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventlens import query
from eventlens.analyse.ingest_flow import IngestFlow
from eventlens.errors import QueryError
from eventlens.query import Filters
from eventlens.record import ActorRef
from eventlens.store import Store
from tests.support.store import WIRE_EVENTS, edited_copies, make_record, wire_record

OTHER = (
    "PARIS — France and Germany agreed on Monday to send more aid to Ukraine, officials said, after talks in Paris. "
    "The two governments also threatened new sanctions against Russia if attacks continued."
)
OTHER_EVENTS = [("AID", "FRA", "UKR", "aid"), ("THREATEN", "FRA", "RUS", "threatened")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("query") / "db.duckdb"
    with Store(path) as store:
        writer = IngestFlow(store)
        writer.add(wire_record(url="https://wire.example/1"))
        for copy in edited_copies():
            writer.add(copy)
        writer.add(make_record(OTHER, published="2022-02-14", title="Paris talks", events=OTHER_EVENTS))
    with Store(path, read_only=True) as reader:
        yield reader


def event_types(store: Store, filters: Filters) -> list[str]:
    return sorted(e["type"] for e in query.events(store.con, filters, limit=1000).items)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["ACCUSE", "AID", "AID", "ASSAULT", "CONSULT", "SANCTION", "THREATEN"]),
        (Filters(actor=("RUS",)), ["ASSAULT"]),
        (Filters(actor=("rus",)), ["ASSAULT"]),
        (Filters(names=("United",)), ["AID", "SANCTION"]),
        (Filters(actor=("United",)), []),
        (Filters(actor=("United States",)), ["AID", "SANCTION"]),
        (Filters(actor=("US",)), []),
        (Filters(recipient=("UKR",)), ["AID", "AID", "ASSAULT"]),
        (Filters(involving=("FRA",)), ["AID", "CONSULT", "THREATEN"]),
        (Filters(actor=("RUS", "USA")), ["AID", "ASSAULT", "SANCTION"]),
        (Filters(types=("ASSAULT", "SANCTION")), ["ASSAULT", "SANCTION"]),
        (Filters(quads=("verbal_conflict",)), ["ACCUSE", "THREATEN"]),
        (Filters(factualities=("negated",)), []),
        (Filters(since=dt.date(2022, 3, 1)), ["ACCUSE", "AID", "ASSAULT", "CONSULT", "SANCTION"]),
        (Filters(until=dt.date(2022, 2, 28)), ["AID", "THREATEN"]),
        (Filters(text="Paris talks"), ["AID", "THREATEN"]),
        (Filters(text="kharkiv"), ["ACCUSE", "AID", "ASSAULT", "CONSULT", "SANCTION"]),
        (Filters(place="Kharkiv"), ["ACCUSE", "AID", "AID", "ASSAULT", "CONSULT", "SANCTION", "THREATEN"]),
        (Filters(place="FRA"), []),
    ],
    ids=lambda v: repr(v) if not isinstance(v, Filters) else "",
)
def test_query_filters_select_events(store: Store, filters: Filters, expected: list[str]) -> None:
    assert event_types(store, filters) == expected
    assert query.count_events(store.con, filters) == len(expected)


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_query_pages_cover_every_event_once(store: Store, limit: int) -> None:
    seen: list[tuple[str, str]] = []
    cursor = None
    while True:
        page = query.events(store.con, Filters(), limit=limit, cursor=cursor)
        seen += [(e["article_id"], e["id"]) for e in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 7
    days = [e["day"] for e in query.events(store.con, Filters(), limit=100).items]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("lister", [query.articles, query.quotes, query.actors, query.stories, query.dyads])
def test_query_other_listings_page_without_overlap(store: Store, lister: Callable[..., query.Page]) -> None:
    everything = lister(store.con, Filters(), limit=1000).items
    paged: list[object] = []
    cursor = None
    while True:
        page = lister(store.con, Filters(), limit=1, cursor=cursor)
        paged += page.items
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert paged == everything


INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE events; --",
    "USA') OR ('1'='1",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "1; SELECT * FROM articles",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("field", ["text", "actor", "recipient", "involving", "speaker", "story", "article", "place"])
def test_query_filter_values_are_never_sql(store: Store, field: str, value: str) -> None:
    single = field in ("text", "story", "article", "place")
    filters = Filters(**{field: value if single else (value,)})
    before = store.counts()
    assert query.count_events(store.con, filters) == 0
    for lister in (query.events, query.quotes, query.articles, query.actors, query.stories, query.dyads):
        assert lister(store.con, filters).items == []
    assert store.counts() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"types": ("INVADE",)}, "unknown type"),
        ({"quads": ("hostile",)}, "unknown quad"),
        ({"factualities": ("maybe",)}, "unknown factuality"),
        ({"actor": tuple(f"A{i}" for i in range(50))}, "too many"),
        ({"text": "x" * 5000}, "longer than"),
        ({"since": dt.date(2022, 3, 2), "until": dt.date(2022, 3, 1)}, "after until"),
    ],
)
def test_query_invalid_filters_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Filters(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("cursor", ["garbage!", "e30", query.encode_cursor("quotes", ["2022-01-01", 1, 1])])
def test_query_foreign_or_broken_cursor_is_refused(store: Store, cursor: str) -> None:
    with pytest.raises(QueryError, match="cursor"):
        query.events(store.con, Filters(), cursor=cursor)


def test_query_dyad_series_scores_each_day(store: Store) -> None:
    points = query.dyad_series(store.con, Filters(), actor="FRA", recipient="UKR")
    assert [(p["day"], p["n_events"], p["score"]) for p in points] == [("2022-02-14", 1, 1.0)]
    conflict = query.dyad_series(store.con, Filters(), actor="Russia", recipient="Ukraine")
    assert [p["score"] for p in conflict] == [-1.0]


def test_query_article_detail_has_record_copies_and_story(store: Store) -> None:
    original = wire_record(url="https://wire.example/1")
    detail = query.article_detail(store.con, original.article.id)
    assert detail is not None
    assert detail["article"]["text"] == original.article.text
    assert len(detail["events"]) == len(WIRE_EVENTS)
    assert {c["id"] for c in detail["copies"]} == {c.article.id for c in edited_copies()}
    assert detail["story"]["label"]
    assert query.article_detail(store.con, "nope") is None


def test_a_code_matches_codes_and_sectors_never_part_of_a_name(tmp_path: Path) -> None:
    """#15: ``--actor RUS`` returned events by Brussels, ``--actor US`` Russia, Austria and "Justin Conrad"."""
    text = "Brussels criticised Moscow. Justin Conrad criticised Vienna. The US government criticised Russia."
    record = make_record(text, events=[("ACCUSE", "BEL", "RUS", "Brussels"), ("ACCUSE", "AUT", "AUT", "Justin"),
                                       ("ACCUSE", "USA", "RUS", "The US")])  # fmt: skip
    record.events[0].actor = ActorRef("Brussels", "BEL", "GOV", "Brussels", 0, 8)
    record.events[1].actor = ActorRef("Justin Conrad", None, None, "Justin Conrad", 28, 41)
    record.events[2].actor = ActorRef("United States", "USA", "GOV", "The US government", 60, 77)
    with Store(tmp_path / "db.duckdb") as writer:
        IngestFlow(writer).add(record)
    with Store(tmp_path / "db.duckdb", read_only=True) as reader:

        def actors(**filters: tuple[str, ...]) -> list[str]:
            return [e["actor"]["name"] for e in query.events(reader.con, Filters(**filters), limit=100).items]

        assert actors(actor=("RUS",)) == [] and actors(actor=("US",)) == []
        assert actors(actor=("USA",)) == actors(actor=("USAGOV",)) == actors(actor=("usagov",)) == ["United States"]
        assert actors(actor=("USAMIL",)) == [] and actors(actor=("BEL",)) == ["Brussels"]
        assert actors(actor=("Justin Conrad",)) == ["Justin Conrad"] and actors(names=("conrad",)) == ["Justin Conrad"]
