"""The event lexicon: verbs, nouns and predicates → PLOVER type and mode, read from YAML once per component.

The bundled lexicon is ``eventlens/data/lexicon/events.yaml`` (its header documents the format); users add their own
files of the same shape. Loading turns the entries into lookup tables keyed by the word form as it appears in text
(the pipeline runs no lemmatizer), so finding candidate triggers is one dictionary look-up per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...errors import ConfigError
from ...record import PLOVER_TYPES, QUADS
from ...resources import data_path, load_yaml

LEXICON_FILE = data_path("lexicon", "events.yaml")
VOWELS = frozenset("aeiou")
#: The type of an entry that says a word, used so, is no event ("release ~report", "campaign rally").
NOT_EVENT = "NONE"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: what makes the event (lemma, particles, objects or modifiers) and what it is."""

    key: str
    lemma: str
    type: str
    mode: str | None
    quad: str
    words: tuple[str, ...] = ()  # particles/prepositions (verbs) or modifiers before the noun (nouns)
    objects: frozenset[str] = frozenset()  # allowed object nouns (verbs only); empty: any object
    symmetric: bool = False
    confirm: bool = False  # only a candidate: an event when the trained classifier says so, never on the word alone
    subjects: frozenset[str] = frozenset()  # allowed subject nouns (verbs only); empty: any subject
    intransitive: bool = (
        False  # fits only a verb with no direct object or clause ("demonstrated" vs "demonstrated that")
    )

    @property
    def is_event(self) -> bool:
        """False for an entry that says the word, used so, is no event ("release ~report": NONE)."""
        return self.type != NOT_EVENT

    @property
    def specificity(self) -> int:
        """How much an entry asks of its context: the most specific fitting entry wins."""
        return len(self.words) + (1 if self.objects else 0) + (1 if self.subjects else 0)


@dataclass
class Cues:
    """Factuality cue words (the ``factuality`` section of the lexicon)."""

    negators: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    hypothetical_verbs: frozenset[str] = frozenset()
    hypothetical_nouns: frozenset[str] = frozenset()
    hypothetical_modals: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    future_modals: frozenset[str] = frozenset()
    future_verbs: frozenset[str] = frozenset()
    future_nouns: frozenset[str] = frozenset()


@dataclass
class NotEvents:
    """Words that make any candidate no event (the ``not_events`` section of the lexicon)."""

    #: subjects that are no political actor: "markets shot up", "stocks were retreating"
    subjects: frozenset[str] = frozenset()
    #: adverbs of a generic or habitual statement: "donors typically provide"
    habitual: frozenset[str] = frozenset()
    #: words of disposition whose complement is no event: "those inclined to support her"
    dispositions: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    """Lookup tables built from one or more lexicon files."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)  # verb form → entries
    nouns: dict[str, list[Entry]] = field(default_factory=dict)  # noun form → entries
    predicates: dict[str, Entry] = field(default_factory=dict)  # predicate word → entry
    reproaches: dict[str, Entry] = field(default_factory=dict)  # word of reproach (in reported speech) → entry
    cues: Cues = field(default_factory=Cues)
    not_events: NotEvents = field(default_factory=NotEvents)
    verb_lemma: dict[str, str] = field(default_factory=dict)  # any generated verb form → its lemma
    quads: dict[str, str] = field(default_factory=dict)

    def lemma(self, form: str) -> str:
        """The verb lemma of a word form, when the lexicon generated that form ("held" → "hold")."""
        return self.verb_lemma.get(form.lower(), form.lower())

    def retyped(self, entry: Entry, type_: str, form: str) -> Entry:
        """``entry`` given another type (the classifier's): the mode and symmetry of an entry of the same word with
        that type, if the lexicon has one ("strike" the noun is PROTEST/strike, the verb ASSAULT), else no mode."""
        if type_ == entry.type and not entry.confirm:
            return entry
        tables = (self.verbs, self.nouns)
        same = [e for table in tables for e in table.get(form.lower(), ()) if e.type == type_ and not e.confirm]
        like = min(same, key=lambda e: e.specificity, default=None)
        mode = entry.mode if type_ == entry.type else like.mode if like is not None else None
        symmetric = entry.symmetric if type_ == entry.type else like.symmetric if like is not None else False
        return Entry(
            entry.key, entry.lemma, type_, mode, self.quads.get(type_, ""), entry.words, entry.objects, symmetric
        )


def load_lexicon(extra_files: Iterable[str] = ()) -> Lexicon:
    """The bundled lexicon with the user's files applied in order.

    Raises:
        ConfigError: a file cannot be read, or an entry names an unknown type.
    """
    raw = _read(LEXICON_FILE)
    for path in extra_files:
        _merge(raw, _read(Path(path)))
    return _build(raw)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"cannot read event lexicon {path}: {e}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"event lexicon {path} is not a mapping of sections (verbs, nouns, ...)")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """Apply a user file: mappings merge key by key (``null`` removes a key), lists of cue words are extended."""
    for section, value in extra.items():
        if isinstance(value, dict):
            target = base.setdefault(section, {})
            for key, item in value.items():
                if isinstance(item, list) and isinstance(target.get(key), list):
                    target[key] = list(target[key]) + item
                elif item is None:
                    target.pop(key, None)
                else:
                    target[key] = item
        else:
            base[section] = value


def _build(raw: dict[str, Any]) -> Lexicon:
    lex = Lexicon(quads={str(k): str(v) for k, v in (raw.get("quads") or {}).items()})
    for quad in lex.quads.values():
        if quad not in QUADS:
            raise ConfigError(f"event lexicon: unknown quad class {quad!r}")
    irregular = {str(k): [str(f) for f in v] for k, v in (raw.get("irregular") or {}).items()}
    for key, value in (raw.get("verbs") or {}).items():
        entry = _entry(lex, str(key), value, verb=True)
        for form in verb_forms(entry.lemma, irregular.get(entry.lemma, [])):
            lex.verbs.setdefault(form, []).append(entry)
            lex.verb_lemma.setdefault(form, entry.lemma)
    for key, value in (raw.get("nouns") or {}).items():
        entry = _entry(lex, str(key), value, verb=False)
        for form in noun_forms(entry.lemma):
            lex.nouns.setdefault(form, []).append(entry)
    for key, value in (raw.get("predicates") or {}).items():
        # keyed by the predicate word; words before it must negate it ("not true": a denial)
        entry = _entry(lex, str(key), value, verb=False)
        lex.predicates[entry.lemma] = entry
    for key, value in (raw.get("reproaches") or {}).items():
        entry = _entry(lex, str(key), value, verb=False)
        lex.reproaches[entry.lemma] = entry
    lex.cues = _cues(raw.get("factuality") or {}, irregular)
    not_events = raw.get("not_events") or {}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in not_events.get(name) or [])

    lex.not_events = NotEvents(words("subjects"), words("habitual"), words("dispositions"))
    return lex


def _entry(lex: Lexicon, key: str, value: Any, *, verb: bool) -> Entry:
    if isinstance(value, str):
        type_, _, mode = value.partition("/")
        spec: dict[str, Any] = {"type": type_, "mode": mode or None}
    elif isinstance(value, dict):
        spec = value
    else:
        raise ConfigError(f'event lexicon: entry {key!r} needs a type ("TYPE", "TYPE/mode" or a mapping)')
    type_ = str(spec.get("type", "")).strip().upper()
    if type_ not in PLOVER_TYPES and type_ != NOT_EVENT:
        raise ConfigError(f"event lexicon: entry {key!r} has unknown PLOVER type {type_!r}")
    parts = key.split()
    # object and subject nouns are matched lower-cased; an upper-case one is an entity type ("~PERSON")
    objects = frozenset(_norm(o) for p in parts if p.startswith("~") for o in p[1:].split(",") if o)
    subjects = frozenset(_norm(o) for p in parts if p.startswith("^") for o in p[1:].split(",") if o)
    words = [p.lower() for p in parts if not p.startswith(("~", "^"))]
    if verb:
        lemma, rest = words[0], tuple(words[1:])
    else:
        lemma, rest = words[-1], tuple(words[:-1])
    return Entry(
        key=key,
        lemma=lemma,
        type=type_,
        mode=(str(spec["mode"]) if spec.get("mode") else None),
        quad=lex.quads.get(type_, ""),
        words=rest,
        objects=objects,
        symmetric=bool(spec.get("symmetric", False)),
        confirm=bool(spec.get("confirm", False)),
        subjects=subjects,
        intransitive=bool(spec.get("intransitive", False)),
    )


def _norm(word: str) -> str:
    """Object and subject words are matched lower-cased, entity types (all capitals: "PERSON") as written."""
    return word if word.isupper() and word.isalpha() else word.lower()


def _cues(raw: dict[str, Any], irregular: dict[str, list[str]]) -> Cues:
    def words(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(name) or [])

    def verbs(name: str) -> frozenset[str]:
        # every form of each cue verb, as text carries them ("feared", "prevents"); multi-word cues ("rule out")
        # are matched on their verb
        lemmas = {str(w).lower().split()[0] for w in raw.get(name) or []}
        return frozenset(f for lemma in lemmas for f in verb_forms(lemma, irregular.get(lemma, [])))

    return Cues(
        negators=words("negators"),
        negating_verbs=verbs("negating_verbs"),
        hypothetical_verbs=verbs("hypothetical_verbs"),
        hypothetical_nouns=words("hypothetical_nouns"),
        hypothetical_modals=words("hypothetical_modals"),
        conditional_marks=words("conditional_marks"),
        future_modals=words("future_modals"),
        future_verbs=verbs("future_verbs"),
        future_nouns=words("future_nouns"),
    )


def verb_forms(lemma: str, irregular: Iterable[str] = ()) -> set[str]:
    """The forms of a verb: lemma, -s, -ed, -ing (regular spelling rules) and its irregular forms.

    >>> sorted(verb_forms("seize"))
    ['seize', 'seized', 'seizes', 'seizing']
    """
    forms = {lemma, *irregular}
    if lemma.endswith("e"):
        # "seize" → "seizing", but "agree" → "agreeing"
        ing = lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1] + "ing"
        forms |= {lemma + "s", lemma + "d", ing}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if _doubles(lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _doubles(lemma: str) -> bool:
    """Verbs ending consonant-vowel-consonant may double their last letter ("ban" → "banned", "expel" →
    "expelled", "cancel" → "cancelled"). Longer ones only do when stressed at the end, which spelling does not
    show, so both forms are generated: a form that never occurs ("visitted") costs nothing."""
    if len(lemma) < 3 or lemma[-1] in VOWELS or lemma[-1] in "wxy":
        return False
    return lemma[-2] in VOWELS and lemma[-3] not in VOWELS


def noun_forms(noun: str) -> set[str]:
    """A noun and its plural ("talks" stays "talks"; "threat" → "threats"; "ally" → "allies")."""
    if noun.endswith("s"):
        return {noun}
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in VOWELS:
        return {noun, noun[:-1] + "ies"}
    if noun.endswith(("x", "z", "ch", "sh")):
        return {noun, noun + "es"}
    return {noun, noun + "s"}


__all__ = [
    "Cues",
    "Entry",
    "Lexicon",
    "LEXICON_FILE",
    "NOT_EVENT",
    "NotEvents",
    "load_lexicon",
    "noun_forms",
    "verb_forms",
]
