"""The gazetteer on its own: names, aliases and spellings to GeoNames candidates (no spaCy)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from eventlens.extract.places.gazetteer import Gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "geonameid", "country"),
    [
        ("Ukraine", 690791, "UKR"),
        ("Russia", 2017370, "RUS"),
        ("Belarus", 630336, "BLR"),
        ("the United States", 6252001, "USA"),
        ("U.S.", 6252001, "USA"),
        ("Britain", 2635167, "GBR"),
        ("Kiev", 703448, "UKR"),
        ("Kyiv", 703448, "UKR"),
        ("N.C.", 4482348, "USA"),
        ("Crimea", 703883, "UKR"),
        ("Afrin", 174186, "SYR"),  # GeoNames spells it ‘Afrīn
        ("Kobani", 172256, "SYR"),  # a one-word alternate name of ‘Ayn al ‘Arab
        ("White House", None, "USA"),  # curated landmark
    ],
)
def test_names_reach_their_place(gazetteer: Gazetteer, name: str, geonameid: int, country: str) -> None:
    assert (geonameid, country) in {(c.geonameid, c.country) for c in gazetteer.candidates(name)}


def test_translations_of_other_places_are_not_spellings(gazetteer: Gazetteer) -> None:
    # "White House" is an alternate name of Casablanca in GeoNames ("Dar el Beida"): it must not resolve there.
    assert "MAR" not in {c.country for c in gazetteer.candidates("White House")}


def test_ambiguous_names_keep_all_candidates(gazetteer: Gazetteer) -> None:
    countries = {c.country for c in gazetteer.candidates("Geneva")}
    assert {"CHE", "USA"} <= countries
    assert {c.feature for c in gazetteer.candidates("Georgia")} == {"country", "region"}


def test_name_key_folds_case_accents_apostrophes_and_the() -> None:
    assert name_key("The Crimean  Peninsula") == name_key("crimean peninsula")
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire") == "cote divoire"
    assert name_key("‘Afrīn") == "afrin"


def test_user_files_add_places(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "regions:\n"
        "  - {name: Zarghun Shahr, aliases: [Zarghun], country: AFG, lat: 33.2, lon: 68.4, geonameid: null}\n",
        encoding="utf-8",
    )
    (cand,) = Gazetteer([extra]).candidates("Zarghun")
    assert (cand.name, cand.country, cand.feature) == ("Zarghun Shahr", "AFG", "region")


def test_the_cached_form_answers_as_the_built_gazetteer(gazetteer: Gazetteer) -> None:
    out = io.BytesIO()
    gazetteer.write(out)
    read = Gazetteer.read(out.getvalue())  # candidates are made from their rows only when a lookup reaches them
    for name in ("Geneva", "Georgia", "Kiev", "N.C.", "Crimea", "White House", "Springfield", "Nowhere At All"):
        assert read.candidates(name) == gazetteer.candidates(name)
        assert read.is_strong(name) == gazetteer.is_strong(name)
    assert read.keys() == gazetteer.keys()
    assert read.names() == gazetteer.names()
    assert (read.countries, read.neighbours, read.iso3_of) == (
        gazetteer.countries,
        gazetteer.neighbours,
        gazetteer.iso3_of,
    )
    assert read.candidates("Geneva")[0] is read.candidates("Geneva")[0]  # made once, then shared
    again = io.BytesIO()
    read.write(again)
    assert again.getvalue() == out.getvalue()


def test_a_cut_cache_file_is_refused(gazetteer: Gazetteer) -> None:
    out = io.BytesIO()
    gazetteer.write(out)
    with pytest.raises(ValueError, match="all its rows"):
        Gazetteer.read(out.getvalue()[:-5000])


def test_the_gazetteer_is_cached_once_and_an_unreadable_cache_is_built_again(tmp_path: Path) -> None:
    first = Gazetteer.cached(cache_dir=tmp_path)
    (path,) = tmp_path.iterdir()
    assert path.name.startswith("geonames-") and path.suffix == ".jsonl"
    assert Gazetteer.cached(cache_dir=tmp_path).candidates("Kyiv") == first.candidates("Kyiv")
    path.write_bytes(b"{}\n")  # damaged: built and stored again
    assert Gazetteer.cached(cache_dir=tmp_path).candidates("Kyiv") == first.candidates("Kyiv")
    assert len(path.read_bytes()) > 1_000_000
