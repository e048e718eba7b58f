"""eventlens: news in, auditable event data out.

Library use::

    import eventlens
    record = eventlens.extract(open("article.txt").read(), published="2022-01-19")
    record.events[0].type, record.as_dict()          # the record contract (docs/record.md)

    from eventlens import Article, Extractor           # many articles: one pipeline, nlp.pipe batches
    records = Extractor().pipe(Article(text=t, published=d) for t, d in articles)

    db = eventlens.connect("crisis.duckdb")            # a database `eventlens ingest` wrote
    db.events(actor="RUS", types=("ASSAULT",))         # pandas DataFrames: events, quotes, actors

Heavy parts (spaCy, DuckDB) load on first use, so ``import eventlens`` and the CLI start fast.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Settings
from .errors import EventlensError
from .record import Article, ArticleRecord

if TYPE_CHECKING:
    from .export.frames import Database
    from .extract import Extractor

__all__ = [
    "Article",
    "ArticleRecord",
    "Database",
    "EventlensError",
    "Extractor",
    "Settings",
    "__version__",
    "connect",
    "extract",
    "extract_text",
]


def __getattr__(name: str) -> Any:
    # PEP 562: the pipeline (spaCy) and the frames (DuckDB) load when first asked for, not on `import eventlens`.
    if name == "Extractor":
        from .extract import Extractor

        return Extractor
    if name == "Database":
        from .export.frames import Database

        return Database
    raise AttributeError(f"module 'eventlens' has no attribute {name!r}")


@cache
def _extractor(settings: Settings) -> Extractor:
    from .extract import Extractor

    return Extractor(settings)


def extract_text(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> ArticleRecord:
    """Extract one article's record from its text (the pipeline loads once per settings and is reused).

    Args:
        text: the article text; every offset in the record indexes it.
        published: the publication date (ISO ``YYYY-MM-DD``); relative dates ("on Friday") are resolved from it.
        title, source, url: article metadata, kept in the record.
        settings: options (model, dictionaries, lexicons); the defaults otherwise.

    Returns:
        The article's record: events, actors, quotes, places, dates and quantities with their offsets.

    Raises:
        ExtractionFailed: the pipeline failed on this text (the error names the stage).
    """
    article = Article(text=text, published=published, title=title, source=source, url=url)
    return _extractor(settings or Settings()).extract(article)


#: ``eventlens.extract(text, published=...)``: the same function (the name also reaches the ``extract`` package,
#: which answers calls the same way once it is imported).
extract = extract_text


def connect(db: str, *, settings: Settings | None = None) -> Database:
    """Open a database that ``eventlens ingest`` wrote, read-only, for pandas DataFrames of its record.

    Example: ``eventlens.connect("crisis.duckdb").events(types=("ASSAULT",))``
    """
    from .export.frames import Database

    return Database(db, settings=settings)
