"""PETRARCH/TABARI dictionaries read the way PETRARCH reads them, and the Phoenix layer shipped under eventlens's own
dictionary (issue #14)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from eventlens.errors import ConfigError
from eventlens.extract.actors import dictionary as d
from eventlens.extract.actors.dictionary import (
    ActorDictionary,
    Entry,
    Period,
    load_dictionary,
    parse_agents,
    parse_petrarch,
    read_file,
)
from eventlens.resources import cache_folder

STATES = frozenset(load_dictionary(layers=False).states)


def _entries(tmp_path: Path, text: str, name: str = "test.actors.txt") -> tuple[dict[str, Entry], d.ReadReport]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    entries, report = parse_petrarch(path, STATES)
    return {e.name: e for e in entries}, report


# ------------------------------------------------------------------------------------------- the shipped files


@pytest.fixture(scope="module")
def shipped() -> dict[str, tuple[dict[str, Entry], d.ReadReport]]:
    out = {}
    for name, kind in d.PHOENIX_ACTORS:
        entries, report = parse_petrarch(d.PHOENIX_DIR / name, STATES, kind)
        out[name] = ({e.name: e for e in entries}, report)
    return out


@pytest.mark.parametrize(
    ("name", "lines", "skipped", "codeless", "first"),
    [
        ("Phoenix.Countries.actors.txt", 54091, 7, 38, ":2039: date '9008223' is not YYYYMMDD or YYMMDD"),
        ("Phoenix.International.actors.txt", 7954, 1, 3, ":40: date '2004017' is not YYYYMMDD or YYMMDD"),
        ("Phoenix.MilNonState.actors.txt", 1799, 0, 0, None),
    ],
)  # fmt: skip
def test_each_shipped_actor_file_reads_with_its_skip_count(
    shipped: dict[str, tuple[dict[str, Entry], d.ReadReport]],
    name: str,
    lines: int,
    skipped: int,
    codeless: int,
    first: str | None,
) -> None:
    _, report = shipped[name]
    assert (report.lines, report.skipped, report.codeless) == (lines, skipped, codeless)
    if first is not None:
        assert report.reasons[0].endswith(name + first)


def test_the_countries_file_codes_leaders_by_date(shipped: dict[str, tuple[dict[str, Entry], d.ReadReport]]) -> None:
    entries, _ = shipped["Phoenix.Countries.actors.txt"]
    petrosyan = entries["Levon Ter Petrosyan"]  # [ARMELI 630101-900804] [ARMGOV 900804-980203] [ARMELI]
    assert petrosyan.kind == "person"
    assert petrosyan.coded_on("1995-06-01") == ("ARM", "GOV")
    assert petrosyan.coded_on("2005-06-01") == ("ARM", "ELI")
    assert petrosyan.coded_on("1980-06-01") == ("ARM", "ELI")
    armenia = entries["Armenia"]  # [USRARM <900823] [ARMUNR 9008223-911221] (unreadable) [ARM >911221]
    assert armenia.coded_on("1989-01-01") == ("SUN", None)
    assert armenia.coded_on("2000-01-01") == ("ARM", None)
    assert "Armenian" in armenia.names and "Yerevan" in armenia.names
    kocharyan = entries["Robert Kocharyan"]
    assert kocharyan.coded_on("2005-01-01") == ("ARM", "GOV")
    assert kocharyan.coded_on("2010-01-01") == ("ARM", "ELI")
    congress = entries["United States Congress"]  # [USAGOVLEG]: the legislature, not the government
    assert (congress.code, congress.sector, congress.kind) == ("USA", "LEG", "organisation")
    assert entries["Indian Ocean"].null  # [---]: a name that is no actor


def test_the_international_file_codes_igos_and_their_leaders(
    shipped: dict[str, tuple[dict[str, Entry], d.ReadReport]],
) -> None:
    entries, _ = shipped["Phoenix.International.actors.txt"]
    ghali = entries["Boutros Boutros Ghali"]  # [IGOUNO 920101-961231] [ELI]
    assert ghali.coded_on("1994-01-01") == ("UN", "IGO")
    assert ghali.coded_on("2000-01-01") == (None, "ELI")
    guehenno = entries["Jean Marie Guehenno"]  # [IGOUNO 000101-080801] [---]
    assert guehenno.coded_on("2005-01-01") == ("UN", "IGO")
    assert guehenno.coded_on("2012-01-01") == (None, None)
    assert (entries["IAEA"].code, entries["IAEA"].sector) == ("IAEA", "IGO")
    assert entries["International Court of Justice"].coded_on(None) == ("ICJ", "IGO")
    assert entries["Exxon"].coded_on(None) == ("USA", "BUS")  # [MNCUSA]: a company of its home state
    assert entries["Exxon Mobil"].kind == "organisation"


def test_the_armed_groups_file_reads_every_group(shipped: dict[str, tuple[dict[str, Entry], d.ReadReport]]) -> None:
    entries, _ = shipped["Phoenix.MilNonState.actors.txt"]
    assert (entries["313"].code, entries["313"].sector, entries["313"].kind) == ("PAK", "REB", "group")
    assert entries["Turkish Hezbollah"].coded_on(None) == ("TUR", "REB")
    assert entries["Unita"].coded_on(None) == ("AGO", "REB")  # CAMEO's ANG is ISO's AGO
    assert entries["Abu Hafs Al-Masri Brigade"].coded_on(None) == (None, "REB")  # [WEUREB]: a region, no state


def test_the_agents_file_reads_role_words_with_their_plurals() -> None:
    agents, report = parse_agents(d.PHOENIX_DIR / d.PHOENIX_AGENTS)
    assert (report.lines, report.skipped) == (2247, 8)
    assert report.reasons[0].endswith("agents.txt:544: unbalanced brackets in 'DEPARMENT_OF_ENVIRONMENT [~ENV}'")
    sector = {form: s for forms, s in agents for form in forms}
    assert sector["police"] == "COP"
    assert sector["rebels"] == "REB"
    assert sector["lawmakers"] == "LEG"
    assert sector["students"] == "EDU"
    assert sector["farmers"] == "CVL"  # AGR
    assert sector["militiamen"] == "INS"  # UAF
    assert sector["journalists"] == "JRN"  # MED, as a role word
    assert sector["congressman"] == sector["congresswomen"] == "LEG"  # CONGRESS!PERSON!
    assert sector["chambers of commerce"] == "BUS"  # {CHAMBERS_OF_COMMERCE}
    assert "displaced people" in sector and "displaced peoples" not in sector  # DISPLACED_PEOPLE {}


# ---------------------------------------------------------------------------------------------- line forms


def test_synonyms_and_codes_on_the_following_indented_lines(tmp_path: Path) -> None:
    entries, report = _entries(
        tmp_path,
        "# Freedonia's leaders\n"
        "RUFUS_T._FIREFLY_  # head of state\n"
        "+FIREFLY_\n"
        "+PRESIDENT_FIREFLY [FREGOV]\n"
        "\t[FREELI <19330101]\n"
        "    [FREGOV 19330101-19450101]\n"
        "\t[FREELI >19450101]\n",
    )
    firefly = entries["Rufus T. Firefly"]
    assert firefly.names == ["Firefly", "President Firefly"]
    assert firefly.coded_on("1932-12-31") == ("FRE", "ELI")
    assert firefly.coded_on("1933-01-01") == ("FRE", "GOV")
    assert firefly.coded_on("1944-12-31") == ("FRE", "GOV")
    assert firefly.coded_on("1945-01-01") == ("FRE", "ELI")  # TABARI: a range ends the day before its last date
    assert report.skipped == 0


@pytest.mark.parametrize(
    ("line", "day", "expected"),
    [
        ("[USAGOV 090120-170120]", "2012-06-01", ("USA", "GOV")),
        ("[USAGOV 090120-170120]", "2018-06-01", ("USA", None)),  # out of office: the country, no sector
        ("[USAGOV 090120-170120]", "2017-01-20", ("USA", None)),
        ("[USAGOV 090120-170120] [USAELI]", "2018-06-01", ("USA", "ELI")),  # then the undated code
        ("[USAGOV >20090120]", "2018-06-01", ("USA", "GOV")),
        ("[USAGOV > 090120]", "2018-06-01", ("USA", "GOV")),  # a space after the sign
        ("[USAGOV 20090120]", "2018-06-01", ("USA", "GOV")),  # a bare date is a first day
        ("[USAGOV <090120]", "2008-06-01", ("USA", "GOV")),
        ("[USAGOV <090120]", "2009-01-20", ("USA", None)),
        ("[USAGOV 040517-040517]", "2004-05-17", ("USA", "GOV")),  # one day
        ("[USAGOV 450101-300101]", "2000-01-01", ("USA", "GOV")),  # YY: 45 is 1945, 30 is 2030
        ("[usagov]", None, ("USA", "GOV")),  # lower case
        ("[USAGOV/USAELI]", None, ("USA", "GOV")),  # alternatives: the first readable one
        ("[+++/USAELI]", None, ("USA", "ELI")),
        ("[PSE]", None, ("PSE", None)),
        ("[IGOUNOHLHWHOMED]", None, ("WHO", "IGO")),  # the longest listed start of an IGO code
        ("[IGOEURDEVEBR]", None, ("IGOEURDEVEBR", "IGO")),  # an IGO the table lacks keeps its CAMEO code
        ("[NGOUSAHLH]", None, (None, "NGO")),
        ("[MNCUSAMED]", None, ("USA", "MED")),  # a company belongs to its home state
        ("[MNCINT]", None, (None, "BUS")),
        ("[IMGMUSALQ]", None, (None, "INS")),
        ("[USAGOVHLH]", None, ("USA", "GOV")),
        ("[USAGOVJUD]", None, ("USA", "JUD")),
        ("[TMPGOV]", None, ("TLS", "GOV")),  # CAMEO's East Timor is ISO's TLS
        ("[GBRIMYELI]", None, ("GBR", "ELI")),  # a territory part is passed over
        ("[ELI]", None, (None, "ELI")),
        ("[---]", None, (None, None)),
    ],
)  # fmt: skip
def test_code_forms(tmp_path: Path, line: str, day: str | None, expected: tuple[str | None, str | None]) -> None:
    entries, report = _entries(tmp_path, f"SOMEONE_SOMEWHERE_ {line}\n")
    assert report.skipped == 0
    assert entries["Someone Somewhere"].coded_on(day) == expected


def test_null_code_makes_a_name_that_is_no_actor(tmp_path: Path) -> None:
    entries, _ = _entries(tmp_path, "INDIAN_OCEAN  [---]\nGUEHENNO_ [IGOUNO 000101-080801] [---]\n")
    assert entries["Indian Ocean"].null
    assert entries["Indian Ocean"].kind == "organisation"
    assert not entries["Guehenno"].null


@pytest.mark.parametrize(
    "text",
    [
        "ACTOR_ONE_ [USAGOV] # a comment\n",
        "ACTOR_ONE_ [USAGOV]# a comment with no space\n",
        "ACTOR_ONE_ [USAGOV] ; a TABARI comment\n",
        "<!-- a comment\nACROSS_LINES -->\nACTOR_ONE_ [USAGOV]\n",
        "# ACTOR_TWO_ [RUSGOV]\nACTOR_ONE_ [USAGOV]\n",
        "ACTOR_ONE_\t[USAGOV]   \n\n\n",
    ],
)
def test_comments_and_blank_lines(tmp_path: Path, text: str) -> None:
    entries, report = _entries(tmp_path, text)
    assert list(entries) == ["Actor One"]
    assert entries["Actor One"].coded_on(None) == ("USA", "GOV")
    assert report.skipped == 0


def test_unreadable_lines_are_skipped_with_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "mixed.txt"
    good = "".join(f"PERSON_{n}_ [USAGOV]\n" for n in "ABCDEFGHIJKL")
    bad = (
        "ARMENIA_\n"
        "\t[USRARM <900823]\n"
        "\t[ARMUNR 9008223-911221]\n"  # line 3: a seven-digit date
        "\t[ARM >911221]\n"
        "313_ [PAKREB]\n"  # a name of digits is a name
        "BROKEN_ [USAGOV\n"  # line 6: unbalanced
        "+ITS_SYNONYM\n"  # line 7: follows the skipped line
        "\t[EGYGOV 20121207-20120802]\n"  # line 8: belongs to no actor
        "LATER_ [USAGOV 201005011]\n"  # line 9: nine digits
    )
    path.write_text(bad + good, encoding="utf-8")
    into = ActorDictionary()
    with caplog.at_level(logging.WARNING, logger="eventlens.extract.actors.dictionary"):
        read_file(path, into)
    records = [r for r in caplog.records if r.name == "eventlens.extract.actors.dictionary"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "skipped 5 of 21 entry lines" in message
    assert f"{path}:3: date '9008223' is not YYYYMMDD or YYMMDD" in message
    assert f"{path}:6: unbalanced brackets" in message
    assert f"{path}:7: synonym '+ITS_SYNONYM' follows a skipped actor line" in message
    assert "and 2 more" in message
    names = {e.name: e for e in into.entries}
    assert names["Armenia"].coded_on("1995-01-01") == ("ARM", None)
    assert names["313"].coded_on(None) == ("PAK", "REB")
    assert "Later" not in names  # its one code cannot be read: an actor with no code says nothing
    assert "Person L" in names


def test_actor_lines_with_no_code_are_left_out(tmp_path: Path) -> None:
    entries, report = _entries(tmp_path, "BORIS_YELTSIN_\nPRESIDENT_YELTSIN\nRUSSIAN_PRESIDENT_YELTSIN\n\t[RUSGOV]\n")
    assert list(entries) == ["Russian President Yeltsin"]
    assert (report.codeless, report.skipped) == (2, 0)


def test_a_mostly_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Meeting notes [draft\n\t[USAGOV 2001-2009]\n[x y z]\nACTOR_ [USAGOV]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"notes.txt: 3 of 4 entry lines cannot be read") as err:
        read_file(path, ActorDictionary())
    assert f"{path}:1: unbalanced brackets" in str(err.value)


def test_agent_lines(tmp_path: Path) -> None:
    path = tmp_path / "my.agents.txt"
    path.write_text(
        "!PERSON! = MAN, WOMAN\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "POLICE_OFFICER [~COP]  # plural made\n"
        "SECRETARY {SECRETARIES} [~GOV]\n"
        "POLICE {} [~COP]\n"
        "ATTORNEY [~JUD]\n"
        "HUMAN_RIGHTS_BODY [NGO~]\n"
        "JOURNALIST [~MED]\n"
        "ISLAMIC_MILITANT [~MUSUAF]\n"
        "NOTHING_HERE\n"  # skipped: no code
        "!MISSING! OF_STATE [~GOV]\n",  # skipped: marker not defined
        encoding="utf-8",
    )
    agents, report = parse_agents(path)
    sector = {form: s for forms, s in agents for form in forms}
    assert sector == {
        "congressman": "LEG",
        "congresswoman": "LEG",
        "police officer": "COP",
        "police officers": "COP",
        "secretary": "GOV",
        "secretaries": "GOV",
        "police": "COP",
        "attorney": "JUD",
        "attorneys": "JUD",
        "human rights body": "NGO",
        "human rights bodies": "NGO",
        "journalist": "JRN",
        "journalists": "JRN",
        "islamic militant": "INS",
        "islamic militants": "INS",
    }
    assert report.skipped == 2
    assert report.reasons[1].endswith("substitution marker !MISSING! is not defined")


def test_a_user_agents_file_never_replaces_eventlens_cues(tmp_path: Path) -> None:
    path = tmp_path / "Mine.agents.txt"
    path.write_text("STUDENT [~EDU]\nORCHARDIST [~AGR]\n", encoding="utf-8")
    into = load_dictionary(layers=False)
    mine = ActorDictionary(titles=dict(into.titles), nouns=dict(into.nouns))
    read_file(path, mine)
    assert mine.nouns["students"] == "CVL"
    assert "student" not in mine.agents  # the line's plural is eventlens's: the whole line yields
    assert mine.agents["orchardists"] == "CVL"


# ------------------------------------------------------------------------------------------------- the layer


def test_the_layer_lies_under_eventlens_own_entries() -> None:
    full = load_dictionary()
    ours = load_dictionary(layers=False)
    assert len(full.entries) > len(ours.entries) + 20_000
    obamas = [e for e in full.entries if "Barack Obama" in (e.name, *e.names)]
    assert [(e.code, e.sector, e.layer) for e in obamas] == [("USA", "GOV", False)]  # people.yaml's
    assert not any(e.layer and "Afghanistan" in (e.name, *e.names) for e in full.entries)
    petrosyan = full.person_named("Levon Ter Petrosyan")
    assert petrosyan is not None and petrosyan.layer
    assert full.person_named("LEVON TER PETROSYAN") is petrosyan
    assert full.nouns["students"] == "CVL" and "students" not in full.agents
    assert full.agents["militiamen"] == "INS"
    assert "settlement" not in full.agents  # left_out.yaml


def test_layer_person_names_that_eventlens_reads_its_own_way_are_dropped() -> None:
    into = load_dictionary(layers=False)
    base = ActorDictionary(titles=dict(into.titles), nouns=dict(into.nouns), title_modifiers=set(into.title_modifiers))
    base.government_of_person.update(into.government_of_person)
    person = Entry(
        name="President Boris Yeltsin",
        code="RUS",
        sector="GOV",
        kind="person",
        fold_case=True,
        names=["Boris Yeltsin", "Yeltsin", "Mr. Yeltsin", "Yeltsin Administration", "Boris N. Yeltsin"],
    )
    senate = Entry(name="United States Congress", code="USA", sector="LEG", fold_case=True, names=["Senate"])
    counts = d.add_layer(base, d.Layer([person, senate], [], []))
    assert (person.name, person.names) == ("Boris Yeltsin", ["Boris N. Yeltsin"])
    assert senate.names == []
    assert counts.entries == 2 and counts.names_dropped == 5
    assert person.layer


def test_the_layer_is_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTLENS_CACHE_DIR", str(tmp_path))
    first = d.phoenix_layer(STATES)
    cached = list(tmp_path.glob("phoenix-*.json"))
    assert len(cached) == 1
    again = d.phoenix_layer(STATES)
    assert [(e.name, e.names, e.code, e.sector, e.kind, e.periods) for e in again.entries] == [
        (e.name, e.names, e.code, e.sector, e.kind, e.periods) for e in first.entries
    ]
    assert again.agents == first.agents and again.reports == first.reports
    cached[0].write_text("{not json", encoding="utf-8")  # a damaged cache is read again, not trusted
    assert len(d.phoenix_layer(STATES).entries) == len(first.entries)
    monkeypatch.setenv("EVENTLENS_CACHE_DIR", "off")
    assert cache_folder() is None


def test_period_of_one_day_and_ordering() -> None:
    entry = Entry(name="X", code=None, periods=[Period("USA", "GOV", "20090120", None), Period("USA", "ELI")])
    assert entry.coded_on("2010-01-01") == ("USA", "GOV")
    assert entry.coded_on("2000-01-01") == ("USA", "ELI")
    assert entry.coded_on(None) == ("USA", "ELI")


# ------------------------------------------------------------------------------------------ in the pipeline


@pytest.mark.parametrize(
    ("published", "expected"),
    [("1995-06-01", ("ARM", "GOV")), ("2005-06-01", ("ARM", "ELI"))],
)
def test_a_layer_leader_is_gov_while_in_office(
    analyse: object, published: str, expected: tuple[str | None, str | None]
) -> None:
    record = analyse("Levon Ter-Petrosyan met reporters in the capital.", published=published)  # type: ignore[operator]
    found = [a for a in record.actors if a.name == "Levon Ter-Petrosyan"]
    assert [(a.code, a.sector, a.kind) for a in found] == [(*expected, "person")]


def test_the_text_wins_over_the_layer_for_a_person(analyse: object) -> None:
    record = analyse("U.N. envoy Diego Cordovez met the rebels.", published="1988-01-01")  # type: ignore[operator]
    cordovez = next(a for a in record.actors if a.name == "Diego Cordovez")
    assert cordovez.code == "UN"


def test_layer_names_and_agents_must_be_written_as_names_and_nouns(analyse: object) -> None:
    record = analyse(  # type: ignore[operator]
        "Human rights organization Amnesty International said the militiamen had fled. "
        "Finance Minister Christian Lindner disagreed.",
        published="2022-01-19",
    )
    names = {a.name: (a.code, a.sector) for a in record.actors}
    assert "Human Rights Organization" not in names
    assert names["militiamen"] == (None, "INS")
    assert names["Christian Lindner"][1] == "GOV"
    assert not any(a.sector == "REL" for a in record.actors)


def test_it_is_no_plural_group(analyse: object) -> None:
    record = analyse(  # type: ignore[operator]
        "The Nigerian Union of Teachers, the union for primary school teachers, said that it has called off a strike."
    )
    assert any(e.actor is not None and e.actor.text == "it" and e.actor.code == "NGA" for e in record.events)


def _described(dictionary: d.ActorDictionary) -> list[tuple[object, ...]]:
    return [(e.name, e.names, e.code, e.sector, e.kind, e.periods, e.fold_case, e.layer) for e in dictionary.entries]


def _own() -> d.ActorDictionary:
    """eventlens's own dictionary, a copy that adding a layer to leaves the shared one as it was."""
    own = load_dictionary(layers=False)
    return d.ActorDictionary(
        states=dict(own.states),
        entries=list(own.entries),
        titles=dict(own.titles),
        nouns=dict(own.nouns),
        title_modifiers=set(own.title_modifiers),
        anaphors=dict(own.anaphors),
        government_of_person=dict(own.government_of_person),
        agents=dict(own.agents),
    )


def test_the_merged_layer_read_from_the_cache_is_the_one_merged_anew(tmp_path: Path) -> None:
    built = _own()
    d.add_layer(built, d.phoenix_layer(built.states, cache_dir=str(tmp_path)))
    d.add_phoenix_layer(_own(), cache_dir=str(tmp_path))  # merged and stored
    assert len(list(tmp_path.glob("actor-layer-*.json"))) == 1
    cached = _own()
    d.add_phoenix_layer(cached, cache_dir=str(tmp_path))  # read from the cache
    assert _described(cached) == _described(built)
    assert list(cached.agents.items()) == list(built.agents.items())
    next(tmp_path.glob("actor-layer-*.json")).write_text('{"entries": 3}', encoding="utf-8")  # damaged: merge again
    again = _own()
    d.add_phoenix_layer(again, cache_dir=str(tmp_path))
    assert _described(again) == _described(built)


def test_the_folded_names_read_from_the_cache_are_the_ones_built(tmp_path: Path) -> None:
    dictionary = load_dictionary()
    words: dict[str, int] = {}

    def tokenize(text: str) -> list[int]:
        return [words.setdefault(w, len(words)) for w in text.replace("-", " - ").split()]

    built = d.FoldedNames(dictionary, tokenize, tokenize("-")[0])
    first = d.FoldedNames.cached(dictionary, tokenize, tokenize("-")[0], "t", cache_dir=str(tmp_path))
    again = d.FoldedNames.cached(dictionary, lambda text: [], tokenize("-")[0], "t", cache_dir=str(tmp_path))
    assert first.entries == built.entries == again.entries and again.lengths == built.lengths
    other = d.FoldedNames.cached(dictionary, lambda text: [], tokenize("-")[0], "u", cache_dir=str(tmp_path))
    assert other.entries == {}  # another tokenizer: built again, and its file replaces the first
    assert len(list(tmp_path.glob("actor-folded-names-*.json"))) == 1
