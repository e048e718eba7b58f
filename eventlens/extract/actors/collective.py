"""States, parts of states, organisations, unnamed groups and anaphors: the actors that are not people.

:class:`Collective` turns the finder's hits (:mod:`.find`) into actor hits for one document, around the people
:mod:`.people` has already taken; :func:`administrations` adds "the Biden administration" (the government of a
person's country).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..syntax import POSSESSIVE
from .dictionary import ActorDictionary
from .find import (
    CAPITAL,
    DEMONYM,
    METONYM_DEPS,
    NAME,
    REGION_WORDS,
    SEAT,
    DictHit,
    Found,
    Hit,
    owner_blocked,
    pro_prefixed,
)
from .people import PeopleResolver

#: How far (tokens) a demonym may stand from the sector word it modifies ("Russian-backed military forces").
MODIFIER_REACH = 3
#: Words before an owned phrase that belong to it ("a top Russian diplomat").
LEFT_MODIFIERS = frozenset({"det", "amod", "advmod", "nummod", "quantmod", "predet"})
#: Nouns that say what a named organisation is ("gas giant Gazprom", "sportswear maker Adidas"): its sector.
DESCRIPTIONS = {
    **dict.fromkeys(
        "company firm giant maker producer manufacturer monopoly conglomerate operator retailer lender bank airline "
        "carrier exporter importer supplier utility corporation multinational automaker carmaker".split(),
        "BUS",
    ),
    **dict.fromkeys("broadcaster newspaper daily tabloid channel network".split(), "MED"),
}
#: Descriptions of people that end in a company word ("policy maker John Brown").
PEOPLE_DESCRIPTIONS = frozenset({"policy maker", "decision maker", "peace maker", "film maker", "deal maker"})
SETTLER_DEMONYMS = frozenset({"american", "canadian", "australian", "brazilian", "argentine"})


class Collective:
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
        self._described()
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
        code = self._party_state(hit) or code
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

    def _party_state(self, hit: DictHit) -> str | None:
        """The country of a party word right after a place name: "a Georgia Democrat", "the Texas GOP" name a US
        state and a US party, not the country Georgia; the party's code is the place's."""
        if hit.how != NAME:
            return None
        for other in self.found.names:
            entry = self.dictionary.entries[other.entry] if other.entry is not None else None
            if other.start == hit.end and entry is not None and entry.sector == "PTY" and entry.code:
                return entry.code
        return None

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
        if any(c.dep_ == "conj" for c in last.children):
            return None  # "Russian and Chinese leaders": the phrase is the last one's; each state is its own party
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
            acronym = end - start == 1 and 2 <= len(self.doc[start]) <= 6 and self.doc[start].text.isupper()
            if any(self.doc[i].i in self.cue_at for i in range(start, end)) or end - start > 1 or acronym:
                sector = next((self.cue_at[i] for i in range(end - 1, start - 1, -1) if i in self.cue_at), None)
                name = self.doc[start:end].text
                home = self._demonym_inside(start, end)
                self._add(Hit(start, end, ("U", name, home) if home else ("U", name), sector))

    def _described(self) -> None:
        """A name the text introduces with what it is ("Russian gas giant Velkor", "Ukraine's state energy company
        Dravna", "sportswear maker Kestrel") is an organisation of the state the description names, and so is every
        later mention of the same name ("Velkor demanded payment")."""
        named: dict[str, tuple[str | None, ...]] = {}
        sectors: dict[str, str] = {}
        for tok in self.doc:
            if tok.i in self.covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN":
                continue  # the name's last word carries the description
            start = tok.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and (start - 1) not in self.covered:
                start -= 1
            name = self.doc[start : tok.i + 1].text
            if name in named:
                self._add(Hit(start, tok.i + 1, named[name], sectors[name]))
                continue
            found = self._description(tok, start)
            if found is not None:
                code, sector = found
                named[name] = ("U", name, code) if code else ("U", name)
                sectors[name] = sector
                self._add(Hit(start, tok.i + 1, named[name], sector))

    def _description(self, tok: Token, start: int) -> tuple[str | None, str] | None:
        """The state and sector a descriptive noun before a name gives it: "gas giant" → BUS, with the state of
        the demonym or name nearest it in the description ("Russian gas giant")."""
        noun = description_of(self.doc, start, tok)
        if noun is None:
            return None
        first = noun.i
        while first > max(noun.i - MODIFIER_REACH - 2, noun.sent.start) and (
            self.doc[first - 1].is_alpha or self.doc[first - 1].text in ("-", *POSSESSIVE)
        ):
            first -= 1
        states = [
            h.key[1]
            for h in self.out
            if h.key[0] == "S" and h.key[1] and not h.weak and min(first, noun.left_edge.i) <= h.start < noun.i + 1
        ]  # the state nearest the noun: "Kyiv-Russian state-controlled gas company" (a headline run in) is Russian
        return (states[-1] if states else None), DESCRIPTIONS[noun.lower_]

    def _demonym_inside(self, start: int, end: int) -> str | None:
        """The state a demonym inside an unknown organisation's name names: "the Royal Thai Navy", "the Egyptian
        Football Association" belong to that state (docs/annotation.md: a party takes its country's code)."""
        demonyms = {d: code for code, state in self.dictionary.states.items() for d in state.demonyms}
        for width in (2, 1):
            for i in range(start, end - width + 1):
                text = self.doc[i : i + width].text
                if text in demonyms and not (i > start and self.doc[i - 1].lower_ in REGION_WORDS):
                    return demonyms[text]
        return None

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
            elif anaphor.sector is not None and anaphor.kind == "state":
                # "the government" with no state named before it: an unnamed body, placed by where it acts
                self._add(Hit(start, end, ("G", anaphor.sector, phrase), anaphor.sector))

    def _groups(self) -> None:
        """Sector words with no owner: "police", "rebels", "protesters", "officials", "authorities" (never a bare
        "government": that is an anaphor, or names no one)."""
        unnamed = [t for t in self.found.titles if not t.has_name and self.doc[t.end - 1].tag_ == "NNS"]
        plural_titles = [(t.start, t.end, t.sector) for t in unnamed]
        for start, end, sector in sorted(self.found.nouns + plural_titles):
            if self.taken.intersection(range(start, end)):
                continue
            head = self.doc[end - 1]
            if head.pos_ not in ("NOUN", "PROPN"):
                continue
            if head.dep_ in ("compound", "amod") and (head.head.i in self.cue_at or sector == "GOV"):
                continue  # "police officers", "government forces": part of a longer group word
            if sector == "GOV" and head.tag_ != "NNS":
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


def description_of(doc: Doc, start: int, last: Token) -> Token | None:
    """The noun that says what the name ``doc[start : last.i + 1]`` is: right before it ("gas giant Gazprom"), or
    where the parse puts it (the name in apposition to "the state energy company")."""
    around = [doc[start - 1]] if start > 0 and doc[start - 1].pos_ == "NOUN" else []
    around += [c for c in last.lefts if c.i < start and c.dep_ in ("compound", "appos", "nmod")]
    if last.dep_ == "appos" and last.head.i < start:
        around.append(last.head)
    for noun in around:
        people = noun.i > 0 and f"{doc[noun.i - 1].lower_} {noun.lower_}" in PEOPLE_DESCRIPTIONS
        # a capitalised word before a name is its title ("Producer Youmi Kim"), not what a company is
        written = noun.text.islower() or noun.is_sent_start
        if noun.lower_ in DESCRIPTIONS and written and not people:
            return noun
    return None


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


def administrations(
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


__all__ = ["DESCRIPTIONS", "Collective", "administrations", "description_of", "owner_code"]
