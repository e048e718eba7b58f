"""People, states, organisations and groups, resolved to codes and sectors."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class ActorsComponent:
    """Pipeline component ``eventlens_actors``: assigns ``doc._.actors``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = []
        return doc


@Language.factory("eventlens_actors", assigns=["doc._.actors"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)


__all__: list[Any] = ["ActorsComponent", "make_actors"]
