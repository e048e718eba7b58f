"""Who did it and to whom: an event's source actor and recipient, read from the dependency parse.

Verbs take their actor from the subject (inherited through coordination, control and relative clauses), or from the
"by" phrase of a passive; their recipient from the object, the passive subject, or a prepositional argument.
Nouns take theirs from a possessive ("Russia's buildup"), a demonym or name before them ("Russian invasion",
"US aid"), "by"/"from"/"between" phrases, or the subject of the verb they are the object of ("held talks").
Argument tokens are resolved to actors through the actors layer (``actors.actor_ref_for_token``); a place named as
an argument stands for its country ("visits Kyiv" → UKR). An argument that resolves to nothing stays null: an actor
is never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..record import ActorRef, Place

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
#: Relations through which a verb without a subject of its own inherits one from the word it hangs on.
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "relcl", "acl", "pobj", "dobj", "attr", "oprd")
#: Prepositions whose object is a verb's or noun's recipient ("met with", "aid to", "sanctions on").
RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "for", "over", "from")
NOUN_RECIPIENT_PREPS = ("to", "against", "on", "with", "for", "toward", "towards", "into", "of", "over", "at")
#: Prepositions through which a noun event belongs to the clause it sits in ("On a visit to Kyiv, Blinken said").
CLAUSE_PREPS = ("on", "during", "in", "at", "after", "before", "while", "upon", "since", "following", "ahead")
#: Words that only count or group what follows them ("a number of troops", "a series of talks").
COUNTING_NOUNS = frozenset(
    "number numbers series round rounds thousands hundreds dozens millions billions lot lots wave waves host "
    "contingent batch amount amounts kind kinds type types new fresh more additional".split()
)
#: Object-control verbs: "urged Russia to withdraw" — Russia is the one to withdraw.
DEMONYM_DEPS = ("amod", "compound", "nmod")


@dataclass
class Args:
    """An event's arguments: the tokens that name them and what they resolve to."""

    actor: ActorRef | None = None
    recipient: ActorRef | None = None
    symmetric: bool = False


class ArgumentFinder:
    """Finds and resolves event arguments in one document."""

    def __init__(
        self,
        doc: Doc,
        for_token: Callable[[Doc, Token], ActorRef | None] | None,
        event_nouns: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.for_token = for_token
        self.event_nouns = event_nouns  # a light verb's subject that is itself an event is no actor
        self.place_at: dict[int, Place] = {}
        for place in doc._.places or ():
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.place_at[tok.i] = place
        self._cache: dict[int, ActorRef | None] = {}

    # ------------------------------------------------------------------ resolution
    def resolve(self, tok: Token | None) -> ActorRef | None:
        """The actor a token names, or None. Looks through counting words and appositions ("its ally Belarus")."""
        if tok is None:
            return None
        if tok.i not in self._cache:
            self._cache[tok.i] = self._resolve(tok)
        return self._cache[tok.i]

    def _resolve(self, tok: Token) -> ActorRef | None:
        tok = counted(tok)
        ref = self.for_token(self.doc, tok) if self.for_token is not None else None
        if ref is not None and ref.code is None:
            ref = self._located(tok, self._backed_by(tok, ref))
        if ref is not None and (ref.code or ref.sector or tok.ent_type_ or tok.pos_ == "PRON"):
            return ref  # a plain noun the actors layer only echoes ("the feasibility") is no party
        for child in tok.children:
            if child.dep_ == "appos":
                ref = self.for_token(self.doc, child) if self.for_token is not None else None
                if ref is not None and (ref.code or ref.name):
                    return ref
        return self._place_ref(tok)

    def _backed_by(self, tok: Token, ref: ActorRef) -> ActorRef:
        """A group named by its sponsor takes the sponsor's code ("Russia-backed rebels" → RUS), as CAMEO does."""
        for left in tok.lefts:
            for cand in left.subtree:
                if cand.i == tok.i or cand.pos_ not in ("PROPN", "ADJ", "NOUN"):
                    continue
                sponsor = self.for_token(self.doc, cand) if self.for_token is not None else None
                if sponsor is not None and sponsor.code:
                    return replace(ref, code=sponsor.code)
        return ref

    def _located(self, tok: Token, ref: ActorRef) -> ActorRef:
        """A group named by where it is takes that country's code ("rebels in the Ivory Coast" → CIV)."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
                for pobj in prep.children:
                    place = self.place_at.get(pobj.i)
                    if pobj.dep_ == "pobj" and place is not None and place.country:
                        return replace(ref, code=place.country)
        return ref

    def _place_ref(self, tok: Token) -> ActorRef | None:
        """A place named as an argument stands for its country (a capital for its government)."""
        candidates = [tok, *[c for c in tok.children if c.dep_ in ("appos", "poss", "compound")]]
        for cand in candidates:
            place = self.place_at.get(cand.i)
            if place is not None and place.country:
                return ActorRef(
                    name=place.name, code=place.country, sector=None, text=place.text, start=place.start, end=place.end
                )
        return None

    # ------------------------------------------------------------------ verbs
    def for_verb(
        self, verb: Token, symmetric_entry: bool, object_is_trigger: bool = False, clause_recipient: bool = False
    ) -> Args:
        """Actor and recipient of a verb event (``object_is_trigger``: "sent troops", the object is not a party)."""
        passive = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if passive is not None or any(c.dep_ == "auxpass" for c in verb.children):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return Args(actor=self.resolve(by), recipient=self.resolve(passive))
        subj = clause_subject(verb)
        actor = self.resolve(subj)
        args = Args(actor=actor)
        places = self._verb_objects(verb, object_is_trigger)
        if clause_recipient:  # "demanded that the US cancel …": the one asked to act
            places += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):  # "offered to hand over to Britain"
            places += self._verb_objects(xcomp, False)
        found = [self.resolve(t) for t in places]
        refs = [r for r in found if r is not None and not same_actor(r, actor) and not own_forces(r, actor)]
        if not any(r.code for r in refs):  # "rejected calls by Belarus's rulers", "aid to Mozambique"
            owners = [o for t in places for o in self._owners(t)]
            refs += [r for r in map(self.resolve, owners) if r is not None and not same_actor(r, actor)]
        # a coded party ("to its ally Belarus") before a nominal one ("the rebels")
        args.recipient = next((r for r in refs if r.code), refs[0] if refs else None)
        if symmetric_entry:
            self._symmetric(args, subj)
        return args

    def _verb_objects(self, verb: Token, object_is_trigger: bool) -> list[Token]:
        objs = [] if object_is_trigger else [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                objs.extend(c for c in prep.children if c.dep_ == "pobj")
        return objs

    @staticmethod
    def _owners(tok: Token) -> list[Token]:
        """Who an object noun belongs to or is aimed at: possessive, "by"/"from"/"to"/"against"/"of" phrases."""
        out = [c for c in tok.children if c.dep_ == "poss"]
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "to", "against", "of", "on", "with"):
                out.extend(c for c in prep.children if c.dep_ == "pobj")
        return out

    def _symmetric(self, args: Args, subj: Token | None) -> None:
        """ "X and Y met": X and Y are partners; "X met with Y": a meeting of both."""
        if args.recipient is None and subj is not None:
            for conj in subj.conjuncts:
                ref = self.resolve(conj)
                if ref is not None and not same_actor(ref, args.actor):
                    args.recipient = ref
                    break
        args.symmetric = args.actor is not None and args.recipient is not None

    # ------------------------------------------------------------------ nouns
    def for_noun(self, noun: Token, symmetric_entry: bool) -> Args:
        """Actor and recipient of a noun event."""
        args = Args()
        between = self._between(noun)
        if between:
            args.actor = between[0]
            args.recipient = between[1] if len(between) > 1 else None
            args.symmetric = args.recipient is not None
            return args
        own = [c for c in noun.children if c.dep_ == "poss"]
        own += [c for c in noun.lefts if c.dep_ in DEMONYM_DEPS and c.i != noun.i]
        for prep in noun.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
                own.extend(c for c in prep.children if c.dep_ == "pobj")
        for tok in own:
            args.actor = self.resolve(tok)
            if args.actor is not None:
                if symmetric_entry:
                    self._symmetric(args, tok)
                break
        if args.actor is None:
            args.actor = self.resolve(self._light_verb_subject(noun))
        args.recipient = args.recipient or self._noun_recipient(noun, args.actor)
        if symmetric_entry and args.actor is not None and args.recipient is not None:
            args.symmetric = True
        return args

    def _between(self, noun: Token) -> list[ActorRef]:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("between", "among"):
                found: list[ActorRef] = []
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for tok in (pobj, *pobj.conjuncts):
                        ref = self.resolve(tok)
                        if ref is not None and not any(same_actor(ref, f) for f in found):
                            found.append(ref)
                return found
        return []

    def _light_verb_subject(self, noun: Token) -> Token | None:
        """The subject of the clause a noun event belongs to: "Russia launched an attack", "On a visit …, Blinken"."""
        tok = noun
        for _ in range(3):  # "$200m in aid", "a series of talks": climb through what only counts the event
            head = tok.head
            if tok.dep_ == "pobj" and head.head.i != head.i and head.head.lower_ in COUNTING_NOUNS | {"$"}:
                tok = head.head
            elif tok.dep_ == "pobj" and head.head.pos_ == "NUM":
                tok = head.head
            else:
                break
        if tok.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            subj = clause_subject(tok.head)
            return None if subj is None or subj.lower_ in self.event_nouns else subj
        if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in CLAUSE_PREPS:
            gov = tok.head.head
            if gov.pos_ in ("VERB", "AUX"):
                return clause_subject(gov)
            if gov.dep_ in ("dobj",) and gov.head.pos_ in ("VERB", "AUX"):
                return clause_subject(gov.head)  # "plans a trip to Berlin for talks": the trip's subject talks
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.dep_ == "dobj":
            verb = tok.head.head.head
            if verb.pos_ in ("VERB", "AUX") and tok.head.head.lower_ in ("trip", "visit", "journey"):
                return clause_subject(verb)
        return None

    def _noun_recipient(self, noun: Token, actor: ActorRef | None) -> ActorRef | None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in NOUN_RECIPIENT_PREPS:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    ref = self.resolve(pobj)
                    if ref is not None and not same_actor(ref, actor):
                        return ref
        for clause in noun.children:  # "insistence that the US ban …", "demands for Russia to de-escalate"
            if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or clause.dep_ == "acl":
                    subj = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
                    ref = self.resolve(subj)
                    if ref is not None and not same_actor(ref, actor):
                        return ref
        return None


def counted(tok: Token) -> Token:
    """What a counting word counts: "a number of troops" → troops, "thousands of protesters" → protesters."""
    if tok.lower_ in COUNTING_NOUNS or tok.pos_ == "NUM":
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return tok


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination, control, relative and adverbial clauses.

    "Blinken accused … and suggested" → Blinken; "urged Russia to withdraw" (withdraw) → Russia;
    "the minister, who met" → the minister; "steadfast in backing" → the subject of "were steadfast".
    """
    tok = verb
    for _ in range(6):
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            nearest = min(subj, key=lambda c: abs(c.i - tok.i))
            if nearest.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                return tok.head
            if nearest.lower_ in ("that", "which") and tok.dep_ == "relcl":
                return tok.head
            return nearest
        passive = next((c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if passive is not None and tok.i != verb.i:
            return passive
        if tok.dep_ == "xcomp":
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj  # object control: "urged Russia to withdraw"
        if tok.dep_ in ("pcomp", "pobj") and tok.head.dep_ == "prep":
            obj = next((c for c in tok.head.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and tok.head.head.pos_ == "VERB":
                return obj  # "accused Russia of planning", "thanked Blinken for helping"
        if tok.dep_ == "relcl" and tok.i == verb.i:
            return None  # "something that Moscow has refused": the subject, if any, was found above
        if tok.dep_ not in INHERIT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def own_forces(ref: ActorRef, actor: ActorRef | None) -> bool:
    """The actor's own forces or police ("Russia withdrew its troops") are its means, not its recipient."""
    return actor is not None and ref.sector in ("MIL", "COP") and ref.code is not None and ref.code == actor.code


def same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Two references to one actor (same actor id, or same start), so it is not its own recipient."""
    if a is None or b is None:
        return False
    if a.actor_id is not None and a.actor_id == b.actor_id:
        return True
    return a.start == b.start and a.end == b.end


__all__ = ["ArgumentFinder", "Args", "clause_subject", "counted", "same_actor"]
