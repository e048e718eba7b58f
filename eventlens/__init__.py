"""eventlens: news in, auditable event data out.

Library use::

    from eventlens import Article, Extractor
    record = Extractor().extract(Article(text=open("article.txt").read(), published="2022-01-19"))
    record.as_dict()   # the record contract (DESIGN.md)
"""

from __future__ import annotations

from ._version import __version__
from .config import Settings
from .errors import EventlensError
from .extract import Extractor
from .record import Article, ArticleRecord

__all__ = ["Article", "ArticleRecord", "EventlensError", "Extractor", "Settings", "__version__"]
