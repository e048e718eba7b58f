"""Actors resolved from text: states, their parts, organisations, people, groups (table of news phrases).

The pipeline runs through the actors component only (the session's loaded model), so these cases test this stage
alone. Invented names (Ivan Sokolov, Amara Okafor) check the mechanisms, not the bundled list of well-known people.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventlens.extract import Extractor
from eventlens.record import Actor

Run = Callable[..., Doc]


@pytest.fixture(scope="session")
def actors_doc(extractor: Extractor) -> Run:
    """``actors_doc(text, published=None)`` → the Doc after the base model and ``eventlens_actors``."""
    nlp = extractor.nlp

    def run(text: str, published: str | None = None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = published
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "eventlens_actors":
                break
        return doc

    return run


def actor_with_mention(doc: Doc, mention: str) -> Actor:
    found = [a for a in doc._.actors if any(m.text == mention for m in a.mentions)]
    assert found, f"no actor mentioned as {mention!r}: {[(a.name, [m.text for m in a.mentions]) for a in doc._.actors]}"
    return found[0]


CASES = [
    # text, a mention's exact text, (code, sector, kind)
    ("Russia's Foreign Minister Sergey Lavrov spoke on Friday.", "Sergey Lavrov", ("RUS", "GOV", "person")),
    ("Moscow said it would respond in kind.", "Moscow", ("RUS", "GOV", "state")),
    ("Russian troops massed near the border.", "Russian troops", ("RUS", "MIL", "group")),
    ("Meanwhile, a top Russian diplomat said talks were over.", "a top Russian diplomat", ("RUS", "GOV", "state")),
    ("US Secretary of State Antony Blinken arrived late.", "Antony Blinken", ("USA", "GOV", "person")),
    ("Ukrainian President Volodymyr Zelenskyy thanked him.", "Volodymyr Zelenskyy", ("UKR", "GOV", "person")),
    (
        "Al Jazeera's Hoda Abdel Hamid, reporting from Kyiv, said the mood was calm.",
        "Hoda Abdel Hamid",
        (None, "JRN", "person"),
    ),
    ("The Biden administration said it was providing aid.", "The Biden administration", ("USA", "GOV", "state")),
    ("The Biden administration said it was providing aid.", "Biden", ("USA", "GOV", "person")),
    ("The Kremlin rejected the claims.", "The Kremlin", ("RUS", "GOV", "state")),
    ("China's foreign ministry said the visit was a provocation.", "China's foreign ministry", ("CHN", "GOV", "state")),
    ("Kenyan police said 12 people were arrested.", "Kenyan police", ("KEN", "COP", "group")),
    ("Police fired tear gas at protesters in the capital.", "protesters", (None, "OPP", "group")),
    ("Police fired tear gas at protesters in the capital.", "Police", (None, "COP", "group")),
    ("Taliban fighters seized the district centre.", "Taliban", ("AFG", "INS", "group")),
    ("Britain's prime minister called for calm.", "Britain's prime minister", ("GBR", "GOV", "state")),
    ("French President Pierre Dumont met German Chancellor Anna Weber.", "Pierre Dumont", ("FRA", "GOV", "person")),
    ("French President Pierre Dumont met German Chancellor Anna Weber.", "Anna Weber", ("DEU", "GOV", "person")),
    ("Kenyan Interior Minister Amara Okafor visited the camp.", "Amara Okafor", ("KEN", "GOV", "person")),
    ("Israeli soldiers and Hamas militants exchanged fire.", "Israeli soldiers", ("ISR", "MIL", "group")),
    ("The U.N. Security Council will meet on Monday.", "U.N. Security Council", ("UNSC", "IGO", "organisation")),
    ("The IAEA said inspectors had left.", "IAEA", ("IAEA", "IGO", "organisation")),
    ("Washington's demands were rejected.", "Washington", ("USA", "GOV", "state")),
    ("Fighting between the Russia-backed rebels and the army went on.", "rebels", (None, "REB", "group")),
    ("Analyst Maria Gomez said the vote was close.", "Maria Gomez", (None, "EDU", "person")),
    ("Maria Gomez, who lives nearby, said the vote was close.", "Maria Gomez", (None, None, "person")),
    ("Iraqi Kurds and Turkish forces clashed near the border.", "Turkish forces", ("TUR", "MIL", "group")),
    # two demonyms: a people of the first state ("Bosnian Serbs"), or citizens of a settler state ("Arab Americans")
    ("Bosnian Serbs shelled the town.", "Bosnian Serbs", ("BIH", None, "state")),
    ("Greek Americans donated to the fund.", "Greek Americans", ("USA", None, "state")),
    # an ethnic group is not a state; its country is where it acts (see test_events_arguments)
    ("Ethnic Albanians marched in the city.", "Ethnic Albanians", (None, "CVL", "group")),
    ("Rebels attacked an anti-Syria newspaper.", "Rebels", (None, "REB", "group")),
    ("Islamic Jihad fired rockets at Israel.", "Islamic Jihad", ("PSE", "INS", "group")),
    ("UNITA rejected the accord.", "UNITA", ("AGO", "REB", "group")),
    ("The Khmer Rouge withdrew from the talks.", "Khmer Rouge", ("KHM", "REB", "group")),
    ("Kampuchean forces crossed the border.", "Kampuchean forces", ("KHM", "MIL", "group")),
    # a titled official with no country of their own takes the one state the sentence names, never a target
    ("Ousted President Akim Barou agreed to resign without returning to Chad.", "Akim Barou", ("TCD", "GOV", "person")),
    (
        "Israeli President Dan Lev refused to meet Jordan's visiting King Abdullah II.",
        "Abdullah II",
        ("JOR", "GOV", "person"),
    ),
    # media outlets belong to their home state; their reporters act for none
    ("The editor said Reuters had seen the letter.", "Reuters", ("GBR", "MED", "organisation")),
    ("Xinhua said the talks had ended.", "Xinhua", ("CHN", "MED", "organisation")),
    # a place name before a US party word is a US state, not the country
    ("A Georgia Republican blocked the measure.", "Georgia", ("USA", None, "state")),
    ("The Georgia Democrats called for a recount.", "Georgia", ("USA", None, "state")),
    # an organisation the dictionary lacks takes the state its name's demonym names
    ("The Royal Danish Navy escorted the convoy.", "Royal Danish Navy", ("DNK", "MIL", "organisation")),
]


@pytest.mark.parametrize(("text", "mention", "expected"), CASES)
def test_actor_code_sector_kind(actors_doc: Run, text: str, mention: str, expected: tuple[str | None, ...]) -> None:
    actor = actor_with_mention(actors_doc(text), mention)
    assert (actor.code, actor.sector, actor.kind) == expected


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        ("Russia's Foreign Minister Sergey Lavrov spoke.", "Sergey Lavrov", "Foreign Minister"),
        ("US Secretary of State Antony Blinken spoke.", "Antony Blinken", "Secretary of State"),
        (
            "Deputy Foreign Minister Sergei Ryabkov said Moscow would not back down.",
            "Sergei Ryabkov",
            "Deputy Foreign Minister",
        ),
    ],
)
def test_roles_come_from_titles(actors_doc: Run, text: str, mention: str, role: str) -> None:
    assert actor_with_mention(actors_doc(text), mention).role == role


def test_a_region_word_makes_a_region_not_a_state(actors_doc: Run) -> None:
    doc = actors_doc("South American leaders met in Lima. Central Asian states signed a deal.")
    assert all(a.code not in ("USA", "ASM") for a in doc._.actors), [(a.name, a.code) for a in doc._.actors]


def test_the_georgian_state_keeps_its_code_without_a_party_word(actors_doc: Run) -> None:
    assert actor_with_mention(actors_doc("Georgia accused Russia of shelling its villages."), "Georgia").code == "GEO"


def test_nothing_but_a_city_or_paper_is_not_a_state(actors_doc: Run) -> None:
    doc = actors_doc("The Washington Post reported on trade with Latin America and South America.")
    # the paper is a US outlet (coded USA as media), never the state itself
    assert [(a.name, a.kind) for a in doc._.actors if a.code == "USA"] == [("The Washington Post", "organisation")]


def test_later_surname_is_the_same_person_even_when_mislabelled(actors_doc: Run) -> None:
    doc = actors_doc(
        "Foreign Minister Ivan Sokolov met his counterpart. Blinken said he would meet Sokolov in Geneva. "
        "Sokolov’s ministry said so. Sokolov declined to comment."
    )
    sokolov = actor_with_mention(doc, "Ivan Sokolov")
    assert sokolov.name == "Ivan Sokolov"
    assert [m.text for m in sokolov.mentions].count("Sokolov") == 3


def test_the_alliance_after_nato_is_nato(actors_doc: Run) -> None:
    doc = actors_doc("Ukraine wants to join NATO. The alliance has said the door is open.")
    nato = actor_with_mention(doc, "NATO")
    assert "The alliance" in [m.text for m in nato.mentions]


def test_the_alliance_with_no_alliance_named_is_nobody(actors_doc: Run) -> None:
    doc = actors_doc("The alliance between the two families lasted decades.")
    assert not [a for a in doc._.actors if a.code == "NATO"]


def test_titled_official_borrows_the_country_of_the_unnamed_official_before(actors_doc: Run) -> None:
    doc = actors_doc(
        "A senior Kenyan official said talks would resume. Deputy Foreign Minister Amara Okafor said Nairobi "
        "had no intention of leaving."
    )
    assert actor_with_mention(doc, "Amara Okafor").code == "KEN"


def test_capital_as_a_place_is_not_a_mention(actors_doc: Run) -> None:
    doc = actors_doc("Blinken arrived in Kyiv on Wednesday.")
    assert not any(m.text == "Kyiv" for a in doc._.actors for m in a.mentions)


def test_ids_follow_first_mention_and_offsets_index_the_text(actors_doc: Run) -> None:
    text = "Russian President Vladimir Putin met Chinese leader Xi Jinping. Putin said Moscow and Beijing agreed."
    doc = actors_doc(text)
    assert [a.id for a in doc._.actors] == [f"A{n}" for n in range(1, len(doc._.actors) + 1)]
    firsts = [min(m.start for m in a.mentions) for a in doc._.actors]
    assert firsts == sorted(firsts)
    for actor in doc._.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_two_people_sharing_a_surname_stay_apart(actors_doc: Run) -> None:
    doc = actors_doc("Hillary Clinton spoke first. Clinton said Bill Clinton would campaign for her.")
    hillary = actor_with_mention(doc, "Hillary Clinton")
    assert [m.text for m in hillary.mentions] == ["Hillary Clinton", "Clinton"]
    assert actor_with_mention(doc, "Bill Clinton") is not hillary


def test_a_governor_does_not_borrow_a_country(actors_doc: Run) -> None:
    doc = actors_doc("Spanish officials said the talks failed. Governor Greg Holt said the state would help.")
    assert actor_with_mention(doc, "Greg Holt").code is None


def test_its_forces_belong_to_the_state_just_named(actors_doc: Run) -> None:
    doc = actors_doc("Blinken urged Russia to de-escalate by removing its forces from the border area.")
    actor = actor_with_mention(doc, "its forces")
    assert (actor.code, actor.sector) == ("RUS", "MIL")


def test_person_without_a_country_keeps_a_null_code(actors_doc: Run) -> None:
    doc = actors_doc("Jane Holloway, a local shopkeeper, said prices had doubled.")
    assert actor_with_mention(doc, "Jane Holloway").code is None


def test_dictionary_person_dates_follow_publication(actors_doc: Run) -> None:
    doc = actors_doc("Putin spoke to reporters.", published="2022-01-19")
    assert actor_with_mention(doc, "Putin").code == "RUS"


def test_a_name_introduced_by_what_it_is_takes_the_description_s_state(actors_doc: Run) -> None:
    doc = actors_doc("Russian gas giant Velkor cut supplies on Monday. Velkor demanded payment by Friday.")
    velkor = actor_with_mention(doc, "Velkor")
    assert (velkor.code, velkor.sector, len(velkor.mentions)) == ("RUS", "BUS", 2)


def test_a_name_in_apposition_to_its_description(actors_doc: Run) -> None:
    doc = actors_doc("Kenya's state power company Umeme Kubwa cut supplies. Umeme Kubwa blamed the drought.")
    umeme = actor_with_mention(doc, "Umeme Kubwa")
    assert (umeme.code, umeme.sector, len(umeme.mentions)) == ("KEN", "BUS", 2)


def test_a_person_described_as_a_policy_maker_stays_a_person(actors_doc: Run) -> None:
    assert actor_with_mention(actors_doc("Policy maker John Brown criticized the plan."), "John Brown").kind == "person"


def test_a_capitalised_title_before_a_name_is_no_company_description(actors_doc: Run) -> None:
    doc = actors_doc("Senior Producer Amina Diallo contributed to this report.")
    assert actor_with_mention(doc, "Amina Diallo").kind == "person"
