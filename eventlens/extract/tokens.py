"""Phrases as the pipeline's tokenizer splits them, remembered on disk across runs (#15).

Tokenizing a phrase makes a lexeme for each word the vocabulary has not seen, and spaCy computes a dozen attributes
of each in Python: the actor dictionary's few thousand phrases with punctuation or capitals cost every cold start a
tenth of a second or more, for the same tokens each time. The hash ids a phrase matcher needs follow from the token
texts alone (``ORTH`` is the text's hash, ``LOWER`` its lower case's), so the texts are what is kept.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

from ..resources import fingerprint, read_json, store_json


class CachedTokens:
    """Token texts of phrases for one pipeline's tokenizer (model and spaCy version in the cache key).

    Read once when made; :meth:`save` stores the phrases this run used when it had to tokenize any (or used fewer):
    the file follows the data without being keyed by it.
    """

    def __init__(self, nlp: Language, name: str, cache_dir: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.cache_dir = cache_dir
        self.key = fingerprint(str(nlp.meta.get("name")), str(nlp.meta.get("version")), spacy.about.__version__)
        stored = read_json(name, self.key, cache_dir=cache_dir)
        self._stored: dict[str, list[str]] = stored if isinstance(stored, dict) else {}
        self._used: dict[str, list[str]] = {}
        self._new = False

    def words(self, text: str) -> list[str]:
        """The token texts of ``text``."""
        words = self._used.get(text)
        if words is None:
            words = self._stored.get(text)
            if not isinstance(words, list):
                tokenizer: Any = self.nlp.tokenizer
                words = [t.text for t in tokenizer(text)]
                self._new = True
            self._used[text] = words
        return words

    def orth_ids(self, text: str) -> list[int]:
        """The ``ORTH`` ids of ``text``'s tokens (what ``nlp.make_doc(text)``'s tokens hold)."""
        strings = self.nlp.vocab.strings
        return [strings.add(w) for w in self.words(text)]

    def lower_ids(self, text: str) -> list[int]:
        """The ``LOWER`` ids of ``text``'s tokens."""
        strings = self.nlp.vocab.strings
        return [strings.add(w.lower()) for w in self.words(text)]

    def save(self) -> None:
        """Store what this run used, if it differs from what was read."""
        if self._new or len(self._used) != len(self._stored):
            store_json(self.name, self.key, self._used, cache_dir=self.cache_dir)
        self._stored, self._new = dict(self._used), False
