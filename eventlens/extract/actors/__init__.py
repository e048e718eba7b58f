"""People, states, organisations and groups, resolved to codes and sectors (``doc._.actors``).

The component ``eventlens_actors`` reads the actor dictionary (:mod:`.dictionary`: every UN member state with its
names, demonyms and capitals, the main IGOs, sector cues; plus the user's ``--actors`` files), finds mentions with
phrase matchers built once per pipeline (:mod:`.actors_find`), resolves people (:mod:`.actors_people`) and
assigns ``doc._.actors``: one :class:`~eventlens.record.Actor` per actor, ids ``A1``, ``A2``… in order of first
mention, each with every mention's character offsets.

What a mention stands for:

* a state's name → the state ("Ukraine"); its demonym or name before a sector word → that part of it ("Russian
  troops" → RUS/MIL, "US officials" → USA/GOV, "a top Russian diplomat" → RUS/GOV, "Russia's military" → RUS/MIL);
* a capital or seat of government used as a speaker or owner → the government ("Moscow said", "Washington's
  demands", "the Kremlin" → GOV); a capital used as a place only resolves tokens, it is not listed as a mention;
* an organisation's name or its anaphor ("NATO" … "the alliance") → the organisation;
* "the country", "the government" → the last state mentioned (GOV for the government);
* a person's name → the person (see :mod:`.actors_people`); "The Biden administration" → the government of
  Biden's country (a US presidency when the dictionary does not know him: that is what English news means);
* a sector word with no owner ("police", "rebels", "protesters") → an unnamed group with a null code.

The public functions :func:`actor_ref_for_token`, :func:`actor_ref_for_span` and :func:`actor_by_id` let later
stages (events, quotes) turn tokens into :class:`~eventlens.record.ActorRef` s; they read the working state this
component leaves in ``doc._.el_actor_*``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...record import Actor, ActorRef, Mention
from .. import extensions  # noqa: F401  (registers the Doc extensions)
from ..syntax import NOMINAL_SUBJECT_DEPS, PERSON_PRONOUNS, POSSESSIVE, THING_PRONOUNS
from .dictionary import ActorDictionary, load_dictionary
from .find import (
    CAPITAL,
    DEMONYM,
    METONYM_DEPS,
    NAME,
    SEAT,
    DictHit,
    Finder,
    Found,
    Hit,
    owner_blocked,
    phrase_head,
    pro_prefixed,
)
from .people import PeopleResolver

#: How many sentences back a pronoun looks for its antecedent.
PRONOUN_SENTENCES = 3
#: Pronouns that refer to one thing, never to a plural group.
SINGULAR_THING_PRONOUNS = frozenset({"it", "its", "itself"})
#: How far (tokens) a demonym may stand from the sector word it modifies ("Russian-backed military forces").
MODIFIER_REACH = 3
#: Words before an owned phrase that belong to it ("a top Russian diplomat").
LEFT_MODIFIERS = frozenset({"det", "amod", "advmod", "nummod", "quantmod", "predet"})

for _name in ("el_actor_hits", "el_actor_tokens", "el_actor_ids", "el_actor_by_id", "el_actor_dictionary"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorsComponent:
    """Pipeline component ``eventlens_actors``: assigns ``doc._.actors`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, extra_files: list[str] | None = None) -> None:
        self.name = name
        self.dictionary: ActorDictionary = load_dictionary(tuple(extra_files or ()))
        self.finder = Finder(nlp, self.dictionary)

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        people = PeopleResolver(doc, self.dictionary, found, doc._.published)
        person_hits = people.resolve()
        taken = {i for h in person_hits for i in range(h.start, h.end)}
        consumed = {(h.start, h.end) for h in people.consumed}
        collective = _Collective(doc, self.dictionary, found, taken, consumed).hits()
        people.lend_countries(collective)
        collective += _administrations(doc, self.dictionary, people, person_hits, found)
        hits = sorted(person_hits + collective, key=lambda h: (h.start, -(h.end - h.start)))
        _assign(doc, hits, self.dictionary, people)
        return doc


@Language.factory("eventlens_actors", assigns=["doc._.actors"], default_config={"extra_files": []})
def make_actors(nlp: Language, name: str, extra_files: list[str]) -> ActorsComponent:
    return ActorsComponent(nlp, name, extra_files)


# ---------------------------------------------------------------------------------------------- collectives


#: Demonyms of nations of immigrants, which name citizens after another demonym ("Arab Americans").
SETTLER_DEMONYMS = frozenset({"american", "canadian", "australian", "brazilian", "argentine"})


class _Collective:
    """States, parts of states, organisations, unnamed groups and anaphors of one document."""

    def __init__(
        self, doc: Doc, dictionary: ActorDictionary, found: Found, taken: set[int], consumed: set[tuple[int, int]]
    ) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.found = found
        self.taken = set(taken)
        self.covered = set(taken)  # tokens of every hit, weak ones too
        self.consumed = consumed
        self.cue_at: dict[int, str] = {}  # token → sector of the title or noun it belongs to (no name after it)
        for title in found.titles:
            if not title.has_name:
                self.cue_at.update({i: title.sector for i in range(title.start, title.end)})
        for start, end, sector in found.nouns:
            self.cue_at.update({i: sector for i in range(start, end)})
        self.cue_from = {s: (e, sector) for s, e, sector in found.nouns}
        self.cue_from.update({t.start: (t.end, t.sector) for t in found.titles if not t.has_name})
        self.out: list[Hit] = []

    def hits(self) -> list[Hit]:
        for hit in _ethnic_pairs(self.found.names, self.doc):
            if not self.taken.intersection(range(hit.start, hit.end)):
                self._name(hit)
        self._orgs_unknown()
        self._anaphors()
        self._groups()
        return self.out

    def _add(self, hit: Hit) -> None:
        self.out.append(hit)
        self.covered.update(range(hit.start, hit.end))
        if not hit.weak:
            self.taken.update(range(hit.start, hit.end))

    def _name(self, hit: DictHit) -> None:
        entry = self.dictionary.entries[hit.entry] if hit.entry is not None else None
        if entry is not None and entry.kind == "person":
            return
        if entry is not None and entry.null:  # a name the dictionary codes as no actor ("Indian Ocean": [---])
            self.taken.update(range(hit.start, hit.end))
            self.covered.update(range(hit.start, hit.end))
            return
        if entry is not None and entry.kind != "state":
            weak = (hit.start, hit.end) in self.consumed
            self._add(Hit(hit.start, hit.end, ("O", str(hit.entry)), entry.sector, weak=weak))
            return
        code = hit.code if hit.code is not None else (entry.coded_on(self.doc._.published)[0] if entry else None)
        if (hit.start, hit.end) in self.consumed:  # a person's nationality: resolves, but is not a mention
            self._add(Hit(hit.start, hit.end, ("S", code, None), None, weak=True))
            return
        if hit.how == SEAT:
            self._add(Hit(hit.start, hit.end, ("S", code, "GOV"), "GOV"))
            return
        if hit.how == CAPITAL and not self._metonym(hit):
            self._add(Hit(hit.start, hit.end, ("S", code, None), None, weak=True))
            return
        if hit.how in (DEMONYM, NAME) and pro_prefixed(self.doc, hit.start):
            return  # "pro-Russian separatists", "an anti-Syria journalist": not the state
        if hit.how == DEMONYM and hit.start > 0 and self.doc[hit.start - 1].lower_ == "ethnic":
            # "ethnic Albanians" in Serbia are no part of Albania: an unnamed group, placed by where it acts
            last = self.doc[hit.end - 1]
            if last.dep_ not in ("amod", "compound") and last.pos_ in ("NOUN", "PROPN"):
                text = self.doc[hit.start - 1 : hit.end].text.lower()
                self._add(Hit(hit.start - 1, hit.end, ("G", "CVL", text), "CVL"))
            return
        nominal = None if owner_blocked(self.doc, hit.end) else self._nominal(hit)
        if nominal is not None:
            start, end, sector = nominal
            self._add(Hit(start, end, ("S", code, sector), sector))
            return
        own: str | None = "GOV" if hit.how == CAPITAL else None
        self._add(Hit(hit.start, hit.end, ("S", code, own), own))

    def _metonym(self, hit: DictHit) -> bool:
        """Whether a capital stands for its government here ("Moscow said", "Kyiv's desire")."""
        last = self.doc[hit.end - 1]
        after = self.doc[hit.end] if hit.end < len(self.doc) else None
        if after is not None and after.text in POSSESSIVE:
            owned = self.doc[hit.end + 1] if hit.end + 1 < len(self.doc) else None
            # "Georgetown's Prince Alwaleed bin Talal Center": a name after it makes the capital a place's name
            if owned is None or owned.pos_ != "PROPN" or owned.i in self.taken:
                return True
            if owned.ent_type_:  # the capital owns a cue ("Foreign Ministry"), not a longer name
                ent = next(e for e in self.doc.ents if e.start <= owned.i < e.end)
                return all(i in self.cue_at for i in range(ent.start, ent.end))
            return owned.i in self.cue_at
        tok = last
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in METONYM_DEPS

    def _nominal(self, hit: DictHit) -> tuple[int, int, str] | None:
        """The sector phrase a state's name or demonym owns: "Russian troops", "Russia's military", "US officials"."""
        last = self.doc[hit.end - 1]
        head = last.head
        adjacent = self.cue_from.get(hit.end)
        if adjacent is not None and self.doc[adjacent[0] - 1].pos_ in ("NOUN", "PROPN"):
            # "Turkish forces" right after the name: trust the words when the parse went elsewhere
            if not self.taken.intersection(range(hit.end, adjacent[0])):
                return self._left(hit, self.doc[adjacent[0] - 1]), adjacent[0], adjacent[1]
        if head.i < hit.end or head.i - hit.end > MODIFIER_REACH or head.i in self.taken:
            return None
        if last.dep_ not in ("amod", "compound", "poss", "nmod", "npadvmod") and last.dep_ != "case":
            return None
        sector = self.cue_at.get(head.i)
        if sector is None:  # "Russian military activity": the sector word is a sibling modifier
            for child in head.children:
                if child.i != last.i and child.dep_ in ("amod", "compound") and child.i in self.cue_at:
                    sector = self.cue_at[child.i]
                    break
        if sector is None:
            return None
        return self._left(hit, head), head.i + 1, sector

    def _left(self, hit: DictHit, head: Token) -> int:
        """Where the phrase a name modifies begins: its determiner and adjectives ("a top Russian diplomat")."""
        start = hit.start
        while (
            start > 0
            and hit.start - start < MODIFIER_REACH
            and (start - 1) not in self.taken
            and self.doc[start - 1].dep_ in LEFT_MODIFIERS
            and self.doc[start - 1].pos_ in ("DET", "ADJ", "ADV", "NUM")
            and self.doc[start - 1].head.i >= hit.start
        ):
            start -= 1
        return start

    def _orgs_unknown(self) -> None:
        """Organisation entities the dictionary does not know: listed with a null code and any sector cue."""
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or self.covered.intersection(range(ent.start, ent.end)):
                continue
            if any(not (t.is_alpha or t.text in POSSESSIVE or t.text in ("&", "-", ".")) for t in ent) or any(
                t.text == "-" and t.i > 0 and self.doc[t.i - 1].whitespace_ for t in ent
            ):
                continue  # "Kyiv | News", "FILE - Immigration": a headline fragment, not a name
            start, end = ent.start, ent.end
            while start < end and self.doc[start].lower_ == "the":
                start += 1
            while end > start and (self.doc[end - 1].text in POSSESSIVE or not self.doc[end - 1].is_alpha):
                end -= 1
            if end <= start or not self.doc[start].text[:1].isupper():
                continue
            if any(self.doc[i].i in self.cue_at for i in range(start, end)) or end - start > 1:
                sector = next((self.cue_at[i] for i in range(end - 1, start - 1, -1) if i in self.cue_at), None)
                self._add(Hit(start, end, ("U", self.doc[start:end].text), sector))

    def _anaphors(self) -> None:
        """ "the alliance" → the last organisation it may name; "the country"/"the government" → the last state."""
        for start, end, index in self.found.org_anaphors:
            if self.taken.intersection(range(start, end)):
                continue
            key = ("O", str(index))
            if any(h.key == key and h.start < start for h in self.out):
                self._add(Hit(start, end, key, self.dictionary.entries[index].sector))
        for start, end, phrase in self.found.anaphors:
            if self.taken.intersection(range(start, end)):
                continue
            anaphor = self.dictionary.anaphors[phrase]
            before = [h for h in self.out if h.start < start and h.key[0] in ("S", "O") and not h.weak]
            if anaphor.kind == "state":
                before = [h for h in before if h.key[0] == "S"]
            if before:
                last = before[-1]
                if last.key[0] == "S":
                    self._add(Hit(start, end, ("S", last.key[1], anaphor.sector), anaphor.sector))
                else:
                    self._add(Hit(start, end, last.key, last.sector))

    def _groups(self) -> None:
        """Sector words with no owner: "police", "rebels", "protesters" (never a bare "government")."""
        for start, end, sector in self.found.nouns:
            if sector == "GOV" or self.taken.intersection(range(start, end)):
                continue
            head = self.doc[end - 1]
            if head.dep_ in ("compound", "amod") or head.pos_ not in ("NOUN", "PROPN"):
                continue
            owner = self._pronoun_owner(head, start)
            if owner is not None:  # "removing its forces" after Russia → RUS/MIL
                self._add(Hit(min(owner.i, start), end, ("S", owner_code(self.out, owner), sector), sector))
                continue
            self._add(Hit(start, end, ("G", sector), sector))

    def _pronoun_owner(self, head: Token, start: int) -> Token | None:
        """An "its" right before a group noun whose antecedent is a state mentioned shortly before."""
        poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ == "its" and c.i < start]
        if not poss or poss[0].i < start - 2 or owner_code(self.out, poss[0]) is None:
            return None
        return poss[0]


def _ethnic_pairs(names: list[DictHit], doc: Doc) -> list[DictHit]:
    """ "Bosnian Serbs", "Croatian Serb refugees": two demonyms in a row name a people of the first state, coded to
    it; "Arab Americans", "French Canadians" name citizens of the second."""
    out: list[DictHit] = []
    for hit in names:
        prev = out[-1] if out else None
        if prev is not None and prev.how == DEMONYM and hit.how == DEMONYM and prev.end == hit.start:
            if doc[hit.start].lower_.rstrip("s") in SETTLER_DEMONYMS:
                out[-1] = DictHit(prev.start, hit.end, DEMONYM, hit.code, hit.entry)
            else:
                out[-1] = DictHit(prev.start, hit.end, DEMONYM, prev.code, prev.entry)
            continue
        out.append(hit)
    return out


def owner_code(hits: list[Hit], pronoun: Token) -> str | None:
    """The state an "its" refers to: the last state or state part mentioned in its sentence or the one before."""
    sent_start = pronoun.sent.start
    earlier = pronoun.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    states = [h for h in hits if h.key[0] == "S" and earlier <= h.start < pronoun.i and not h.weak]
    return states[-1].key[1] if states else None


def _administrations(
    doc: Doc, dictionary: ActorDictionary, people: PeopleResolver, person_hits: list[Hit], found: Found
) -> list[Hit]:
    """ "The Biden administration": the government of the person's country."""
    out: list[Hit] = []
    for hit in person_hits:
        if hit.end >= len(doc):
            continue
        word = doc[hit.end].lower_
        if word not in dictionary.government_of_person:
            continue
        person = people.person_of(hit)
        if person is None:
            continue
        if person.code is None:
            person.code = dictionary.government_of_person[word]
        if person.sector is None:
            person.sector = "GOV"
        if person.code is None:
            continue
        start = hit.start - 1 if hit.start > 0 and doc[hit.start - 1].lower_ == "the" else hit.start
        out.append(Hit(start, hit.end + 1, ("S", person.code, "GOV"), "GOV"))
    return out


# ---------------------------------------------------------------------------------------------- assembling


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
    tokens = [-1] * len(doc)
    for index in sorted(range(len(hits)), key=lambda k: -(hits[k].end - hits[k].start)):
        for i in range(hits[index].start, hits[index].end):
            tokens[i] = index  # the innermost hit wins ("Biden" inside "The Biden administration")
    doc._.el_actor_hits = hits
    doc._.el_actor_tokens = tokens
    doc._.el_actor_ids = ids
    doc._.el_actor_by_id = actors
    doc._.el_actor_dictionary = dictionary
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
    return Actor(actor_id, str(rest[0]), None, hit.sector, None, "organisation")


# ------------------------------------------------------------------------------------------------ public API


def actor_by_id(doc: Doc, actor_id: str) -> Actor | None:
    """The actor with id ``actor_id`` in ``doc`` (None if there is none)."""
    return (doc._.el_actor_by_id or {}).get(actor_id)


def _ref(doc: Doc, hit: Hit, text_start: int, text_end: int, sector: str | None = None) -> ActorRef:
    """An :class:`ActorRef` for ``hit``, worded by the tokens ``[text_start, text_end)``."""
    ids: dict[tuple[str | None, ...], str] = doc._.el_actor_ids or {}
    key = hit.key
    actor_id = ids.get(key)
    if actor_id is None and key[0] == "S":  # a weak hit: the state itself, or any part of it that is listed
        actor_id = ids.get(("S", key[1], None)) or next((v for k, v in ids.items() if k[:2] == key[:2]), None)
    actor = actor_by_id(doc, actor_id) if actor_id else None
    span = doc[text_start:text_end]
    if actor is None:
        dictionary: ActorDictionary | None = doc._.el_actor_dictionary
        code = key[1] if key[0] == "S" else None
        name = dictionary.state_name(code) if dictionary is not None else None
        return ActorRef(name, code, sector or hit.sector, span.text, span.start_char, span.end_char, None)
    if key[0] == "S" and actor.code == key[1] and hit.weak:
        return ActorRef(actor.name, actor.code, sector, span.text, span.start_char, span.end_char, actor.id)
    return ActorRef(actor.name, actor.code, sector or actor.sector, span.text, span.start_char, span.end_char, actor.id)


def _hit_at(doc: Doc, i: int) -> Hit | None:
    tokens: list[int] | None = doc._.el_actor_tokens
    if not tokens or i >= len(tokens) or tokens[i] < 0:
        return None
    hit: Hit = doc._.el_actor_hits[tokens[i]]
    return hit


def actor_ref_for_token(doc: Doc, token: Token) -> ActorRef | None:
    """The actor ``token`` stands for, worded by the mention (or pronoun) it is part of.

    * a token inside a mention → that mention's actor;
    * a head noun whose modifiers hold a mention ("Russia's military buildup" → Russia, sector from the noun or a
      sector word among its modifiers);
    * a pronoun → the last compatible actor before it (a person for he/she, a state, organisation or group for
      it/they), within a few sentences;
    * otherwise None.
    """
    hit = _hit_at(doc, token.i)
    if hit is not None:
        return _ref(doc, hit, hit.start, hit.end)
    low = token.lower_
    if low in PERSON_PRONOUNS or low in THING_PRONOUNS:
        return _pronoun(doc, token)
    return _owned(doc, token)


def _owned(doc: Doc, token: Token) -> ActorRef | None:
    """A noun whose possessor, modifier or "of" phrase names an actor."""
    for child in token.children:
        target: Token | None = None
        if child.dep_ in ("poss", "amod", "compound", "nmod", "appos"):
            target = child
        elif child.dep_ == "prep" and child.lower_ == "of":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is None:
            continue
        hit = _hit_at(doc, target.i)
        if hit is None:
            continue
        sector = _sector_of_noun(doc, token)
        start = min(token.left_edge.i, hit.start)
        return _ref(doc, hit, start, token.i + 1, sector)
    return None


def _sector_of_noun(doc: Doc, token: Token) -> str | None:
    """The sector a noun phrase names by its head or a modifier ("military buildup" → MIL)."""
    dictionary: ActorDictionary | None = doc._.el_actor_dictionary
    if dictionary is None:
        return None
    for tok in [token, *(c for c in token.children if c.dep_ in ("amod", "compound"))]:
        low = tok.lower_
        sector = dictionary.titles.get(low) or dictionary.nouns.get(low) or dictionary.agents.get(low)
        if sector is not None:
            return sector
    return None


def _pronoun(doc: Doc, token: Token) -> ActorRef | None:
    hits: list[Hit] = doc._.el_actor_hits or []
    sents = list(doc.sents)
    here = token.sent
    index = next((n for n, s in enumerate(sents) if s.start == here.start), 0)
    earliest = sents[max(0, index - PRONOUN_SENTENCES)].start
    want_person = token.lower_ in PERSON_PRONOUNS
    candidates = [
        h for h in hits if earliest <= h.start and h.end <= token.i and (h.key[0] == "P") == want_person and not h.weak
    ]
    if token.lower_ in SINGULAR_THING_PRONOUNS:  # "it" is no plural group ("teachers", "rebels")
        candidates = [h for h in candidates if h.key[0] != "G" or doc[h.end - 1].tag_ not in ("NNS", "NNPS")]
    if not candidates:
        return None
    chosen = candidates[-1]
    if want_person and token.dep_ in NOMINAL_SUBJECT_DEPS and chosen.start < here.start:
        # a subject pronoun opening a new sentence continues the discourse subject: the last person who was one
        subjects = [h for h in candidates if phrase_head(doc, h.start, h.end).dep_ in NOMINAL_SUBJECT_DEPS]
        if subjects:
            chosen = subjects[-1]
    return _ref(doc, chosen, token.i, token.i + 1)


def actor_ref_for_span(doc: Doc, start: int, end: int) -> ActorRef | None:
    """The best actor for tokens ``[start, end)``: the mention holding the phrase's syntactic head, else the
    first mention inside the phrase, else what the head token stands for (a pronoun, an owned noun)."""
    if end <= start:
        return None
    head = phrase_head(doc, start, end)
    hit = _hit_at(doc, head.i)
    if hit is not None:
        return _ref(doc, hit, hit.start, hit.end)
    for i in range(start, end):
        inner = _hit_at(doc, i)
        if inner is not None and not inner.weak:
            return _ref(doc, inner, inner.start, inner.end)
    return actor_ref_for_token(doc, head)


__all__: list[Any] = [
    "ActorsComponent",
    "actor_by_id",
    "actor_ref_for_span",
    "actor_ref_for_token",
    "make_actors",
]
