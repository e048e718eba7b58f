"""The ingest flow: extract each new article, link it to what is stored, then hand it to the store to write.

One article's way through ``eventlens ingest`` (and ``eventlens load``, and the server's ingest endpoint, which
start at the second step with records already extracted)::

    skip it if stored (same text)  →  extract (eventlens.engines.local)
      →  link (IngestFlow.links: eventlens.analyse.dedup says whether it copies a stored article,
               eventlens.analyse.stories which story it joins, from what the store reads back)
      →  write (Store.write: the article, its rows, its links and its story in one transaction)

The store never analyses: it only reads back what the flow asks for and writes what the flow decided. The flow sits
in ``analyse/`` because that is the lowest layer above both the store and the extraction engines that the web layer
(the ingest endpoint) and the commands may import from.

:func:`ingest` is what ``eventlens ingest`` runs for each pass over its sources. An article already stored (its id
with the same text) is counted as ``unchanged`` before any extraction work is spent on it, so running the same
command again after an interruption only extracts what the interrupted run did not commit.

Ids (#16). An article's id is the hash of its text (:func:`~eventlens.record.text_id`) unless its source gave one.
Only the same id *with the same text* is ``unchanged``. A given id already stored with another text makes a new
version, stored under its content hash and linked to the latest version of that id (as a new text at a stored URL
is). A given id that has the form of a content hash (16 lowercase hex digits) but is not its text's hash is
refused (:class:`~eventlens.errors.IdConflict`): it would take the place of that other text, which could then never
be stored. Refused articles are reported with their reason, like any input that cannot be used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..datetimes import day_of
from ..errors import IdConflict, InputError
from ..record import Article, ArticleRecord, text_id
from ..store import AddResult, Links, Store, StoryChange
from . import stories
from .dedup import DuplicateIndex, Match, Signature, from_bytes, signature, to_bytes

#: The form of a content hash (:func:`~eventlens.record.text_id`): ids of this form are kept for content hashes.
CONTENT_HASH = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class Placement:
    """Where a new article goes: the id it is stored under and the version it replaces (by its id)."""

    article_id: str
    previous_version: str | None = None


class IngestFlow:
    """Adds extracted records to one open, writable store: links each to what is stored, then has it written.

    It keeps the copy index (MinHash LSH) of the store's originals in memory, built from the stored signatures on
    first use and updated as articles are written, so one flow should add all the articles of a run.

    ::

        with Store("crisis.duckdb") as store:
            flow = IngestFlow(store)
            result = flow.add(record)   # AddResult(status="added" | "unchanged" | "new_version" | "duplicate")
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: DuplicateIndex | None = None

    def add(self, record: ArticleRecord) -> AddResult:
        """Link one record to what is stored and write it in one transaction (see :mod:`eventlens.store.store`).

        Raises:
            IdConflict: the record's id cannot be used for its text (see the module docstring); nothing is written.
            StoreError: the database could not be read or written (the article is rolled back, nothing
                half-written).
        """
        placed = self.place(record.article)
        if isinstance(placed, AddResult):
            return dataclasses.replace(placed, events=len(record.events))
        if placed.article_id != record.article.id:
            record = dataclasses.replace(record, article=dataclasses.replace(record.article, id=placed.article_id))
        article = record.article
        index = self._duplicate_index()
        mh = signature(article.text)
        links = self.links(record, mh, previous=placed.previous_version)
        try:
            result = self.store.write(record, links)
        except BaseException:
            self._index = None  # rebuilt from what was committed, should the caller go on
            raise
        if links.previous_version is not None:
            index.remove(links.previous_version)
        index.add(article.id, mh)
        return result

    def place(self, article: Article) -> AddResult | Placement:
        """Whether ``article`` is already stored (an ``unchanged`` result), or the id it is to be stored under and
        the version it replaces. Cheap (no extraction): ``ingest`` asks before extracting.

        Raises:
            IdConflict: the id cannot be used for this text (see the module docstring).
        """
        given, content = article.id, text_id(article.text)
        if given != content and CONTENT_HASH.fullmatch(given):
            raise IdConflict(
                f"article {given}",
                f"the id {given} has the form of a content hash but is not this text's hash ({content}); "
                "ids of 16 lowercase hex digits are kept for content hashes: give another id or none",
            )
        same = self.store.same_text(given, article.text)
        if same:
            return AddResult("unchanged", given)
        if same is None:
            return Placement(given)
        if given == content:
            raise IdConflict(
                f"article {given}",
                f"this text's content hash {given} is already the id of another text (stored under an id given "
                "before eventlens refused such ids); this text is not stored",
            )
        # A given id, stored with another text: a new version of the latest version of that id, under its hash.
        latest = self.store.latest_version(given) or given
        if latest != given and self.store.same_text(latest, article.text):
            return AddResult("unchanged", latest)
        stored = self.store.same_text(content, article.text)
        if stored:
            return AddResult("unchanged", content)
        if stored is not None:
            raise IdConflict(
                f"article {given}", f"a new version of {given} cannot be stored: its hash {content} is another text's"
            )
        return Placement(content, previous_version=latest)

    def links(self, record: ArticleRecord, mh: Signature | None = None, *, previous: str | None = None) -> Links:
        """What ``record`` is linked to among the stored articles: the version it replaces (``previous``, else the
        current version of its URL), the original it copies, the story it joins (``mh``: its signature, when
        already computed)."""
        article = record.article
        mh = signature(article.text) if mh is None else mh
        previous = previous or self.store.current_version_of(article)
        match = self._original(self._duplicate_index().matches(mh), exclude=previous)
        copy_of = match if match is not None and previous is None else None
        profile = stories.profile(record)
        story = self._story(article, profile, original=copy_of.article_id if copy_of else None)
        return Links(
            signature=to_bytes(mh),
            features=profile.as_dict(),
            story=story,
            previous_version=previous,
            duplicate_of=copy_of.article_id if copy_of else None,
            similarity=copy_of.similarity if copy_of else None,
        )

    def _duplicate_index(self) -> DuplicateIndex:
        """The LSH index of stored originals, built from stored signatures on first use."""
        if self._index is None:
            index = DuplicateIndex()
            for article_id, data in self.store.original_signatures():
                index.add(article_id, from_bytes(data))
            self._index = index
        return self._index

    def _original(self, matches: list[Match], *, exclude: str | None) -> Match | None:
        """The first appearance this article copies: the best match, resolved through earlier copy links."""
        for match in matches:
            if match.article_id == exclude:
                continue
            return Match(self.store.duplicate_of(match.article_id) or match.article_id, match.similarity)
        return None

    def _story(self, article: Article, profile: stories.Profile, *, original: str | None) -> StoryChange:
        """The story this article joins (a new one, or a stored one it grows): a copy joins its original's story."""
        if original is not None:
            story_id = self.store.story_of(original)
            if story_id is not None:
                return StoryChange(story_id, "copy")
        day = day_of(article.published)
        candidates = self.store.story_candidates(day, window_days=stories.WINDOW_DAYS, limit=stories.MAX_CANDIDATES)
        found = stories.best_match(profile, [(sid, stories.Profile.from_dict(data)) for sid, data in candidates])
        if found is None:
            return StoryChange(
                f"s{article.id}",
                "new",
                label=stories.label(profile, article.title),
                headline=article.title,
                first_day=day,
                last_day=day,
                features=profile.as_dict(),
            )
        return self._grown(found[0], day, profile)

    def _grown(self, story_id: str, day: dt.date | None, profile: stories.Profile) -> StoryChange:
        stored = self.store.story(story_id)
        if stored is None:
            return StoryChange(story_id, "none")
        merged = stories.Profile.from_dict(stored.features)
        merged.merge(profile)
        days = [d for d in (stored.first_day, day) if d is not None]
        last_days = [d for d in (stored.last_day, day) if d is not None]
        return StoryChange(
            story_id,
            "grow",
            label=stories.label(merged, stored.headline),
            first_day=min(days) if days else None,
            last_day=max(last_days) if last_days else None,
            features=merged.as_dict(),
        )


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
    items: Iterable[Article | InputError], flow: IngestFlow, report: IngestReport, on_error: OnError, progress: Progress
) -> Iterator[Article]:
    """Articles not stored yet; stored ones are counted, failed inputs and refused ids reported."""
    for item in items:
        try:
            if isinstance(item, InputError):
                raise item
            placed = flow.place(item)
        except InputError as error:
            _failed(error, report, on_error)
            progress(report)
            continue
        finally:
            flow.store.release()  # the file is free while the article is extracted (#15)
        if isinstance(placed, AddResult):
            report.unchanged += 1
            progress(report)
        else:
            yield item


def _failed(error: InputError, report: IngestReport, on_error: OnError) -> None:
    report.failures.append(error)
    on_error(error)


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
    flow = IngestFlow(store)
    # The file is held only while an article is checked or written: between articles it is free, and a server
    # reading it (eventlens serve) answers meanwhile (#15).
    store.release()
    fresh = _new_articles(items, flow, report, on_error, progress)
    for result in _extract(fresh, settings, workers):
        if isinstance(result, InputError):
            _failed(result, report, on_error)
        else:
            try:
                outcome = flow.add(result)
            except IdConflict as error:  # the same id came twice in this run, once with another text
                _failed(error, report, on_error)
                progress(report)
                continue
            finally:
                store.release()
            setattr(report, outcome.status, getattr(report, outcome.status) + 1)
            if outcome.status != "unchanged":
                report.events += outcome.events
        progress(report)
    store.release()
    return report


__all__ = ["CONTENT_HASH", "IngestFlow", "IngestReport", "Placement", "ingest"]
