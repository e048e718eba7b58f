"""Dependency labels and closed word lists that more than one stage reads.

Stage-specific sets stay with their stage (``events.arguments.RECIPIENT_PREPS``, ``actors.find.METONYM_DEPS``...);
what several stages mean the same way lives here once, so that no stage imports another's internals to share it.
Labels are spaCy's English (ClearNLP) dependency labels.
"""

from __future__ import annotations

#: Pronouns that refer to a person.
PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
#: Pronouns that refer to a state, organisation or group.
THING_PRONOUNS = frozenset("it its itself they them their theirs themselves".split())
#: Every pronoun that can stand for an actor.
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS
#: Possessive endings as the tokenizer splits them off ("Russia's" → "Russia" "'s").
POSSESSIVE = ("'s", "’s", "'", "’")

#: A nominal subject, active or passive ("Russia attacked", "Kyiv was attacked").
NOMINAL_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: The subject of an active clause, nominal or clausal.
SUBJECT_DEPS = ("nsubj", "csubj")
#: The subject of a passive clause, nominal or clausal.
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")

__all__ = [
    "NOMINAL_SUBJECT_DEPS",
    "PASSIVE_SUBJECT_DEPS",
    "PERSON_PRONOUNS",
    "POSSESSIVE",
    "PRONOUNS",
    "SUBJECT_DEPS",
    "THING_PRONOUNS",
]
