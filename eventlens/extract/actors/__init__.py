"""People, states, organisations and groups, resolved to codes and sectors (``doc._.actors``).

The component ``eventlens_actors`` reads the actor dictionary (:mod:`.dictionary`: every UN member state with its
names, demonyms and capitals, the main IGOs, sector cues; plus the user's ``--actors`` files), finds mentions with
phrase matchers built once per pipeline (:mod:`.find`), resolves people (:mod:`.people`) and
assigns ``doc._.actors``: one :class:`~eventlens.record.Actor` per actor, ids ``A1``, ``A2``… in order of first
mention, each with every mention's character offsets.

What a mention stands for:

* a state's name → the state ("Ukraine"); its demonym or name before a sector word → that part of it ("Russian
  troops" → RUS/MIL, "US officials" → USA/GOV, "a top Russian diplomat" → RUS/GOV, "Russia's military" → RUS/MIL);
* a capital or seat of government used as a speaker or owner → the government ("Moscow said", "Washington's
  demands", "the Kremlin" → GOV); a capital used as a place only resolves tokens, it is not listed as a mention;
* an organisation's name or its anaphor ("NATO" … "the alliance") → the organisation;
* "the country", "the government" → the last state mentioned (GOV for the government);
* a person's name → the person (see :mod:`.people`); "The Biden administration" → the government of
  Biden's country (a US presidency when the dictionary does not know him: that is what English news means);
* a sector word with no owner ("police", "rebels", "protesters", "officials") → an unnamed group with a null code
  (the events stage places it by where it acts, else by the country the article is about: :func:`article_country`);
* a pronoun, "the minister", "the organization" → the party a coreference pass links it to (:mod:`.coreference`);
* a person or official the text gives no country → the state the article is plainly about, if it is about one.

The stage's modules: :mod:`.dictionary` (reading actor files), :mod:`.find` (mentions in a document),
:mod:`.people` (people and their countries), :mod:`.collective` (states, organisations, groups, anaphors),
:mod:`.coreference` (pronouns, definite descriptions, the article's country) and :mod:`.refs`, whose public
functions (:func:`actor_ref_for_token`, :func:`actor_ref_for_span`, :func:`actor_by_id`, :func:`state_mentions`,
:func:`is_unnamed_group`, :func:`is_domestic_body`, :func:`is_unknown_organisation`, :func:`article_country`) are
what later stages (places, quotes, events) may read of this one; only they read the working state the component
leaves in ``doc._.el_actor_*``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...record import Actor, Mention
from .. import extensions  # noqa: F401  (registers the Doc extensions)
from .collective import Collective, administrations, description_of
from .coreference import (
    PronounResolver,
    country_counts,
    definite_organisations,
    definite_titles,
    dominant,
    person_gender,
    unnamed_officials,
)
from .dictionary import ActorDictionary, load_dictionary
from .find import Finder, Hit
from .people import PeopleResolver
from .refs import (
    actor_by_id,
    actor_ref_for_span,
    actor_ref_for_token,
    article_country,
    is_domestic_body,
    is_unknown_organisation,
    is_unnamed_group,
    remember,
    state_mentions,
)

#: Sectors of a state's own officials: a titled official with no country of their own serves the state the article
#: is about ("Deputy Prime Minister Numan Kurtulmus" in an article about Turkey).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
#: Roles whose holder serves a state abroad, so the country an article is about is no clue to theirs.
ABROAD_ROLES = ("ambassador", "envoy", "consul", "secretary-general", "secretary general", "commissioner")


class ActorsComponent:
    """Pipeline component ``eventlens_actors``: assigns ``doc._.actors`` (see the module docstring)."""

    def __init__(
        self, nlp: Language, name: str, extra_files: list[str] | None = None, cache_dir: str | None = None
    ) -> None:
        self.name = name
        self.dictionary: ActorDictionary = load_dictionary(tuple(extra_files or ()), cache_dir=cache_dir)
        self.finder = Finder(nlp, self.dictionary, cache_dir)

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        people = PeopleResolver(doc, self.dictionary, found, doc._.published)
        person_hits = _not_companies(doc, people.resolve())
        taken = {i for h in person_hits for i in range(h.start, h.end)}
        consumed = {(h.start, h.end) for h in people.consumed}
        collective = Collective(doc, self.dictionary, found, taken, consumed).hits()
        people.lend_countries(collective)
        collective += administrations(doc, self.dictionary, people, person_hits, found)
        hits = sorted(person_hits + collective, key=lambda h: (h.start, -(h.end - h.start)))
        roles = {str(h.key): p.role for h in person_hits if (p := people.person_of(h)) is not None}
        hits += definite_titles(doc, found.titles, hits, roles) + definite_organisations(doc, hits)
        hits += unnamed_officials(doc, found.titles, hits)
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        country = dominant(country_counts(hits))
        _officials_of(people, country)
        _assign(doc, hits, self.dictionary, people)
        genders: dict[str, str] = {}
        for hit in person_hits:
            gender = person_gender(doc, hit, roles.get(str(hit.key)))
            if gender is not None:
                genders.setdefault(str(hit.key), gender)
        doc._.el_actor_coref = PronounResolver(doc, doc._.el_actor_hits, genders).resolve()
        return doc


@Language.factory(
    "eventlens_actors",
    requires=[],
    assigns=["doc._.actors"],
    default_config={"extra_files": [], "cache_dir": None},
)
def make_actors(nlp: Language, name: str, extra_files: list[str], cache_dir: str | None) -> ActorsComponent:
    return ActorsComponent(nlp, name, extra_files, cache_dir)


# ---------------------------------------------------------------------------------------------- assembling


def _acronym(name: str) -> bool:
    """ "FIFA", "UEFA": an organisation's acronym, which codes it when no country does (docs/annotation.md)."""
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _not_companies(doc: Doc, person_hits: list[Hit]) -> list[Hit]:
    """Person hits less names the text introduces as a company or outlet ("sportswear maker Kestrel",
    the model's PERSON notwithstanding), and their later mentions: the collective pass codes them."""
    wrong = set()
    for hit in person_hits:
        if description_of(doc, hit.start, doc[hit.end - 1]) is not None:
            wrong.add(hit.key)
    return [h for h in person_hits if h.key not in wrong]


def _officials_of(people: PeopleResolver, country: str | None) -> None:
    """People with no country yet: officials of an organisation the dictionary lacks take its country or acronym;
    titled officials of a state and untitled people take the state the article is about, if it is about one."""
    for person in people.people:
        if person.code is None and person.employer is not None:
            # "FIFA President X": the organisation's country, else, for an acronym, the organisation itself
            person.code = country or (person.employer if _acronym(person.employer) else None)
            continue
        if country is None or person.code is not None or person.sector == "JRN":
            continue
        if person.titled and person.sector not in STATE_SECTORS:
            continue
        if any(word in (person.role or "").lower() for word in ABROAD_ROLES):
            continue
        person.code = country


def _assign(doc: Doc, hits: list[Hit], dictionary: ActorDictionary, people: PeopleResolver) -> None:
    """Turn hits into actors (ids in order of first mention) and leave the working state for the public API."""
    ids: dict[tuple[str | None, ...], str] = {}
    actors: dict[str, Actor] = {}
    for hit in hits:
        if hit.weak:
            continue
        if hit.key not in ids:
            actor_id = f"A{len(ids) + 1}"
            ids[hit.key] = actor_id
            actors[actor_id] = _actor(actor_id, hit, doc, dictionary, people)
        actor = actors[ids[hit.key]]
        span = doc[hit.start : hit.end]
        mention = Mention(span.start_char, span.end_char, span.text)
        if all(m.start != mention.start or m.end != mention.end for m in actor.mentions):
            actor.mentions.append(mention)
    remember(doc, hits, ids, actors, dictionary)
    doc._.actors = list(actors.values())


def _actor(actor_id: str, hit: Hit, doc: Doc, dictionary: ActorDictionary, people: PeopleResolver) -> Actor:
    kind, *rest = hit.key
    if kind == "P":
        person = people.person_of(hit)
        if person is None:  # pragma: no cover - every person hit comes from the resolver
            return Actor(actor_id, doc[hit.start : hit.end].text, None, None, None, "person")
        return Actor(actor_id, person.name, person.code, person.sector, person.role, "person")
    if kind == "S":
        code, sector = rest[0], rest[1]
        name = dictionary.state_name(code) or str(code)
        return Actor(actor_id, name, code, sector, None, "state" if sector in (None, "GOV") else "group")
    if kind == "O":
        entry = dictionary.entries[int(str(rest[0]))]
        code, sector = entry.coded_on(doc._.published)
        return Actor(actor_id, entry.name, code, sector or entry.sector, entry.role, entry.kind)
    if kind == "G":
        return Actor(actor_id, doc[hit.start : hit.end].text.lower(), None, rest[0], None, "group")
    home = str(rest[1]) if len(rest) > 1 else None  # a demonym in the name ("the Royal Thai Navy")
    return Actor(actor_id, str(rest[0]), home, hit.sector, None, "organisation")


__all__: list[Any] = [
    "ActorsComponent",
    "actor_by_id",
    "actor_ref_for_span",
    "actor_ref_for_token",
    "article_country",
    "is_domestic_body",
    "is_unknown_organisation",
    "is_unnamed_group",
    "make_actors",
    "state_mentions",
]
