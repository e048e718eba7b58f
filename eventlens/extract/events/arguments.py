"""Who did it and to whom: an event's source actor and recipient, read from the dependency parse.

Verbs take their actor from the subject (inherited through coordination, control and relative clauses), or from the
"by" phrase of a passive; their recipient from the object, the passive subject, or a prepositional argument. A
participle with no subject or auxiliary of its own is passive ("If convicted, X …", "the man accused of staging"),
an active one's subject is the noun it qualifies ("a group fighting Indian rule"), a passive verb with no subject of
its own acts on its clause's subject ("was executed after being convicted"), a relative pronoun stands for its
noun ("the movement, which the government accuses"), and a verb with no object shares the object of the verb joined
to it ("shot and wounded a suspect").
Nouns take theirs from a possessive ("Russia's buildup"), a demonym or name before them ("Russian invasion",
"US aid"), "by"/"from"/"between" phrases, or the subject of the verb they are the object of ("held talks").
When a verb's own arguments name no party, the recipient is looked for in what the act is for ("began a strike to
protest against Sweden's decision"), in the if/unless clause of a threat, and in whoever owns or is named by the
objects ("rejected calls by Belarus's rulers").
Argument tokens are resolved to actors through the actors stage's public functions (``actor_ref_for_token``,
``state_mentions``, ``is_unnamed_group``); a place named as an argument stands for its country ("visits Kyiv" →
UKR). An unnamed local group with no country ("students", "police") takes the country its event happens in, else
the country the article is plainly about (:meth:`ArgumentFinder.localised`). Nominal events also read "X is under
investigation", "faced criticism", "blamed on X", "X-led", "anti-government"; "I"/"we" in a quote are its speaker;
a compound party gives one event per party (:meth:`ArgumentFinder.spread`). An argument that resolves to nothing
stays null, except the police or courts of an unattributed arrest or sentence (:meth:`ArgumentFinder.implied_actor`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Token

from ...record import ActorRef, Event, Place
from ..actors import (
    actor_by_id,
    article_country,
    is_domestic_body,
    is_unknown_organisation,
    is_unnamed_group,
    state_mentions,
)
from ..quotes import cue_data
from ..syntax import NOMINAL_SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS, PRONOUNS, SUBJECT_DEPS
from .lexicon import verb_forms

#: Relations through which a verb without a subject of its own inherits one from the word it hangs on.
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "relcl", "acl", "pobj", "dobj", "attr", "oprd")
#: Prepositions whose object is a verb's or noun's recipient ("met with", "aid to", "sanctions on").
RECIPIENT_PREPS = ("with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "for", "over", "from")
#: Channels a thing is said on ("attacked the government on television"): where, not to whom.
CHANNELS = frozenset("television tv radio twitter facebook instagram youtube air airwaves internet".split())
#: Prepositions whose gerund's subject is the object of the verb they hang on ("accused Russia of planning",
#: "stopped police from entering"); after others the subject acts ("launched his campaign by calling …").
CONTROL_PREPS = frozenset({"of", "for", "from", "into", "against"})
#: Prepositions naming what an accusation is about ("complained to the UN about Israeli air strikes").
TOPIC_PREPS = ("about", "of", "over")
NOUN_RECIPIENT_PREPS = ("to", "against", "on", "with", "for", "toward", "towards", "into", "of", "over", "at")
#: Prepositions through which a noun event belongs to the clause it sits in ("On a visit to Kyiv, Blinken said").
CLAUSE_PREPS = ("on", "during", "in", "at", "while", "upon")
#: Prepositions that put a noun event before or after the clause's own act: the clause's subject took part in it
#: when it is a meeting, an agreement or fighting ("following a meeting with …, Kerry encouraged", "troops captured
#: the town after five days of fighting"), not when others did it ("the army toppled him after mass protests").
SEQUENCE_PREPS = ("after", "before", "since", "following", "ahead")
#: Types of noun events whose participants include the subject of the clause they precede or follow.
SEQUENCE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
#: Words that only count or group what follows them ("a number of troops", "a series of talks").
COUNTING_NOUNS = frozenset(
    "number numbers series round rounds thousands hundreds dozens scores millions billions lot lots wave waves host "
    "contingent batch amount amounts kind kinds type types new fresh more additional spate string flurry "
    "handful".split()
)
#: Types whose recipient may be the subject of a that-clause ("demanded that the US cancel", "warned that Iran …").
CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "AGREE", "SUPPORT"})
#: Participles that read as adjectives after "be" ("Israel is opposed to French mediation"): the subject acts.
STATIVE_PARTICIPLES = frozenset({"opposed", "committed", "determined", "prepared", "resolved", "dedicated"})
#: Words that only measure an amount of what follows ("5.1 million dollars of aid", "after five days of fighting").
AMOUNT_WORDS = frozenset(
    "$ dollars euros pounds yen tons tonnes worth million billion hours days nights weeks months years".split()
)
#: Words that name some members of a group ("leaders of the coalition", "a group of refugees", "one third of the
#: guerrillas"): the group is the party.
MEMBER_NOUNS = frozenset(
    "group groups member members leaders leadership representatives part some many most majority minority rest "
    "half third quarter".split()
)
#: Sectors whose unnamed members belong to the country they act in ("students demonstrated in Jakarta", "police
#: in Lagos"). Soldiers, militants, aid workers, journalists, analysts and refugees are often foreign where they are,
#: so they are not here.
LOCAL_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "LAB", "REL", "HLH", "REB", "CRM"})
#: Verbs that put an act on someone ("blamed the attack on a militia", "attributed the bombing to").
BLAME_VERBS = frozenset(f for lemma in ("blame", "attribute", "pin") for f in verb_forms(lemma))
#: Verbs whose subject judges or answers an act named by their object, and so did not do it ("condemned the
#: attack", "welcomed the aid", "rejected the allegations").
RESPONSE_VERBS = frozenset(
    form
    for lemma in (
        "condemn denounce criticize criticise decry deplore slam blast blame welcome praise applaud hail laud "
        "support back endorse oppose reject dismiss deny protest question investigate probe"
    ).split()
    for form in verb_forms(lemma)
)
#: Verbs of claiming an act ("claimed responsibility for the bombing").
CLAIM_VERBS = frozenset(form for lemma in ("claim", "take", "accept", "admit") for form in verb_forms(lemma)) | {"took"}
#: Verbs whose subject undergoes the event their object names ("faced criticism", "received support").
RECEIVING_VERBS = frozenset(
    form
    for lemma in (
        "face",
        "receive",
        "draw",
        "attract",
        "suffer",
        "earn",
        "endure",
        "weather",
        "undergo",
        "win",
        "get",
        "stand",
    )
    for form in verb_forms(lemma)
) | {"drew", "drawn", "underwent", "undergone", "won", "got", "gotten", "stood"}  # "stood trial"
#: Verbs whose subject is the one tried in "went on trial", "stands on trial"; and whose object is, "put X on trial".
TRIAL_GOING_VERBS = frozenset(f for lemma in ("go", "stand", "remain", "appear") for f in verb_forms(lemma)) | {
    "went",
    "gone",
    "goes",
    "stood",
    "is",
    "are",
    "was",
    "were",
    "been",
    "be",
    "'s",
    "’s",
}
TRIAL_PUTTING_VERBS = frozenset(f for lemma in ("put", "place", "bring") for f in verb_forms(lemma))
#: Verbs of "X is/came under attack": X is the one acted on.
UNDER_VERBS = frozenset(
    form for lemma in ("be", "come", "remain", "fall", "stay", "face") for form in verb_forms(lemma)
) | {"is", "are", "was", "were", "been", "came", "fell", "'s", "’s"}
#: Sectors of unnamed groups that belong to the country an article is about, though not to every place they act in.
NATIONAL_SECTORS = frozenset({"MIL", "INS"})
#: Words after "X-" that make X the one acting through what follows ("a Saudi-led coalition").
LEADING_WORDS = frozenset({"led", "headed", "commanded"})
#: Who does a state act the text reports without an agent ("was arrested", "was sentenced"): (type, mode) → sector.
IMPLIED_AGENTS = {
    ("COERCE", "arrest"): "COP",
    ("COERCE", "deport"): "COP",
    ("COERCE", "seize"): "COP",
    ("SANCTION", "convict"): "JUD",
}
#: Types whose event noun may have the one acted on compounded into it ("Clinton email probe", "Iran sanctions",
#: "a Ukraine offensive"); in others a compounded name gives ("U.S. loans").
TOPIC_TYPES = frozenset({"ACCUSE", "SANCTION", "ASSAULT", "COERCE"})
#: Officials who are usually abroad where they act: they take no country from the place of their event.
ABROAD_WORDS = frozenset({"diplomats", "diplomat", "delegation", "delegations", "negotiators", "envoys", "ambassadors"})
#: Types whose compound actor with no recipient acts with itself ("X and Y met", "X and Y agreed").
JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: First-person pronouns: inside a quote, its speaker.
FIRST_PERSON = frozenset("i me my myself we us our ourselves".split())
#: Words before "forces" or "troops" that make them a state's own ("government forces", "regime troops").
OWN_FORCE_WORDS = frozenset({"government", "regime", "state", "army", "federal", "national"})
#: Sectors of a state acting through its own forces (None: the state as a whole).
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP"})
#: Acts aimed at someone, whose participle clause aims at whom its main clause does ("…, demanding payment").
AIMED_TYPES = frozenset({"ASSAULT", "COERCE", "REQUEST", "THREATEN", "ACCUSE", "SANCTION"})
#: Verbs whose passive agent did the act their subject names ("the attack was carried out by militants", "the
#: protest was organised by students"); others' agent only had a hand in it ("talks brokered by Qatar").
DOING_VERBS = frozenset(
    form
    for lemma in "carry launch stage conduct mount hold organise organize wage perpetrate commit make issue".split()
    for form in verb_forms(lemma)
) | {"held", "made", "waged"}
#: Types of a movement of forces, whose noun's "of" phrase names who moves when no clause says who moves them ("the
#: withdrawal of Russian troops began"; not so "the US sped up the withdrawal of its forces").
MOVING_TYPES = frozenset({"RETREAT", "MOBILIZE"})
#: Types of a judgement on an act ("condemned the attack", "rejected the allegations"): the one judged is whoever
#: did the act, as the annotation guide codes it.
JUDGING_TYPES = frozenset({"ACCUSE", "REJECT"})
#: Acts of force, which a verb joined to another shares the aim of ("shouted at police and threw stones").
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Relative pronouns, which stand for the noun their clause qualifies.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
#: Plural nouns that, as "the two …" or "both …", name the two people last named ("the two leaders agreed").
PAIR_PEOPLE = frozenset(
    "leaders presidents ministers men women candidates contenders rivals officials politicians heads diplomats "
    "envoys chiefs".split()
)
#: Plural nouns that, so used, name the two states last named ("the two countries").
PAIR_STATES = frozenset("countries nations states governments neighbours neighbors capitals".split())
#: Plural nouns that, so used, name the two parties last named, whoever they are ("both sides").
PAIR_ANY = frozenset("sides parties groups camps".split())
#: How many sentences before its own "the two leaders" looks back for the two.
PAIR_SENTENCES = 3
#: Relations through which a name or demonym before a noun event is its actor ("Russian invasion", "US aid").
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
        self._article_country: tuple[str | None] | None = None  # (the country,) once read

    # ------------------------------------------------------------------ resolution
    def resolve(self, tok: Token | None) -> ActorRef | None:
        """The actor a token names, or None. Looks through counting words and appositions ("its ally Belarus")."""
        if tok is None:
            return None
        if tok.i not in self._cache:
            self._cache[tok.i] = self._resolve(tok)
        return self._cache[tok.i]

    def _resolve(self, tok: Token) -> ActorRef | None:
        if _is_reciprocal(tok):
            return None  # "each other" stands for the parties of the clause's subject (:meth:`_symmetric`)
        tok = counted(antecedent(tok))
        if tok.lower_ in FIRST_PERSON and tok.text != "US" and tok.pos_ in ("PRON", "DET"):
            return self._speaker_of(tok)
        ref = self.for_token(self.doc, tok) if self.for_token is not None else None
        if ref is None:
            ref = self._led_by(tok)
        if ref is not None and ref.code is None:
            ref = self._located(tok, self._backed_by(tok, ref))
        if ref is not None and (ref.code or ref.sector or ref.actor_id or tok.ent_type_ or tok.pos_ == "PRON"):
            # an actor the actors layer lists is a party even when the model gave its name no entity type ("Rajab
            # was sentenced"); a plain noun the actors layer only echoes ("the feasibility") is none
            return ref if ref.code else self._described(tok, ref)
        for child in tok.children:
            if child.dep_ == "appos":
                ref = self.for_token(self.doc, child) if self.for_token is not None else None
                if ref is not None and (ref.code or ref.name):
                    return ref
        return self._place_ref(tok)

    def pair(self, tok: Token | None) -> tuple[ActorRef, ActorRef] | None:
        """The two parties "the two leaders", "both countries", "both sides" stand for: the last two different
        coded parties of that kind named in the few sentences before (people for "leaders", states for
        "countries"), in the order they were named. The first keeps the phrase's words, the second its own."""
        if tok is None or tok.tag_ != "NNS" or self.resolve(tok) is not None:
            return None
        lefts = {c.lower_ for c in tok.lefts}
        if not ("both" in lefts or {"the", "two"} <= lefts):
            return None
        word = tok.lower_
        if word not in PAIR_PEOPLE | PAIR_STATES | PAIR_ANY:
            return None
        found: list[ActorRef] = []
        for cand in reversed(self._before(tok)):
            ref = self.resolve(cand) if cand.pos_ in ("PROPN", "NOUN", "PRON") else None
            if ref is None or not ref.code or not self._pair_kind(ref, word):
                continue
            if not any(ref.code == f.code and (ref.actor_id == f.actor_id or ref.sector == f.sector) for f in found):
                found.append(ref)
            if len(found) == 2:
                phrase = tok.doc[tok.left_edge.i : tok.i + 1]
                first = replace(found[1], text=phrase.text, start=phrase.start_char, end=phrase.end_char)
                return first, found[0]
        return None

    def _before(self, tok: Token) -> list[Token]:
        """The tokens before ``tok`` in its sentence and the few sentences before it."""
        sent = tok.sent
        start = sent.start
        for _ in range(PAIR_SENTENCES):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return list(self.doc[start : tok.left_edge.i])

    def _pair_kind(self, ref: ActorRef, word: str) -> bool:
        """Whether a party is of the kind a pair noun names (a person for "leaders", a state for "countries")."""
        if word in PAIR_ANY:
            return True
        actor = actor_by_id(self.doc, ref.actor_id) if ref.actor_id is not None else None
        if word in PAIR_STATES:
            return ref.sector is None and (actor is None or actor.kind == "state")
        return actor is not None and actor.kind == "person"

    def _described(self, tok: Token, ref: ActorRef) -> ActorRef:
        """A party with no code takes the country of what an apposition says it is ("Hunter, a Republican from
        California" → USA; "Ali, a Somali diplomat" → SOM)."""
        for child in tok.children:
            if child.dep_ == "appos" and self.for_token is not None:
                said = self.for_token(self.doc, child)
                if said is not None and said.code:
                    return replace(ref, code=said.code, sector=ref.sector or said.sector)
        return ref

    def _speaker_of(self, tok: Token) -> ActorRef | None:
        """ "I" and "we" inside a quote stand for its speaker ("'We will not retreat,' the minister said")."""
        for quote in self.doc._.quotes or ():
            if quote.kind == "direct" and quote.start <= tok.idx < quote.end and quote.speaker is not None:
                speaker = quote.speaker
                if speaker.code is None and speaker.name is None:
                    return None
                end = tok.idx + len(tok)
                return ActorRef(speaker.name, speaker.code, speaker.sector, tok.text, tok.idx, end, speaker.actor_id)
        return None

    def _led_by(self, tok: Token) -> ActorRef | None:
        """ "a Saudi-led coalition", "the US-led forces": the leader is the party."""
        for left in tok.lefts:
            if left.lower_ not in LEADING_WORDS or left.i < 2 or self.doc[left.i - 1].text != "-":
                continue
            leader = self.resolve(self.doc[left.i - 2])
            if leader is not None and leader.code:
                start = self.doc[left.i - 2].idx
                start = min(start, leader.start)
                end = tok.idx + len(tok)
                return replace(leader, text=self.doc.text[start:end], start=start, end=end)
        return None

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
        """A group named by where it is takes that country's code ("rebels in the Ivory Coast" → CIV, "Puntland
        forces" → SOM)."""
        for child in tok.lefts:
            place = self.place_at.get(child.i)
            if child.dep_ in ("compound", "nmod", "amod", "poss") and place is not None and place.country:
                return replace(ref, code=place.country)
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

    def localised(
        self, ref: ActorRef | None, trigger: Token, location: dict[str, Any] | None, ruler: ActorRef | None = None
    ) -> ActorRef | None:
        """An unnamed local group with no country ("students", "opposition leaders") takes the country of the
        place its event happens in, else that of the state whose own coercion or sanction it undergoes
        (``ruler``: "Sudan detained Christians"), else the only country its sentence names, else the country the
        article is plainly about, as CAMEO-style coders read it; so does a state body the dictionary does not know
        ("the Home Affairs Ministry")."""
        if ref is None or ref.code is not None:
            return ref
        if self._local(ref):
            country = location.get("country") if location is not None and not location.get("source") else None
            country = country or self._ruling_country(ruler) or self._sentence_country(trigger)
        elif self._national(ref):
            country = None
        else:
            return ref
        if country is None:
            if self._article_country is None:
                self._article_country = (article_country(self.doc),)
            country = self._article_country[0]
        if country is None and ref.actor_id is not None and is_unknown_organisation(self.doc, ref.actor_id):
            name = ref.name or ref.text
            country = name if 2 <= len(name) <= 6 and name.isalpha() and name.isupper() else None  # "FIFA"
        return replace(ref, code=country) if country else ref

    @staticmethod
    def _ruling_country(ruler: ActorRef | None) -> str | None:
        """The country of a state acting as one (its government, forces, police or courts), or None."""
        if ruler is None or not ruler.code or ruler.sector not in STATE_SECTORS | {"JUD"}:
            return None
        return ruler.code

    def _local(self, ref: ActorRef) -> bool:
        """Whether a reference is to an unnamed local group ("students", "government forces") or a state body
        the dictionary does not know, not to a named organisation or a person, whose country the text would have
        to say."""
        if ref.actor_id is None:
            return ref.text.lower() not in PRONOUNS and self._local_sector(ref)
        if is_domestic_body(self.doc, ref.actor_id):
            return True
        return is_unnamed_group(self.doc, ref.actor_id) and self._local_sector(ref)

    # ------------------------------------------------------------------ parties the text implies
    def implied_actor(self, trigger: Token, entry: Any, location: dict[str, Any] | None) -> ActorRef | None:
        """Who the text implies did an unattributed state act: "was arrested", "were deported" (the police),
        "was sentenced" (the courts) of the country where it happens, as CAMEO-style coders read it. The party
        has no words in the text: its span is empty, at the trigger."""
        sector = IMPLIED_AGENTS.get((entry.type, entry.mode))
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) or reduced_passive(trigger)
        if sector is None or not passive:  # "was arrested", "If convicted, …"
            return None
        return self._country_party(trigger, sector, location)

    def _country_party(self, trigger: Token, sector: str, location: dict[str, Any] | None) -> ActorRef | None:
        country = location.get("country") if location is not None and not location.get("source") else None
        if country is None:
            if self._article_country is None:
                self._article_country = (article_country(self.doc),)
            country = self._article_country[0]
        if country is None:
            return None
        return ActorRef(None, country, sector, "", trigger.idx, trigger.idx)

    def _national(self, ref: ActorRef) -> bool:
        """Whether a reference is to unnamed troops ("soldiers", "the army"), a person the text gives no country or
        an organisation the dictionary does not know: in an article plainly about one country, that country's
        (wherever the event happens)."""
        if ref.actor_id is None:
            return False
        if is_unnamed_group(self.doc, ref.actor_id):
            return ref.sector in NATIONAL_SECTORS
        actor = actor_by_id(self.doc, ref.actor_id)
        if actor is not None and actor.kind == "person":
            return ref.sector != "JRN"  # a reporter's country is the outlet's, not the story's
        return is_unknown_organisation(self.doc, ref.actor_id)

    def _local_sector(self, ref: ActorRef) -> bool:
        words = ref.text.lower().split()
        if words and words[-1] in ABROAD_WORDS:
            return False  # "a meeting in Vienna with diplomats": they are not Austria's
        if ref.sector in LOCAL_SECTORS:
            return True
        # "government forces", "state security troops": a state's own forces, wherever they are
        span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        head = span.root if span is not None else None
        return head is not None and any(c.lower_ in OWN_FORCE_WORDS for c in head.lefts)

    def _sentence_country(self, trigger: Token) -> str | None:
        """The one country the trigger's sentence names outside its attribution ("…, Pentagon officials said")."""
        sent = trigger.sent
        codes = {
            p.country
            for i, p in self.place_at.items()
            if sent.start <= i < sent.end and p.country and not _attribution(self.doc[i], trigger)
        }
        for start, code in state_mentions(self.doc):
            if sent.start <= start < sent.end and not _attribution(self.doc[start], trigger):
                codes.add(code)
        return codes.pop() if len(codes) == 1 else None

    # ------------------------------------------------------------------ compound parties
    def spread(self, event: Event | None) -> list[Event]:
        """One event per party of a compound actor or recipient ("Russia and China vetoed", "Russian and Chinese
        leaders", "accused Russia and Belarus"), each with its own words and offsets, as PETRARCH codes them."""
        if event is None:
            return []
        span = self.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        trigger = span.root if span is not None else None
        out = [event]
        extras = self.conjoined(event.actor, event.recipient)
        if extras and event.actor is not None:
            event.actor = self._narrowed(event.actor, extras)
        if extras and event.recipient is None and event.type in JOINT_TYPES:
            # "Russian and Chinese leaders met": a meeting of the two, not two meetings with no one
            event.recipient, event.symmetric = extras.pop(0), True
        for extra in extras:
            if trigger is not None:
                extra = self.localised(extra, trigger, event.location) or extra
            out.append(replace(event, actor=extra, magnitude=replace(event.magnitude)))
        extras = self.conjoined(event.recipient, event.actor)
        if extras and event.recipient is not None:
            narrowed = self._narrowed(event.recipient, extras)
            out = [replace(e, recipient=narrowed) for e in out]
        for extra in extras:
            if trigger is not None:
                extra = self.localised(extra, trigger, event.location) or extra
            # "Kenya, Uganda and Tanzania signed": Tanzania is no recipient of its own signing
            out += [
                replace(e, recipient=extra, magnitude=replace(e.magnitude))
                for e in list(out)
                if not same_actor(extra, e.actor) and not (e.actor is not None and _same_party(extra, e.actor))
            ]
        # in the order the text names the parties ("U.S. and Swiss officials": the U.S. first)
        return sorted(out, key=lambda e: (_start(e.actor), _start(e.recipient)))

    def _narrowed(self, ref: ActorRef, extras: list[ActorRef]) -> ActorRef:
        """A party whose words also hold the others' ("Russian and Chinese leaders"), worded by its own part of
        them ("Russian"), so that each party of a compound keeps its own offsets."""
        inner = [x.start for x in extras if ref.start < x.start < ref.end]
        if not inner:
            return ref
        span = self.doc.char_span(ref.start, min(inner), alignment_mode="contract")
        if span is None:
            return ref
        words = [t for t in span if t.dep_ not in ("cc", "punct") and t.pos_ not in ("CCONJ", "PUNCT")]
        if not words:
            return ref
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        return replace(ref, text=self.doc.text[start:end], start=start, end=end)

    def conjoined(self, ref: ActorRef | None, other: ActorRef | None) -> list[ActorRef]:
        """The other parties coordinated with ``ref`` ("Russia and China", "US and French forces"), none of them
        ``ref`` or ``other`` themselves."""
        if ref is None or ref.text.lower() in PRONOUNS:
            return []
        span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            return []
        head = span.root
        pairs = [(c, False) for c in head.conjuncts]
        for mod in (t for t in span if t.i != head.i and t.dep_ in (*DEMONYM_DEPS, "conj")):
            pairs += [(c, True) for c in mod.conjuncts]
        out: list[ActorRef] = []
        for tok, modifier in pairs:
            found = self.resolve(tok)
            if found is None or not (found.code or found.actor_id) or tok.pos_ not in ("PROPN", "NOUN", "ADJ"):
                continue
            if modifier and found.sector is None and ref.sector is not None:
                found = replace(found, sector=ref.sector)  # "US and French forces": the French forces
            if any(same_actor(found, r) or _same_party(found, r) for r in (ref, other, *out) if r is not None):
                continue
            out.append(found)
        return out

    # ------------------------------------------------------------------ verbs
    def for_verb(
        self, verb: Token, event_type: str, symmetric_entry: bool = False, object_is_trigger: bool = False
    ) -> Args:
        """Actor and recipient of a verb event (``object_is_trigger``: "sent troops", the object is not a party)."""
        passive = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        shared = passive is None and _shares_passive(verb)  # "were killed or wounded by …"
        if shared:
            passive = next((c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        adjectival = verb.lower_ in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children)
        reduced = None if passive is not None or adjectival else reduced_passive(verb)
        if reduced is not None and self.resolve(reduced) is not None:
            passive = reduced  # "If convicted, Rajab …", "the man accused of staging", "victims tortured by"
        if (passive is not None or any(c.dep_ == "auxpass" for c in verb.children)) and not adjectival:
            agents = [c for v in ((verb, verb.head) if shared else (verb,)) for c in v.children if c.dep_ == "agent"]
            by = next((c for a in agents for c in a.children if c.dep_ == "pobj"), None)
            actor = self.resolve(by)
            if actor is None and event_type == "ASSAULT":  # "were killed when police stormed the camps"
                actor = next((r for t in _when_subjects(verb) if (r := self.resolve(t)) is not None), None)
            if actor is None and event_type == "ASSAULT":  # "was killed in clashes with police": the police
                actor = next((r for t in _fought_with(verb) if (r := self.resolve(t)) is not None), None)
            # "a camp for Congolese refugees was attacked": the refugees
            patient = passive if passive is not None else _inherited_patient(verb)
            targets = self._with_owners([patient]) if patient is not None else []
            if verb.lower_ in BLAME_VERBS:  # "the attack was blamed on the Taliban": the Taliban are accused
                preps = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in ("on", "to")]
                targets = [c for p in preps for c in p.children if c.dep_ == "pobj"]
            found = (r for r in map(self.resolve, targets) if r is not None and not same_actor(r, actor))
            return Args(actor=actor, recipient=next(found, None))
        subj = passive if adjectival and passive is not None else clause_subject(verb)
        actor = self.resolve(subj)
        if actor is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
            # "material from Reuters alleging …", "a tweet criticizing …": whoever's words they are
            for tok in [*self._owners(verb.head), clause_subject(verb.head)]:
                actor = self.resolve(tok)
                if actor is not None:
                    break
        args = Args(actor=actor)
        if actor is None:  # two subjects in the parse ("X and the envoy Y condemned"): the first that names a party
            others = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c is not subj]
            actor = next((r for c in others if (r := self.resolve(c)) is not None), None)
            args.actor = actor
        pair = self.pair(subj) if actor is None else None
        if pair is not None:  # "the two leaders agreed …": the two last named, one the other's partner
            actor = args.actor = pair[0]
        args.recipient = self._clause_recipient(verb, actor, event_type, object_is_trigger)
        joint = symmetric_entry or event_type in JOINT_TYPES or _reciprocal(verb)
        if pair is not None and args.recipient is None and joint:  # not so "both leaders condemned the attack"
            args.recipient, args.symmetric = pair[1], True
        follows = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB"
        # "yelled at police and hurled rocks": a physical act joined to a verb, with no subject of its own, shares
        # its aim (not so a demand: "leaving behind his anger at X and calling for unity" asks nothing of X)
        joined = verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not _own_subject(verb)
        follows = follows or joined and event_type in FORCE_TYPES
        if args.recipient is None and follows and event_type in AIMED_TYPES:
            # "fired rockets at the camps, killing 50", "presented Naftogaz with a bill, demanding payment": the one
            # the main clause aims at (not so for a stance: "addressed reporters, ruling himself out" rejects no one)
            args.recipient = self._clause_recipient(verb.head, actor, event_type)
        if args.recipient is None and not object_is_trigger:
            args.recipient = self._shared_object(verb, actor)
        reciprocal = _reciprocal(verb)
        if reciprocal:  # "X and Y accused each other": each is the other's recipient
            args.recipient = None
        if (symmetric_entry or reciprocal) and args.recipient is None and actor is not None:
            # "X and Y clashed" parsed as two subjects of the verb, or Y joined to a word inside X ("rebels from
            # the north and government troops clashed")
            others = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c is not subj]
            others += [t for t in (subj.subtree if subj is not None else ()) if t.dep_ == "conj"]
            partners = (self.resolve(c) for c in others)
            args.recipient = next((r for r in partners if r is not None and not same_actor(r, actor)), None)
            if args.recipient is not None and args.recipient.start < actor.start:  # in the text's order
                args.actor, args.recipient = args.recipient, actor
        if symmetric_entry or reciprocal:
            self._symmetric(args, subj)
        return args

    def _shared_object(self, verb: Token, actor: ActorRef | None) -> ActorRef | None:
        """The object a verb with none of its own shares with the verb joined to it: "shot and wounded a suspect",
        "opened fire and killed 14 people" (the second verb has no subject of its own)."""
        if any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children):
            return None
        for conj in verb.children:
            if conj.dep_ != "conj" or conj.pos_ != "VERB" or any(c.dep_ in SUBJECT_DEPS for c in conj.children):
                continue
            for obj in (c for c in conj.children if c.dep_ == "dobj"):
                ref = self.resolve(obj)
                if ref is not None and not same_actor(ref, actor) and not own_forces(ref, actor):
                    return ref
        return None

    def _clause_recipient(
        self, verb: Token, actor: ActorRef | None, event_type: str, object_is_trigger: bool = False
    ) -> ActorRef | None:
        """The party a verb's clause acts on: its object or prepositional argument, those of the clauses that
        say what it is for ("offered to hand over to Britain", "began a strike to protest against Sweden's
        decision"), else whoever owns or is named by those ("rejected calls by Belarus's rulers")."""
        places = self._verb_objects(verb, object_is_trigger, audience_last=event_type == "ACCUSE")
        if event_type in JUDGING_TYPES and verb.lower_ in RESPONSE_VERBS and verb.lower_ not in BLAME_VERBS:
            # "condemned the attack on Ugandan troops": the one condemned is who attacked, never the troops
            places = [d for t in places for d in (self._doers(t) if t.lower_ in self.event_nouns else [t])]
        own = len(places)
        if event_type in CLAUSE_RECIPIENT_TYPES:  # "demanded that the US cancel …": the one asked to act
            places += [
                s
                for c in verb.children
                if c.dep_ == "ccomp"
                for s in c.children
                if s.dep_ in SUBJECT_DEPS or s.dep_ in PASSIVE_SUBJECT_DEPS
            ]  # "demanded that control of the Interior Ministry be taken away": the ministry
        if event_type in CLAUSE_RECIPIENT_TYPES | {"CONCEDE"}:  # "expressed concern that Kenya had …": Kenya
            places += [s for obj in verb.children if obj.dep_ == "dobj" for s in _that_subjects(obj)]
        purposes = [c for c in verb.children if c.dep_ == "xcomp" or _purpose(c)]
        if event_type == "REJECT":  # "denied targeting civilians": what is denied, not whom
            purposes = [c for c in purposes if c.tag_ != "VBG"]
        for clause in purposes:  # "offered to hand over to Britain", "refused to allow UN planes to land"
            places += self._verb_objects(clause, False)
            places += [s for c in clause.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS]
        if event_type == "THREATEN":  # "threatened to strike unless Israel rescinded …": the one who must comply
            said = [c for c in verb.children if c.dep_ == "ccomp"]  # "warned that it would strike unless …"
            places += [s for c in (verb, *purposes, *said) for s in _condition_subjects(c)]
        found = [self.resolve(t) for t in places]
        refs = [r for r in found if r is not None and not same_actor(r, actor) and not own_forces(r, actor)]
        if any(r in refs for r in found[:own]):
            refs = [r for r in found[:own] if r in refs]  # the verb's own object before what it is for
        if not any(r.code for r in refs):  # "rejected calls by Belarus's rulers", "aid to Mozambique"
            owned = places + ([c for c in verb.children if c.dep_ == "dobj"] if object_is_trigger else [])
            owners = [o for t in owned for o in self._owners(t)]  # "accepted demands from Shona rebels"
            refs += [r for r in map(self.resolve, owners) if r is not None and not same_actor(r, actor)]
        # a coded party ("to its ally Belarus") before a nominal one ("the rebels")
        return next((r for r in refs if r.code), refs[0] if refs else None)

    def _verb_objects(self, verb: Token, object_is_trigger: bool, audience_last: bool = False) -> list[Token]:
        """A verb's objects and prepositional arguments; with ``object_is_trigger`` ("sent troops", "gave aid")
        only the one it goes to ("gave Tanzania a grant"); with ``audience_last``, those it is said to come after
        those it is about ("complained to the UN over Israeli air raids": the raids' owner is accused)."""
        deps = ("dative", "iobj") if object_is_trigger else ("dobj", "dative", "iobj")
        objs = [c for c in verb.children if c.dep_ in deps and c.pos_ != "ADP"]
        audience: list[Token] = []
        for prep in verb.children:  # "providing intelligence to Macedonia" (the parse may call "to" a dative)
            if prep.dep_ == "dative" and prep.pos_ == "ADP":
                objs.extend(c for c in prep.children if c.dep_ == "pobj")
            if prep.dep_ == "prep" and (prep.lower_ in RECIPIENT_PREPS or audience_last and prep.lower_ in TOPIC_PREPS):
                pobjs = [c for c in prep.children if c.dep_ == "pobj" and not _channel(prep, c)]
                (audience if audience_last and prep.lower_ == "to" else objs).extend(pobjs)
        return objs + audience

    def _with_owners(self, tokens: list[Token]) -> list[Token]:
        """The tokens, then whoever owns or is named by each of them."""
        return [*tokens, *(o for t in tokens for o in self._owners(t))]

    def _doers(self, act: Token) -> list[Token]:
        """Who did the act a noun names, as far as its own words say: its owner ("Russia's attack"), a name or
        demonym before it ("the Somali attack"), its "by"/"from" phrase; not whom it was aimed at."""
        out = [c for c in act.children if c.dep_ == "poss" or c.dep_ in DEMONYM_DEPS and c.i < act.i]
        out += [
            c
            for prep in act.children
            if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from")
            for c in prep.children
            if c.dep_ == "pobj"
        ]
        return out + _agent_of_patient(act)

    @staticmethod
    def _owners(tok: Token) -> list[Token]:
        """Who an object noun belongs to or is aimed at: possessive, a name before it ("a Security Council
        resolution"), "by"/"from"/"to"/"against"/"of"/"for" phrases."""
        out = [c for c in tok.children if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN")]
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "to", "against", "of", "on", "with", "for"):
                out.extend(c for c in prep.children if c.dep_ == "pobj")
        return out

    def _symmetric(self, args: Args, subj: Token | None) -> None:
        """ "X and Y met", "X and Y clashed", "X and Y accused each other": X and Y are partners, X the actor and Y
        the recipient, whether the parse joins the parties ("Russia and China") or their modifiers ("Russian and
        Chinese troops"); "X met with Y": a meeting of both."""
        if args.recipient is None and subj is not None:
            for conj in subj.conjuncts:
                ref = self.resolve(conj)
                if ref is not None and not same_actor(ref, args.actor):
                    args.recipient = ref
                    break
        if args.recipient is None and args.actor is not None:
            extras = self.conjoined(args.actor, None)
            if extras:  # each party keeps its own words ("Russian" and "Chinese troops"), in the text's order
                first, second = sorted((self._narrowed(args.actor, extras), extras[0]), key=lambda r: r.start)
                args.actor, args.recipient = first, second
        args.symmetric = args.actor is not None and args.recipient is not None

    # ------------------------------------------------------------------ nouns
    def for_noun(self, noun: Token, event_type: str, symmetric_entry: bool = False) -> Args:
        """Actor and recipient of a noun event."""
        args = Args()
        between = self._between(noun)
        if between:  # "talks between X and Y", "clashes between X and Y"
            args.actor = between[0]
            args.recipient = between[1] if len(between) > 1 else None
            args.symmetric = args.actor is not None and args.recipient is not None
            return args
        against = self._anti(noun)  # "anti-India rallies", "anti-government protests"
        if against is not None:
            args.recipient = against
        under = self._under(noun)  # "Clinton is under FBI investigation", "the village came under attack"
        blamed = self.blamed_on(noun)  # "the attack was blamed on a militia group"
        own = [c for c in noun.children if c.dep_ == "poss"]
        named = [c for c in noun.lefts if c.dep_ in DEMONYM_DEPS and c.i != noun.i]
        own += named
        # what a withdrawal or deployment leaves is "from" ("the withdrawal of troops from Syria"); any other act
        # is "by" or "from" its doer
        doing = ("by",) if event_type in MOVING_TYPES else ("by", "from")
        for prep in noun.children:
            if prep.dep_ in ("prep", "agent") and prep.lower_ in doing:
                own.extend(c for c in prep.children if c.dep_ == "pobj")
        own.extend(_agent_of_patient(noun))  # "the killing of a student by police": the parse hangs "by" on the student
        for clause in noun.children:  # "sanctions imposed on Russia by the EU"
            if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.lower_ not in BLAME_VERBS:
                own.extend(c for a in clause.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj")
        own = blamed + own
        for tok in own:
            args.actor = self.resolve(tok)
            if args.actor is not None:
                if symmetric_entry:
                    self._symmetric(args, tok)
                break
        under = under if under is not None else self._receiver(noun)
        if under is not None:
            if args.actor is None:  # "received support from Thailand"
                givers = [p for p in noun.head.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")]
                args.actor = next((r for p in givers for c in p.children if (r := self.resolve(c))), None)
            args.recipient = self.resolve(under)
            if same_actor(args.recipient, args.actor):
                args.recipient = None
            return args
        # "announced an aid package for Sudan": the event word only classifies the noun that takes the arguments
        frame = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
        verb = None if blamed else self._light_verb(frame, event_type in SEQUENCE_TYPES)
        if verb is not None:
            subj = clause_subject(verb)
            if frame.dep_ in PASSIVE_SUBJECT_DEPS and frame.head.i == verb.i and verb.lower_ in DOING_VERBS:
                subj = _agent(verb) or subj  # "the attack was carried out by militants" (not "brokered by")
            subject = self.resolve(subj) if subj is not None and subj.lower_ not in self.event_nouns else None
            pair = self.pair(subj) if subject is None and args.actor is None else None
            if pair is not None:  # "the two leaders held talks"
                subject = pair[0]
                if symmetric_entry or event_type in JOINT_TYPES:
                    args.recipient, args.symmetric = pair[1], True
            if args.actor is None:
                args.actor = subject
            elif (
                subject is not None
                and event_type in TOPIC_TYPES
                and not symmetric_entry
                and named
                and all(t.dep_ == "compound" for t in named)
                and own[0] in named
                and not same_actor(subject, args.actor)
                and (subject.code is None or subject.code != args.actor.code)
            ):
                # "FBI reopens Clinton email probe": the one who acts is the clause's subject; a name compounded
                # into the event noun is what it is about
                args.actor, args.recipient = subject, args.actor
        if args.actor is None and event_type in MOVING_TYPES:  # "the withdrawal of Russian troops": they move
            movers = [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
            args.actor = next((r for c in movers if c.dep_ == "pobj" and (r := self.resolve(c)) is not None), None)
        args.recipient = args.recipient or self._noun_recipient(noun, args.actor, event_type)
        if args.recipient is None and frame is not noun:
            args.recipient = self._noun_recipient(frame, args.actor, event_type)
        if args.recipient is None and verb is not None and frame.i in {t.i for t in _objects_of(verb)}:
            # "gave the Ivory Coast $5m of aid", "began a hunger strike to protest against Sweden's decision"
            args.recipient = self._clause_recipient(verb, args.actor, event_type, object_is_trigger=True)
        if symmetric_entry and args.actor is not None and args.recipient is not None:
            args.symmetric = True
        return args

    def _anti(self, noun: Token) -> ActorRef | None:
        """The party an "anti-X" modifier names as the one the event is against ("anti-India rally"); "anti-government"
        is the government of the country the event happens in."""
        for left in noun.lefts:
            for tok in left.subtree:
                if tok.i < 2 or self.doc[tok.i - 1].text != "-" or self.doc[tok.i - 2].lower_ != "anti":
                    continue
                start, end = self.doc[tok.i - 2].idx, tok.idx + len(tok)
                if tok.lower_ in ("government", "regime"):
                    return ActorRef(None, None, "GOV", self.doc.text[start:end], start, end)
                ref = self.resolve(tok)
                if ref is not None and ref.code:
                    return replace(ref, text=self.doc.text[start:end], start=start, end=end)
        return None

    @staticmethod
    def _under(noun: Token) -> Token | None:
        """The subject of "X is/came under attack/investigation/pressure" and of "X went/stood on trial": X is the
        one acted on; the object of "put X on trial"."""
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ == "on" and noun.lower_ == "trial" and prep.head.pos_ in ("VERB", "AUX"):
            verb = prep.head
            if verb.lower_ in TRIAL_PUTTING_VERBS:
                return next((c for c in verb.children if c.dep_ == "dobj"), None)
            return clause_subject(verb) if verb.lower_ in TRIAL_GOING_VERBS else None
        if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
            return None
        if prep.head.lower_ not in UNDER_VERBS:
            return None
        return clause_subject(prep.head)

    @staticmethod
    def _receiver(noun: Token) -> Token | None:
        """The subject of "X faced criticism", "X received $50m in grants", "X drew condemnation": X is acted on."""
        tok = noun
        if tok.dep_ == "pobj" and tok.head.head.i != tok.head.i and tok.head.head.lower_ in AMOUNT_WORDS:
            tok = tok.head.head  # "received $50 million in federal grants"
        if tok.dep_ != "dobj" or tok.head.lower_ not in RECEIVING_VERBS:
            return None
        return clause_subject(tok.head)

    @staticmethod
    def blamed_on(noun: Token) -> list[Token]:
        """Who an act is blamed on or claimed by: "the attack was blamed on a militia", "blamed the attack on a
        militia", "an attack officials blamed on a militia", "blamed the militia for the attack", "the militia
        claimed responsibility for the attack"."""
        verbs = [noun.head] if noun.dep_ in ("dobj", "nsubjpass") else []
        for tok in (noun, noun.head) if noun.dep_ == "compound" else (noun,):
            verbs += [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        out: list[Token] = []
        counted_by = counter(noun)  # "claimed responsibility for scores of attacks"
        prep = counted_by.head
        if counted_by.dep_ == "pobj" and prep.lower_ == "for" and prep.head.i != prep.i:
            gov = prep.head
            if gov.lower_ in BLAME_VERBS:  # "blamed the Taliban for the attack"
                out.extend(c for c in gov.children if c.dep_ in ("dobj", "nsubjpass"))
            elif gov.lower_ in ("responsibility", "credit") and gov.head.lower_ in CLAIM_VERBS:
                subject = clause_subject(gov.head)  # "the group claimed responsibility for the bombing"
                out.extend([subject] if subject is not None else [])
        if noun.dep_ == "dobj" and noun.head.lower_ in BLAME_VERBS:  # the parse hangs "on the Taliban" on the act
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
        for verb in verbs:
            if verb.lower_ not in BLAME_VERBS:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
                    out.extend(c for c in prep.children if c.dep_ == "pobj")
        return out

    def _between(self, noun: Token) -> list[ActorRef | None]:
        """The parties of "clashes between X and Y", in the text's order; a first party that names no one is kept
        as None, so that the second stays the recipient ("clashes between stone-throwing youths and police")."""
        # "talks between X and Y", or a participle's phrase: "the agreement, reached between X and Y"
        participles = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for prep in [*noun.children, *(c for p in participles for c in p.children)]:
            if prep.dep_ == "prep" and prep.lower_ in ("between", "among"):
                found: list[ActorRef | None] = []
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    pair = self.pair(pobj)  # "wars between the two countries"
                    if pair is not None:
                        return list(pair)
                    # "between presidents X and Y": the parse hangs Y on the apposition X
                    named = [c for c in pobj.children if c.dep_ == "appos"]
                    for tok in (pobj, *pobj.conjuncts, *(c for a in named for c in a.conjuncts)):
                        ref = self.resolve(tok)
                        if ref is None and not found:
                            found.append(None)
                        elif ref is not None and not any(same_actor(ref, f) for f in found):
                            found.append(ref)
                return found if any(found) else []
        return []

    def _light_verb(self, noun: Token, sequence: bool = False) -> Token | None:
        """The verb whose clause a noun event belongs to, for its subject: "Russia launched an attack",
        "On a visit …, Blinken said", "plans a trip to Berlin for talks"."""
        tok = counter(noun)
        if tok.dep_ in ("dobj", "attr", "oprd", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            # "condemned the attack": the one who judges an act is not the one who did it
            return None if tok.head.lower_ in RESPONSE_VERBS else tok.head
        preps = CLAUSE_PREPS + SEQUENCE_PREPS if sequence else CLAUSE_PREPS
        if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in preps:
            gov = tok.head.head
            if gov.pos_ in ("VERB", "AUX"):
                return gov
            if gov.dep_ in ("dobj",) and gov.head.pos_ in ("VERB", "AUX"):
                return gov.head  # "plans a trip to Berlin for talks": the trip's subject talks
        if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.dep_ == "dobj":
            verb = tok.head.head.head
            if verb.pos_ in ("VERB", "AUX") and tok.head.head.lower_ in ("trip", "visit", "journey"):
                return verb
        return None

    def _noun_recipient(self, noun: Token, actor: ActorRef | None, event_type: str) -> ActorRef | None:
        """The party a noun event is aimed at: for an accusation also what it is about ("charges by Kyiv about
        Moscow"), for a withdrawal what it leaves ("withdrawal from Afghanistan")."""
        preps: tuple[str, ...] = NOUN_RECIPIENT_PREPS + TOPIC_PREPS if event_type == "ACCUSE" else NOUN_RECIPIENT_PREPS
        if event_type == "RETREAT":
            preps += ("from",)
        pobjs = [
            pobj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in preps
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        # the party itself ("attack on Kyiv"), else whoever owns what it is aimed at ("demonstrations against
        # violations by the Israeli military"), never the one doing it ("the arrest of X by police")
        agents = {t.i for t in _agent_of_patient(noun)}
        for tok in self._with_owners(pobjs):
            ref = self.resolve(tok) if tok.i not in agents else None
            if ref is not None and not same_actor(ref, actor):
                return ref
        for clause in noun.children:
            if clause.dep_ in ("acl", "relcl", "advcl") and clause.pos_ in ("VERB", "AUX"):
                # "sanctions imposed on Pyongyang", "his call for Islamabad to cut ties"
                marked = any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
                subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS] if marked else []
                # "sanctions imposed on Pyongyang", "the sanctions it has imposed on Russia"
                objects = self._verb_objects(clause, True) if clause.tag_ == "VBN" else []
                if clause.tag_ == "VBG" and clause.dep_ == "acl":  # "attacks targeting Christians": whom they aim at
                    objects = self._verb_objects(clause, False)
                by = _agent(clause)  # "sanctions imposed by the EU on Belarus": the parse hangs "on" on the EU
                objects += [
                    g
                    for p in (by.children if by is not None and clause.tag_ == "VBN" else ())
                    if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                for tok in [*subjects, *objects]:
                    ref = self.resolve(tok)
                    if ref is not None and not same_actor(ref, actor):
                        return ref
        for clause in noun.children:  # "a hunger strike to protest against Sweden's decision"
            if clause.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                for tok in self._with_owners(self._verb_objects(clause, False)):
                    ref = self.resolve(tok)
                    if ref is not None and ref.code and not same_actor(ref, actor):
                        return ref
        for clause in noun.children:  # "insistence that the US ban …", "demands for Russia to de-escalate"
            if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or clause.dep_ == "acl":
                    # "allegations that Pakistanis have been trained to …": a passive subject too
                    subj = next((c for c in clause.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
                    ref = self.resolve(subj)
                    if ref is not None and not same_actor(ref, actor):
                        return ref
        return None


def _objects_of(verb: Token) -> list[Token]:
    """A verb's direct object and what that object only measures ("gave $5m of aid": $5m, and the aid)."""
    out: list[Token] = []
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")):
        out.extend(t for t in obj.subtree if t.i == obj.i or t.dep_ == "pobj" and t.head.head.i == obj.i)
    return out


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase ("was carried out by militants" → militants)."""
    return next((c for a in verb.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"), None)


def _fought_with(verb: Token) -> list[Token]:
    """Who the one acted on fought, in the fight an agentless passive happened in: "was killed in clashes with
    police", "were wounded during a confrontation with soldiers"."""
    return [
        c
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "amid")
        for noun in prep.children
        if noun.dep_ == "pobj"
        for w in noun.children
        if w.dep_ == "prep" and w.lower_ == "with"
        for c in w.children
        if c.dep_ == "pobj"
    ]


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children)


def _that_subjects(noun: Token) -> list[Token]:
    """The subjects of a noun's that-clause: "concern that Kenya had …", "comments that Ruto was unfit"."""
    return [
        s
        for clause in noun.children
        if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        for s in clause.children
        if s.dep_ in NOMINAL_SUBJECT_DEPS
    ]


def _is_reciprocal(tok: Token) -> bool:
    """ "each other", "one another" (the parse heads them on either word)."""
    if tok.lower_ in ("other", "another"):
        return any(c.lower_ in ("each", "one") for c in tok.lefts)
    return tok.lower_ in ("each", "one") and any(c.lower_ in ("other", "another") for c in tok.rights)


def _reciprocal(verb: Token) -> bool:
    """Whether a verb's object is "each other" or "one another", directly or through a preposition ("accused each
    other", "fired at one another")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(_is_reciprocal(o) or _the_other(o) for o in objects)


def _the_other(tok: Token) -> bool:
    """A bare "the other" ("both sides blamed the other"): the partner of a two-party subject."""
    return tok.lower_ == "other" and [c.lower_ for c in tok.children] == ["the"]


def _agent_of_patient(noun: Token) -> list[Token]:
    """The "by" phrase the parse hangs on a noun event's "of" object: "the arrest of the editor by police", "the
    killing of a commander, Wani, by government forces" (the one acted on is named first, the one acting after)."""
    out: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for tok in (pobj, *(c for c in pobj.children if c.dep_ == "appos")):
                out.extend(
                    c
                    for by in tok.children
                    if by.dep_ in ("prep", "agent") and by.lower_ == "by"
                    for c in by.children
                    if c.dep_ == "pobj"
                )
    prep = noun.head
    if out or noun.dep_ != "pobj" or prep.head.i == prep.i or prep.head.pos_ != "VERB":
        return out
    verb = prep.head  # "protested over the killing of X by police": the parse may hang "by" on the active verb
    if any(c.dep_ in ("auxpass", "agent") for c in verb.children):
        return out
    for by in verb.children:
        if by.dep_ == "prep" and by.lower_ == "by" and by.i > noun.i and _has_of(noun):
            out.extend(c for c in by.children if c.dep_ == "pobj")
    return out


def _has_of(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _attribution(tok: Token, trigger: Token) -> bool:
    """Whether a token names the source of a report about the trigger's event: "according to Pentagon officials",
    "officials in Nairobi said" (not the speaker of a speech event itself: "Cairo's security chief warned …")."""
    cur = tok
    for _ in range(8):
        if cur.lower_ == "according":
            return True
        if cur.dep_ in SUBJECT_DEPS and cur.head.i != trigger.i and cue_data().lemma(cur.head) is not None:
            return any(c.dep_ == "ccomp" for c in cur.head.children) or cur.head.dep_ == "ROOT"
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _shares_passive(verb: Token) -> bool:
    """A participle conjoined to a passive verb is passive too ("were killed or wounded")."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.head.children)
    )


def _purpose(clause: Token) -> bool:
    """An infinitive saying what an act is for ("began a strike to protest …")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _when_subjects(verb: Token) -> list[Token]:
    """Subjects of the when/as clauses hanging on ``verb`` ("were killed when police stormed the camps")."""
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.lower_ in ("when", "as") for c in clause.children if c.i < clause.i):
            out.extend(c for c in clause.children if c.dep_ in SUBJECT_DEPS)
    return out


def _condition_subjects(verb: Token) -> list[Token]:
    """Subjects of the if/unless clauses hanging on ``verb`` ("unless Baghdad accepted …")."""
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children):
            out.extend(c for c in clause.children if c.dep_ in SUBJECT_DEPS)
    return out


def antecedent(tok: Token) -> Token:
    """What a relative pronoun stands for: "the movement, which the government accuses" → the movement; any other
    token is itself."""
    if tok.tag_ not in ("WP", "WDT") or tok.lower_ not in RELATIVE_PRONOUNS:
        return tok
    clause = tok.head
    for _ in range(3):  # "who as a young man was wounded", "whom police say they arrested"
        if clause.dep_ == "relcl" and clause.head.i != clause.i:
            return clause.head
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return tok


def reduced_passive(verb: Token) -> Token | None:
    """The one acted on by a participle with no subject or auxiliary of its own, which is passive: "the man accused
    of staging" (the noun it qualifies), "If convicted, Rajab could …" (the subject of the clause it hangs on)."""
    if verb.tag_ != "VBN" or verb.head.i == verb.i:
        return None
    if any(c.dep_ in (*SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS, "aux", "auxpass") for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ == "advcl" and verb.i < verb.head.i and verb.head.pos_ in ("VERB", "AUX"):
        return clause_subject(verb.head)
    if verb.dep_ in ("xcomp", "oprd") and any(c.dep_ == "auxpass" for c in verb.head.children):
        # "was found shot dead", "were reported killed": the one found or reported is the one acted on
        return next((c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    return None


def _inherited_patient(verb: Token) -> Token | None:
    """The one acted on by a passive verb with no subject of its own: the subject of the clause it hangs on ("was
    executed after being convicted", "was freed on bail after being arrested")."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    return clause_subject(verb)


def counted(tok: Token) -> Token:
    """What a counting word counts: "a number of troops" → troops, "thousands of protesters" → protesters,
    "leaders of the opposition coalition" → the coalition."""
    if tok.lower_ in COUNTING_NOUNS or tok.lower_ in MEMBER_NOUNS or tok.pos_ == "NUM":
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return tok


def counter(noun: Token) -> Token:
    """What only counts or measures a noun, which stands in its place in the clause: "a series of talks" → series,
    "$200m in aid" → $200m, "scores of attacks" → scores; any other noun is itself."""
    tok = noun
    for _ in range(3):
        head = tok.head
        if tok.dep_ == "pobj" and head.head.i != head.i and head.head.lower_ in COUNTING_NOUNS | AMOUNT_WORDS:
            tok = head.head
        elif tok.dep_ == "pobj" and head.head.pos_ == "NUM":
            tok = head.head
        else:
            break
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
                return _predicated(tok.head)
            if nearest.lower_ in ("that", "which") and tok.dep_ == "relcl":
                return _predicated(tok.head)
            return nearest
        passive = next((c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if passive is not None and tok.i != verb.i:
            return passive
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            if tok.tag_ == "VBG":
                return tok.head  # "a militant group fighting Indian rule": the group fights
            if tok.tag_ == "VBN":  # a passive participle: "the man accused of staging" → the man stages
                return None if tok.i == verb.i else tok.head
        if tok.i != verb.i and (patient := reduced_passive(tok)) is not None:
            return patient  # "If convicted of plotting, X …": X plotted
        if tok.dep_ == "xcomp":
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj  # object control: "urged Russia to withdraw"
        if tok.dep_ in ("pcomp", "pobj") and tok.head.dep_ == "prep" and tok.head.lower_ in CONTROL_PREPS:
            obj = next((c for c in tok.head.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and tok.head.head.pos_ == "VERB":
                return obj  # "accused Russia of planning", "thanked Blinken for helping"
        if tok.dep_ == "relcl" and tok.i == verb.i:
            return None  # "something that Moscow has refused": the subject, if any, was found above
        if tok.dep_ not in INHERIT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _predicated(noun: Token) -> Token:
    """Who a predicate noun is said of: "Hunter is a former Marine who visited …" → Hunter (the one who visited);
    any other noun is itself."""
    copula = noun.head
    if noun.dep_ != "attr" or copula.i == noun.i:
        return noun
    subject = next((c for c in copula.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
    return subject if subject is not None else noun


def own_forces(ref: ActorRef, actor: ActorRef | None) -> bool:
    """A state's own forces or police ("Russia withdrew its troops") are its means, not its recipient; the army
    of the country an opposition, rebels or civilians act against is theirs to act on ("the Brotherhood accuses
    the army")."""
    if actor is None or actor.sector not in STATE_SECTORS:
        return False
    return ref.sector in ("MIL", "COP") and ref.code is not None and ref.code == actor.code


def _start(ref: ActorRef | None) -> int:
    return ref.start if ref is not None else -1


def _same_party(a: ActorRef, b: ActorRef) -> bool:
    """Two references that code the same party (same code and sector)."""
    return a.code is not None and a.code == b.code and a.sector == b.sector


def same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Two references to one actor (same actor id, or same start), so it is not its own recipient."""
    if a is None or b is None:
        return False
    if a.actor_id is not None and a.actor_id == b.actor_id:
        return True
    return a.start == b.start and a.end == b.end


def _channel(prep: Token, pobj: Token) -> bool:
    """ "on television", "on social media": the channel something was said on, never the party it was aimed at
    ("cracked down on the media" keeps its media)."""
    if prep.lower_ != "on":
        return False
    return pobj.lower_ in CHANNELS or (pobj.lower_ == "media" and any(c.lower_ == "social" for c in pobj.children))


__all__ = ["ArgumentFinder", "Args", "clause_subject", "counted", "same_actor"]
