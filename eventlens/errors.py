"""Errors raised by eventlens.

Every error a user can meet derives from :class:`EventlensError`, so a caller can catch one class::

    EventlensError
    ├── ConfigError          a setting, option or user dictionary is invalid
    ├── ModelError           the spaCy pipeline cannot be loaded
    ├── InputError           one input cannot be read or is not usable (reported, the batch goes on)
    │   ├── UnreadableInput  missing file, permission, binary data, broken encoding or compression
    │   ├── TooLargeInput    over the size limits (``max_bytes``/``max_chars``)
    │   ├── NotEnglish       the text is in another language
    │   ├── FetchFailed      a URL could not be fetched (network, status, robots.txt, blocked address)
    │   ├── IdConflict       the article's id cannot be used for its text (it would shadow another text)
    │   └── ExtractionFailed the extractor failed on one article (reported, the batch goes on)
    ├── StoreError           the database cannot be opened or written (locked, corrupt, disk full)
    └── QueryError           a query or filter is invalid
"""

from __future__ import annotations


class EventlensError(Exception):
    """Base class of every error eventlens raises on purpose."""


class ConfigError(EventlensError):
    """A setting, option or user dictionary is invalid."""


class ModelError(EventlensError):
    """The spaCy pipeline cannot be loaded."""


class InputError(EventlensError):
    """One input cannot be used. ``source`` names it (a path, URL or ``path:line``)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    """Missing file, no permission, binary data, undecodable text or broken compression."""


class TooLargeInput(InputError):
    """The input is over the configured size limits."""


class NotEnglish(InputError):
    """The text is not in English (the only language the extractor reads)."""


class FetchFailed(InputError):
    """A URL could not be fetched: network error, HTTP status, robots.txt or a blocked address."""


class IdConflict(InputError):
    """An article's id cannot be used for its text: the id has the form of a content hash but is not its text's
    hash, or the id is already another text's (a database written before eventlens refused such ids). The article
    is refused with this reason; it is never counted as already stored."""


class StoreError(EventlensError):
    """The database cannot be opened or written."""


class QueryError(EventlensError):
    """A query or filter is invalid."""


class ExtractionFailed(InputError):
    """The extractor failed on one article (a bug worth reporting); the rest of the batch goes on."""
