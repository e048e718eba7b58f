"""Finding actor mentions in a parsed ``Doc``: dictionary names, titles, people, nominals and anaphors.

The :class:`Finder` is built once per pipeline (its phrase matchers hold the whole dictionary) and produces, for
each document, a list of :class:`Hit` s: stretches of tokens that stand for an actor, keyed by who the actor is.
How people are told apart and coded is in :mod:`.people`; this module finds everything else and the
raw person names.

Rules that keep the small model's mistakes out (it tags Lavrov as ORG, Kyiv as PERSON, sentence-initial names as
common nouns):

* a dictionary name counts unless it sits inside a longer proper name ("Washington Post", "Latin America",
  "George Washington"); demonyms count anywhere ("Russian President");
* a name after a title counts as a person whatever the model's label ("Foreign Minister Sergey Lavrov");
* entity labels are hints: a PERSON entity that is a dictionary name is that name (Kyiv), a later bare surname
  is the person named earlier (Lavrov as ORG).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...resources import fingerprint
from ..tokens import CachedTokens
from .dictionary import ActorDictionary, Entry, FoldedNames

#: Kinds of dictionary name hit.
NAME, DEMONYM, CAPITAL, SEAT = "name", "demonym", "capital", "seat"
#: Dependency labels under which a capital stands for its government ("Moscow said", "Washington's demands").
METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj"})
#: Entity labels a name after a title may carry (others are dates, numbers and the like).
NAMEABLE_ENTS = frozenset({"", "PERSON", "ORG", "GPE", "NORP"})
#: Modifier dependencies through which a nominal takes its actor ("Russian troops", "Russia's military").
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
#: Hyphenated links after a state that do not make it the actor ("Russia-backed rebels", "pro-Russian").
NOT_OWNER_LINKS = frozenset({"backed", "allied", "supported", "funded", "sponsored", "aligned", "leaning", "friendly"})
MAX_NAME_TOKENS = 4


@dataclass
class Hit:
    """A stretch of tokens ``[start, end)`` standing for one actor.

    ``key`` says who: ``("S", code, sector)`` a state or part of it, ``("O", index)`` a dictionary organisation,
    ``("P", name)`` a person (set by the people resolver), ``("G", sector, noun)`` an unnamed group,
    ``("U", name)`` or ``("U", name, code)`` an organisation the dictionary does not know (with the state its name
    or description names). ``weak`` hits resolve a token to an actor but
    are not listed as mentions (a capital used as a place, a country named as a person's nationality).
    """

    start: int
    end: int
    key: tuple[str | None, ...]
    sector: str | None = None
    weak: bool = False
    role: str | None = None


@dataclass
class DictHit:
    """A dictionary match before it is accepted: which entry, how it matched."""

    start: int
    end: int
    how: str
    code: str | None = None  # states
    entry: int | None = None  # organisations and people: index into dictionary.entries


@dataclass
class Title:
    """A title ("Deputy Foreign Minister") and the name after it, if any."""

    start: int
    end: int
    sector: str
    name_end: int | None = None  # the name runs [end, name_end)

    @property
    def has_name(self) -> bool:
        return self.name_end is not None


@dataclass
class Found:
    """What the finder read from one document, before people are resolved."""

    names: list[DictHit] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    nouns: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, sector)
    anaphors: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, phrase)
    org_anaphors: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, entry index)


class Finder:
    """Phrase matchers over the actor dictionary, built once per pipeline."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary, cache_dir: str | None = None) -> None:
        self.dictionary = dictionary
        self.strings = nlp.vocab.strings
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = CachedTokens(nlp, "actor-tokens", cache_dir)  # phrases tokenized once, then read from the cache
        self.lower_ids = _lower_ids(nlp, self.tokens)
        self.folded_names = FoldedNames.cached(
            dictionary, self.lower_ids, nlp.vocab.strings["-"], self._tokenizer_id(), cache_dir=cache_dir
        )
        self._add_states(nlp)
        self._add_entries(nlp)
        self._add_cues(nlp)
        self.tokens.save()

    def _tokenizer_id(self) -> str:
        """What :attr:`lower_ids` follows from: the tokenizer (model and spaCy version) and this module's code."""
        return fingerprint(self.tokens.key, Path(__file__).read_bytes())

    def _add(self, matcher: PhraseMatcher, nlp: Language, label: str, phrases: list[str]) -> None:
        texts = sorted({p.lower() if matcher is self.folded else p for p in phrases if p.strip()})
        if texts and matcher is self.folded:
            ids: list[Any] = [self.lower_ids(t) for t in texts]  # what a Doc's LOWER column would hold
            matcher.add(label, ids)
        elif texts:
            orths: list[Any] = [self.tokens.orth_ids(t) for t in texts]  # what nlp.make_doc(t)'s ORTH holds
            matcher.add(label, orths)

    def _add_states(self, nlp: Language) -> None:
        for code, state in self.dictionary.states.items():
            # "the States" and other names that begin with "the" match with and without it
            names = [state.name, *state.names]
            self._add(self.exact, nlp, f"S|{code}|{NAME}", names + [n[4:] for n in names if n.startswith("the ")])
            self._add(self.exact, nlp, f"S|{code}|{DEMONYM}", state.demonyms)
            self._add(self.exact, nlp, f"S|{code}|{CAPITAL}", state.capitals)
            seats = state.seats + [f"the {s}" for s in state.seats]
            self._add(self.exact, nlp, f"S|{code}|{SEAT}", seats + [s[0].upper() + s[1:] for s in seats])

    def _add_entries(self, nlp: Language) -> None:
        for index, entry in enumerate(self.dictionary.entries):
            names = [entry.name, *entry.names]
            if not entry.fold_case:  # names matched in any case are in self.folded_names
                variants = names + [n[4:] for n in names if n.lower().startswith("the ")]
                self._add(self.exact, nlp, f"E|{index}", variants)
            if entry.anaphors:
                self._add(self.folded, nlp, f"R|{index}", entry.anaphors)

    def _add_cues(self, nlp: Language) -> None:
        by_sector: dict[tuple[str, str], list[str]] = {}
        for phrase, sector in self.dictionary.titles.items():
            by_sector.setdefault(("T", sector), []).append(phrase)
        for phrase, sector in self.dictionary.nouns.items():
            if phrase not in self.dictionary.titles:
                by_sector.setdefault(("N", sector), []).append(phrase)
        for phrase, sector in self.dictionary.agents.items():  # role words of the PETRARCH agents layer
            if phrase not in self.dictionary.titles and phrase not in self.dictionary.nouns:
                by_sector.setdefault(("K", sector), []).append(phrase)
        for (what, sector), phrases in by_sector.items():
            self._add(self.folded, nlp, f"{what}|{sector}", phrases)
        self._add(self.folded, nlp, "A|", list(self.dictionary.anaphors))

    # ------------------------------------------------------------------------------------------------- finding

    def find(self, doc: Doc) -> Found:
        """Every dictionary name, title, group noun and anaphor in ``doc`` (names filtered, overlaps resolved)."""
        found = Found()
        raw_names: list[DictHit] = []
        cue_spans: list[tuple[Span, str]] = []
        agent_spans: list[tuple[Span, str]] = []
        for match_id, start, end in self.exact(doc):
            raw_names.append(self._dict_hit(self.strings[match_id], start, end))
        for start, end, index in self.folded_names.find([t.lower for t in doc]):
            if _written_as_name(doc, start, end):
                raw_names.append(DictHit(start, end, NAME, entry=index))
        for match_id, start, end in self.folded(doc):
            label = self.strings[match_id]
            what, _, rest = label.partition("|")
            if what == "R":
                found.org_anaphors.append((start, end, int(rest)))
            elif what == "K":
                if _common_noun(doc, start, end):
                    agent_spans.append((Span(doc, start, end, label=f"N|{rest}"), label))
            else:
                cue_spans.append((Span(doc, start, end, label=label), label))
        in_cues = {i for span, _ in cue_spans for i in range(span.start, span.end)}
        cue_spans += [(s, label) for s, label in agent_spans if not in_cues.intersection(range(s.start, s.end))]
        in_names = _covered(raw_names) | {i for span, _ in cue_spans for i in range(span.start, span.end)}
        names = [h for h in raw_names if self._acceptable(doc, h, in_names)]
        found.names = _longest(names)
        people = self.dictionary.entries
        taken = _covered([h for h in found.names if h.entry is None or people[h.entry].kind != "person"])
        cues = [s for s, _ in cue_spans if not any(i in taken for i in range(s.start, s.end))]
        for span in filter_spans(cues):
            what, _, sector = span.label_.partition("|")
            if what == "T":
                found.titles.append(self._title(doc, span.start, span.end, sector, taken))
            elif what == "N":
                found.nouns.append((span.start, span.end, sector))
            else:
                found.anaphors.append((span.start, span.end, span.text.lower()))
        return found

    def _dict_hit(self, label: str, start: int, end: int) -> DictHit:
        what, first, *rest = label.split("|")
        if what == "S":
            return DictHit(start, end, rest[0], code=first)
        return DictHit(start, end, NAME, entry=int(first))

    def _acceptable(self, doc: Doc, hit: DictHit, in_names: set[int]) -> bool:
        """Whether a dictionary name is meant here, not part of a longer proper name."""
        span = doc[hit.start : hit.end]
        before = doc[hit.start - 1] if hit.start > 0 else None
        if before is not None and before.lower_ in REGION_WORDS and before.text[:1].isupper():
            return False  # "South American leaders", "Latin America" even at a sentence's start: a region
        if hit.how == DEMONYM:  # "Russian President" is fine; "Latin American", "Central American" are not
            return before is None or before.is_sent_start or not self._name_like(before, in_names)
        for ent in doc.ents:  # "George Washington", "Jordan Henderson": inside a longer name of someone
            if ent.start <= hit.start and hit.end <= ent.end and (ent.end - ent.start) > len(span):
                if ent.label_ in ("PERSON", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", "LAW"):
                    return False
        after = doc[hit.end] if hit.end < len(doc) else None
        if before is not None and self._name_like(before, in_names) and not before.is_sent_start:
            return False
        return not (after is not None and self._name_like(after, in_names))

    def _name_like(self, tok: Token, in_names: set[int]) -> bool:
        """A capitalised proper-noun word that would make a longer name with its neighbour ("Latin America")."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha or tok.i in in_names:
            return False
        return tok.lower_ not in self.dictionary.titles and tok.lower_ not in self.dictionary.nouns

    def _title(self, doc: Doc, start: int, end: int, sector: str, taken: set[int]) -> Title:
        """A title, widened by the modifiers before it ("Deputy"), and the name after it, if one follows."""
        while start > 0 and doc[start - 1].lower_ in self.dictionary.title_modifiers:
            start -= 1
        title = Title(start, end, sector)
        if any(e.label_ not in ("PERSON", "") and e.start <= end - 1 < e.end and e.end > end for e in doc.ents):
            return title  # "General Motors", "Major League": the title word is part of another name
        stop = end
        while stop < len(doc) and stop - end < MAX_NAME_TOKENS + 2:
            tok = doc[stop]
            if self._name_token(tok, taken):
                stop += 1
            elif stop > end and _joins_name(doc, stop):
                stop += 1  # "Bashar al-Assad", "Park Geun-hye": particles and hyphens inside a name
            else:
                break
        while stop > end and (doc[stop - 1].text == "-" or doc[stop - 1].lower_ in NAME_PARTICLES):
            stop -= 1
        if stop > end:
            title.name_end = stop
        return title

    def _name_token(self, tok: Token, taken: set[int]) -> bool:
        if tok.i in taken or tok.ent_type_ not in NAMEABLE_ENTS or tok.lower_ in ("'s", "’s"):
            return False
        if tok.pos_ not in ("PROPN", "NOUN", "X", "ADJ") or not tok.text[:1].isupper():
            return False
        return tok.lower_ not in self.dictionary.titles and tok.lower_ not in self.dictionary.nouns


def _lower_ids(nlp: Language, tokens: CachedTokens) -> Callable[[str], list[int]]:
    """The ``LOWER`` ids of a lower-case phrase's tokens as the pipeline's tokenizer splits it. Plain words (ASCII
    letters, no tokenizer special case) are one token each and are looked up without tokenizing, which keeps
    building the Phoenix layer's tens of thousands of names quick and the vocabulary from growing."""
    strings = nlp.vocab.strings
    special = {str(rule).lower() for rule in getattr(nlp.tokenizer, "rules", None) or ()}

    def ids(text: str) -> list[int]:
        words = text.split()
        if all(w.isascii() and w.isalpha() and w not in special for w in words):
            return [strings[w] for w in words]
        return tokens.lower_ids(text)

    return ids


#: Capitalised words that make a region of a state's name or demonym after them ("South American", "Central
#: Asia"); a state whose name holds one ("South Africa", "North Korea") is matched whole, so never follows it.
REGION_WORDS = frozenset({"south", "north", "east", "west", "central", "latin", "southern", "northern"})
#: Lower-case words that may sit inside a person's name.
NAME_PARTICLES = frozenset("al el bin ibn bint abu de da das do dos du van von der den la le di del y".split())


def _joins_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a name: a particle before a capitalised word, or a hyphen inside a word."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if tok.text == "-":
        return not doc[i - 1].whitespace_ and not tok.whitespace_ and nxt.is_alpha
    if tok.lower_ in NAME_PARTICLES and tok.text.islower():
        return nxt.text[:1].isupper() or (nxt.text == "-" and not tok.whitespace_)
    return tok.is_alpha and doc[i - 1].text == "-" and not doc[i - 1].whitespace_


def _written_as_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a PETRARCH name (matched in any case) is written as a name: its first token and its last word
    capitalised ("Moro Islamic Liberation Front", "Osama bin Laden"; not "Human rights organization")."""
    words = [t for t in doc[start:end] if t.is_alpha]
    return doc[start].text[:1].isupper() and (not words or words[-1].text[:1].isupper())


def _common_noun(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` are written as a common noun: in lower case ("police officers"), or
    capitalised only as the first word of a sentence outside any entity. A role word of the agents layer that
    is capitalised is part of a name ("Christian Lindner", "Cardinal Health") or a title eventlens reads itself."""
    for tok in doc[start:end]:
        if tok.is_alpha and not tok.is_lower and not (tok.i == start and tok.is_sent_start and not tok.ent_type_):
            return False
    return True


def _longest(hits: list[DictHit]) -> list[DictHit]:
    """Non-overlapping hits, longer first, then earlier."""
    chosen: list[DictHit] = []
    used: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(i in used for i in range(hit.start, hit.end)):
            chosen.append(hit)
            used.update(range(hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)


def _covered(hits: list[DictHit]) -> set[int]:
    return {i for h in hits for i in range(h.start, h.end)}


def entry_of(dictionary: ActorDictionary, hit: DictHit) -> Entry | None:
    return dictionary.entries[hit.entry] if hit.entry is not None else None


def phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of tokens ``[start, end)`` (the token whose head lies outside them)."""
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def owner_blocked(doc: Doc, hit_end: int) -> bool:
    """'Russia-backed', 'US-allied': the state is a backer, not the actor of the phrase."""
    return hit_end + 1 < len(doc) and doc[hit_end].text == "-" and doc[hit_end + 1].lower_ in NOT_OWNER_LINKS


def pro_prefixed(doc: Doc, hit_start: int) -> bool:
    """'pro-Russian separatists': a state's supporters, not the state."""
    return hit_start >= 2 and doc[hit_start - 1].text == "-" and doc[hit_start - 2].lower_ in ("pro", "anti")
