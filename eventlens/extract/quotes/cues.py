"""The speech cue vocabulary (``data/quotes/cues.yaml``): which verbs report speech, and how.

Quotes are attributed through these verbs; the events stage reads them too (:func:`cue_data`, public), to tell a
reported event from the report ("officials said", "according to").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ...resources import data_path, load_yaml

CUES_FILE = data_path("quotes", "cues.yaml")


@dataclass(frozen=True)
class CueData:
    """Speech cue verbs: form → lemma, lemma → how it carries indirect speech."""

    lemma_of: dict[str, str]
    content: dict[str, tuple[str, ...]]
    person_pronouns: frozenset[str]

    def lemma(self, tok: Token) -> str | None:
        """The cue lemma of a verb token ("said" → "say"), or None when it is not a speech cue."""
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
            return None
        return self.lemma_of.get(tok.lower_)


@lru_cache(maxsize=1)
def cue_data() -> CueData:
    """The shipped cue vocabulary, loaded once per process."""
    raw: dict[str, Any] = load_yaml(CUES_FILE)
    lemma_of: dict[str, str] = {}
    content: dict[str, tuple[str, ...]] = {}
    for lemma, spec in raw["verbs"].items():
        for form in spec["forms"]:
            lemma_of[str(form)] = str(lemma)
        content[str(lemma)] = tuple(str(c) for c in spec.get("content", ["none"]))
    return CueData(lemma_of, content, frozenset(raw.get("person_pronouns", [])))


__all__ = ["CUES_FILE", "CueData", "cue_data"]
