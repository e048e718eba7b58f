"""Numbers with their qualifier, unit and the noun they count."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class QuantitiesComponent:
    """Pipeline component ``eventlens_quantities``: assigns ``doc._.quantities``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = []
        return doc


@Language.factory("eventlens_quantities", assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name)


__all__: list[Any] = ["QuantitiesComponent", "make_quantities"]
