"""The trained event classifier (#13 §2): shipped small, loaded from the package, and how its word is taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from eventlens.config import Settings, settings_from_env
from eventlens.extract.actors import actor_ref_for_token
from eventlens.extract.events import EventCoder
from eventlens.extract.events.classifier import MODEL_DIR, NONE, Judgement, TriggerClassifier, shared_classifier
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
