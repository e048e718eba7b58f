"""Who a pronoun or a definite title stands for, and which country an article is about.

A small rule-based resolver over the actors stage's own hits, run once per document in text order (a resolved
pronoun is a mention too, so a chain of "he"s follows one person across sentences):

* **he/she/him/his/her** → a person named shortly before, of the same gender when the text shows it (a title
  or role word: "Mr.", "Queen", "spokeswoman"; or a pronoun already resolved to that person);
* **it/its** → a state, an organisation or a group named by a singular noun ("the army");
* **they/them/their** → a group named by a plural noun ("police", "US officials", "protesters"), else an
  organisation or a state;
* a subject pronoun continues the last subject of the sentences before it ("Lavrov met Blinken. He said …" → Lavrov);
  an object pronoun is never the subject of its own verb ("Lavrov thanked him": not Lavrov);
* **the minister**, **the president** … → the last person named with that title (:func:`definite_titles`), else
  an unnamed official of the title's sector, placed by where it acts (:func:`unnamed_officials`);
  **the organization**, **the movement** → the last organisation named (:func:`definite_organisations`).

First-person pronouns inside a quote stand for the quote's speaker; that is read by the events stage, which has
the quotes (this stage runs before them).

:func:`article_country` says which state an article is about, when it is plainly about one: unnamed local
groups ("police", "protesters"), uncoded titled officials and the country's own bodies take it.

No coreference library qualified: fastcoref and spaCy's experimental coref need torch, crosslingual-coreference
needs AllenNLP (torch) and an old spaCy, and coreferee's English model is only downloaded from GitHub, not
installed from PyPI.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..syntax import NOMINAL_SUBJECT_DEPS
from .find import Hit, Title, phrase_head

#: How many sentences back a pronoun looks for its antecedent.
PRONOUN_SENTENCES = 3
#: How many sentences back "the minister" looks for the minister it names ("the organization" for its organisation).
TITLE_SENTENCES = 12
#: Nouns that, after "the", refer back to the last organisation named.
ORGANISATION_NOUNS = frozenset({"organization", "organisation", "movement", "group", "body", "federation"})
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
SINGULAR_PRONOUNS = frozenset("it its itself".split())
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
#: Words in a title or before a name that say a person's gender.
MALE_WORDS = frozenset(
    "mr mr. king prince sir sheikh emir sultan pope father brother son husband spokesman congressman chairman "
    "businessman councilman cardinal archbishop bishop imam ayatollah rabbi monk patriarch".split()
)
FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss queen princess lady dame madam sister mother daughter wife spokeswoman congresswoman "
    "chairwoman businesswoman councilwoman".split()
)
#: Adjectives of "it is … that/to …", whose "it" stands for the clause.
EXTRAPOSING = frozenset(
    "clear likely unlikely possible impossible important necessary true obvious certain unclear difficult hard "
    "easy time costly".split()
)
#: Forms of "be" (the pipeline has no lemmatizer).
BE_FORMS = frozenset({"is", "was", "be", "been", "being", "'s", "’s", "are", "were"})
#: Object relations under which a pronoun cannot be its verb's own subject ("Lavrov thanked him").
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
#: Share of an article's state mentions one state must have to be what the article is about, and how many times
#: more often than the next state it must be named.
COUNTRY_SHARE = 0.6
COUNTRY_LEAD = 1.8
COUNTRY_MIN = 3


@dataclass
class _Mention:
    """A hit or a resolved pronoun, as a candidate antecedent."""

    hit: int  # index into the hits
    start: int
    end: int
    subject: bool
    plural: bool


def _plural(doc: Doc, hit: Hit) -> bool:
    head = phrase_head(doc, hit.start, hit.end)
    if any(c.dep_ == "cc" for c in head.children) and any(c.dep_ == "conj" for c in head.children):
        return True  # "Clinton and Sanders"
    if hit.key[0] == "P":
        return False  # one person, though the tagger reads a name ending in -s as a plural ("Bernie Sanders")
    if hit.key[0] in ("S", "O") and (hit.sector is None or head.pos_ == "PROPN"):
        # "the United States", "the Philippines" are one state; "Ukrainians" are many people
        named = any(c.dep_ == "compound" for c in head.children) or doc[hit.start].lower_ == "the"
        return head.tag_ == "NNPS" and not named and hit.start > 0 and doc[hit.start - 1].lower_ != "the"
    return head.tag_ in ("NNS", "NNPS")


def pleonastic(tok: Token) -> bool:
    """An "it" that refers to nothing: "it is clear that", "made it clear", "it is costly for them"."""
    if tok.lower_ != "it":
        return False
    if tok.dep_ == "expl":
        return True
    head = tok.head
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if (
        tok.dep_ == "dobj"
        and nxt is not None
        and nxt.dep_ in ("oprd", "acomp", "ccomp", "xcomp")
        and nxt.pos_ != "NOUN"
    ):
        return True  # "made it clear", "make it so that"
    if tok.dep_ == "nsubj" and head.pos_ == "ADJ" and head.dep_ in ("ccomp", "oprd", "xcomp"):
        return True  # "made it clear that" (a small clause)
    if tok.dep_ in NOMINAL_SUBJECT_DEPS and head.lower_ in BE_FORMS:
        # "it is clear that …", "it is likely that …" (not "it is ready to talk": that "it" is a party)
        return any(c.dep_ == "acomp" and c.lower_ in EXTRAPOSING for c in head.children)
    return False


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    head = phrase_head(doc, start, end)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in NOMINAL_SUBJECT_DEPS


def person_gender(doc: Doc, hit: Hit, role: str | None) -> str | None:
    """ "m", "f" or None, from the words before a person's name and their role."""
    words = {w.lower() for w in (role or "").split()}
    if hit.start > 0:
        words.add(doc[hit.start - 1].lower_)
    if words & MALE_WORDS:
        return "m"
    if words & FEMALE_WORDS:
        return "f"
    return None


class PronounResolver:
    """Links every third-person pronoun of a document to a hit (see the module docstring)."""

    def __init__(self, doc: Doc, hits: list[Hit], genders: dict[str, str]) -> None:
        self.doc = doc
        self.hits = hits
        self.genders = dict(genders)  # person key → "m" / "f"
        self.sent_of = [0] * len(doc)
        self.sent_starts: list[int] = []
        for n, sent in enumerate(doc.sents):
            self.sent_starts.append(sent.start)
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.covered = {i for h in hits if not h.weak for i in range(h.start, h.end)}
        self.mentions = [
            _Mention(k, h.start, h.end, _is_subject(doc, h.start, h.end), _plural(doc, h))
            for k, h in enumerate(hits)
            if not h.weak
        ]

    def resolve(self) -> dict[int, int]:
        """Token index of each pronoun → index of the hit it stands for."""
        links: dict[int, int] = {}
        covered = self.covered
        for tok in self.doc:
            low = tok.lower_
            if tok.i in covered or low not in MALE_PRONOUNS | FEMALE_PRONOUNS | SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
                continue
            if tok.pos_ not in ("PRON", "DET") or pleonastic(tok):
                continue
            chosen = self._antecedent(tok)
            if chosen is None:
                continue
            links[tok.i] = chosen.hit
            hit = self.hits[chosen.hit]
            if hit.key[0] == "P" and low in MALE_PRONOUNS | FEMALE_PRONOUNS:
                self.genders.setdefault(str(hit.key), "m" if low in MALE_PRONOUNS else "f")
            subject = tok.dep_ in NOMINAL_SUBJECT_DEPS
            self.mentions.append(_Mention(chosen.hit, tok.i, tok.i + 1, subject, chosen.plural))
        return links

    def _fits(self, tok: Token, m: _Mention) -> bool:
        hit = self.hits[m.hit]
        low = tok.lower_
        person = hit.key[0] == "P"
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            want = "m" if low in MALE_PRONOUNS else "f"
            return person and not m.plural and self.genders.get(str(hit.key), want) == want
        if person:
            return low in PLURAL_PRONOUNS and m.plural
        if low in SINGULAR_PRONOUNS:
            # "the United States and its allies": the coordination holding the pronoun makes no plural of its owner
            return not m.plural or phrase_head(self.doc, m.start, m.end).is_ancestor(tok)
        return m.plural or hit.key[0] in ("O", "U", "S")

    def _bound(self, tok: Token, m: _Mention) -> bool:
        """An object pronoun is not the subject of its own verb ("Lavrov thanked him")."""
        if tok.dep_ not in OBJECT_DEPS and not (tok.dep_ == "poss" and tok.head.dep_ in OBJECT_DEPS):
            return False
        verb = tok.head
        while verb.dep_ in ("prep", "dobj", "pobj", "poss") and verb.head.i != verb.i:
            verb = verb.head
        head = phrase_head(self.doc, m.start, m.end)
        return head.dep_ in NOMINAL_SUBJECT_DEPS and head.head.i == verb.i and tok.dep_ != "poss"

    def _antecedent(self, tok: Token) -> _Mention | None:
        here = self.sent_of[tok.i]
        earliest = self.sent_starts[max(0, here - PRONOUN_SENTENCES)]
        cands = [m for m in self.mentions if earliest <= m.start and m.end <= tok.i and self._fits(tok, m)]
        bound = {self.hits[m.hit].key for m in cands if self._bound(tok, m)}
        cands = [m for m in cands if self.hits[m.hit].key not in bound]
        if not cands:
            return None
        chosen = max(cands, key=lambda m: m.start)
        sent_start = self.sent_starts[here]
        if tok.dep_ in NOMINAL_SUBJECT_DEPS and chosen.start < sent_start:
            # a subject pronoun opening a new sentence continues the discourse subject: the last one of its kind
            subjects = [m for m in cands if m.subject]
            if subjects:
                chosen = max(subjects, key=lambda m: m.start)
        elif tok.dep_ in NOMINAL_SUBJECT_DEPS and tok.head.dep_ in ("ccomp", "conj") and tok.head.head.i != tok.i:
            # "Lavrov told Blinken he …": the subject of the clause it depends on, if it fits; through joined
            # clauses ("X said that the vote should go ahead and that it supports Y": X)
            clause = tok.head
            for _ in range(3):
                governor = clause.head
                subjects = [
                    m for m in cands if m.subject and phrase_head(self.doc, m.start, m.end).head.i == governor.i
                ]
                if subjects:
                    return max(subjects, key=lambda m: m.start)
                if governor.dep_ not in ("ccomp", "conj") or governor.head.i == governor.i:
                    break
                clause = governor
        return chosen


def definite_titles(doc: Doc, titles: list[Title], hits: list[Hit], roles: dict[str, str | None]) -> list[Hit]:
    """ "the minister", "the president": the last person named with that title, within a few sentences, as a
    mention of that person (``roles``: each person key's role)."""
    taken = {i for h in hits if not h.weak for i in range(h.start, h.end)}
    sents = {tok.i: n for n, s in enumerate(doc.sents) for tok in s}
    people = [h for h in hits if h.key[0] == "P" and not h.weak]
    out: list[Hit] = []
    for title in titles:
        if title.has_name or taken.intersection(range(title.start, title.end)) or title.start == 0:
            continue
        last = doc[title.end - 1]
        if doc[title.start - 1].lower_ != "the" or last.tag_ not in ("NN", "NNP"):
            continue
        if last.dep_ in ("compound", "amod"):
            continue  # "the president post": the title only says what kind of thing the head is
        word = last.lower_
        at = sents.get(title.start, 0)
        fitting = [
            h
            for h in people
            if h.end <= title.start
            and at - sents.get(h.start, 0) <= TITLE_SENTENCES
            and word in (roles.get(str(h.key)) or "").lower().split()
        ]
        if fitting:
            chosen = fitting[-1]
            out.append(Hit(title.start - 1, title.end, chosen.key, chosen.sector, role=chosen.role))
    return out


def unnamed_officials(doc: Doc, titles: list[Title], hits: list[Hit]) -> list[Hit]:
    """ "the prime minister", "an interior ministry official" with no one named before them: an unnamed official of
    the title's sector, which the events stage places by where they act, as it does "police" (plural titles,
    "officials", are groups already)."""
    taken = {i for h in hits for i in range(h.start, h.end)}
    out: list[Hit] = []
    for title in titles:
        if title.has_name or title.start == 0 or taken.intersection(range(title.start - 1, title.end)):
            continue
        last = doc[title.end - 1]
        if doc[title.start - 1].lower_ not in ("the", "a", "an") or last.tag_ != "NN":
            continue
        if last.dep_ in ("compound", "amod", "nmod") or any(c.dep_ in ("poss", "prep") for c in last.children):
            continue  # "the president post"; "the minister of X", "its president": owned, read elsewhere
        phrase = doc[title.start : title.end].text.lower()
        out.append(Hit(title.start - 1, title.end, ("G", title.sector, phrase), title.sector))
    return out


def definite_organisations(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """ "the organization", "the movement", "the group": the last organisation named, within a few sentences, as a
    mention of it (the dictionary's own anaphors, "the alliance" for NATO, are read before this)."""
    taken = {i for h in hits for i in range(h.start, h.end)}
    sents = {tok.i: n for n, s in enumerate(doc.sents) for tok in s}
    orgs = [h for h in hits if h.key[0] in ("O", "U") and not h.weak]
    out: list[Hit] = []
    for tok in doc:
        if tok.lower_ not in ORGANISATION_NOUNS or tok.i in taken or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.dep_ in ("compound", "amod") or tok.tag_ != "NN":
            continue
        at = sents.get(tok.i, 0)
        before = [h for h in orgs if h.end <= tok.i - 1 and at - sents.get(h.start, 0) <= TITLE_SENTENCES]
        if before:
            chosen = before[-1]
            out.append(Hit(tok.i - 1, tok.i + 1, chosen.key, chosen.sector, role=chosen.role))
    return out


def country_counts(hits: list[Hit]) -> Counter[str]:
    """How often each state is named (as itself, a part of it, its capital or a person's nationality)."""
    counts: Counter[str] = Counter()
    for hit in hits:
        if hit.key[0] == "S" and hit.key[1]:
            counts[str(hit.key[1])] += 1
    return counts


def dominant(counts: Counter[str]) -> str | None:
    """The state an article is plainly about: named most, in most of the mentions, well ahead of the next."""
    top = counts.most_common(2)
    if not top:
        return None
    code, n = top[0]
    total = sum(counts.values())
    second = top[1][1] if len(top) > 1 else 0
    if n >= COUNTRY_MIN and n >= COUNTRY_SHARE * total and n >= COUNTRY_LEAD * second:
        return code
    return None


__all__ = [
    "PronounResolver",
    "pleonastic",
    "country_counts",
    "definite_organisations",
    "definite_titles",
    "dominant",
    "unnamed_officials",
    "person_gender",
]
