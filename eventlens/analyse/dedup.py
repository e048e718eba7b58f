"""Syndicated copies: near-duplicate articles found with MinHash LSH over 5-word shingles (datasketch).

A wire story reprinted by many outlets arrives with a new headline, a byline, a paragraph cut or added. Counting its
events once per copy is GDELT's best-known flaw (one kidnapping counted hundreds of times), so eventlens links each
copy to its first appearance and counts only the original.

How similar is "a copy"? Articles are cut into overlapping 5-word shingles (lower-cased words), and two articles are
compared by the Jaccard index of their shingle sets, estimated from 128-permutation MinHash signatures. Lightly edited
wire copies score about 0.75 (tests/test_dedup_copies.py builds them: changed headline, a paragraph cut, another
byline); two different articles on the same event share well under 0.1 (5-word runs of identical words are rare
outside copying). :data:`THRESHOLD` = 0.5 sits between the two with room for heavier edits. The LSH index only
proposes candidates; each candidate's estimated Jaccard is then checked against the threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Estimated Jaccard similarity of 5-word shingles at or above which an article is a copy of an earlier one.
THRESHOLD = 0.5
#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash permutations: the estimate's standard error is about sqrt(J(1-J)/128) ≈ 0.04 near the threshold.
NUM_PERM = 128
#: Fixed seed: signatures stored in a database must stay comparable across runs and versions.
SEED = 1

_WORD = re.compile(r"\w+", re.UNICODE)


def _scheme() -> dict[str, str]:
    """Pin the hashing scheme where datasketch has one (2.x): signatures stored by one run must be read back by
    the next, and datasketch refuses stored hash values whose scheme is not named."""
    probe = MinHash(num_perm=1, seed=SEED)
    scheme = getattr(probe, "scheme", None)
    return {"scheme": str(scheme)} if scheme else {}


_SCHEME = _scheme()


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``k``-word shingles of ``text`` (lower-cased words; a shorter text is one shingle)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """The exact Jaccard index of two sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def signature(text: str) -> MinHash:
    """The MinHash signature of ``text``'s shingles."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, **_SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    """A signature as bytes, to store next to its article."""
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes())


def from_bytes(data: bytes) -> MinHash:
    """A signature stored by :func:`to_bytes`."""
    values = np.frombuffer(data, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, **_SCHEME)


@dataclass(frozen=True)
class Match:
    """An earlier article this one is a near-copy of."""

    article_id: str
    similarity: float


class DuplicateIndex:
    """An in-memory LSH index of the articles seen so far (rebuilt from stored signatures when a store opens)."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, mh: MinHash) -> None:
        """Index ``article_id`` (adding an id twice is a no-op)."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, mh)
        self._signatures[article_id] = mh

    def remove(self, article_id: str) -> None:
        if article_id in self._signatures:
            self._lsh.remove(article_id)
            del self._signatures[article_id]

    def matches(self, mh: MinHash) -> list[Match]:
        """Indexed articles at or above the threshold, most similar first (ties: the id, for a stable order)."""
        found = []
        for candidate in self._lsh.query(mh):
            similarity = float(mh.jaccard(self._signatures[candidate]))
            if similarity >= self.threshold:
                found.append(Match(str(candidate), similarity))
        return sorted(found, key=lambda m: (-m.similarity, m.article_id))


__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "THRESHOLD",
    "DuplicateIndex",
    "Match",
    "from_bytes",
    "jaccard",
    "shingles",
    "signature",
    "to_bytes",
]
