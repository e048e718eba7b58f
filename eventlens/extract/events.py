"""PLOVER 2.0 events: who did what to whom, with factuality, date, place and magnitude."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class EventsComponent:
    """Pipeline component ``eventlens_events``: assigns ``doc._.events``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc


@Language.factory("eventlens_events", assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)


__all__: list[Any] = ["EventsComponent", "make_events"]
