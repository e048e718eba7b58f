"""People: finding person names, telling them apart, and coding each to a country, sector and role.

Where a person's name comes from: a title before it ("Foreign Minister Sergey Lavrov", whatever label the model
gave it), a PERSON entity that is no dictionary name, or a person the dictionary knows. Mentions are grouped into
one person when one name ends the other ("Sergey Lavrov" ← "Lavrov", "Hoda Abdel Hamid" ← "Abdel Hamid"); a bare
surname anywhere later is that person too, even where the model tagged it ORG or as a common noun.

How a person gets a country (the first that applies, dictionary first):

1. the dictionary (date restrictions read against the publication date);
2. what stands before the title or name: "Russia's Foreign Minister", "US Secretary of State", "Ukrainian President",
   "NATO Secretary-General", and the owner of an appositive ("Sergei Ryabkov, Russia's deputy foreign minister");
3. for a titled official with no country of their own: an unnamed official of the same sector named with a country
   just before ("a top Russian diplomat said … Deputy Foreign Minister Sergei Ryabkov said"), else the one state
   whose capital or seat of government speaks in the same sentence ("… Ryabkov said Moscow had no intention …"),
   else the only state the sentence names other than as a target ("Ousted President Askar Akayev has agreed to
   resign without returning to Kyrgyzstan"; not "President Bush threatened action against Russia").

Journalists: a name owned by a media organisation ("Al Jazeera's Hoda Abdel Hamid"), or followed by "reporting
from", is sector JRN with no country. People the text gives no country keep a null code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..syntax import POSSESSIVE
from .dictionary import ActorDictionary
from .find import DEMONYM, NAME, DictHit, Found, Hit, Title, phrase_head

#: How many sentences back an unnamed official may lend a titled person their country.
LEND_SENTENCES = 2
#: Titles whose holder does not take a country from the officials and capitals around them.
LOCAL_OR_ABROAD = ("governor", "mayor", "sheriff", "prefect", "ambassador", "envoy", "consul")
#: Words between an owner and a title that say what the person is doing, not who they are ("Jordan's visiting King").
PASSING_WORDS = frozenset({"visiting", "exiled", "ousted", "embattled", "deposed", "detained", "jailed"})
#: Titles that name the head of one particular state.
TITLE_STATES = {"pope": "VAT"}
#: Prepositions whose object is the target of an act, not where the actor comes from.
TARGET_PREPS = ("against", "with", "toward", "towards", "on", "at", "into")


@dataclass
class Person:
    """One person: every name they go by in the article and what the text says about them."""

    names: list[tuple[str, ...]] = field(default_factory=list)
    texts: dict[tuple[str, ...], str] = field(default_factory=dict)  # each name as the text writes it
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    from_dictionary: bool = False
    layer_code: tuple[str | None, str | None] | None = None  # what the Phoenix layer says, if the text says less
    titled: bool = False
    employer: str | None = None  # an organisation the dictionary does not know, named before the title ("FIFA")
    first: int = 1 << 30  # first token

    @property
    def full(self) -> tuple[str, ...]:
        return max(self.names, key=lambda n: (len(n), sum(map(len, n))))

    @property
    def name(self) -> str:
        return self.texts.get(self.full) or " ".join(self.full)


@dataclass
class _Candidate:
    start: int
    end: int
    title: Title | None = None
    entry_code: tuple[str | None, str | None] | None = None
    layer: bool = False  # entry_code comes from the built-in Phoenix layer
    role: str | None = None


class PeopleResolver:
    """Resolves the people of one document (see the module docstring)."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, found: Found, published: str | None) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.found = found
        self.published = published
        self.names_taken = {i for h in found.names for i in range(h.start, h.end)}
        self.name_ending_at = {h.end: h for h in found.names}
        self.people: list[Person] = []
        self.hits: list[Hit] = []
        self.consumed: list[DictHit] = []  # dictionary names used as a person's nationality or employer

    # ------------------------------------------------------------------------------------------- candidates

    def resolve(self) -> list[Hit]:
        """Person hits (keyed ``("P", full name)``), in text order."""
        candidates = self._candidates()
        by_span: list[tuple[_Candidate, Person]] = []
        for cand in sorted(candidates, key=lambda c: c.start):
            words = self._words(cand.start, cand.end)
            person = self._person_for(words)
            person.texts.setdefault(words, self.doc[cand.start : cand.end].text)
            by_span.append((cand, person))
        self._scan_surnames(by_span)
        for cand, person in sorted(by_span, key=lambda cp: cp[0].start):
            person.first = min(person.first, cand.start)
            entry = self.dictionary.person_named(self.doc[cand.start : cand.end].text)
            if entry is not None and cand.entry_code is None:  # "President Barack Obama": a title and a known name
                cand.entry_code, cand.layer = entry.coded_on(self.published), entry.layer
            self._code(cand, person)
            key = ("P", str(self._index(person)))
            self.hits.append(Hit(cand.start, cand.end, key, person.sector, role=cand.role))
        filled = [person for person in self.people if _fill_from_layer(person)]
        for hit in self.hits:
            owner = self.person_of(hit)
            if hit.sector is None and owner is not None and any(p is owner for p in filled):
                hit.sector = owner.sector
        return self.hits

    def _index(self, person: Person) -> int:
        return next(n for n, p in enumerate(self.people) if p is person)

    def _candidates(self) -> list[_Candidate]:
        cands: list[_Candidate] = []
        used: set[int] = set()
        for title in self.found.titles:
            if title.name_end is not None:
                role = self.doc[title.start : title.end].text
                cands.append(_Candidate(title.end, title.name_end, title, role=role))
                used.update(range(title.end, title.name_end))
        for hit in self.found.names:
            entry = self.dictionary.entries[hit.entry] if hit.entry is not None else None
            if entry is not None and entry.kind == "person" and not used.intersection(range(hit.start, hit.end)):
                code = entry.coded_on(self.published)
                cands.append(_Candidate(hit.start, hit.end, entry_code=code, layer=entry.layer))
                used.update(range(hit.start, hit.end))
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or used.intersection(range(ent.start, ent.end)):
                continue
            start, end = ent.start, ent.end
            while end > start and (self.doc[end - 1].text in POSSESSIVE or not self.doc[end - 1].is_alpha):
                end -= 1
            while start < end and (self.doc[start].lower_ in self.dictionary.titles or not self.doc[start].is_title):
                start += 1  # "The Kim Jong Un", "President Obama" as one entity
            if start < end and not self.names_taken.intersection(range(start, end)):
                if self.doc[start].text[:1].isupper():
                    cands.append(_Candidate(start, end))
                    used.update(range(start, end))
        return cands

    def _words(self, start: int, end: int) -> tuple[str, ...]:
        return tuple(t.text for t in self.doc[start:end])

    def _person_for(self, words: tuple[str, ...]) -> Person:
        """The person a name belongs to: one name ends the other ("Sergey Lavrov" / "Lavrov")."""
        for person in self.people:
            # two full names merge only when one ends the other ("Bill Clinton" is not "Hillary Clinton", though
            # a bare "Clinton" is the first Clinton named)
            knowns = [person.full] if len(words) > 1 and len(person.full) > 1 else person.names
            for known in knowns:
                if known == words or _ends(known, words) or _ends(words, known):
                    if words not in person.names:
                        person.names.append(words)
                    return person
        person = Person(names=[words])
        self.people.append(person)
        return person

    def _scan_surnames(self, by_span: list[tuple[_Candidate, Person]]) -> None:
        """Later bare surnames ("Lavrov", tagged ORG; a sentence-initial name tagged as a noun) are people too."""
        suffixes: dict[tuple[str, ...], Person] = {}
        for person in self.people:
            for name in person.names:
                for k in range(1, len(name) + 1):
                    tail = name[-k:]
                    if len(tail) > 1 or len(tail[0]) > 2:
                        suffixes.setdefault(tail, person)
        if not suffixes:
            return
        firsts = {s[0] for s in suffixes}
        covered = {i for cand, _ in by_span for i in range(cand.start, cand.end)} | self.names_taken
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.text in firsts and i not in covered and tok.text[:1].isupper() and self._plain_word(tok):
                for k in (3, 2, 1):
                    words = self._words(i, i + k)
                    if len(words) == k and words in suffixes and not covered.intersection(range(i, i + k)):
                        by_span.append((_Candidate(i, i + k), suffixes[words]))
                        covered.update(range(i, i + k))
                        i += k - 1
                        break
            i += 1

    def _plain_word(self, tok: Token) -> bool:
        low = tok.lower_
        return low not in self.dictionary.titles and low not in self.dictionary.nouns

    # ------------------------------------------------------------------------------------------------ coding

    def _code(self, cand: _Candidate, person: Person) -> None:
        """Fill in what this mention says about the person (the first statement of each fact wins)."""
        if cand.entry_code is not None and cand.layer:
            person.layer_code = person.layer_code or cand.entry_code
        elif cand.entry_code is not None and not person.from_dictionary:
            person.code, person.sector = cand.entry_code
            person.from_dictionary = True
        if cand.title is not None:
            person.titled = True
            if person.role is None:
                person.role = cand.role
            if person.sector is None:
                person.sector = cand.title.sector
            state = TITLE_STATES.get(self.doc[cand.title.end - 1].lower_)
            if state is not None and person.code is None and not person.from_dictionary:
                person.code = state  # "Pope Francis" heads the Holy See
            owner = self._owner_before(cand.title.start)
            if owner[0] is None and person.employer is None:
                person.employer = self._organisation_before(cand.title.start)
        else:
            owner = self._owner_before(cand.start)
        appos = self._appositive(cand)
        for hit, sector in (owner, appos, self._of_after(cand)):
            if hit is not None:
                self._take(person, hit, sector)
        if self._reporting(cand):
            person.sector = "JRN"
            if not person.from_dictionary:
                person.code = None

    def _take(self, person: Person, hit: DictHit, sector: str | None) -> None:
        """Code the person from a state or organisation named as their nationality or employer."""
        self.consumed.append(hit)
        if person.from_dictionary:
            return
        entry = self.dictionary.entries[hit.entry] if hit.entry is not None else None
        if entry is not None and entry.sector == "MED":
            person.sector, person.code = "JRN", None
            return
        if person.code is None and person.sector != "JRN":
            person.code = hit.code if hit.code is not None else (entry.coded_on(self.published)[0] if entry else None)
            if entry is not None and entry.sector == "IGO":
                person.sector = "IGO"  # "NATO Secretary-General Jens Stoltenberg" speaks for the organisation
            elif person.sector is None:
                person.sector = sector

    def _owner_before(self, pos: int) -> tuple[DictHit | None, str | None]:
        """A dictionary name just before ``pos``: "Russian …", "Russia's …", "NATO …", "Al Jazeera's …",
        "Jordan's visiting King"."""
        if pos > 0 and self.doc[pos - 1].lower_ in PASSING_WORDS:
            pos -= 1
        if pos > 0 and self.doc[pos - 1].text in POSSESSIVE:
            pos -= 1
        hit = self.name_ending_at.get(pos)
        if hit is None or hit.how not in (NAME, DEMONYM):  # a capital owns places, not people ("Georgetown's")
            return None, None
        entry = self.dictionary.entries[hit.entry] if hit.entry is not None else None
        if entry is not None and entry.sector == "IGO" and hit.start > 0:
            state, _ = self._owner_before(hit.start)  # "Ukraine's U.N. Ambassador": Ukraine's envoy to the UN
            if state is not None and state.code is not None:
                return state, None
        return hit, None

    def _organisation_before(self, pos: int) -> str | None:
        """An organisation entity the dictionary does not know, right before a title: "FIFA President X"."""
        if pos > 0 and self.doc[pos - 1].text in POSSESSIVE:
            pos -= 1
        for ent in self.doc.ents:
            if ent.end == pos and ent.label_ == "ORG" and not self.names_taken.intersection(range(ent.start, ent.end)):
                return ent.text
        return None

    def _of_after(self, cand: _Candidate) -> tuple[DictHit | None, str | None]:
        """ "King Abdullah of Jordan", "Queen Ilse of Denmark": a titled person of a state named after them."""
        if cand.title is None or cand.end + 1 >= len(self.doc) or self.doc[cand.end].lower_ != "of":
            return None, None
        hit = next((h for h in self.found.names if h.start == cand.end + 1 and h.how == NAME), None)
        if hit is None or hit.code is None:
            return None, None
        return hit, None

    def _appositive(self, cand: _Candidate) -> tuple[DictHit | None, str | None]:
        """ "Sergei Ryabkov, Russia's deputy foreign minister" or "Russia's top diplomat, Sergey Lavrov"."""
        head = phrase_head(self.doc, cand.start, cand.end)
        others = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for other in others:
            lo, hi = other.left_edge.i, other.i + 1
            for title in self.found.titles:
                if lo <= title.start and title.end <= hi and not title.has_name:
                    hit, _ = self._owner_before(title.start)
                    if hit is not None:
                        return hit, title.sector
            # "Nuredin Atta, an Eritrean smuggler", "Bob Smith, a Canadian businessman": a nationality
            for hit in self.found.names:
                if lo <= hit.start and hit.end <= other.i and hit.how == DEMONYM and hit.entry is None:
                    sector = self.dictionary.nouns.get(other.lower_) or self.dictionary.titles.get(other.lower_)
                    return hit, sector
        return None, None

    def _reporting(self, cand: _Candidate) -> bool:
        """ "Hoda Abdel Hamid, reporting from Kyiv": a correspondent."""
        head = phrase_head(self.doc, cand.start, cand.end)
        if any(c.dep_ in ("acl", "relcl") and c.lower_ == "reporting" for c in head.children):
            return True
        return cand.title is not None and cand.title.sector == "JRN"

    # ------------------------------------------------------------------------------------------ lending

    def lend_countries(self, collective: list[Hit]) -> None:
        """Give titled officials with no country one from context (rule 3 of the module docstring)."""
        sents = {tok.i: n for n, s in enumerate(self.doc.sents) for tok in s}
        for person in self.people:
            if person.code is not None or not person.titled or person.sector in (None, "JRN"):
                continue
            if any(word in (person.role or "").lower() for word in LOCAL_OR_ABROAD):
                continue  # governors and mayors serve no state; envoys serve the state that sends them
            at = sents.get(person.first, 0)
            unnamed = [
                h
                for h in collective
                if not h.weak and h.key[0] == "S" and h.sector == person.sector and h.start < person.first
                and at - sents.get(h.start, 0) <= LEND_SENTENCES and h.end - h.start > 1
            ]  # fmt: skip
            if unnamed:
                person.code = unnamed[-1].key[1]
                continue
            speaking = {
                h.key[1] for h in collective if h.key[0] == "S" and h.sector == "GOV" and sents.get(h.start) == at
            }
            if len(speaking) == 1:
                person.code = speaking.pop()
                continue
            named = {
                h.key[1]
                for h in collective
                if h.key[0] == "S" and not h.weak and sents.get(h.start) == at and not self._aimed_at(h)
            }  # (a weak hit is someone else's nationality: "Israeli President Katsav … Jordan's King Abdullah")
            if len(named) == 1:  # "Ousted President Askar Akayev … returning to Kyrgyzstan"
                person.code = named.pop()

    def _aimed_at(self, hit: Hit) -> bool:
        """Whether a state is named as the one something is done to ("threatened action against Russia", "visited
        Jordan"): a person's country is never the target of their own act."""
        head = phrase_head(self.doc, hit.start, hit.end)
        while head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("dobj", "dative", "iobj"):
            return True
        return head.dep_ == "pobj" and head.head.lower_ in TARGET_PREPS

    def person_of(self, hit: Hit) -> Person | None:
        """The person a ``("P", index)`` hit stands for."""
        if hit.key[0] != "P" or hit.key[1] is None:
            return None
        index = int(hit.key[1])
        return self.people[index] if index < len(self.people) else None


def _fill_from_layer(person: Person) -> bool:
    """What the Phoenix layer says of a person fills what the text leaves open: its country when the text names
    none (or the same one), its sector (by the publication date: GOV in office, ELI out of it) when the text gives
    no title. The text wins where they differ: "U.N. mediator Diego Cordovez" is the UN's, whatever Ecuador's
    government he served before."""
    if person.layer_code is None or person.from_dictionary or person.sector == "JRN":
        return False
    code, sector = person.layer_code
    if person.code is not None and person.code != code:
        return False
    person.code = code
    if person.sector is None:
        person.sector = sector
    return True


def _ends(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether ``short`` is the last words of ``long`` ("Sergey Lavrov" ends with "Lavrov")."""
    return len(short) < len(long) and long[-len(short) :] == short
