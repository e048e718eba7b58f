"""The actor dictionary: the bundled data, and the YAML, CSV and PETRARCH files users add with --actors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.errors import ConfigError
from eventlens.extract.actors.dictionary import ActorDictionary, load_dictionary, read_file, split_cameo

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def test_every_un_member_state_is_there() -> None:
    states = load_dictionary().states
    members = [s for s in states.values() if s.code not in ("TWN", "PSE", "XKX", "VAT")]
    assert len(members) == 193
    assert {"TWN", "PSE", "XKX", "VAT"} <= set(states)


@pytest.mark.parametrize(
    ("code", "field", "value"),
    [
        ("USA", "names", "US"),
        ("USA", "names", "U.S."),
        ("USA", "names", "America"),
        ("GBR", "names", "UK"),
        ("GBR", "names", "Britain"),
        ("RUS", "demonyms", "Russian"),
        ("UKR", "demonyms", "Ukrainian"),
        ("DEU", "demonyms", "German"),
        ("USA", "demonyms", "American"),
        ("RUS", "capitals", "Moscow"),
        ("UKR", "capitals", "Kyiv"),
        ("UKR", "capitals", "Kiev"),
        ("USA", "capitals", "Washington"),
        ("CHN", "capitals", "Beijing"),
        ("RUS", "seats", "Kremlin"),
    ],
)
def test_states_carry_their_names_demonyms_and_capitals(code: str, field: str, value: str) -> None:
    assert value in getattr(load_dictionary().states[code], field)


@pytest.mark.parametrize(
    ("name", "code"),
    [("NATO", "NATO"), ("EU", "EU"), ("UN", "UN"), ("AU", "AU"), ("OSCE", "OSCE"), ("OPEC", "OPEC"),
     ("WHO", "WHO"), ("IMF", "IMF"), ("World Bank", "WB"), ("ASEAN", "ASEAN"), ("Arab League", "ARL"),
     ("ICC", "ICC"), ("IAEA", "IAEA"), ("Red Cross", "ICRC"), ("Red Crescent", "ICRC"),
     ("European Community", "EEC")],
)  # fmt: skip
def test_main_igos_are_there(name: str, code: str) -> None:
    found = [e for e in load_dictionary().entries if name in (e.name, *e.names)]
    assert [e.code for e in found] == [code]


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("president", "GOV"), ("foreign minister", "GOV"), ("diplomat", "GOV"), ("government", "GOV"),
     ("army", "MIL"), ("troops", "MIL"), ("soldiers", "MIL"), ("police", "COP"), ("rebels", "REB"),
     ("insurgents", "INS"), ("militants", "INS"), ("protesters", "OPP"), ("opposition", "OPP"),
     ("party", "PTY"), ("judge", "JUD"), ("court", "JUD"), ("journalist", "JRN"), ("correspondent", "JRN"),
     ("reporter", "JRN"), ("businesses", "BUS")],
)  # fmt: skip
def test_sector_cues(phrase: str, sector: str) -> None:
    dictionary = load_dictionary()
    assert (dictionary.titles.get(phrase) or dictionary.nouns.get(phrase)) == sector


@pytest.mark.parametrize(
    ("code", "expected"),
    [("USAGOV", ("USA", "GOV")), ("RUSMIL", ("RUS", "MIL")), ("UKR", ("UKR", None)), ("IGOWSTNAT", ("NATO", "IGO")),
     ("NGO", (None, "NGO")), ("SYLGOV", ("SYL", "GOV")), ("~JRN", (None, "JRN"))],
)  # fmt: skip
def test_cameo_codes_split_into_code_and_sector(code: str, expected: tuple[str | None, str | None]) -> None:
    assert split_cameo(code, {"USA", "RUS", "UKR"}) == expected


def _read(path: Path) -> ActorDictionary:
    into = ActorDictionary()
    into.states.update(load_dictionary().states)
    read_file(path, into)
    return into


def test_petrarch_dictionary_is_read_with_synonyms_and_date_restrictions() -> None:
    dictionary = _read(FIXTURES / "freedonia.actors.txt")
    by_name = {e.name: e for e in dictionary.entries}
    firefly = by_name["President Rufus T. Firefly"]
    assert {"Rufus Firefly", "Firefly"} <= set(firefly.names)
    assert firefly.coded_on("1935-06-01") == ("FRE", "GOV")
    assert firefly.coded_on("1920-01-01") == ("FRE", "ELI")
    assert firefly.coded_on("1950-01-01") == ("FRE", "ELI")
    assert firefly.fold_case
    assert by_name["Freedonia"].code == "FRE"
    assert by_name["Ambassador Trentino"].coded_on(None) == ("SYL", "GOV")
    assert by_name["World Alliance of Nations"].coded_on(None) == ("NATO", "IGO")
    dumont = by_name["Margaret Dumont"]
    assert dumont.coded_on("2005-03-01") == ("USA", "ELI")


def test_yaml_user_file_adds_people_organisations_and_cues() -> None:
    dictionary = _read(FIXTURES / "user_actors.yaml")
    petrenko = next(e for e in dictionary.entries if e.name == "Ivana Petrenko")
    assert (petrenko.code, petrenko.sector, petrenko.kind, petrenko.role) == ("MDA", "GOV", "person", "Energy Minister")
    assert dictionary.titles["wing commander"] == "MIL"
    assert dictionary.nouns["drone crews"] == "MIL"


def test_csv_user_file() -> None:
    dictionary = _read(FIXTURES / "user_actors.csv")
    union = next(e for e in dictionary.entries if e.name == "Northern Fisheries Union")
    assert (union.code, union.sector, union.kind, union.names) == (
        "NOR",
        "LAB",
        "organisation",
        ["NFU", "Fisheries Union"],
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.yaml", "people:\n  - name: X: y\nstates: []\n", "bad.yaml:2: not valid YAML"),
        ("noname.yaml", "people:\n  - {code: RUS}\n", "noname.yaml:2: entry under 'people' has no 'name'"),
        ("state.yaml", "states:\n  - {name: Freedonia, code: FR}\n", "state.yaml:2: state 'Freedonia' needs"),
        ("kind.yaml", "people:\n  - {name: X, kind: robot}\n", "kind 'robot'"),
        ("keys.yaml", "actors: []\n", "unknown key 'actors'"),
        ("list.yaml", "- a\n- b\n", "list.yaml:1"),
        ("header.csv", "who,code\nX,RUS\n", "header.csv:1"),
        ("fields.csv", "name,code\nX,RUS\nY,UKR,GOV,extra\n", "fields.csv:3"),
        ("empty.csv", "name,code\n,RUS\n", "empty.csv:2: the 'name' field is empty"),
        ("orphan.txt", "+SYNONYM_FIRST\n", "orphan.txt:1: synonym"),
        ("restriction.txt", "# comment\n\t[USAGOV 2001-2009]\n", "restriction.txt:2"),
        # a PETRARCH file is refused when most of its lines cannot be read (fewer: skipped with a warning)
        ("date.txt", "BUSH_\n\t[USAGOV 200101-20090120x]\n\t[USAELI 2009x]\n", "date.txt:2"),
        ("brackets.txt", "BUSH_ [USAGOV\n", "brackets.txt:1: unbalanced"),
        ("actors.json", "{}", "unknown actor dictionary type"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        _read(path)
    assert message in str(err.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        _read(tmp_path / "nowhere.yaml")
