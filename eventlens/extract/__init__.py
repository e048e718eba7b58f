"""Extraction: one spaCy pipeline whose eventlens components turn an article into an :class:`ArticleRecord`.

One subpackage per stage, in the order the stages run (each registers its factory in its ``__init__``):
``actors/``, ``places/``, ``dates/``, ``quantities/``, ``quotes/``, ``events/``. :mod:`.pipeline` builds the
``Language`` and runs it over articles (:class:`Extractor`); :mod:`.extensions` lists the ``Doc`` extensions the
stages hand their results on in; :mod:`.syntax` holds the dependency labels and word lists several stages share.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ..record import ArticleRecord
from .pipeline import COMPONENTS, Extractor, build_nlp

__all__ = ["COMPONENTS", "Extractor", "build_nlp"]


class _CallablePackage(types.ModuleType):
    """``eventlens.extract`` is both this package and the one-call function of the package face.

    Python rebinds ``eventlens.extract`` to this package once it is imported (it always is once a pipeline runs), so
    the package answers a call the way :func:`eventlens.extract` does: ``eventlens.extract(text, published=...)``
    keeps working in a notebook, before and after.
    """

    def __call__(self, text: str, **options: Any) -> ArticleRecord:
        from .. import extract_text

        return extract_text(text, **options)


sys.modules[__name__].__class__ = _CallablePackage
