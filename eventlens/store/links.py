"""What an article is linked to when it is written: decided by the ingest flow, written by the store.

The store never analyses: :mod:`eventlens.analyse.ingest_flow` reads what it needs from the store (stored
signatures, candidate stories), asks :mod:`eventlens.analyse` whether the article is a copy and which story it joins,
and hands :meth:`Store.write <eventlens.store.store.Store.write>` the record with these :class:`Links`, which the
store writes with the article's rows in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

#: What writing an article changes in the ``stories`` table.
StoryChangeKind = Literal["new", "grow", "copy", "none"]


@dataclass(frozen=True)
class StoryChange:
    """The story an article joins, and how that story's row changes when the article is written.

    - ``new``: the article starts the story (``label``, ``headline``, ``first_day``, ``features`` are its own);
    - ``grow``: the article joins a stored story, whose row takes the merged ``features``, the new ``label`` and
      the widened ``first_day``/``last_day``, and one more article;
    - ``copy``: a syndicated copy joins its original's story, which counts one more copy;
    - ``none``: the article joins ``story_id`` and the row is left as it is.
    """

    story_id: str
    change: StoryChangeKind
    label: str | None = None
    headline: str | None = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    features: dict[str, Any] | None = None


@dataclass(frozen=True)
class Links:
    """Everything about one article that depends on what is stored already, decided before it is written.

    Attributes:
        signature: the MinHash signature of the text, stored beside the article (to rebuild the copy index).
        features: the article's story profile (JSON-ready), stored with the article.
        story: the story the article joins.
        previous_version: the stored version of the same URL that this article replaces, if any.
        duplicate_of: the first appearance this article is a syndicated copy of (never set with
            ``previous_version``).
        similarity: the estimated similarity to ``duplicate_of``.
    """

    signature: bytes
    features: dict[str, Any]
    story: StoryChange
    previous_version: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class StoredStory:
    """The stored state of a story that a new article may join."""

    features: dict[str, Any]
    headline: str | None
    first_day: dt.date | None
    last_day: dt.date | None


__all__ = ["Links", "StoredStory", "StoryChange", "StoryChangeKind"]
