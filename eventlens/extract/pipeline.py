"""Building the pipeline and running it over articles.

The pipeline is the base spaCy model (tokens, sentences, entities, parse) followed by eventlens's own registered
components, in ``COMPONENTS`` order. Each reads and writes ``Doc`` extensions (see :mod:`.extensions`), so a stage can
be inspected (``nlp.pipe_names``) and tested on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Settings
from ..errors import ExtractionFailed
from ..model import load_model
from ..record import Article, ArticleRecord
from ..resources import no_gc
from . import actors, dates, events, places, quantities, quotes  # noqa: F401  (registers the components)
from .headings import mark_headings

log = logging.getLogger(__name__)

#: eventlens components, in the order they run.
COMPONENTS = (
    "eventlens_actors",
    "eventlens_places",
    "eventlens_dates",
    "eventlens_quantities",
    "eventlens_quotes",
    "eventlens_events",
)


#: Which settings each component's config takes, as {config key: Settings field}: the one table that ties the
#: options object to the factories' configs (a component missing here takes its defaults).
COMPONENT_SETTINGS: dict[str, dict[str, str]] = {
    "eventlens_actors": {"extra_files": "actor_files", "cache_dir": "cache_dir"},
    "eventlens_places": {"cache_dir": "cache_dir"},
    "eventlens_events": {"lexicon_files": "lexicon_files", "classifier": "event_classifier"},
}


def component_config(name: str, settings: Settings) -> dict[str, Any]:
    """The config a component gets from the settings (only values that differ from its defaults)."""
    config: dict[str, Any] = {}
    for key, field in COMPONENT_SETTINGS.get(name, {}).items():
        value = getattr(settings, field)
        if value or isinstance(value, bool):  # a switch is passed either way; an empty list is the default
            config[key] = list(value) if isinstance(value, tuple) else value
    return config


def build_nlp(settings: Settings | None = None) -> Any:
    """Load the base model and add eventlens's components to it."""
    settings = settings or Settings()
    with no_gc():  # the components load their data as many small objects: collecting meanwhile finds nothing
        nlp = load_model(settings.model)
        nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
        for name in COMPONENTS:
            nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` for ``article``, carrying what components need to know about it."""
    doc = mark_headings(nlp.make_doc(article.text))  # before the parser, which keeps the sentence starts it is given
    doc._.published = article.published
    return doc


def to_record(doc: Doc, article: Article) -> ArticleRecord:
    """Collect what the components assigned into the record contract."""
    return ArticleRecord(
        article=article,
        actors=list(doc._.actors or []),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
        places=list(doc._.places or []),
        dates=list(doc._.dates or []),
        quantities=list(doc._.quantities or []),
    )


class Extractor:
    """Turns articles into records with one loaded pipeline.

    Example:
        >>> extractor = Extractor()
        >>> record = extractor.extract(Article(text="Russia attacked Ukraine on Friday.", published="2022-02-25"))
    """

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else build_nlp(self.settings)

    def extract(self, article: Article) -> ArticleRecord:
        """Extract one article's record (exceptions propagate)."""
        doc = self.nlp(make_doc(self.nlp, article))
        return to_record(doc, article)

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[ArticleRecord | ExtractionFailed]:
        """Extract articles in batches, in input order, streaming.

        An article whose extraction raises is yielded as :class:`ExtractionFailed` and the rest go on.
        """
        size = batch_size or self.settings.batch_size
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[ArticleRecord | ExtractionFailed]:
        """Parse the batch with spaCy's own stages, then run eventlens's stages one article at a time.

        A failing eventlens stage costs only its own article: the others keep the parse already made (running the
        whole batch again, one by one, would parse every article twice).
        """
        own = [name for name in COMPONENTS if name in self.nlp.pipe_names]
        try:
            with self.nlp.select_pipes(disable=own):
                docs = list(self.nlp.pipe(make_doc(self.nlp, a) for a in batch))
        except Exception:  # a spaCy stage failed on some article: parse one by one to find it
            log.debug("batch failed, retrying its %d articles one by one", len(batch), exc_info=True)
            for article in batch:
                try:
                    yield self.extract(article)
                except Exception as e:
                    yield _failure(article, e)
            return
        stages = [(name, self.nlp.get_pipe(name)) for name in own]
        for doc, article in zip(docs, batch, strict=True):
            yield _run_stages(doc, article, stages)


def _run_stages(doc: Doc, article: Article, stages: list[tuple[str, Any]]) -> ArticleRecord | ExtractionFailed:
    """Run eventlens's stages on one parsed article; a failing stage is named in the failure, as spaCy's
    ``Language.__call__`` names the component in its errors (E005)."""
    for name, stage in stages:
        try:
            doc = stage(doc)
        except Exception as e:
            log.debug("stage %s failed on %s", name, article.id, exc_info=True)
            return _failure(article, e, stage=name)
    return to_record(doc, article)


def _failure(article: Article, error: Exception, *, stage: str | None = None) -> ExtractionFailed:
    """The failure reported for ``article`` (``stage``: the eventlens component that raised, when known)."""
    where = f" in {stage}" if stage is not None else ""
    return ExtractionFailed(article.id, f"extraction failed{where}: {type(error).__name__}: {error}")
