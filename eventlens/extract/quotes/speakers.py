"""Who is speaking: the subjects of cue verbs, and the actor a subject names.

Speakers are resolved through the actors stage's public ``actor_ref_for_token`` (named mentions, nominals like
"a top Russian diplomat" → RUS/GOV, pronouns → the last compatible person). When that stage has nothing for a
token, a pronoun falls back to the last person who spoke before it, and any other subject to the words that name it
(its entity or noun phrase, without a code), so a quote never loses the words its speaker was given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...record import ActorRef
from ..actors import actor_ref_for_token
from .cues import cue_data

#: Dependency labels that make a token the one doing the speaking.
SPEAKER_DEPS = ("nsubj",)
#: Entity labels that name a speaker.
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: How many sentences back a speaking pronoun looks for its antecedent.
ANTECEDENT_SENTENCES = 3
#: How far back (characters) the last speaker still counts as the one talking on.
RECENT_CHARS = 600


def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, inherited through coordination ("X accused ... and suggested ...")
    and relative clauses ("Ryabkov, who said ...")."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in SPEAKER_DEPS]
        if subjects:
            # the parse sometimes gives two subjects ("On a visit to Kyiv, Blinken accused"): the nearest one speaks
            at = tok.i
            child = min(subjects, key=lambda c: (c.i > at, abs(at - c.i)))
            if child.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head  # "the minister, who said": the minister speaks
            return child
        if tok.dep_ not in ("conj", "xcomp", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


class SpeakerResolver:
    """Resolves subject tokens to speakers for one document, remembering who spoke where."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.for_token: Callable[[Doc, Token], ActorRef | None] = actor_ref_for_token
        self.spoken: list[tuple[int, ActorRef]] = []  # (character offset, speaker) of every attributed quote
        self.spoken_plural: list[tuple[int, ActorRef]] = []  # the same for speakers named by a plural noun
        self.inside: list[bool] = [False] * len(doc)  # tokens inside quotation marks (set by the quotes component)
        self.person_words = {e[-1].text for e in doc.ents if e.label_ == "PERSON"}
        self.person_tokens: set[int] = set()  # tokens inside mentions of actors the actors layer calls persons
        for actor in doc._.actors or []:
            if getattr(actor, "kind", None) != "person":
                continue
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                self.person_tokens.update(range(span.start, span.end) if span is not None else ())
        self._sents: list[Span] | None = None

    def note(self, at: int, ref: ActorRef | None, subject: Token | None = None) -> None:
        """Remember that ``ref`` spoke at character ``at`` (for pronouns and continuations after it)."""
        if ref is not None and (ref.name or ref.code):
            self.spoken.append((at, ref))
            if subject is not None and subject.tag_ in ("NNS", "NNPS"):
                self.spoken_plural.append((at, ref))

    def last_before(self, at: int, plural: bool = False) -> ActorRef | None:
        """The last speaker noted before character ``at`` (a plural one: "rebel commanders" for "they")."""
        best = [r for pos, r in (self.spoken_plural if plural else self.spoken) if pos < at]
        return best[-1] if best else None

    def resolve(self, tok: Token) -> ActorRef | None:
        """The speaker a subject token stands for (see the module docstring for the fallbacks)."""
        named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if tok.pos_ in ("NUM", "PRON", "NOUN") and named and tok.lower_ not in cue_data().person_pronouns:
            tok = named[0]  # "said one of them, Kim Grey": the name in apposition is the speaker
        if tok.lower_ in cue_data().person_pronouns:
            # A speaking "he" is the person the narration is about, else the one who just spoke (“…,” he adds):
            # quote chains keep their speaker, which a general "last person mentioned" rule gets wrong.
            antecedent = self._subject_antecedent(tok)
            ref = self.resolve(antecedent) if antecedent is not None else self._recent_speaker(tok)
            if ref is not None:
                return replace(ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        ref = self.for_token(self.doc, tok)
        if ref is not None:
            return ref
        if tok.pos_ == "PRON" or tok.tag_ == "PRP":
            return self._pronoun(tok)
        return self._named(tok)

    def _subject_antecedent(self, tok: Token) -> Token | None:
        """The person a speaking "he"/"she" most likely is: the subject of the nearest earlier sentence whose
        subject is a named person ("Zelenskyy thanked Blinken … ‘…,’ he said" → Zelenskyy), at most
        ``ANTECEDENT_SENTENCES`` sentences back. Attribution pronouns follow the discourse subject, not merely
        the last name mentioned."""
        for sent in reversed(self._sentences_before(tok)):
            people = [
                t for t in sent if t.i < tok.i and t.dep_ == "nsubj" and not self.inside[t.i] and self._is_person(t)
            ]
            if people:  # the main clause's subject first ("X said Kagame is set to win": X)
                return min(people, key=lambda t: (t.head.dep_ != "ROOT", t.i))
        return None

    def _recent_speaker(self, tok: Token) -> ActorRef | None:
        """The last speaker noted within the ``ANTECEDENT_SENTENCES`` sentences (or ``RECENT_CHARS`` characters)
        before ``tok``: a quote long enough to span several sentences still hands its speaker on."""
        sents = self._sentences_before(tok)
        since = min(sents[0].start_char if sents else 0, tok.idx - RECENT_CHARS)
        recent = [r for pos, r in self.spoken if since <= pos < tok.idx]
        return recent[-1] if recent else None

    def _is_person(self, tok: Token) -> bool:
        if tok.ent_type_ == "PERSON" or tok.i in self.person_tokens:
            return True
        # the tagger missed it here, but the same name is a person elsewhere in the article
        return tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() and tok.text in self.person_words

    def _sentences_before(self, tok: Token) -> list[Span]:
        """The last ``ANTECEDENT_SENTENCES`` sentences starting before ``tok`` (its own included)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        before = [s for s in self._sents if s.start < tok.i]
        return before[-ANTECEDENT_SENTENCES:]

    def _pronoun(self, tok: Token) -> ActorRef | None:
        if tok.lower_ in ("they", "them"):
            last_group = self.last_before(tok.idx, plural=True)
            return (
                replace(last_group, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)) if last_group else None
            )
        if tok.lower_ not in cue_data().person_pronouns:
            return None
        last = self.last_before(tok.idx)
        if last is None:
            last = self._last_person_entity(tok)
        if last is None:
            return None
        return replace(last, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))

    def _last_person_entity(self, tok: Token) -> ActorRef | None:
        people = [e for e in self.doc.ents if e.label_ == "PERSON" and e.end <= tok.i]
        if not people:
            return None
        ent = people[-1]
        return ActorRef(name=ent.text, code=None, sector=None, text=ent.text, start=ent.start_char, end=ent.end_char)

    def _named(self, tok: Token) -> ActorRef:
        for ent in self.doc.ents:
            if ent.start <= tok.i < ent.end and ent.label_ in SPEAKER_ENTITIES:
                span = ent
                break
        else:
            left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod")]
            start = min([c.left_edge.i for c in left], default=tok.i)
            span = self.doc[start : tok.i + 1]
        name = span.text.lstrip("-–—•*· ")  # scraped text glues headings on with dashes ("-U.S. officials")
        for det in ("the ", "a ", "an "):
            if name.lower().startswith(det):
                name = name[len(det) :]
        return ActorRef(name=name, code=None, sector=None, text=span.text, start=span.start_char, end=span.end_char)
