"""A cold start reads what it built once from the cache (#15): the same answers as building it again.

Timings are measured by ``eventlens bench`` (its cold-start figure) and scripts/bench_startup.py, never here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from eventlens.extract.places import NameIndex
from eventlens.resources import cached_file, cached_json

NAMES = ["new york", "new york city", "york", "côte d'ivoire", "washington", "washington , d.c.", "st. louis", "u.s."]
TEXTS = [
    "NEW YORK — Officials in New York City and in York met in Washington, D.C. on Monday.",
    "The U.S. envoy left Côte d'Ivoire for St. Louis; new york and washington were not told.",
    "Nothing here names a place at all.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_name_index_finds_what_a_lower_case_phrase_matcher_finds(text: str) -> None:
    nlp = spacy.blank("en")
    words = [[t.text for t in nlp.make_doc(name)] for name in NAMES]
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PLACE", [Doc(nlp.vocab, words=w) for w in words])
    doc = nlp.make_doc(text)
    assert NameIndex.of(words).find(doc) == [(start, end) for _, start, end in matcher(doc)]


def test_cached_file_is_written_once_and_replaces_older_versions(tmp_path: Path) -> None:
    calls: list[str] = []

    def write(key: str) -> object:
        return lambda f: (calls.append(key), f.write(key.encode()))

    first = cached_file("model", "a1", ".bin", write("a1"), cache_dir=tmp_path)
    again = cached_file("model", "a1", ".bin", write("a1"), cache_dir=tmp_path)
    assert first == again and first is not None and first.read_bytes() == b"a1" and calls == ["a1"]
    newer = cached_file("model", "b2", ".bin", write("b2"), cache_dir=tmp_path)  # the data changed
    assert newer is not None and not first.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model-b2.bin"]  # no temporary file left either


def test_cached_file_is_none_when_caching_is_off_or_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTLENS_CACHE_DIR", "off")
    assert cached_file("model", "a1", ".bin", lambda f: f.write(b"x")) is None

    def broken(f: io.BufferedWriter) -> None:
        raise OSError("disk full")

    assert cached_file("model", "a1", ".bin", broken, cache_dir=tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_cached_json_builds_once(tmp_path: Path) -> None:
    builds: list[int] = []
    for _ in range(2):
        assert cached_json("index", "k", lambda: builds.append(1) or {"a": [1, 2]}, cache_dir=tmp_path) == {"a": [1, 2]}
    assert builds == [1]


def test_language_model_read_from_the_cache_ranks_as_the_shipped_one(tmp_path: Path) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from eventlens.ingest.text import _from_cached_arrays

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    first = _from_cached_arrays(LanguageIdentifier, MODEL_DIR / MODEL_FILE, str(tmp_path))  # decompresses it once
    assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    later = _from_cached_arrays(LanguageIdentifier, MODEL_DIR / MODEL_FILE, str(tmp_path))  # reads the cache
    for text in ["Talks between the two governments resumed on Tuesday.", "Les négociations ont repris mardi.", "?"]:
        assert first.rank(text) == later.rank(text) == shipped.rank(text)


def test_cached_tokens_give_the_ids_a_tokenized_phrase_holds(tmp_path: Path) -> None:
    from eventlens.extract.tokens import CachedTokens

    nlp = spacy.blank("en")
    phrases = ["U.S. Secretary of State", "al-Shabaab", "Côte d'Ivoire's army", "don't"]
    tokens = CachedTokens(nlp, "test-tokens", str(tmp_path))
    for text in phrases:
        doc = nlp.make_doc(text)
        assert tokens.orth_ids(text) == [t.orth for t in doc]
        assert tokens.lower_ids(text) == [t.lower for t in doc]
    tokens.save()
    later = CachedTokens(nlp, "test-tokens", str(tmp_path))
    nlp.tokenizer = None  # a later run reads the phrases it saw from the cache, without tokenizing them again
    assert [later.words(p) for p in phrases] == [tokens.words(p) for p in phrases]
