"""The record contract: keys tools rely on, and the dict round trip."""

from __future__ import annotations

from eventlens.record import ArticleRecord


def test_record_contract_keys(seed_record: ArticleRecord) -> None:
    data = seed_record.as_dict()
    assert list(data) == ["article", "actors", "events", "quotes", "places", "dates", "quantities"]
    assert set(data["article"]) == {"id", "url", "source", "title", "published", "language", "text"}
    assert data["article"]["published"] == "2022-01-19"


def test_record_round_trip(seed_record: ArticleRecord) -> None:
    data = seed_record.as_dict()
    assert ArticleRecord.from_dict(data).as_dict() == data


def test_record_offsets_index_the_text(seed_record: ArticleRecord) -> None:
    data = seed_record.as_dict()
    text = data["article"]["text"]
    for key in ("places", "dates", "quantities", "quotes"):
        for item in data[key]:
            assert text[item["start"] : item["end"]] == item["text"] or key == "quotes"
    for actor in data["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
