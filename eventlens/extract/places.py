"""Places resolved to GeoNames ids, countries and coordinates."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class PlacesComponent:
    """Pipeline component ``eventlens_places``: assigns ``doc._.places``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = []
        return doc


@Language.factory("eventlens_places", assigns=["doc._.places"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)


__all__: list[Any] = ["PlacesComponent", "make_places"]
