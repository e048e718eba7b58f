"""Date expressions normalised against the publication date."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class DatesComponent:
    """Pipeline component ``eventlens_dates``: assigns ``doc._.dates``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = []
        return doc


@Language.factory("eventlens_dates", assigns=["doc._.dates"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


__all__: list[Any] = ["DatesComponent", "make_dates"]
