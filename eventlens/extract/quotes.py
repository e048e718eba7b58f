"""Direct and indirect quotes with their speakers."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)


class QuotesComponent:
    """Pipeline component ``eventlens_quotes``: assigns ``doc._.quotes``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc


@Language.factory("eventlens_quotes", assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)


__all__: list[Any] = ["QuotesComponent", "make_quotes"]
