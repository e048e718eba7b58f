"""The event lexicon is data: forms are generated, bad entries are refused, a user's file extends it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventlens.errors import ConfigError
from eventlens.extract.actors import actor_ref_for_token
from eventlens.extract.events import EventCoder
from eventlens.extract.events.lexicon import load_lexicon, noun_forms, verb_forms
from eventlens.extract.pipeline import make_doc
from eventlens.extract.quantities import magnitude_key
from eventlens.record import Article, Event


@pytest.mark.parametrize(
    ("lemma", "irregular", "forms"),
    [
        ("seize", [], {"seize", "seizes", "seized", "seizing"}),
        ("agree", [], {"agree", "agrees", "agreed", "agreeing"}),
        ("deny", [], {"deny", "denies", "denied", "denying"}),
        ("ban", [], {"ban", "bans", "banned", "banning"}),
        ("expel", [], {"expel", "expels", "expelled", "expelling"}),
        ("push", [], {"push", "pushes", "pushed", "pushing"}),
        ("meet", ["met"], {"meet", "meets", "met", "meeting"}),
    ],
)
def test_verb_forms(lemma: str, irregular: list[str], forms: set[str]) -> None:
    assert forms <= verb_forms(lemma, irregular)


@pytest.mark.parametrize(
    ("noun", "forms"), [("threat", {"threat", "threats"}), ("talks", {"talks"}), ("ally", {"ally", "allies"})]
)
def test_noun_forms(noun: str, forms: set[str]) -> None:
    assert noun_forms(noun) == forms


def test_bundled_lexicon_covers_every_type() -> None:
    lex = load_lexicon()
    types = {e.type for entries in lex.verbs.values() for e in entries if e.is_event}
    assert len(types) == 16
    assert ("COERCE", "seize") in [(e.type, e.mode) for e in lex.verbs["seized"]]
    assert "insistence" in lex.nouns and "non-starters" in lex.predicates


@pytest.mark.parametrize(
    "content",
    ["verbs:\n  smite: SMASH\n", "verbs:\n  smite: 42\n", "- just a list\n", "verbs: [unclosed\n"],
)
def test_bad_user_lexicons_are_refused_with_a_reason(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="lexicon"):
        load_lexicon([str(path)])


def code(extractor: Any, text: str, files: list[str]) -> list[Event]:
    """Events of ``text`` coded with the bundled lexicon plus ``files``, on the session pipeline's parse."""
    doc = extractor.nlp(make_doc(extractor.nlp, Article(text=text, published="2022-01-19")))
    return EventCoder(doc, load_lexicon(files), actor_ref_for_token, magnitude_key).code()


def test_a_user_lexicon_adds_changes_and_removes_entries(extractor: Any, tmp_path: Path) -> None:
    text = "Russia smote Ukraine. France condemned Russia."
    assert [e.type for e in code(extractor, text, [])] == ["ACCUSE"]
    user = tmp_path / "mine.yaml"
    user.write_text(
        "irregular:\n  smite: [smote, smitten]\nverbs:\n  smite: ASSAULT/beat\n  condemn: null\n", encoding="utf-8"
    )
    events = code(extractor, text, [str(user)])
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "beat")]
    assert events[0].actor is not None and events[0].actor.code == "RUS"


def test_a_user_lexicon_adds_factuality_cues(extractor: Any, tmp_path: Path) -> None:
    text = "Analysts mulled a Russian invasion of Ukraine. Russia envisaged an attack on Ukraine."
    user = tmp_path / "cues.yaml"
    user.write_text("factuality:\n  hypothetical_verbs: [envisage]\n", encoding="utf-8")
    facts = [e.factuality for e in code(extractor, text, [str(user)]) if e.type == "ASSAULT"]
    assert facts == ["hypothetical", "hypothetical"]
