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


def test_stale_files_are_the_same_cache_under_other_keys_or_former_names(tmp_path: Path) -> None:
    from eventlens.resources import stale_files

    kept = ["phoenix-extra-0a1b.json", "phoenix-notes.json", "place-names-0a1b.jsonl", "notes.txt", "geonames-x.json"]
    stale = ["geonames-0a1b2c.jsonl", "gazetteer-9f9f.json", "place-patterns-77.json"]
    for name in kept + stale + ["place-names-ffee.json"]:
        (tmp_path / name).write_bytes(b"{}")
    found = stale_files(tmp_path / "geonames-abcdef.jsonl") + stale_files(tmp_path / "place-names-1234.json")
    assert sorted(p.name for p in found) == sorted([*stale, "place-names-ffee.json"])


def test_writing_a_newer_key_removes_older_files_of_that_cache_only(tmp_path: Path) -> None:
    (tmp_path / "gazetteer-9194966ac34d.json").write_text("{}", encoding="utf-8")  # format 1 of the gazetteer
    (tmp_path / "place-patterns-bfa641b0.json").write_text("{}", encoding="utf-8")  # the name index's format 1
    (tmp_path / "phoenix-0123.json").write_text("{}", encoding="utf-8")
    (tmp_path / "mine.json").write_text("{}", encoding="utf-8")  # not eventlens's: never touched
    cached_file("geonames", "b774de", ".jsonl", lambda f: f.write(b"{}\n"), cache_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "geonames-b774de.jsonl",
        "mine.json",
        "phoenix-0123.json",
        "place-patterns-bfa641b0.json",
    ]
    cached_json("place-names", "8629", dict, cache_dir=tmp_path)
    assert "place-patterns-bfa641b0.json" not in {p.name for p in tmp_path.iterdir()}


def test_the_cache_dir_setting_decides_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventlens.resources import cache_folder

    monkeypatch.delenv("EVENTLENS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "eventlens"
    assert cache_folder(tmp_path / "mine") == tmp_path / "mine"
    monkeypatch.setenv("EVENTLENS_CACHE_DIR", str(tmp_path / "env"))
    assert cache_folder() == tmp_path / "env"
    assert cache_folder(str(tmp_path / "mine")) == tmp_path / "mine"  # the setting wins over the variable
    assert cache_folder("off") is None
    assert cache_folder("") == tmp_path / "env"  # an empty setting is no setting


@pytest.mark.slow
def test_a_run_with_a_cache_dir_writes_every_cache_there_and_nowhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventlens.config import Settings
    from eventlens.extract import Extractor
    from eventlens.extract.actors import dictionary
    from eventlens.extract.places import _gazetteer
    from eventlens.ingest import text
    from eventlens.record import Article

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # a write to ~/.cache would land here
    monkeypatch.delenv("EVENTLENS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for loaded in (dictionary.load_dictionary, _gazetteer, text._identifier):  # loaded once per process
        loaded.cache_clear()
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    try:
        record = Extractor(settings).extract(Article(text="Police in Paris arrested two men.", published="2022-01-19"))
        text.language_scores("Police in Paris arrested two men on Friday.", settings.cache_dir)
    finally:
        for loaded in (dictionary.load_dictionary, _gazetteer, text._identifier):
            loaded.cache_clear()
    assert record.actors
    families = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache").iterdir())
    assert families == [
        "actor-folded-names",
        "actor-layer",
        "actor-tokens",
        "geonames",
        "langid",
        "phoenix",
        "place-names",
    ]
    assert list(home.rglob("*")) == []
