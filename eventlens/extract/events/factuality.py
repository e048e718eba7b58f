"""How sure the text is that an event happened: asserted, negated, hypothetical or future.

Cues are read on the trigger and on the words it hangs on, walking up the parse from the trigger to the root of its
sentence:

* negated: a negator on the event ("did not attack", "no talks", "without talks"), a negating governor ("refused to
  withdraw", "ruled out an invasion", "denied that …") or a negated noun it depends on ("had no intention of
  invading", "no sign either will relent");
* hypothetical: a modal ("could double"), a conditional clause ("if Russia invades", "should Russia invade"), or a
  governor of fear, threat, prevention or pretext ("fears of an invasion", "prevent renewed aggression", "a pretext
  for invading");
* future: "will", "going to", a governor of plan or intention ("plans a trip", "is expected to", "demands a
  withdrawal") or an infinitive that is not yet done ("deployed troops to invade").

Reported speech keeps the factuality of what is reported: speech verbs are walked through without a cue. The walk
stops at relative clauses and participial modifiers, which assert their own facts ("the aid, which was approved"),
at a finished adverbial clause with a subject of its own ("…, while Adidas called on FIFA to …"), and at what a
preposition takes as given ("despite the attacks", "during a meeting", "in the face of criticism"). Two negations
cancel ("do not deny the massacre": the massacre happened; "did not rule out an attack": it may happen), a condition
set on a past act belongs to what the act is about ("threatened sanctions if Moscow disrupts the vote" is a threat
made), and a clause joined with a subject of its own does not take the first clause's modal ("the vote should go
ahead and it supports Blatter").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..syntax import NOMINAL_SUBJECT_DEPS
from .lexicon import Cues, verb_forms

#: Relations the walk does not cross: what lies beyond them asserts its own fact.
STOP_DEPS = frozenset({"relcl", "parataxis", "appos", "meta", "dep", "npadvmod", "advmod", "amod"})
#: Relations through which a governor's cue reaches its dependant (clauses, objects, prepositional complements).
GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep", "advcl", "acl", "attr", "oprd", "conj"})
#: Prepositions whose object is taken as given, whatever the clause around them says.
PRESUPPOSING_PREPS = frozenset(
    {"from", "over", "despite", "amid", "amidst", "after", "since", "following", "given", "during"}
)
#: Prepositions that say where, not what about: "a protest sign at a rally" is no sign of a rally to come.
PLACE_PREPS = frozenset({"at", "in", "on", "near", "outside", "inside", "along", "across", "around", "behind"})
#: Nouns that make "in the … of" (or "in … to") a preposition that takes its object as given: "in the face of
#: criticism", "in the wake of the attack", "in response to the strikes", "in retaliation for the raid".
PRESUPPOSING_FRAMES = frozenset({"face", "wake", "aftermath", "response", "retaliation", "light", "spite"})
#: Aspectual verbs whose infinitive is what happened next, not a purpose ("went on to accuse", "proceeded to attack").
GO_FORMS = frozenset(verb_forms("go", ("went", "gone", "goes")))
THEN_VERBS = frozenset(verb_forms("proceed")) | GO_FORMS
#: Past-tense auxiliaries: a clause with one of them reports what was done.
PAST_AUX = frozenset({"did", "was", "were", "had", "has", "have", "'d"})
#: Subordinators of adverbial clauses that state their own fact, whatever the main clause's negation or modal.
FACT_MARKS = frozenset({"while", "as", "after", "because", "since", "although", "though", "whereas"})
#: Negating governors that negate a clause but not an object noun: rejecting a demand does not undo the demand.
CLAUSAL_ONLY = frozenset(verb_forms("deny") | verb_forms("reject") | verb_forms("dismiss"))
#: Verbs that take a particle to be a cue ("rule out" negates; "rule" alone does not).
CUE_PARTICLES = {form: "out" for form in verb_forms("rule")}
#: Verbs whose subject event shares their negation ("the talks did not take place").
HAPPEN_VERBS = frozenset(
    f
    for v in ("happen", "occur", "take", "begin", "start", "resume", "go", "materialize", "continue")
    for f in verb_forms(v)
) | {"took", "taken", "began", "begun", "went", "gone"}

ASSERTED, NEGATED, HYPOTHETICAL, FUTURE = "asserted", "negated", "hypothetical", "future"


def factuality(trigger: Token, cues: Cues) -> str:
    """The factuality of the event whose trigger is ``trigger`` (see the module docstring)."""
    found: list[str] = []
    through_speech = False
    would = False
    node = trigger
    keep_negation = True
    keep_modals = True
    for _ in range(10):
        own, node_would = _own_cues(node, cues)
        if not keep_negation:
            own = [c for c in own if c != NEGATED]
        if not keep_modals:
            own, node_would = [c for c in own if c == NEGATED], False
        found.extend(own)
        would = would or node_would
        head = node.head
        rel = node.dep_
        if head.i == node.i or rel in STOP_DEPS:
            break
        if rel == "prep" and _presupposing(node):
            break  # "would not back down from its insistence": the insistence is there, whatever is done about it
        if rel == "advcl" and _finished_clause(node, cues):
            break  # "…, while Adidas called on FIFA to …": a clause of its own that reports what was done
        # a negated verb does not negate its prepositional objects ("would not back down from its insistence"),
        # nor the verb after "but" ("would not present … but promised")
        keep_negation = rel not in ("prep", "pobj") and not (rel == "conj" and _contrasted(node))
        # a conjunct with a subject of its own has its own modality ("should go ahead and that it supports Blatter")
        keep_modals = not (rel == "conj" and any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in node.children))
        if rel == "acl" and node.tag_ in ("VBN", "VBG"):
            break  # "troops deployed along the border": a participle modifier is its own fact
        if rel == "advcl" and _own_clause(node):
            break  # "cannot lead a nation while crippled by an investigation": the investigation is a fact (#13)
        if rel in NOMINAL_SUBJECT_DEPS:
            found.extend(_subject_cues(head, cues))
            node = head
            continue
        if rel in GOVERNED_DEPS:
            cue = _governor_cue(head, rel, cues) if not (rel == "prep" and node.lower_ in PLACE_PREPS) else None
            if _negating(head, cues) and _negated(head, cues):
                # two negations cancel: "do not deny the massacre" (it happened), "did not rule out an attack"
                keep_negation = False
                cue = HYPOTHETICAL if cue == NEGATED and CUE_PARTICLES.get(head.lower_) else None
            if cue:
                found.append(cue)
            if rel == "ccomp":
                through_speech = True
        node = head
    if would:
        found.append(FUTURE if through_speech else HYPOTHETICAL)
    if not found:
        cue = infinitive_cue(trigger)
        found.extend([cue] if cue else [])
    return _decide(found)


def _presupposing(prep: Token) -> bool:
    """A preposition that takes its object as given: "despite the attacks", "during a meeting", "in the face of
    criticism", "in response to the strikes"."""
    if prep.lower_ in PRESUPPOSING_PREPS:
        return True
    if prep.lower_ != "in":
        return False
    return any(c.dep_ == "pobj" and c.lower_ in PRESUPPOSING_FRAMES for c in prep.children)


def _finished_clause(clause: Token, cues: Cues) -> bool:
    """An adverbial clause with a subject of its own, in the past and without a condition, reports a fact of its
    own ("…, while Adidas called on FIFA", "even after it pledged to do so")."""
    if not any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in clause.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in clause.children):
        return False
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in cues.future_modals or a.lower_ in cues.hypothetical_modals or a.lower_ == "would" for a in aux):
        return False
    return clause.tag_ == "VBD" or any(a.lower_ in PAST_AUX and a.tag_ in ("VBD", "VBZ", "VBP") for a in aux)


def disputed(trigger: Token, cues: Cues) -> bool:
    """Whether the sentence is about whether the act took place: it is the object or complement of a verb that
    denies, refuses or rules it out, negated or not ("denied the attack", "do not deny the massacre", "ruled out an
    invasion"). Such an act is coded with its factuality (docs/annotation.md §4)."""
    head = trigger.head
    return head.i != trigger.i and trigger.dep_ in ("dobj", "xcomp", "ccomp") and _negating(head, cues)


def _negating(verb: Token, cues: Cues) -> bool:
    """A verb whose complement does not happen ("refused", "denied", "ruled out")."""
    particle = CUE_PARTICLES.get(verb.lower_)
    if particle is not None and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
        return False
    return verb.pos_ in ("VERB", "AUX") and verb.lower_ in cues.negating_verbs


def _negated(tok: Token, cues: Cues) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in cues.negators) for c in tok.children)


def _past(verb: Token) -> bool:
    """The verb reports a past act: "threatened", "has threatened", "had warned" (no modal before it)."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had", "'ve") for a in aux))


def _contrasted(conj: Token) -> bool:
    """A conjunct set against its head ("but", "yet"), or a clause with a subject of its own."""
    if any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in conj.children):
        return True
    return any(c.dep_ == "cc" and c.lower_ in ("but", "yet", "while", "whereas") for c in conj.head.children)


def _decide(found: list[str]) -> str:
    """Negation on the event itself wins; then any hypothetical cue; then negation further out; then future."""
    if not found:
        return ASSERTED
    if found[0] == NEGATED:
        return NEGATED
    if HYPOTHETICAL in found:
        return HYPOTHETICAL
    if NEGATED in found:
        return NEGATED
    return FUTURE


def _own_cues(tok: Token, cues: Cues) -> tuple[list[str], bool]:
    """Cues on the token itself: negators, modals, conditional clauses. Also says whether it carries "would"."""
    out: list[str] = []
    would = False
    subject_at = min((c.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), default=None)
    for child in tok.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and word in cues.negators):
            if child.i + 1 < len(child.doc) and child.doc[child.i + 1].lower_ in ("only", "just", "merely"):
                continue  # "not only … but also" adds, it does not negate
            out.insert(0, NEGATED)
        elif child.dep_ in ("aux", "auxpass"):
            if word in cues.future_modals:
                out.append(FUTURE)
            elif word == "would" or (word == "'d" and tok.tag_ != "VBN"):  # "he'd helped": had, not would
                would = True
            elif word in cues.hypothetical_modals:
                # "should Russia invade": an inverted auxiliary before the subject makes a condition
                out.append(HYPOTHETICAL)
            elif word in ("were", "had") and subject_at is not None and child.i < subject_at:
                out.append(HYPOTHETICAL)
        elif child.dep_ == "mark" and word in cues.conditional_marks:
            out.append(HYPOTHETICAL)
        elif child.dep_ == "advcl" and _is_conditional(child, cues) and not _past(tok):
            # the consequence of a condition: "if Russia invades, the US will respond"; but a condition set on a
            # past act is part of what was said or done: "threatened sanctions if Moscow disrupts the vote"
            out.append(HYPOTHETICAL)
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        out.insert(0, NEGATED)
    if tok.dep_ == "xcomp" and tok.head.lower_ == "going":
        out.append(FUTURE)
    if NEGATED in out and out[0] != NEGATED:
        out.remove(NEGATED)
        out.insert(0, NEGATED)
    return out, would


def _is_conditional(clause: Token, cues: Cues) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in clause.children):
        return True
    subject_at = min((c.i for c in clause.children if c.dep_ in NOMINAL_SUBJECT_DEPS), default=None)
    return subject_at is not None and any(
        c.dep_ == "aux" and c.lower_ in ("should", "were", "had") and c.i < subject_at for c in clause.children
    )


def _subject_cues(verb: Token, cues: Cues) -> list[str]:
    """A noun event that is a subject takes its verb's modality ("an attack could happen", "talks will resume")."""
    own, would = _own_cues(verb, cues)
    if NEGATED in own and verb.lower_ not in HAPPEN_VERBS:
        own = [c for c in own if c != NEGATED]
    if would:
        own.append(HYPOTHETICAL)
    return own


def _governor_cue(head: Token, rel: str, cues: Cues) -> str | None:
    """What the word an event depends on says about it ("refused to", "fears of", "plans", "no intention of")."""
    word = head.lower_
    if head.pos_ in ("NOUN", "PROPN"):
        negated = any(c.dep_ in ("det", "neg") and c.lower_ in cues.negators for c in head.children)
        if negated and rel in ("prep", "acl", "ccomp", "relcl", "pcomp"):
            return NEGATED
        if word in cues.hypothetical_nouns and rel in ("prep", "acl", "ccomp"):
            return HYPOTHETICAL
        if word in cues.future_nouns and rel in ("prep", "acl", "ccomp"):
            return FUTURE
        return None
    if head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    particle = CUE_PARTICLES.get(word)
    if particle is not None and not any(c.dep_ == "prt" and c.lower_ == particle for c in head.children):
        return None
    clausal = rel in ("xcomp", "ccomp", "pcomp", "prep", "advcl")
    if word in cues.negating_verbs and (clausal or (rel == "dobj" and word not in CLAUSAL_ONLY)):
        return NEGATED
    if word in cues.hypothetical_verbs and (clausal or rel == "dobj"):
        return HYPOTHETICAL
    if word in cues.future_verbs and (clausal or rel == "dobj"):
        return FUTURE
    return None


def infinitive_cue(trigger: Token) -> str | None:
    """A purpose infinitive is not yet done: "deployed troops to invade" → future."""
    if trigger.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children):
        head = trigger.head
        if head.lower_ in THEN_VERBS and (head.lower_ not in GO_FORMS or _has_particle(head, "on")):
            return None  # "went on to accuse": what happened next
        return FUTURE
    return None


def _has_particle(verb: Token, word: str) -> bool:
    return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == word for c in verb.children)


__all__ = ["ASSERTED", "FUTURE", "HYPOTHETICAL", "NEGATED", "disputed", "factuality", "infinitive_cue"]


def _own_clause(clause: Token) -> bool:
    """An adverbial clause that states its own fact: a participle ("while crippled by", "killing 12") or a clause
    of time past, cause or concession ("after", "because", "although"); not a condition or a purpose."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if marks:
        return bool(marks & FACT_MARKS)
    return clause.tag_ in ("VBN", "VBG") and not any(c.dep_ == "aux" for c in clause.children)
