"""Articles into the store: skip what is stored, extract the rest, write each article in one transaction.

:func:`ingest` is what ``eventlens ingest`` runs for each pass over its sources. An article whose id (the hash of
its text) is already stored is counted as ``unchanged`` before any extraction work is spent on it, so running the
same command again after an interruption only extracts what the interrupted run did not commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import InputError
from ..record import Article, ArticleRecord
from .store import Store


@dataclass
class IngestReport:
    """What one pass did: articles by outcome, and the inputs that failed (each with its reason)."""

    added: int = 0
    new_version: int = 0
    duplicate: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> int:
        """Articles that are now in the store (whether this pass wrote them or found them there)."""
        return self.added + self.new_version + self.duplicate + self.unchanged

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.new_version} new versions, {self.duplicate} syndicated copies, "
            f"{self.unchanged} already stored, {self.failed} failed; {self.events} events extracted"
        )


#: Called after each article or failure with the report so far (for progress bars).
Progress = Callable[[IngestReport], None]
#: Called with each input that failed (for one-line reports as they happen).
OnError = Callable[[InputError], None]


def _new_articles(
    items: Iterable[Article | InputError], store: Store, report: IngestReport, on_error: OnError, progress: Progress
) -> Iterator[Article]:
    """Articles not stored yet; stored ones are counted, failed inputs reported."""
    for item in items:
        if isinstance(item, InputError):
            report.failures.append(item)
            on_error(item)
            progress(report)
        elif store.has_article(item.id):
            report.unchanged += 1
            progress(report)
        else:
            yield item


def _extract(articles: Iterable[Article], settings: Settings, workers: int) -> Iterator[ArticleRecord | InputError]:
    from ..engines.local import extract_records

    yield from extract_records(articles, settings, workers=workers)


def ingest(
    items: Iterable[Article | InputError],
    store: Store,
    settings: Settings,
    *,
    workers: int = 1,
    on_error: OnError = lambda error: None,
    progress: Progress = lambda report: None,
) -> IngestReport:
    """Extract and store every new article of ``items``; return what happened.

    Args:
        items: articles and input errors, as :func:`eventlens.ingest.sources.read_sources` yields them.
        store: an open, writable store.
        settings: extraction settings.
        workers: extraction processes (0: one per core, 1: this process).
        on_error: called with each input that could not be read or extracted (the pass goes on).
        progress: called after each article.

    Raises:
        StoreError: the database could not be written (disk full, …); what was committed before stays.
    """
    report = IngestReport()
    fresh = _new_articles(items, store, report, on_error, progress)
    for result in _extract(fresh, settings, workers):
        if isinstance(result, InputError):
            report.failures.append(result)
            on_error(result)
        else:
            outcome = store.add(result)
            setattr(report, outcome.status, getattr(report, outcome.status) + 1)
            if outcome.status != "unchanged":
                report.events += outcome.events
        progress(report)
    return report


__all__ = ["IngestReport", "ingest"]
