"""The trained event classifier (#13 §2): shipped small, loaded from the package, and how its word is taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventlens.config import Settings, settings_from_env
from eventlens.extract.actors import actor_ref_for_token
from eventlens.extract.events import EventCoder
from eventlens.extract.events.classifier import (
    CANDIDATES_KEY,
    MODEL_DIR,
    NONE,
    Judgement,
    TriggerClassifier,
    mention_features,
    shared_classifier,
)
from eventlens.extract.events.lexicon import load_lexicon
from eventlens.extract.pipeline import component_config, make_doc
from eventlens.extract.quantities import magnitude_key
from eventlens.record import Article, Event


def test_the_model_ships_in_the_package_and_is_small() -> None:
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert (MODEL_DIR / "config.cfg") in files
    assert sum(p.stat().st_size for p in files) <= 20 * 1024 * 1024


def test_the_pipeline_loads_it_and_a_setting_turns_it_off(extractor: Any) -> None:
    assert extractor.nlp.get_pipe("eventlens_events").classifier is not None
    assert component_config("eventlens_events", Settings(event_classifier=False)) == {"classifier": False}
    assert settings_from_env({"EVENTLENS_EVENT_CLASSIFIER": "off"}).event_classifier is False


def parsed(extractor: Any, text: str) -> Doc:
    return extractor.nlp(make_doc(extractor.nlp, Article(text=text, published="2022-01-19")))  # type: ignore[no-any-return]


def test_it_judges_each_candidate_with_a_probability_per_type(extractor: Any) -> None:
    doc = parsed(extractor, "Israeli jets bombed Gaza and Hamas fired rockets at Israel.")
    classifier = shared_classifier()
    assert classifier is not None and classifier.usable(doc)
    judged = classifier.judge(doc, [(2, 3, "ASSAULT"), (6, 7, "ASSAULT")])
    assert len(judged) == 2
    for j in judged:
        assert abs(sum(j.probabilities.values()) - 1.0) < 1e-3
        assert set(j.probabilities) >= {"ASSAULT", NONE}
    assert "eventlens_candidates" not in doc.spans


class Fixed:
    """A stand-in classifier that says the same of every candidate."""

    tensor_width = 96

    def __init__(self, best: str, probability: float) -> None:
        self.judgement = Judgement(best, probability, {best: probability})

    def usable(self, doc: Doc) -> bool:
        return True

    def judge(self, doc: Doc, spans: list[tuple[int, int, str]]) -> list[Judgement]:
        return [self.judgement for _ in spans]


def code(extractor: Any, text: str, classifier: Any) -> list[Event]:
    doc = parsed(extractor, text)
    return EventCoder(doc, load_lexicon(), actor_ref_for_token, magnitude_key, classifier).code()


def test_a_sure_no_event_is_dropped_and_an_unsure_one_kept(extractor: Any) -> None:
    text = "Police arrested 20 journalists in Istanbul."
    assert code(extractor, text, Fixed(NONE, 0.99)) == []
    assert [e.type for e in code(extractor, text, Fixed(NONE, 0.3))] == ["COERCE"]


def test_a_sure_other_type_replaces_the_lexicon_type_with_its_mode(extractor: Any) -> None:
    events = code(extractor, "Dock workers announced a strike in Rotterdam.", Fixed("ASSAULT", 0.99))
    assert [(e.type, e.quad) for e in events] == [("ASSAULT", "material_conflict")]
    events = code(extractor, "Dock workers announced a strike in Rotterdam.", Fixed("ASSAULT", 0.2))
    assert [(e.type, e.mode) for e in events] == [("PROTEST", "strike")]


def test_an_entry_that_only_proposes_needs_the_classifier(extractor: Any) -> None:
    text = "Thousands of residents gathered in the main square."
    assert code(extractor, text, None) == []
    assert code(extractor, text, Fixed(NONE, 0.99)) == []
    assert [(e.type, e.mode) for e in code(extractor, text, Fixed("PROTEST", 0.9))] == [("PROTEST", "demo")]


def test_without_the_pinned_models_token_vectors_the_rules_decide(extractor: Any) -> None:
    doc = parsed(extractor, "Police arrested 20 journalists in Istanbul.")
    doc.tensor = doc.tensor[:, :10]
    classifier = shared_classifier()
    assert classifier is not None and not classifier.usable(doc)
    assert [e.type for e in EventCoder(doc, load_lexicon(), actor_ref_for_token, magnitude_key, classifier).code()] == [
        "COERCE"
    ]


def test_a_missing_model_folder_means_no_classifier(tmp_path: Path) -> None:
    assert TriggerClassifier.load(tmp_path) is None


@pytest.mark.parametrize("value", ["yes", "no"])
def test_the_setting_reads_from_the_environment(value: str) -> None:
    assert settings_from_env({"EVENTLENS_EVENT_CLASSIFIER": value}).event_classifier is (value == "yes")


def types(events: list[Event]) -> list[str]:
    return [e.type for e in events]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # an act blamed on or claimed by a party is an event of that party's (docs/annotation.md §3)
        ("The ambush was blamed on separatist fighters.", "ASSAULT"),
        ("A rebel faction claimed responsibility for the shelling.", "ASSAULT"),
        # an act whose occurrence the sentence affirms or denies, and a planned one, keep their factuality (§4)
        ("Valdorian officials do not deny the massacre.", "ASSAULT"),
        ("The envoy plans a trip to Nairobi.", "CONSULT"),
    ],
)
def test_what_the_sentence_makes_an_event_the_model_does_not_drop(extractor: Any, text: str, type_: str) -> None:
    assert type_ in types(code(extractor, text, Fixed(NONE, 0.99)))


class VerbsOnly:
    """A stand-in classifier that takes every verb at the lexicon's word and says no noun is an event."""

    tensor_width = 96

    def usable(self, doc: Doc) -> bool:
        return True

    def judge(self, doc: Doc, spans: list[tuple[int, int, str]]) -> list[Judgement]:
        out = []
        for start, end, rule in spans:
            best = NONE if doc[start:end].root.pos_ == "NOUN" else rule
            out.append(Judgement(best, 0.99, {best: 0.99}))
        return out


def test_a_noun_stands_with_the_verb_whose_object_it_is(extractor: Any) -> None:
    # "providing $30m in aid to Somalia" is one event; the noun holds its recipient
    events = code(extractor, "Norway is providing $30m in emergency aid to Somalia.", VerbsOnly())
    assert [(e.type, e.recipient.code if e.recipient else None) for e in events] == [("AID", "SOM")]
    assert code(extractor, "The aid to Somalia arrived late.", VerbsOnly()) == []


def candidates_features(extractor: Any, text: str) -> list[tuple[str, list[str]]]:
    doc = parsed(extractor, text)
    coder = EventCoder(doc, load_lexicon(), actor_ref_for_token, magnitude_key)
    found = [f for sent in coder.candidates() for f in sent]
    doc.spans[CANDIDATES_KEY] = [SpacySpan(doc, *f.tokens, label=f.entry.type) for f in found]
    feats = mention_features(doc)
    return [(doc[slice(*f.tokens)].text, feats.get(f.tokens, [])) for f in found]


def test_the_model_reads_whether_a_candidate_repeats_an_earlier_one(extractor: Any) -> None:
    got = candidates_features(extractor, "Rebels attacked the town on Monday. The attack killed five people.")
    assert [w for w, _ in got] == ["attacked", "attack", "killed"]
    assert "seen_w" not in got[0][1] and "sent0=True" in got[0][1]
    assert {"seen_w", "seen_t"} <= set(got[1][1]) and "sent0=False" in got[1][1]
    # a headline is no earlier mention: the body names its event again in full
    got = candidates_features(extractor, "Police arrest 20 journalists in Istanbul\n\nPolice arrested them on Monday.")
    assert got == [("arrest", []), ("arrested", ["sent0=True"])]
