"""What later stages read from the actors stage: tokens turned into :class:`~eventlens.record.ActorRef` s.

The component leaves its working state in ``doc._.el_actor_*`` (:func:`remember`); only the functions of this
module read it. Events and quotes call :func:`actor_ref_for_token` and :func:`actor_ref_for_span`; events also ask
which states a sentence mentions (:func:`state_mentions`) and whether an actor is an unnamed group
(:func:`is_unnamed_group`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...record import Actor, ActorRef
from ..syntax import PERSON_PRONOUNS, THING_PRONOUNS
from .coreference import country_counts, dominant
from .dictionary import ActorDictionary
from .find import Hit, phrase_head

_EXTENSIONS = (
    "el_actor_hits",
    "el_actor_tokens",
    "el_actor_ids",
    "el_actor_by_id",
    "el_actor_dictionary",
    "el_actor_coref",
)
for _name in _EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def remember(
    doc: Doc,
    hits: list[Hit],
    ids: dict[tuple[str | None, ...], str],
    actors: dict[str, Actor],
    dictionary: ActorDictionary,
) -> None:
    """Leave the component's working state on ``doc`` for the functions below (``doc._.el_actor_*``)."""
    tokens = [-1] * len(doc)
    for index in sorted(range(len(hits)), key=lambda k: -(hits[k].end - hits[k].start)):
        for i in range(hits[index].start, hits[index].end):
            tokens[i] = index  # the innermost hit wins ("Biden" inside "The Biden administration")
    doc._.el_actor_hits = hits
    doc._.el_actor_tokens = tokens
    doc._.el_actor_ids = ids
    doc._.el_actor_by_id = actors
    doc._.el_actor_dictionary = dictionary


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
    """The actor a pronoun stands for, as the coreference pass linked it (:mod:`.coreference`)."""
    links: dict[int, int] = doc._.el_actor_coref or {}
    index = links.get(token.i)
    if index is None:
        return None
    hit: Hit = doc._.el_actor_hits[index]
    return _ref(doc, hit, token.i, token.i + 1)


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


def state_mentions(doc: Doc) -> list[tuple[int, str]]:
    """``(first token, state code)`` of every stretch the stage resolved to a state or a part of one, in order.

    Weak hits count too: a capital named as a place, a person's nationality ("the Iraqi president").
    """
    hits: list[Hit] = doc._.el_actor_hits or []
    return [(hit.start, str(hit.key[1])) for hit in hits if hit.key[0] == "S" and hit.key[1]]


def article_country(doc: Doc) -> str | None:
    """The state the article is plainly about (named in most of its state and place mentions, well ahead of any
    other), or None: what an unnamed local group ("police", "protesters") belongs to when nothing nearer says."""
    hits: list[Hit] = doc._.el_actor_hits or []
    counts = country_counts(hits)
    for place in doc._.places or ():
        if place.country and len(place.country) == 3:
            counts[place.country] += 1
    return dominant(counts)


def is_unnamed_group(doc: Doc, actor_id: str) -> bool:
    """Whether the actor ``actor_id`` is a group named only by a sector word ("students", "police"), not a state,
    a part of one, an organisation or a person."""
    ids: dict[tuple[str | None, ...], str] = doc._.el_actor_ids or {}
    return any(key[0] == "G" for key, value in ids.items() if value == actor_id)


#: Sectors of a state's own bodies: an organisation the dictionary does not know that is named as one of these
#: ("the Home Affairs Ministry", "the Congressional Hispanic Caucus") belongs to the country it acts in.
STATE_BODY_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})


def is_domestic_body(doc: Doc, actor_id: str) -> bool:
    """Whether the actor ``actor_id`` is an organisation the dictionary does not know, named as a state's body
    (a ministry, a court, a caucus), whose country is the one it acts in."""
    ids: dict[tuple[str | None, ...], str] = doc._.el_actor_ids or {}
    actor = actor_by_id(doc, actor_id)
    if actor is None or actor.sector not in STATE_BODY_SECTORS:
        return False
    return any(key[0] == "U" for key, value in ids.items() if value == actor_id)


def is_unknown_organisation(doc: Doc, actor_id: str) -> bool:
    """Whether the actor ``actor_id`` is an organisation named in the text that the dictionary does not know."""
    ids: dict[tuple[str | None, ...], str] = doc._.el_actor_ids or {}
    return any(key[0] == "U" for key, value in ids.items() if value == actor_id)


__all__ = [
    "actor_by_id",
    "actor_ref_for_span",
    "actor_ref_for_token",
    "article_country",
    "is_domestic_body",
    "is_unknown_organisation",
    "is_unnamed_group",
    "remember",
    "state_mentions",
]
